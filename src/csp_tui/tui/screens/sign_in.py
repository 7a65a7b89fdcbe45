"""Device-code sign-in: show the code and the address to open, both copyable.

The screen only shows; whoever runs the sign-in flow pushes it and calls :meth:`complete`
(or :meth:`fail`) when the flow ends. ``esc`` dismisses it with ``False`` (cancelled).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.tui.bindings import TranslatedBindings, bindings
from csp_tui.tui.console import console_of
from csp_tui.tui.links import link_text
from csp_tui.tui.stylesheets import with_sheets


@with_sheets()
class SignInScreen(TranslatedBindings, ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [*bindings("sign-in"), *[
        b for b in bindings("modal") if isinstance(b, Binding) and b.action == "close"]]

    def __init__(self, prompt_text: str, user_code: str, url: str) -> None:
        super().__init__(id="sign-in")
        self.prompt_text = prompt_text
        self.user_code = user_code
        self.url = url

    def compose(self) -> ComposeResult:
        with Vertical(classes="sign-in-box"):
            yield Static(Text(t("tui.sign_in.title"), style="bold"), classes="sign-in-title")
            yield Static(Text(safe_text(self.prompt_text)), classes="sign-in-prompt")
            yield Static(Text(t("tui.sign_in.open")), classes="sign-in-label")
            yield Static(link_text(self.url), classes="sign-in-url")
            yield Static(Text(t("tui.sign_in.code")), classes="sign-in-label")
            yield Static(Text(safe_text(self.user_code), style="bold"), classes="sign-in-code")
            yield Static(Text("", style="italic"), classes="sign-in-message")
        yield Footer(show_command_palette=False)

    def action_copy_code(self) -> None:
        console_of(self.app).copy_text(self.user_code)

    def action_copy_url(self) -> None:
        console_of(self.app).copy_text(self.url)

    def action_close(self) -> None:
        self.dismiss(False)

    def complete(self) -> None:
        """The sign-in finished: close the screen with ``True``."""
        self.dismiss(True)

    def fail(self, message: str) -> None:
        """Show why the sign-in did not work (the screen stays until ``esc``)."""
        self.query_one(".sign-in-message", Static).update(Text(safe_text(message)))
