"""The console's own password reset for a tenant whose first administrator password was lost
(the program ended before it was shown; see services.password_reset).

``p`` on the Tenant pane queues the reset through the outbox; when the worker has sent it,
the new temporary password is shown once on the same screen as a created tenant's (hidden
until ``v``, ``c`` copies it, the first esc warns). It lives only in memory, between the
worker's hand-over (``take_credentials``) and that screen.
"""

from __future__ import annotations

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.services import onboarding, password_reset
from csp_tui.services.writer import WriteSession
from csp_tui.state.outbox import OutboxEntry
from csp_tui.tui.console import Console
from csp_tui.tui.widgets.form_outcome import TenantResultScreen
from csp_tui.tui.writes import write_then


def password_lost(app: Console, customer_id: str) -> bool:
    """Whether ``customer_id``'s administrator password was lost and no reset is under way."""
    return password_reset.lost_for(app.backend.state, customer_id) is not None


def console_offer_text(entry: OutboxEntry) -> str:
    """The notice for a lost password, pointing to the console's own key first."""
    customer_id, admin, company = password_reset.lost_admin(entry)
    return t("reset.console.offer", company=safe_text(company, 120),
             admin=safe_text(admin, 120), customer=customer_id)


def start_reset(app: Console, customer_id: str) -> None:
    """Queue the reset of ``customer_id``'s administrator (one live entry per tenant) on the
    writer thread; the outbox is kicked and the person told once it is queued."""
    if app.read_only:
        return
    source = password_reset.lost_for(app.backend.state, customer_id)
    if source is None:
        app.notify(t("reset.console.nothing_lost"), severity="warning")
        return
    customer, admin, company = password_reset.lost_admin(source)

    def queue(session: WriteSession) -> OutboxEntry:
        return password_reset.queue_reset(session.state, customer_id=customer,
                                          user_name=admin, company_name=company)

    def queued(entry: OutboxEntry) -> None:
        app.backend.kick_outbox()
        app.notify(t("reset.console.queued", admin=safe_text(admin, 120),
                     company=safe_text(company, 120)))

    write_then(app, queue, queued)


def show_new_password(app: Console, entry: OutboxEntry) -> bool:
    """A sent reset's new password, once (False: this console was not handed it)."""
    credentials = app.backend.take_credentials(entry.id)
    if not credentials or not credentials.get("password"):
        return False
    payload = entry.payload or {}
    admin = str(credentials.get("user_name") or payload.get("user_name") or "")
    company = str(payload.get("company_name") or entry.customer_id or "")
    shown = onboarding.CreatedTenant(
        tenant_id=str(payload.get("customer_id") or entry.customer_id or ""),
        domain=admin.partition("@")[2],
        company_name=company,
        admin_user=admin,
        password=credentials["password"],
        next_steps=[t("reset.console.step.give", admin=safe_text(admin, 120)),
                    t("reset.console.step.change")],
    )
    del credentials  # the screen holds the only copy now
    app.push_screen(TenantResultScreen(
        shown, title=t("reset.console.title", company=safe_text(company, 120))))
    return True
