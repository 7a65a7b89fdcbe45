"""A pane of the main screen: a title line and content; list panes add filter and sort.

The title says what the pane shows right now: ``Customers /šum (12) · name ↑``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Hashable
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, Static

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.tui.bindings import GuardedActions, TranslatedBindings, bindings
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.filter_ahead import read_ahead
from csp_tui.tui.sources import SortOption
from csp_tui.tui.typeahead import KeyGate
from csp_tui.tui.widgets.table_layout import Column, RowSource
from csp_tui.tui.widgets.virtual_table import VirtualTable


class PaneTitle(Static):
    """The first line of a pane."""

    _shown: Text | None = None

    def show(self, text: Text) -> None:
        """Draw ``text`` if it differs from what is drawn. One line of fixed height and full
        width, so a new title never needs a layout pass (``Static.update``'s default)."""
        if text == self._shown:
            return
        self._shown = text
        self.update(text, layout=False)


class Pane(GuardedActions, TranslatedBindings, Vertical):
    """Base of the four panes (and the command log)."""

    pane_name: ClassVar[str] = ""
    title_key: ClassVar[str] = ""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id or self.pane_name, classes=f"pane {classes or ''}".strip())

    @property
    def console(self) -> Console:
        return console_of(self.app)

    def compose(self) -> ComposeResult:
        yield PaneTitle(classes="pane-title")
        yield from self.compose_content()

    def compose_content(self) -> ComposeResult:
        yield from ()

    def title_text(self) -> Text:
        return Text(t(self.title_key), style="bold")

    def update_title(self) -> None:
        if self.is_mounted:
            self.query_one(PaneTitle).show(self.title_text())

    def focus_content(self) -> None:
        """Put the keyboard focus on the pane's main widget."""

    def refresh_data(self, tables: frozenset[str] | None = None) -> None:
        """The cache changed (``tables``: which ones; None: anything)."""

    #: Actions whose availability depends on the row under the cursor.
    row_actions: ClassVar[tuple[str, ...]] = ()
    _availability: tuple[bool | None, ...] | None = None
    _footer_keys: tuple[tuple[str, str, bool], ...] | None = None

    def refresh_availability(self) -> None:
        """Tell the footer about changed availability, only when what it shows changes.

        Every footer refresh rebuilds the footer (tens of milliseconds), so neither a cursor
        step nor a filter keystroke should cause one unless a key appears, disappears or is
        enabled or disabled: e.g. while the filter line has the focus, its own keys hide the
        list's ``enter`` and ``esc``, whose availability flips as the matches change."""
        state = tuple(self.check_action(action, ()) for action in self.row_actions)
        if state == self._availability:
            return
        self._availability = state
        # Only the focused pane's keys are in the footer; focusing a pane refreshes it, with
        # whatever is available then, so what was last sent from here no longer says what
        # the footer shows.
        if not self.has_focus_within:
            self._footer_keys = None
            return
        shown = self._footer_signature()
        if shown != self._footer_keys:
            self._footer_keys = shown
            self.refresh_bindings()

    def _footer_signature(self) -> tuple[tuple[str, str, bool], ...]:
        """What the footer shows for the current focus: each shown key and its state."""
        return tuple(
            (key, active.binding.action, active.enabled)
            for key, active in self.screen.active_bindings.items() if active.binding.show
        )

    @on(events.DescendantFocus)
    def _focus_changed(self) -> None:
        # The screen rebuilds the footer for the new focus by itself, from this state.
        self._footer_keys = self._footer_signature()

    def clock_moved(self) -> None:
        """Time-dependent text (ages, windows) should be drawn again."""


class FilterInput(TranslatedBindings, Input):
    """The live filter line of a list pane (``/`` opens it, ``esc`` clears it)."""

    # Every typed character changes the input's virtual width, which Widget declares with
    # layout=True: a layout pass over the whole screen per key. The filter line is one line
    # of fixed width without a scrollbar, so its virtual width only moves the horizontal
    # scroll range, which needs a repaint at most.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.key.clear_filter", id="filter-cancel"),
        Binding("down", "table('cursor_down')", show=False, id="filter-cursor-down"),
        Binding("up", "table('cursor_up')", show=False, id="filter-cursor-up"),
    ]

    def watch_value(self, value: str) -> None:
        # Filter here, inside the key's own handler, rather than on the posted Input.Changed:
        # the new rows and title then go out in the same frame as the typed character.
        # When the next key, already typed, edits the line again, this text would be shown
        # only to be replaced: it is skipped (the last text of a burst is always applied).
        gate = getattr(self.app, "key_gate", None)
        if isinstance(gate, KeyGate) and gate.edit_follows():
            gate.when_drained(self._apply_filter)
            return
        self._apply_filter()

    def _apply_filter(self) -> None:
        pane = self.parent
        if isinstance(pane, ListPane) and self.is_attached:
            pane.set_filter(self.value)

    def action_cancel(self) -> None:
        pane = self.parent
        if isinstance(pane, ListPane):
            pane.close_filter(clear=True)

    def action_table(self, action: str) -> None:
        pane = self.parent
        if isinstance(pane, ListPane):
            getattr(pane.table, f"action_{action}")()


