"""A pane of the main screen: a title line and content; list panes add filter and sort.

The title says what the pane shows right now: ``Customers /šum (12) · name ↑``.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.tui.bindings import GuardedActions, TranslatedBindings, bindings
from csp_tui.tui.sources import SortOption
from csp_tui.tui.widgets.virtual_table import Column, RowSource, VirtualTable

if TYPE_CHECKING:
    from csp_tui.tui.app import CspApp


class PaneTitle(Static):
    """The first line of a pane."""


class Pane(GuardedActions, TranslatedBindings, Vertical):
    """Base of the four panes (and the command log)."""

    pane_name: ClassVar[str] = ""
    title_key: ClassVar[str] = ""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id or self.pane_name, classes=f"pane {classes or ''}".strip())

    @property
    def console(self) -> CspApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield PaneTitle(classes="pane-title")
        yield from self.compose_content()

    def compose_content(self) -> ComposeResult:
        yield from ()

    def title_text(self) -> Text:
        return Text(t(self.title_key), style="bold")

    def update_title(self) -> None:
        if self.is_mounted:
            self.query_one(PaneTitle).update(self.title_text())

    def focus_content(self) -> None:
        """Put the keyboard focus on the pane's main widget."""

    def refresh_data(self, tables: frozenset[str] | None = None) -> None:
        """The cache changed (``tables``: which ones; None: anything)."""

    #: Actions whose availability depends on the row under the cursor.
    row_actions: ClassVar[tuple[str, ...]] = ()
    _availability: tuple[bool | None, ...] | None = None

    def refresh_availability(self) -> None:
        """Tell the footer about changed availability, only when it did change (every
        footer refresh rebuilds it, which is not free on each cursor step)."""
        state = tuple(self.check_action(action, ()) for action in self.row_actions)
        if state != self._availability:
            self._availability = state
            # Only the focused pane's keys are in the footer; focusing a pane refreshes it.
            if self.has_focus_within:
                self.refresh_bindings()

    def clock_moved(self) -> None:
        """Time-dependent text (ages, windows) should be drawn again."""


class FilterInput(TranslatedBindings, Input):
    """The live filter line of a list pane (``/`` opens it, ``esc`` clears it)."""

    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "tui.key.clear_filter", id="filter-cancel"),
        Binding("down", "table('cursor_down')", show=False, id="filter-cursor-down"),
        Binding("up", "table('cursor_up')", show=False, id="filter-cursor-up"),
    ]

    def action_cancel(self) -> None:
        pane = self.parent
        if isinstance(pane, ListPane):
            pane.close_filter(clear=True)

    def action_table(self, action: str) -> None:
        pane = self.parent
        if isinstance(pane, ListPane):
            getattr(pane.table, f"action_{action}")()


class ListPane(Pane):
    """A pane around a :class:`VirtualTable` with ``/`` filter, ``s``/``S`` sort, ``enter``."""

    BINDINGS: ClassVar = bindings("list")
    sort_options: ClassVar[tuple[SortOption, ...]] = ()
    empty_key: ClassVar[str] = "tui.empty.list"
    row_actions: ClassVar[tuple[str, ...]] = ("open", "clear_filter")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.filter_text = ""
        self.sort_index = 0
        self.descending = self.sort_options[0].descending_first if self.sort_options else False

    # -- to be provided by each list
    def columns(self) -> list[Column]:
        raise NotImplementedError

    def make_source(self) -> RowSource:
        raise NotImplementedError

    def open_row(self, row: Any) -> None:
        """``enter`` on a row."""

    # -- composition
    def compose_content(self) -> ComposeResult:
        yield VirtualTable(self.columns(), empty_text=t(self.empty_key),
                           id=f"{self.id}-table")
        filter_input = FilterInput(placeholder=t("tui.filter.placeholder"), compact=True,
                                   classes="filter-input", id=f"{self.id}-filter")
        filter_input.cursor_blink = self.console.cursor_blink
        yield filter_input

    @property
    def table(self) -> VirtualTable:
        return self.query_one(VirtualTable)

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one(FilterInput)

    @property
    def sort(self) -> SortOption | None:
        return self.sort_options[self.sort_index] if self.sort_options else None

    def on_mount(self) -> None:
        self.apply_source(keep_cursor=False)

    def apply_source(self, *, keep_cursor: bool = True) -> None:
        table = self.table
        table.empty_text = t("tui.empty.filtered") if self.filter_text else self.empty_text()
        sort = self.sort
        table.set_sort(sort.column if sort else None, self.descending)
        table.set_source(self.make_source(), keep_cursor=keep_cursor)
        self.update_title()

    def empty_text(self) -> str:
        return t(self.empty_key)

    def focus_content(self) -> None:
        if self.filter_input.display and self.filter_input.has_focus:
            return
        self.table.focus()

    def refresh_data(self, tables: frozenset[str] | None = None) -> None:
        self.table.reload()
        self.update_title()

    def clock_moved(self) -> None:
        self.table.invalidate()

    # -- title
    def title_parts(self) -> list[Text | str]:
        return [Text(t(self.title_key), style="bold")]

    def title_text(self) -> Text:
        text = Text()
        for part in self.title_parts():
            text.append(part)
        if self.filter_text:
            text.append(f" /{safe_text(self.filter_text, 40)}", style="italic")
        text.append(f" ({self.table.row_count if self.is_mounted else 0})")
        sort = self.sort
        if sort is not None:
            arrow = "↓" if self.descending else "↑"
            text.append(f" · {t(sort.label)} {arrow}")
        return text

    # -- filter
    def set_filter(self, text: str) -> None:
        if text == self.filter_text:
            return
        self.filter_text = text
        self.apply_source()

    def close_filter(self, *, clear: bool) -> None:
        if clear:
            self.filter_input.value = ""
            self.set_filter("")
        self.filter_input.display = False
        self.table.focus()
        self.refresh_availability()

    @on(Input.Changed, ".filter-input")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.set_filter(event.value)

    @on(Input.Submitted, ".filter-input")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close_filter(clear=False)

    # -- actions
    def action_available(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return bool(self.filter_text)
        if action == "open":
            return True if self.table.row_count else None
        if action in {"sort", "sort_reverse"}:
            return bool(self.sort_options)
        return True

    def action_filter(self) -> None:
        field = self.filter_input
        field.value = self.filter_text
        field.display = True
        field.focus()
        field.cursor_position = len(field.value)

    def action_clear_filter(self) -> None:
        self.close_filter(clear=True)

    def action_sort(self) -> None:
        if not self.sort_options:
            return
        self.sort_index = (self.sort_index + 1) % len(self.sort_options)
        self.descending = self.sort_options[self.sort_index].descending_first
        self.apply_source()

    def action_sort_reverse(self) -> None:
        self.descending = not self.descending
        self.apply_source()

    def action_open(self) -> None:
        row = self.table.cursor_row
        if row is not None:
            self.open_row(row)

    @on(VirtualTable.Activated)
    def _activated(self, event: VirtualTable.Activated) -> None:
        event.stop()
        self.open_row(event.row)

    @on(VirtualTable.CursorMoved)
    def _cursor_moved(self, event: VirtualTable.CursorMoved) -> None:
        self.update_title()
        self.cursor_moved(event.key, event.row)
        self.refresh_availability()

    def cursor_moved(self, key: Hashable | None, row: Any) -> None:
        """The row under the cursor changed."""
