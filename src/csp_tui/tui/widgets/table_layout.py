"""What a virtual table shows, and how a text is fitted to a column.

The table's model — its columns (:class:`Column`), cells with a tone (:class:`Cell`) and the
source its rows come from (:class:`RowSource`) — and the pure functions that share a width
among the columns and crop a text to a cell, in cells rather than characters (wide glyphs
count twice). The widget that scrolls and draws them is ``virtual_table.py``.
"""


from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from rich.cells import cell_len, set_cell_size

from csp_tui.domain.text import fold

ELLIPSIS = "…"
CellTone = Literal["", "muted", "warning", "error", "success", "accent"]


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell with a tone (drawn with the matching component style)."""

    text: str
    tone: CellTone = ""


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int  # the minimum width in cells
    flex: int = 0  # share of the spare width
    align: Literal["left", "right"] = "left"
    priority: int = 0  # when the table is too narrow, the highest numbers go first
    max_width: int | None = None
    #: A flexible column narrower than this gets the room of the columns that ``yields``
    #: (highest ``priority`` first): the text that tells rows apart (a product name) before
    #: a column the peek line and the detail show anyway.
    preferred: int | None = None
    yields: bool = False
    #: Where a text too long for the column is cut: at its end, or in its middle (paths:
    #: ``/v1/customers/af96a…/relationships`` keeps what tells two calls apart).
    crop: Literal["end", "middle"] = "end"


class RowSource(Protocol):
    """Where a table's rows come from (see ``tui/sources.py``)."""

    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int) -> Sequence[Any]: ...

    def index_of(self, key: Hashable) -> int | None: ...

    def key(self, row: Any) -> Hashable: ...

    def cells(self, row: Any) -> Sequence[str | Cell]: ...


class EmptySource:
    def count(self) -> int:
        return 0

    def fetch(self, offset: int, limit: int) -> Sequence[Any]:
        return []

    def index_of(self, key: Hashable) -> int | None:
        return None

    def key(self, row: Any) -> Hashable:
        return None

    def cells(self, row: Any) -> Sequence[str | Cell]:
        return []


def fit(text: str, width: int, align: str = "left") -> str:
    """Exactly ``width`` cells: cropped with an ellipsis, padded on the aligned side."""
    if width <= 0:
        return ""
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + ELLIPSIS
    if align == "right":
        return " " * (width - length) + text
    return text + " " * (width - length)


def fit_middle(text: str, width: int) -> str:
    """Exactly ``width`` cells, a text too long cut in its middle: ``/v1/cust…/relationships``."""
    if width < 5 or cell_len(text) <= width:
        return fit(text, width)
    tail = (width - 1) // 2
    head = width - 1 - tail
    start = set_cell_size(text, head)
    end = text[len(text) - tail:]
    while cell_len(end) > tail:
        end = end[1:]
    return fit(start + ELLIPSIS + end, width)


def fit_match(text: str, width: int, needle: str, align: str = "left") -> str:
    """Like :func:`fit`, but a cropped cell whose filter match (``needle``, folded) falls in
    the cut-off part shows the part around the match instead: ``…Business Premium (no…``."""
    if not needle or width < 4 or cell_len(text) <= width:
        return fit(text, width, align)
    whole = fold(text)
    at = whole.find(needle)
    if at < 0:
        return fit(text, width, align)
    if len(whole) == len(text) and cell_len(text[:at + len(needle)]) <= width - 1:
        # One folded character per character (no "ß" -> "ss"): the match is where it was
        # found, and in the visible part already. Folding character by character, below, is
        # the slow path for the rest (a cell drawn on every filter key).
        return fit(text, width, align)
    starts: list[int] = []
    folded = ""
    for char in text:
        starts.append(len(folded))
        folded += fold(char)
    at = folded.find(needle)
    if at < 0:
        return fit(text, width, align)
    first = max(i for i, start in enumerate(starts) if start <= at)
    end = next((i for i, start in enumerate(starts) if start >= at + len(needle)), len(text))
    if cell_len(text[:end]) <= width - 1:
        return fit(text, width, align)  # the match is in the visible part already
    begin = first
    # Room for both ellipses, and as much as fits before the match.
    while begin > 0 and cell_len(text[begin - 1:end]) <= width - 2:
        begin -= 1
    return ELLIPSIS + fit(text[begin:], width - 1)


def sorted_title(title: str, arrow: str, room: int) -> str:
    """A sorted column's title with its arrow in ``room`` cells: the arrow says the order, so
    the title gives way to it, never the reverse ("Subs ↑" in 4 cells is "Sub↑", not "Sub…")."""
    if cell_len(title) + 2 <= room:
        return f"{title} {arrow}"
    return set_cell_size(title, max(0, room - 1)).rstrip() + arrow


def layout_columns(columns: Sequence[Column], width: int, gap: int = 1) -> list[tuple[int, int]]:
    """(column index, width) for the columns that fit in ``width``.

    Columns are dropped by descending ``priority`` until the minimum widths fit, and columns
    that ``yield`` further while a column with a ``preferred`` width is narrower than that;
    the spare space goes to flexible columns in proportion to ``flex``.
    """
    chosen = list(range(len(columns)))

    def needed(indexes: list[int]) -> int:
        return sum(columns[i].width for i in indexes) + gap * max(0, len(indexes) - 1)

    while len(chosen) > 1 and needed(chosen) > width:
        worst = max(chosen, key=lambda i: (columns[i].priority, i))
        if columns[worst].priority == 0:
            break
        chosen.remove(worst)
    widths = _share(columns, chosen, width, gap)
    while True:
        short = [i for i in chosen
                 if (preferred := columns[i].preferred) and widths[i] < preferred]
        droppable = [i for i in chosen if columns[i].yields and columns[i].priority]
        if not short or not droppable:
            break
        worst = max(droppable, key=lambda i: (columns[i].priority, i))
        chosen.remove(worst)
        widths = _share(columns, chosen, width, gap)
    return [(i, widths[i]) for i in chosen]


def _share(columns: Sequence[Column], chosen: list[int], width: int, gap: int
           ) -> dict[int, int]:
    """Widths of the ``chosen`` columns: each its minimum, the spare room to flexible ones."""

    def needed(indexes: list[int]) -> int:
        return sum(columns[i].width for i in indexes) + gap * max(0, len(indexes) - 1)

    widths = {i: columns[i].width for i in chosen}
    spare = max(0, width - needed(chosen))
    flexible = [i for i in chosen if columns[i].flex]
    while spare and flexible:
        total_flex = sum(columns[i].flex for i in flexible)
        given = 0
        for i in flexible:
            share = max(1, spare * columns[i].flex // total_flex)
            limit = columns[i].max_width
            if limit is not None:
                share = min(share, max(0, limit - widths[i]))
            share = min(share, spare - given)
            widths[i] += share
            given += share
        spare -= given
        flexible = [i for i in flexible
                    if (most := columns[i].max_width) is None or widths[i] < most]
        if given == 0:
            break
    if chosen and needed(chosen) > width:
        # Still too wide with only essential columns: shrink the widest flexible one.
        widest = max(chosen, key=lambda i: widths[i])
        widths[widest] = max(1, widths[widest] - (sum(widths.values())
                                                   + gap * (len(chosen) - 1) - width))
    return widths
