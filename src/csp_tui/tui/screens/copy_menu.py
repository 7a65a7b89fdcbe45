"""``Y``: a small menu of the row's ids and names; a digit or enter copies one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.tui.bindings import GuardedActions, TranslatedBindings, bindings
from csp_tui.tui.stylesheets import with_sheets
from csp_tui.tui.widgets.narrow_safe import NarrowSafeOptionList


@with_sheets("conventions")
class CopyMenuScreen(GuardedActions, TranslatedBindings, ModalScreen[int | None]):
    """(label, value) pairs; dismissed with the index of the one chosen (None: esc)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("modal")

    def __init__(self, choices: list[tuple[str, str]]) -> None:
        super().__init__(id="copy-menu")
        # Digits 1-9 choose; a row has fewer things than that.
        self.choices = choices[:9]

    def compose(self) -> ComposeResult:
        with Vertical(classes="copy-box"):
            yield Static(Text(t("conv.copy.menu_title"), style="bold"), classes="copy-title")
            options = []
            for index, (label, value) in enumerate(self.choices, start=1):
                prompt = Text(f"{index}  ", style="bold")
                prompt.append(label)
                prompt.append("  ")
                prompt.append(safe_text(value, 80), style="dim")
                options.append(Option(prompt, id=str(index - 1)))
            yield NarrowSafeOptionList(*options, id="copy-options")
            yield Static(Text(t("conv.copy.menu_hint")), classes="copy-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            index = int(event.character) - 1
            if 0 <= index < len(self.choices):
                event.stop()
                self.dismiss(index)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def action_close(self) -> None:
        self.dismiss(None)
