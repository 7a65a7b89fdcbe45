"""The ``:`` command line, with history on up/down and completion on tab.

Tab belongs to the command line while it is open: it completes the command's name (the
names it could still be are shown beside it) instead of moving to another pane behind it,
which left a half-typed command on screen that esc no longer reached. Should the keys go
elsewhere anyway (a click), the line closes rather than stay open without them."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from csp_tui.i18n import t
from csp_tui.tui.bindings import TranslatedBindings
from csp_tui.tui.console_commands import ConsoleCommand, complete, complete_argument


class CommandInput(Input):
    """The text field of the command line."""


class CommandLine(TranslatedBindings, Horizontal):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.key.close", id="command-line-cancel"),
        Binding("up", "history(-1)", "tui.key.history_back", show=False,
                id="command-line-history-back"),
        Binding("down", "history(1)", "tui.key.history_forward", show=False,
                id="command-line-history-forward"),
        Binding("tab", "complete", "tui.key.complete", show=False, id="command-line-complete"),
        # Not the previous pane either: the line keeps the keys until enter or esc.
        Binding("shift+tab", "complete", "tui.key.complete", show=False,
                id="command-line-complete-back"),
    ]

    class Submitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Closed(Message):
        """The command line was closed (with or without a command)."""

    def __init__(self, history: list[str], *, cursor_blink: bool = True,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.history = history  # shared with the app, newest last
        self._position = len(history)
        self._draft = ""
        self._cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        yield Label(":", classes="command-prompt")
        field = CommandInput(placeholder=t("tui.command.placeholder_tab"), compact=True)
        field.cursor_blink = self._cursor_blink
        yield field
        yield Label("", classes="command-hint")

    @property
    def field(self) -> CommandInput:
        return self.query_one(CommandInput)

    def _hint(self, text: str) -> None:
        self.query_one(".command-hint", Label).update(text)

    def open(self, text: str = "") -> None:
        self._position = len(self.history)
        self._draft = ""
        self.display = True
        field = self.field
        field.value = text
        field.cursor_position = len(text)
        self._hint("")
        self.screen.set_focus(field)

    def close(self) -> None:
        self.field.value = ""
        self._hint("")
        self.display = False
        self.post_message(self.Closed())

    def action_complete(self) -> None:
        if " " in self.field.value.strip():
            # The command's argument: a profile, a theme, a language (tui/app.py says which).
            choices: Callable[[ConsoleCommand], list[str]] = getattr(
                self.app, "argument_choices", lambda command: [])
            text, values = complete_argument(self.field.value, choices)
            self.field.value = text
            self.field.cursor_position = len(text)
            self._hint("  ".join(values) if len(values) > 1 else "")
            return
        allowed = getattr(self.app, "command_allowed", lambda command: True)
        text, names = complete(self.field.value, allowed)
        self.field.value = text
        self.field.cursor_position = len(text)
        if not names and self.field.value.strip() and " " not in self.field.value.strip():
            self._hint(t("tui.command.no_match"))
        else:
            self._hint("  ".join(":" + name for name in names) if len(names) > 1 else "")

    @on(events.DescendantBlur)
    def _left(self) -> None:
        focused = self.screen.focused
        if self.display and focused is not None and self not in focused.ancestors_with_self:
            self.close()

    def action_cancel(self) -> None:
        self.close()

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        if self._position == len(self.history):
            self._draft = self.field.value
        position = max(0, min(len(self.history), self._position + step))
        self._position = position
        value = self._draft if position == len(self.history) else self.history[position]
        self.field.value = value
        self.field.cursor_position = len(value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip().removeprefix(":").strip()
        if text and (not self.history or self.history[-1] != text):
            self.history.append(text)
        self.field.value = ""
        self._hint("")
        self.display = False
        if text:
            self.post_message(self.Submitted(text))
        self.post_message(self.Closed())
