"""What the new-tenant form ends with.

:class:`TenantResultScreen` shows the created tenant and its temporary password ONCE: hidden
as dots until ``v``, copied with ``c``, forgotten when the screen closes. It is never written
anywhere. :class:`DistributorRequestScreen` shows a reseller's request for the distributor:
the e-mail text and the saved JSON file, both copyable.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.services import onboarding
from csp_tui.tui.bindings import GuardedActions, KeySpec, TranslatedBindings, bindings, register
from csp_tui.tui.console import console_of
from csp_tui.tui.stylesheets import with_sheets

register(
    KeySpec("tenant-result-reveal", "v", "reveal", "tenant_form.key.reveal",
            "tenant_form.keyhelp.reveal", "new-tenant-result"),
    KeySpec("tenant-result-copy", "c", "copy_password", "tenant_form.key.copy_password",
            "tenant_form.keyhelp.copy_password", "new-tenant-result"),
    KeySpec("tenant-result-copy-user", "u", "copy_user", "tenant_form.key.copy_user",
            "tenant_form.keyhelp.copy_user", "new-tenant-result"),
    KeySpec("tenant-result-close", "escape", "close", "tenant_form.key.done",
            "tenant_form.keyhelp.done", "new-tenant-result"),
    KeySpec("tenant-request-copy-email", "c", "copy_email", "tenant_form.key.copy_email",
            "tenant_form.keyhelp.copy_email", "new-tenant-request"),
    KeySpec("tenant-request-copy-path", "p", "copy_path", "tenant_form.key.copy_path",
            "tenant_form.keyhelp.copy_path", "new-tenant-request"),
    KeySpec("tenant-request-close", "escape", "close", "tui.key.close",
            "tenant_form.keyhelp.close", "new-tenant-request"),
)

#: Always this many dots: the mask says nothing about the password, not even its length.
MASK = "•" * 12


class ResultBody(VerticalScroll):
    """Scrolls with the arrow keys (it takes the focus)."""


@with_sheets("new_tenant")
class TenantResultScreen(GuardedActions, TranslatedBindings, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("new-tenant-result", "app")

    def __init__(self, created: onboarding.CreatedTenant, *, title: str | None = None) -> None:
        super().__init__(id="new-tenant-result")
        #: The heading (None: "Tenant created"); a password reset shows its own.
        self.title_text = title
        self.tenant_id = created.tenant_id
        self.domain = created.domain
        self.company_name = created.company_name
        self.admin_user = created.admin_user
        self.next_steps = list(created.next_steps)
        self._password: str | None = created.password
        self.revealed = False
        self.close_asked = False

    @property
    def has_password(self) -> bool:
        return bool(self._password)

    def compose(self) -> ComposeResult:
        yield Static(Text(self.title_text or t("tenant_form.result.title",
                                               company=safe_text(self.company_name)),
                          style="bold"), classes="screen-title")
        with ResultBody(id="result-body"):
            yield Static(self._facts(), id="result-facts")
            if self.has_password:
                yield Static(Text(t("tenant_form.result.warning")), id="result-warning")
            yield Static("", id="result-copied")
            yield Static(Text(t("tenant_form.result.next_steps"), style="bold"),
                         classes="result-heading")
            for number, step in enumerate(self.next_steps, 1):
                yield Static(Text(f"{number}. {safe_text(step)}"), classes="result-step")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#result-copied", Static).display = False
        self.query_one(ResultBody).focus()

    def _password_text(self) -> Text:
        if not self._password:
            return Text(t("tenant_form.result.no_password"), style="italic")
        if self.revealed:
            return Text(self._password, style="bold")
        return Text(f"{MASK}  {t('tenant_form.result.hidden')}")

    def _facts(self) -> Table:
        table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1, overflow="fold")
        table.add_row(Text(t("tenant_form.result.tenant_id")), Text(safe_text(self.tenant_id)))
        table.add_row(Text(t("tenant_form.result.domain")), Text(safe_text(self.domain)))
        table.add_row(Text(t("tenant_form.result.admin")), Text(safe_text(self.admin_user)))
        table.add_row(Text(t("tenant_form.result.password")), self._password_text())
        return table

    def action_available(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"reveal", "copy_password"}:
            return self.has_password
        return True

    def action_reveal(self) -> None:
        if not self._password:
            return
        self.revealed = not self.revealed
        self.query_one("#result-facts", Static).update(self._facts())

    def _copied(self, key: str) -> None:
        if key != "tenant_form.result.close_again":
            self.close_asked = False  # what the person did since, the question is asked anew
        line = self.query_one("#result-copied", Static)
        line.update(Text(t(key)))
        line.display = True

    def action_copy_password(self) -> None:
        if not self._password:
            return
        console_of(self.app).copy_text(self._password)
        self._copied("tenant_form.result.copied")

    def action_copy_user(self) -> None:
        console_of(self.app).copy_text(self.admin_user)
        self._copied("tenant_form.result.user_copied")

    def action_close(self) -> None:
        # The password is never shown again: the first esc only says so, the second closes
        # (an esc meant for the form behind, or one typed twice by habit, must not lose it).
        if self.has_password and not self.close_asked:
            self.close_asked = True
            self._copied("tenant_form.result.close_again")
            return
        # Shown once: nothing keeps the password after this screen.
        self._password = None
        self.revealed = False
        self.dismiss()


@with_sheets("new_tenant")
class DistributorRequestScreen(GuardedActions, TranslatedBindings, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("new-tenant-request", "app")

    def __init__(self, package: onboarding.DistributorPackage, company_name: str) -> None:
        super().__init__(id="new-tenant-request")
        self.package = package
        self.company_name = company_name

    def compose(self) -> ComposeResult:
        yield Static(Text(t("tenant_form.request.title",
                            company=safe_text(self.company_name)), style="bold"),
                     classes="screen-title")
        with ResultBody(id="request-body"):
            yield Static(Text(t("onboarding.cli.reseller_note")), id="request-note")
            yield Static(Text(t("tenant_form.request.saved",
                                path=safe_text(str(self.package.saved_path)))),
                         id="request-path")
            yield Static(Text(t("tenant_form.request.email"), style="bold"),
                         classes="result-heading")
            yield Static(Text("\n".join(safe_text(line) for line in
                                        self.package.email_text.splitlines())),
                         id="request-email")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(ResultBody).focus()

    def action_copy_email(self) -> None:
        console_of(self.app).copy_text(self.package.email_text)

    def action_copy_path(self) -> None:
        console_of(self.app).copy_text(str(self.package.saved_path))

    def action_close(self) -> None:
        self.dismiss()