class PeekLine(Static):
    """One line under a list: the whole text of what the cursor row shows cut short or not at
    all (``Product: Microsoft 365 Business Premium (no Teams) · Term: 1 year``), so two rows
    that look alike at 80 columns can be told apart without opening them."""

    _shown: Text | None = None

    def show(self, cut: list[tuple[str, str]]) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        for position, (title, value) in enumerate(cut):
            if position:
                text.append(" · ", style="dim")
            text.append(f"{title}: ", style="bold")
            text.append(value)
        if text == self._shown:
            return
        self._shown = text
        self.update(text, layout=False)


class ListPane(Pane):
    """A pane around a :class:`VirtualTable` with ``/`` filter, ``s``/``S`` sort, ``enter``."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("list")
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
        yield PeekLine(classes="peek-line", id=f"{self.id}-peek")

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

    def apply_source(self, *, keep_cursor: bool = True, first_window: bool = False) -> None:
        table = self.table
        table.empty_text = t("tui.empty.filtered") if self.filter_text else self.empty_text()
        sort = self.sort
        table.set_sort(sort.column if sort else None, self.descending)
        table.set_match(self.filter_text)
        table.set_source(self.make_source(), keep_cursor=keep_cursor,
                         first_window=first_window)
        self.update_title()
        self.update_peek()

    def update_peek(self) -> None:
        """What the cursor row shows cut short, whole, on the line under the list."""
        if not self.is_mounted:
            return
        row = self.table.cursor_row
        self.query_one(PeekLine).show([] if row is None else self.table.cut_cells(row))

    def empty_text(self) -> str:
        return t(self.empty_key)

    def update_empty_text(self) -> None:
        """The sync started or ended: what an empty list says may have changed."""
        if not self.is_mounted or self.filter_text:
            return
        text = self.empty_text()
        if text != self.table.empty_text:
            self.table.empty_text = text
            self.table.refresh()

    def focus_content(self) -> None:
        if self.filter_input.display and self.filter_input.has_focus:
            return
        self.table.focus()

    def refresh_data(self, tables: frozenset[str] | None = None) -> None:
        self.table.reload()
        self.update_title()
        self.update_peek()

    def clock_moved(self) -> None:
        self.table.invalidate()

    def on_resize(self, event: events.Resize) -> None:
        # Which cells are cut depends on the width the table has now.
        self.call_after_refresh(self.update_peek)

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
        # The cursor's row stays under the cursor if it is among the first matches; else
        # the cursor goes to the first match (finding it further down costs a query per key).
        self.apply_source(first_window=True)

    def close_filter(self, *, clear: bool) -> None:
        if clear:
            self.filter_input.value = ""
            self.set_filter("")
        self.filter_input.display = False
        self.query_one(PeekLine).display = True
        self.table.focus()
        self.refresh_availability()

    @on(Input.Changed, ".filter-input")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()  # already applied by FilterInput.watch_value

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
        # The filter line takes the peek line's place (both sit at the bottom of the pane).
        self.query_one(PeekLine).display = False
        field.display = True
        field.focus()
        field.cursor_position = len(field.value)
        self.read_filter_ahead()

    def read_filter_ahead(self) -> None:
        """Read what the filter's first key would read, in the background (a long list's
        order and search texts: tui/filter_ahead.py)."""
        search = getattr(self.table.source, "filter_search", None)
        db = getattr(self.table.source, "db", None)
        if search is not None and isinstance(db, sqlite3.Connection):
            read_ahead(db, search(), self.app.call_from_thread)

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
        self.update_peek()
        self.cursor_moved(event.key, event.row)
        self.refresh_availability()

    def cursor_moved(self, key: Hashable | None, row: Any) -> None:
        """The row under the cursor changed."""
