"""``?``: the keys that apply where the user is, and the ``:`` commands.

Built from the active bindings of the screen below (after ``check_action``), so it never lists
a key the footer would hide (e.g. mutating actions in a read-only profile).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from csp_tui.i18n import t
from csp_tui.tui.bindings import TranslatedBindings, bindings
from csp_tui.tui.console import Console
from csp_tui.tui.console_commands import COMMANDS
from csp_tui.tui.screens.detail import DetailScreen
from csp_tui.tui.screens.log import CommandLogScreen
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.stylesheets import with_sheets


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


@with_sheets()
class HelpScreen(TranslatedBindings, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*bindings("modal"), *[
        b for b in bindings("app") if isinstance(b, Binding) and b.action == "app.help"]]

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


def help_screen_for(console: Console, screen: Screen[Any]) -> HelpScreen:
    """The help for ``screen``: its keys, and on the main screen the ``:`` commands."""
    # One line per action, with every key that triggers it ("q, ^q"); what the footer
    # shows comes first, then moving around (arrows, pages).
    grouped: dict[tuple[str, str], tuple[list[str], str]] = {}
    ordered = sorted(screen.active_bindings.values(), key=lambda a: not a.binding.show)
    for active in ordered:
        binding = active.binding
        if binding.system or not binding.description or not active.enabled:
            continue
        if binding.action == "screen.copy_text":  # mouse selection, not a console key
            continue
        entry = grouped.setdefault((binding.action, binding.description),
                                   ([], binding.tooltip))
        display = screen.app.get_key_display(binding)
        if display not in entry[0]:
            entry[0].append(display)
    keys = [(", ".join(displays), label, tooltip)
            for (_, label), (displays, tooltip) in grouped.items()]
    commands: list[tuple[str, str, str]] = []
    if isinstance(screen, MainScreen):
        for command in COMMANDS:
            if console.command_allowed(command):
                spelled = ":" + command.name
                if command.aliases:
                    spelled += f" ({', '.join(':' + alias for alias in command.aliases)})"
                commands.append((spelled, t(command.title), t(command.help)))
    legend = [t("tui.help.attention_mark")] if isinstance(screen, MainScreen) else []
    return HelpScreen(context_name(screen), keys, commands, legend)


def context_name(screen: Screen[Any]) -> str:
    """Where the person is, in the help's title."""
    if isinstance(screen, MainScreen):
        return t(f"tui.pane.{screen.active_pane}")
    if isinstance(screen, CommandLogScreen):
        return t("tui.pane.log")
    if isinstance(screen, DetailScreen):
        return screen.record_title
    return t("app.title")
