"""The result, shown once: the created tenant and the next steps, or why it failed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t, tl
from csp_tui.services.onboarding.errors import OnboardingError
from csp_tui.services.pc_explain import explain
from csp_tui.state.outbox import OutboxEntry, OutboxState


@dataclass(frozen=True)
class CreatedTenant:
    """What a person needs after the tenant exists. ``password`` is ``None`` when the
    credentials did not reach this caller (e.g. sent by another process, or a replay after a
    restart): they are shown once and stored nowhere."""

    tenant_id: str
    domain: str
    company_name: str
    admin_user: str
    password: str | None = field(repr=False)
    next_steps: list[str]
    contact_email: str = ""


def result_view(entry: OutboxEntry, credentials: Mapping[str, str] | None, *,
                language: str | None = None) -> CreatedTenant:
    """The created tenant of a done ``create_customer`` entry, with next steps in
    ``language`` (default: the current one). Raises :class:`OnboardingError` when the entry
    is not done."""
    if entry.state is not OutboxState.DONE or not entry.result:
        raise OnboardingError(t("onboarding.error.not_done",
                                state=t(f"state.outbox.state.{entry.state.value}")))
    result = entry.result
    payload = entry.payload
    domain = str(result.get("domain") or payload.get("domain") or "").lower()
    company = safe_text(str(result.get("company_name") or payload.get("company_name") or ""))
    user = (credentials or {}).get("user_name") or result.get("user_name") or "admin"
    admin_user = user if "@" in user else f"{user}@{domain}"
    password = (credentials or {}).get("password") or None
    email = safe_text(str(payload.get("email") or ""))

    def say(key: str, **kw: object) -> str:
        return tl(key, language, **kw) if language else t(key, **kw)

    steps = [
        say("onboarding.next.invitation", email=email, admin=admin_user),
        say("onboarding.next.change_password"),
        say("onboarding.next.licences"),
        say("onboarding.next.password_once") if password
        else say("onboarding.next.password_missing", admin=admin_user, company=company),
    ]
    return CreatedTenant(
        tenant_id=str(result.get("customer_id") or ""),
        domain=domain,
        company_name=company,
        admin_user=admin_user,
        password=password,
        next_steps=steps,
        contact_email=email,
    )


def explain_failure(entry: OutboxEntry, language: str | None = None) -> str:
    """Why a failed (or unresolved) create did not produce a tenant, in words."""
    if entry.state is OutboxState.NEEDS_ATTENTION:
        domain = str(entry.payload.get("domain") or "")
        error = safe_text(entry.error_message or "?", limit=300)
        return (tl("onboarding.failed.needs_attention", language, error=error, domain=domain)
                if language else t("onboarding.failed.needs_attention", error=error,
                                   domain=domain))
    return explain((entry.error_code, entry.error_message or ""), language)
