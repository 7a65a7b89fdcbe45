"""What a person types to invite a customer, checked and normalised: every bad field named."""

from __future__ import annotations

import re
from dataclasses import dataclass

from csp_tui.config import Profile, Role
from csp_tui.domain.text import safe_text
from csp_tui.domain.validation import validate_email
from csp_tui.i18n import LANGUAGES, t
from csp_tui.services.invitations.errors import InvitationInputError, ReadOnlyError
from csp_tui.state.invitations import normalise_domain

# Limits of what a person types; generous, they only stop pasted garbage.
COMPANY_MAX = 200
CONTACT_MAX = 100

_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_DOMAIN = re.compile(r"[a-z0-9.-]+\.[a-z]{2,}")
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


@dataclass(frozen=True)
class InviteInput:
    """Validated and normalised input of :func:`invite`."""

    company_name: str
    contact_name: str
    contact_email: str
    domain: str
    language: str
    reseller_id: str | None


def _clean(value: str | None) -> str:
    return safe_text(value or "").strip()


def check_email(value: str) -> str | None:
    """The address with its domain lower-cased, or ``None`` if it is not a usable address."""
    result = validate_email(value)
    return result.value if result.ok else None


def check_domain(value: str) -> str | None:
    """The domain lower-cased (``[a-z0-9.-]+\\.[a-z]{2,}``, sane labels), or ``None``."""
    domain = normalise_domain(value)
    if not domain or len(domain) > 253 or not _DOMAIN.fullmatch(domain):
        return None
    if not all(_LABEL.match(label) for label in domain.split(".")):
        return None
    return domain


def check_tenant_id(value: str) -> str | None:
    text = value.strip().lower()
    return text if _GUID.match(text) else None


def validate_input(
    profile: Profile,
    *,
    company_name: str,
    contact_name: str | None,
    contact_email: str,
    domain: str,
    language: str,
    reseller_id: str | None = None,
) -> InviteInput:
    """Normalise the fields or raise :class:`InvitationInputError` naming every bad one."""
    problems: dict[str, str] = {}

    company = _clean(company_name)
    if not company:
        problems["company_name"] = t("invite.error.company_required")
    elif len(company) > COMPANY_MAX:
        problems["company_name"] = t("invite.error.too_long", limit=COMPANY_MAX)

    contact = _clean(contact_name)
    if len(contact) > CONTACT_MAX:
        problems["contact_name"] = t("invite.error.too_long", limit=CONTACT_MAX)

    checked_email = validate_email(_clean(contact_email))
    email = checked_email.value if checked_email.ok else None
    if not checked_email.ok:
        problems["contact_email"] = (checked_email.message()
                                     or t("invite.error.email_invalid",
                                          value=safe_text(checked_email.value, limit=80)))

    domain_text = _clean(domain)
    normalised_domain = check_domain(domain_text)
    if not domain_text:
        problems["domain"] = t("invite.error.domain_required")
    elif normalised_domain is None:
        problems["domain"] = t("invite.error.domain_invalid",
                               value=safe_text(domain_text, limit=80))

    if language not in LANGUAGES:
        problems["language"] = t("invite.error.language_invalid")

    reseller: str | None = None
    reseller_text = _clean(reseller_id)
    if profile.role is Role.INDIRECT_PROVIDER:
        if not reseller_text:
            problems["reseller_id"] = t("invite.error.reseller_required")
        else:
            reseller = check_tenant_id(reseller_text)
            if reseller is None:
                problems["reseller_id"] = t("invite.error.reseller_invalid",
                                            value=safe_text(reseller_text, limit=80))
    elif reseller_text:
        problems["reseller_id"] = t("invite.error.reseller_not_allowed")

    if problems:
        raise InvitationInputError(problems)
    assert email is not None and normalised_domain is not None
    return InviteInput(company_name=company, contact_name=contact, contact_email=email,
                       domain=normalised_domain, language=language, reseller_id=reseller)


def ensure_writable(profile: Profile) -> None:
    if profile.read_only:
        raise ReadOnlyError(t("invite.error.read_only", profile=profile.name))
