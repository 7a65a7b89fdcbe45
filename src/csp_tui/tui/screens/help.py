"""``?``: the keys that apply where the user is, and the ``:`` commands.

Built from the active bindings of the screen below (after ``check_action``), so it never lists
a key the footer would hide (e.g. mutating actions in a read-only profile).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from csp_tui.i18n import t
from csp_tui.tui.bindings import TranslatedBindings, bindings


class HelpBody(VerticalScroll):
    pass


def _table(rows: Sequence[tuple[str, str, str]]) -> Table:
    table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
    # The first two columns wrap rather than leave the explanation one or two characters
    # (":customers (:customer, :cust, :c)" is long).
    table.add_column(style="bold", min_width=8, max_width=24, overflow="fold")
    table.add_column(max_width=30, overflow="fold")
    table.add_column(ratio=1, style="dim", min_width=24)
    for key, label, help_text in rows:
        table.add_row(Text(key), Text(label), Text(help_text))
    return table


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    BINDINGS: ClassVar = [*bindings("modal"), *[
        b for b in bindings("app") if b.action == "app.help"]]

    def __init__(self, context: str, keys: Sequence[tuple[str, str, str]],
                 commands: Sequence[tuple[str, str, str]], legend: Sequence[str] = ()
                 ) -> None:
        super().__init__(id="help")
        self.context = context
        self.keys = list(keys)
        self.commands = list(commands)
        self.legend = list(legend)

    def compose(self) -> ComposeResult:
        with Vertical(classes="help-box"):
            yield Static(Text(t("tui.help.title", context=self.context), style="bold"),
                         classes="help-title")
            with HelpBody():
                parts: list[Text | Table] = [_table(self.keys)]
                if self.legend:
                    parts += [Text(""), *(Text(line) for line in self.legend)]
                if self.commands:
                    parts += [Text(""), Text(t("tui.help.commands"), style="bold"),
                              _table(self.commands)]
                yield Static(Group(*parts))
            yield Static(Text(t("tui.help.close_hint")), classes="help-hint")

    def on_mount(self) -> None:
        self.query_one(HelpBody).focus()

    def action_close(self) -> None:
        self.dismiss()

    def action_help(self) -> None:
        self.dismiss()
