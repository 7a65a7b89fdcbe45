"""The link and the e-mail of one invitation, ready to copy or save (after ``i``, a resend).

Shown by the invitation form when the invitation is recorded and by the invitations pane's
resend: ``c`` copies the link, ``e`` the e-mail, ``w`` saves both to a file when the terminal
does not pass the clipboard through.
"""


from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.i18n.formatting import date_text
from csp_tui.services.invitations import InviteResult
from csp_tui.tui.bindings import (
    GuardedActions,
    KeySpec,
    TranslatedBindings,
    bindings,
    register,
)
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.links import append_link, linkify
from csp_tui.tui.stylesheets import with_sheets

register(
    KeySpec("invite-copy-link", "c", "copy_link", "tui.invite.key.copy_link",
            "tui.invite.keyhelp.copy_link", "invite-result"),
    KeySpec("invite-copy-email", "e", "copy_email", "tui.invite.key.copy_email",
            "tui.invite.keyhelp.copy_email", "invite-result"),
    KeySpec("invite-copy-subject", "t", "copy_subject", "tui.invite.key.copy_subject",
            "tui.invite.keyhelp.copy_subject", "invite-result", show=False),
    KeySpec("invite-save", "w", "save", "tui.key.save", "tui.invite.keyhelp.save",
            "invite-result"),
    KeySpec("invite-result-close", "escape", "back", "tui.key.close", "tui.keyhelp.close",
            "invite-result"),
)


class ResultBody(VerticalScroll):
    """Scrolls with the arrow keys (it takes the focus)."""


def result_heading(result: InviteResult, kind: str) -> str:
    invitation = result.invitation
    company = safe_text(invitation.company_name, 120)
    contact = safe_text(invitation.contact_email, 120)
    if kind == "duplicate":
        return t("tui.invite.result.duplicate", domain=safe_text(invitation.domain, 120),
                 sent=date_text(invitation.last_sent_at), count=invitation.send_count)
    if kind == "resent":
        return t("tui.invite.result.resent", company=company, email=contact,
                 count=invitation.send_count)
    return t("tui.invite.result.recorded", company=company, email=contact)


@with_sheets("invite")
class InvitationResultScreen(GuardedActions, TranslatedBindings, Screen[None]):
    """The link and the e-mail for one invitation: copy them, save them, send them."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("invite-result", "app")

    def __init__(self, result: InviteResult, *, kind: str = "new") -> None:
        super().__init__(id="invite-result")
        self.result = result
        self.kind = kind  # new | duplicate | resent

    @property
    def console(self) -> Console:
        return console_of(self.app)

    def compose(self) -> ComposeResult:
        invitation = self.result.invitation
        title = t("tui.invite.result.title", company=safe_text(invitation.company_name, 80))
        yield Static(Text(title, style="bold"), classes="screen-title")
        with ResultBody(classes="invite-body"):
            heading = Text(result_heading(self.result, self.kind))
            yield Static(heading, classes=f"invite-heading -{self.kind}")
            yield Static(append_link(self._labelled("tui.invite.result.link", ""),
                                     self.result.link), classes="invite-link")
            recipient = safe_text(invitation.contact_email, 120)
            if invitation.contact_name:
                recipient = f"{safe_text(invitation.contact_name, 80)} <{recipient}>"
            yield Static(self._labelled("tui.invite.result.to", recipient),
                         classes="invite-field")
            yield Static(self._labelled("tui.invite.result.subject",
                                        safe_text(self.result.email_subject)),
                         classes="invite-field")
            # Line by line: safe_text removes control characters, newlines included.
            body = "\n".join(safe_text(line) for line in self.result.email_body.splitlines())
            yield Static(linkify(Text(body.rstrip("\n"))), classes="invite-email")
            yield Static(Text(t("tui.invite.result.hint")), classes="invite-hint")
        yield Footer(show_command_palette=False)

    @staticmethod
    def _labelled(label_key: str, value: str) -> Text:
        text = Text(f"{t(label_key)} ", style="bold")
        text.append(value)
        text.overflow = "fold"
        return text

    def on_mount(self) -> None:
        self.query_one(ResultBody).focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_copy_link(self) -> None:
        self.console.copy_text(self.result.link)

    def action_copy_email(self) -> None:
        self.console.copy_text(self.result.email_body)

    def action_copy_subject(self) -> None:
        self.console.copy_text(self.result.email_subject)

    def email_document(self) -> str:
        """What ``w`` writes: the addressee, the subject and the body (which holds the link)."""
        invitation = self.result.invitation
        return (f"{t('tui.invite.result.to')} {invitation.contact_email}\n"
                f"{t('tui.invite.result.subject')} {self.result.email_subject}\n\n"
                f"{self.result.email_body}")

    def action_save(self) -> None:
        invitation = self.result.invitation
        self.console.save_export(f"invitation-{invitation.domain}-{invitation.id[:8]}.txt",
                                 self.email_document())
