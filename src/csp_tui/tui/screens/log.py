"""``:log`` — every call the console made to Partner Center, newest first."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer

from csp_tui.tui.bindings import GuardedActions, TranslatedBindings, bindings
from csp_tui.tui.stylesheets import with_sheets
from csp_tui.tui.widgets.lists import CommandLogPane


@with_sheets()
class CommandLogScreen(GuardedActions, TranslatedBindings, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("app", "log")

    def compose(self) -> ComposeResult:
        yield CommandLogPane()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(CommandLogPane).focus_content()

    @property
    def pane(self) -> CommandLogPane:
        return self.query_one(CommandLogPane)

    def refresh_data(self) -> None:
        self.pane.refresh_data()

    def action_back(self) -> None:
        self.dismiss()
