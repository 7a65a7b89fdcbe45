"""A table that renders only what is on screen, for lists of any length.

A Line-API ``ScrollView``: the scrollbar spans every row of the list, but rows are fetched from
a :class:`RowSource` (SQL: ``csp_tui.db.reads``, where a window costs the same at any position)
in a window around the viewport, and each line is rendered on demand and kept in an LRU cache
of strips. Rows are keyed: after the data, the
filter or the sort changes, :meth:`VirtualTable.reload` re-queries the window, keeps the cursor
on the same key at the same place on screen, and repaints only the lines that changed.

Cell text is remote data: it is made safe (no control characters) and drawn as plain
segments, never parsed as markup. Columns, cells and how a text fits a column are in
``table_layout.py``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Hashable, Sequence
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from csp_tui.domain.text import fold, safe_text
from csp_tui.services.session import CONSOLE_BUSY_RETRY_SECONDS, database_busy
from csp_tui.tui.bindings import TranslatedBindings, bindings
from csp_tui.tui.widgets.table_layout import (
    Cell,
    Column,
    EmptySource,
    RowSource,
    fit,
    fit_match,
    fit_middle,
    layout_columns,
    sorted_title,
)

_UNSET = object()


class VirtualTable(TranslatedBindings, ScrollView, can_focus=True, inherit_bindings=False):
    """A keyed, windowed table over a :class:`RowSource`."""

    WINDOW = 200
    PADDING = 1

    BINDINGS: ClassVar[list[BindingType]] = bindings("table")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--muted",
        "virtual-table--warning",
        "virtual-table--error",
        "virtual-table--success",
        "virtual-table--accent",
        "virtual-table--empty",
    }

    DEFAULT_CSS = """
    VirtualTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        color: $foreground;
        scrollbar-size-vertical: 1;
        & > .virtual-table--header { text-style: bold; color: $text-muted; background: $panel; }
        /* Not the theme's blurred cursor: most themes draw it in the same colour as the
           focused one (only bold differs), and the cursor row is how a person sees which
           list has the keys. */
        & > .virtual-table--cursor {
            background: $primary-muted;
            color: $text;
        }
        &:focus > .virtual-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .virtual-table--muted { color: $text-muted; }
        & > .virtual-table--warning { color: $text-warning; }
        & > .virtual-table--error { color: $text-error; }
        & > .virtual-table--success { color: $text-success; }
        & > .virtual-table--accent { color: $text-accent; }
        & > .virtual-table--empty { color: $text-muted; text-style: italic; }
    }
    """

    class CursorMoved(Message):
        """The row under the cursor changed (``key`` None: the table is empty)."""

        def __init__(self, table: VirtualTable, key: Hashable | None, row: Any) -> None:
            super().__init__()
            self.table = table
            self.key = key
            self.row = row

        @property
        def control(self) -> VirtualTable:
            return self.table

    class Activated(Message):
        """A row was chosen with the mouse (double click); ``enter`` is a pane binding."""

        def __init__(self, table: VirtualTable, key: Hashable, row: Any) -> None:
            super().__init__()
            self.table = table
            self.key = key
            self.row = row

        @property
        def control(self) -> VirtualTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        source: RowSource | None = None,
        *,
        empty_text: str = "",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._columns = list(columns)
        self._source: RowSource = source or EmptySource()
        self.empty_text = empty_text
        self.sort_column: str | None = None
        self.sort_descending = False
        self._count = 0
        self._cursor = 0
        self._window_offset = 0
        self._window: list[Any] = []
        self._window_valid = False
        self._strips: LRUCache[tuple[Any, ...], Strip] = LRUCache(1024)
        self._match = ""  # the filter, folded: a cropped cell shows where it matched
        self._layout: tuple[int, list[tuple[int, int]]] | None = None
        self._last_key: object = _UNSET
        self._loaded = False
        #: How many rows were read from the source, in how many queries (tests assert that a
        #: big list is only ever read a window at a time).
        self.fetched_rows = 0
        self.fetch_calls = 0

    # ---------------------------------------------------------------- public state

    @property
    def row_count(self) -> int:
        return self._count

    @property
    def cursor_index(self) -> int:
        return self._cursor

    @property
    def cursor_row(self) -> Any | None:
        if not self._count:
            return None
        return self._row_at(self._cursor)

    @property
    def cursor_key(self) -> Hashable | None:
        row = self.cursor_row
        return None if row is None else self._source.key(row)

    @property
    def source(self) -> RowSource:
        return self._source

    @property
    def columns(self) -> list[Column]:
        return self._columns

    def set_columns(self, columns: Sequence[Column]) -> None:
        self._columns = list(columns)
        self._layout = None
        self._strips.clear()
        self.refresh()

    def set_match(self, text: str) -> None:
        """The live filter's text: cells cut short show the part that matched it."""
        needle = fold(text.strip())
        if needle != self._match:
            self._match = needle
            self._strips.clear()
            self.refresh()

    def cut_cells(self, row: Any) -> list[tuple[str, str]]:
        """(column title, whole text) of the cells of ``row`` that the layout hides or cuts
        short, in column order: what the peek line under a list shows for the cursor row."""
        width = self.scrollable_content_region.width
        shown = dict(self._columns_for(width)) if width > 0 else {}
        cells = self._source.cells(row)
        cut: list[tuple[str, str]] = []
        for index, column in enumerate(self._columns):
            value = cells[index] if index < len(cells) else ""
            text = safe_text(value.text if isinstance(value, Cell) else value)
            if not text.strip() or not column.title.strip():
                continue
            if index not in shown or cell_len(text) > shown[index]:
                cut.append((column.title, text))
        return cut

    def set_sort(self, column: str | None, descending: bool) -> None:
        """Which column the header marks as sorted (the source does the sorting)."""
        self.sort_column = column
        self.sort_descending = descending
        self.refresh(Region(0, 0, self.size.width, 1))

    def set_source(self, source: RowSource, *, keep_cursor: bool = True,
                   first_window: bool = False) -> None:
        """Show another query (new filter, sort or scope); the cursor stays on its row if
        that row is still in the list.

        ``first_window``: the cursor's row is looked for only among the first rows, and the
        cursor goes to the first row when it is not there (a new filter: the matches are
        what the user wants to see, and finding the old row elsewhere costs a query)."""
        key = self.cursor_key if keep_cursor and self._loaded else None
        self._source = source
        self._reload(key, keep_screen_row=keep_cursor, first_window=first_window)

    def reload(self) -> None:
        """The data changed: re-query, keep the cursor on the same key, repaint changes."""
        self._reload(self.cursor_key if self._loaded else None, keep_screen_row=True)

    def move_cursor(self, index: int) -> None:
        if not self._count:
            return
        self._set_cursor(max(0, min(self._count - 1, index)))

    def invalidate(self) -> None:
        """Forget rendered lines (e.g. time-dependent cells after the clock moved on)."""
        self._strips.clear()
        self.refresh()

    # ---------------------------------------------------------------- data window

    @property
    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _fetch_around(self, index: int, size: int | None = None) -> None:
        visible = self._visible_rows
        size = size or self.WINDOW
        offset = max(0, index - (size - visible) // 2)
        offset = min(offset, max(0, self._count - size))
        rows = list(self._source.fetch(offset, size))
        self.fetch_calls += 1
        self.fetched_rows += len(rows)
        self._window_offset = offset
        self._window = rows
        self._window_valid = True

    def _row_at(self, index: int) -> Any | None:
        if index < 0 or index >= self._count:
            return None
        position = index - self._window_offset
        if not self._window_valid or not 0 <= position < len(self._window):
            try:
                self._fetch_around(index)
            except sqlite3.OperationalError as error:
                if not database_busy(error):
                    raise
                # Another process holds the database: a blank line now, drawn again shortly.
                self.set_timer(CONSOLE_BUSY_RETRY_SECONDS, self.invalidate)
                return None
            position = index - self._window_offset
            if not 0 <= position < len(self._window):
                return None
        return self._window[position]

    def _visible_snapshot(self) -> list[Any]:
        top = self.scroll_offset.y
        return [self._row_at(i) for i in range(top, min(self._count, top + self._visible_rows))]

    def _reload(self, key: Hashable | None, *, keep_screen_row: bool,
                first_window: bool = False) -> None:
        before_rows = self._visible_snapshot() if self._loaded else None
        before_top = self.scroll_offset.y
        before_count = self._count
        screen_row = self._cursor - before_top if keep_screen_row else 0

        self._count = self._source.count()
        self._window_valid = False
        self._window = []
        new_index: int | None = None
        if key is not None and self._count:
            # Usually the row is still near where it was: look in the fresh window first and
            # only ask the source (a counting query) when it moved further.
            if first_window and getattr(self._source, "small_first_window", False):
                # A new filter over a list read by rowid: the rows on screen and a page more,
                # not a whole window (a quarter of the key's work on 100,000 subscriptions);
                # scrolling on reads the rest. (A list read by walking an index keeps the
                # whole window: its plan is chosen for that size, see db/reads.ListQuery.rows.)
                self._fetch_around(0, min(self.WINDOW, 2 * self._visible_rows + 8))
            else:
                self._fetch_around(0 if first_window else min(self._cursor, self._count - 1))
            for position, row in enumerate(self._window):
                if self._source.key(row) == key:
                    new_index = self._window_offset + position
                    break
            if new_index is None and not first_window:
                new_index = self._source.index_of(key)
        if new_index is None:
            keep = keep_screen_row and key is not None and not first_window
            new_index = min(self._cursor, self._count - 1) if keep else 0
        self._cursor = max(0, new_index)
        self._loaded = True

        self._size_for_rows()
        top = max(0, min(self._cursor - max(0, screen_row), self._count - self._visible_rows))
        if top != before_top:
            self.scroll_to(y=top, animate=False, immediate=True)
        self._strips.clear()
        after_rows = self._visible_snapshot()
        if before_rows is None or top != before_top or before_count != self._count:
            self.refresh()
        else:
            self._refresh_changed(before_rows, after_rows, top)
        self._announce()

    def _size_for_rows(self) -> None:
        """The scrollable size for the row count (plus the header line).

        Setting ``virtual_size`` lays out the whole screen. That is only needed when the
        vertical scrollbar appears or disappears (it takes a column); otherwise, as on most
        filter keystrokes, the scrollbar's range is updated in place."""
        size = Size(self.scrollable_content_region.width, self._count + 1)
        if size == self.virtual_size:
            return
        height = self.container_size.height
        scrollbar_stays = (self.virtual_size.height > height) == (size.height > height)
        if not (self._loaded and scrollbar_stays and size.width == self.virtual_size.width):
            self.virtual_size = size
            return
        self.set_reactive(VirtualTable.virtual_size, size)
        self._scroll_update(size)

    def _refresh_changed(self, before: list[Any], after: list[Any], top: int) -> None:
        width = self.size.width
        for offset in range(max(len(before), len(after))):
            old = before[offset] if offset < len(before) else None
            new = after[offset] if offset < len(after) else None
            if old != new:
                self.refresh(Region(0, offset + 1, width, 1))
        # The cursor line depends on the cursor too (it may have moved to another key).
        self.refresh(Region(0, self._cursor - top + 1, width, 1))

    def _announce(self) -> None:
        key = self.cursor_key
        if key != self._last_key:
            self._last_key = key
            self.post_message(self.CursorMoved(self, key, self.cursor_row))

    # ---------------------------------------------------------------- cursor & scrolling

    def _set_cursor(self, index: int) -> None:
        old = self._cursor
        self._cursor = index
        top = self.scroll_offset.y
        visible = self._visible_rows
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + visible:
            self.scroll_to(y=index - visible + 1, animate=False, immediate=True)
        top_now = self.scroll_offset.y
        width = self.size.width
        for row in (old, index):
            self.refresh(Region(0, row - top_now + 1, width, 1))
        self._announce()

    def action_cursor_up(self) -> None:
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self._cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self._cursor - self._visible_rows)

    def action_page_down(self) -> None:
        self.move_cursor(self._cursor + self._visible_rows)

    def action_first_row(self) -> None:
        self.move_cursor(0)

    def action_last_row(self) -> None:
        self.move_cursor(self._count - 1)

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = self.scroll_offset.y + offset.y - 1
        if 0 <= index < self._count:
            self.move_cursor(index)
            if event.chain >= 2:
                row = self.cursor_row
                self.post_message(self.Activated(self, self._source.key(row), row))

    def _on_focus(self, event: events.Focus) -> None:
        self._strips.clear()
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self._strips.clear()
        self.refresh()

    def _on_resize(self, event: events.Resize) -> None:
        self._layout = None
        self._strips.clear()
        if self._loaded:
            self._size_for_rows()
            visible = self._visible_rows
            top = self.scroll_offset.y
            if self._cursor >= top + visible:
                self.scroll_to(y=self._cursor - visible + 1, animate=False, immediate=True)

    def on_mount(self) -> None:
        if not self._loaded:
            self.call_after_refresh(self._first_load)

    def _first_load(self) -> None:
        if not self._loaded:
            self._reload(None, keep_screen_row=False)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # ---------------------------------------------------------------- rendering

    def _columns_for(self, width: int) -> list[tuple[int, int]]:
        if self._layout is None or self._layout[0] != width:
            self._layout = (width, layout_columns(self._columns, max(1, width - self.PADDING)))
        return self._layout[1]

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"virtual-table--{name}", partial=True)

    def _strip(self, texts: Sequence[str | Cell], width: int, row_style: Style,
               tones: bool, match: str = "") -> Strip:
        segments = [Segment(" " * self.PADDING, row_style)]
        for position, (index, column_width) in enumerate(self._columns_for(width)):
            if position:
                segments.append(Segment(" ", row_style))
            given = texts[index] if index < len(texts) else ""
            value, tone = (given.text, given.tone) if isinstance(given, Cell) else (given, "")
            style = row_style + self._style(tone) if tones and tone else row_style
            column = self._columns[index]
            text = safe_text(value)
            if column.crop == "middle" and not (match and match in fold(text)):
                cell = fit_middle(text, column_width)
            else:
                cell = fit_match(text, column_width, match, column.align)
            segments.append(Segment(cell, style))
        return Strip(segments).adjust_cell_length(width, row_style)

    def _header(self, width: int) -> Strip:
        key = ("header", width, self.sort_column, self.sort_descending)
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        titles: list[str] = []
        shown = dict(self._columns_for(width))
        for index, column in enumerate(self._columns):
            title = column.title
            if column.key == self.sort_column:
                arrow = "↓" if self.sort_descending else "↑"
                title = sorted_title(title, arrow, shown.get(index, cell_len(title) + 2))
            titles.append(title)
        strip = self._strip(titles, width, self.rich_style + self._style("header"), False)
        self._strips[key] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header(width)
        if not self._count:
            if y == 2 and self.empty_text:
                text = fit(" " * self.PADDING + safe_text(self.empty_text), width)
                return Strip([Segment(text, base + self._style("empty"))], width)
            return Strip.blank(width, base)
        index = self.scroll_offset.y + y - 1
        if index >= self._count:
            return Strip.blank(width, base)
        selected = index == self._cursor
        key = (index, width, selected, self.has_focus)
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        row = self._row_at(index)
        if row is None:
            return Strip.blank(width, base)
        style = base + self._style("cursor") if selected else base
        strip = self._strip(self._source.cells(row), width, style, not selected, self._match)
        self._strips[key] = strip
        return strip
