"""A request for the distributor, shown once it is saved: where Partner Center refuses a role
the call (an indirect reseller changing a subscription or asking for Education), the console
prepares the complete request instead — like the new-tenant form does for a reseller.

The screen says that nothing was sent to Partner Center, where the JSON file was saved (0600),
and shows the e-mail to send; ``c`` copies the e-mail, ``p`` the file's path.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.services.distributor_requests import DistributorRequest
from csp_tui.tui.bindings import GuardedActions, KeySpec, TranslatedBindings, bindings, register
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.stylesheets import with_sheets

register(
    KeySpec("distributor-request-copy-email", "c", "copy_email", "roles.key.copy_email",
            "roles.keyhelp.copy_email", "distributor-request"),
    KeySpec("distributor-request-copy-path", "p", "copy_path", "roles.key.copy_path",
            "roles.keyhelp.copy_path", "distributor-request"),
    KeySpec("distributor-request-close", "escape", "close", "tui.key.close",
            "roles.keyhelp.close", "distributor-request"),
)


class RequestBody(VerticalScroll):
    """Scrolls with the arrow keys (it takes the focus)."""


@with_sheets("subscriptions")
class DistributorRequestScreen(GuardedActions, TranslatedBindings, Screen[None]):
    """The saved request: what to send, and where the file is."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("distributor-request", "app")

    def __init__(self, request: DistributorRequest, subject: str) -> None:
        super().__init__(classes="distributor-request")
        self.request = request
        self.subject = subject

    def compose(self) -> ComposeResult:
        yield Static(Text(t("roles.request.title", subject=safe_text(self.subject, 160)),
                          style="bold"), classes="screen-title")
        with RequestBody(classes="record-body"):
            yield Static(Text(t("roles.request.note")), id="distributor-request-note")
            yield Static(Text(t("roles.request.saved",
                                path=safe_text(str(self.request.saved_path), 400))),
                         id="distributor-request-path")
            yield Static(Text(t("roles.request.email"), style="bold"),
                         classes="subs-section")
            yield Static(Text("\n".join(safe_text(line, 600) for line in
                                        self.request.email_text.splitlines())),
                         id="distributor-request-email")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(RequestBody).focus()

    def action_copy_email(self) -> None:
        console_of(self.app).copy_text(self.request.email_text)

    def action_copy_path(self) -> None:
        console_of(self.app).copy_text(str(self.request.saved_path))

    def action_close(self) -> None:
        self.dismiss()


def show_request(app: Console, request: DistributorRequest, subject: str) -> None:
    """Say where it was saved, and show it."""
    app.notify(t("roles.request.ready", path=safe_text(str(request.saved_path), 300)))
    app.push_screen(DistributorRequestScreen(request, subject))
