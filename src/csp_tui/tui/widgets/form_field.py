"""One labelled row of a form: the label, the input and a line that says what to fix.

The row never decides whether its value is right: the screen runs the domain validators and
hands each row its verdict (:meth:`FormField.show`). Messages are rendered as plain text —
they may quote what the person typed or what ARES returned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from csp_tui.domain.text import safe_text

Severity = Literal["ok", "note", "warning", "error"]
_SEVERITIES: tuple[Severity, ...] = ("ok", "note", "warning", "error")


class FieldInput(Input):
    """The text input of a form row; ``field_name`` is the request field it edits."""

    def __init__(self, field_name: str, value: str = "", *, cursor_blink: bool = True,
                 max_length: int = 0) -> None:
        super().__init__(value=value, id=f"field-{field_name}", compact=True,
                         select_on_focus=False, max_length=max_length)
        self.field_name = field_name
        self.cursor_blink = cursor_blink


class FieldSelect(Select[str]):
    """A choice in a form row (culture, reseller)."""

    def __init__(self, field_name: str, options: Iterable[tuple[str, str]], value: str) -> None:
        super().__init__([(Text(label), key) for label, key in options], allow_blank=False,
                         value=value, id=f"field-{field_name}", compact=True)
        self.field_name = field_name


class FieldMessage(Static):
    """The line under a field: an error, a warning, a hint or a note (hidden when empty)."""

    def __init__(self, field_name: str) -> None:
        super().__init__("", id=f"message-{field_name}", classes="field-message")
        self.display = False
        self.text = ""
        self.severity: Severity = "ok"

    def say(self, lines: Sequence[str], severity: Severity) -> None:
        text = "\n".join(safe_text(line) for line in lines if line)
        if text == self.text and severity == self.severity:
            return  # every keystroke re-checks the form: repaint only what changed
        self.text = text
        self.severity = severity
        for name in _SEVERITIES:
            self.set_class(name == severity, f"-{name}")
        self.update(Text(text))
        self.display = bool(text)


class FormField(Vertical):
    """Label + control on one line, the field's message below it."""

    DEFAULT_CSS = """
    FormField { height: auto; }
    FormField > Horizontal { height: 1; }
    """

    def __init__(self, field_name: str, label: str, control: Widget, *,
                 suffix: str | None = None, required: bool = True) -> None:
        super().__init__(id=f"row-{field_name}", classes="form-field")
        self.field_name = field_name
        self.label = label
        self.control = control
        self.suffix = suffix
        self.required = required

    def compose(self) -> ComposeResult:
        with Horizontal(classes="form-line"):
            marker = " *" if self.required else ""
            yield Label(Text(self.label + marker), classes="form-label")
            yield self.control
            if self.suffix is not None:
                yield Label(Text(self.suffix), classes="form-suffix")
        yield FieldMessage(self.field_name)

    @property
    def message(self) -> FieldMessage:
        return self.query_one(FieldMessage)

    def show(self, lines: Sequence[str], severity: Severity) -> None:
        self.message.say(lines, severity)
        self.set_class(severity == "error", "-invalid")
