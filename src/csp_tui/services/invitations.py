"""Reseller relationship requests: get the partner's link, record whom it went to, write the e-mail.

Partner Center hands out one relationship link per partner (per reseller and distributor for
the indirect model) and keeps no record of who received it, so the invitation itself is ours:
the ledger in state.db says to whom, when and which link; a sync marks an invitation accepted
once the invited domain shows up among our customers.

The link decides whom the customer gets attached to. For an indirect reseller it must name the
distributor (``indirectCSPId``): a link without it would attach the customer to the reseller
alone (or to the wrong partner), which the customer then has to undo. So the link is checked
before anything is recorded or shown.

A read-only profile may look but not act: the checks are here, not only in the screens, so the
command line and any future caller get the same refusal.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from csp_tui.config import Profile, Role
from csp_tui.db import Transaction
from csp_tui.domain.hosts import is_loopback
from csp_tui.domain.text import safe_text
from csp_tui.domain.validation import validate_email
from csp_tui.i18n import LANGUAGES, t
from csp_tui.partner_center.errors import PartnerCenterError
from csp_tui.services.invitation_email import build_email
from csp_tui.state import invitations as ledger
from csp_tui.state.invitations import Invitation, normalise_domain
from csp_tui.timestamps import stamp
from csp_tui.world_clock import world_clock_for

log = logging.getLogger(__name__)

MICROSOFT_ADMIN_HOST = "admin.microsoft.com"
DEMO_SEEDED_KEY = "demo_invitations_seeded"

# Limits of what a person types; generous, they only stop pasted garbage.
COMPANY_MAX = 200
CONTACT_MAX = 100

_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_DOMAIN = re.compile(r"[a-z0-9.-]+\.[a-z]{2,}")
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")

RESELLER_RELATIONSHIP = "IsIndirectResellerOf"
PROVIDER_RELATIONSHIP = "IsIndirectCloudSolutionProviderOf"


class ReadOnlyError(PermissionError):
    """The profile is read-only; nothing was changed."""


class InvitationInputError(ValueError):
    """What the person typed cannot make an invitation.

    ``problems`` maps a field name (``company_name``, ``contact_email``, ``domain``,
    ``contact_name``, ``language``, ``reseller_id``) to a translated message.
    """

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{field}: {text}" for field, text in self.problems.items()))


class RelationshipLinkError(ValueError):
    """Partner Center returned a link that must not be sent to a customer."""


@dataclass(frozen=True)
class InviteResult:
    invitation: Invitation
    link: str
    email_subject: str
    email_body: str
    #: ``True`` when a pending invitation for the same domain existed and was returned
    #: instead of recording a second one.
    duplicate: bool = False


@dataclass(frozen=True)
class InviteInput:
    """Validated and normalised input of :func:`invite`."""

    company_name: str
    contact_name: str
    contact_email: str
    domain: str
    language: str
    reseller_id: str | None


# --- validation -------------------------------------------------------------------------------


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


# --- the link ---------------------------------------------------------------------------------


def _emulator_hosts(profile: Profile) -> set[str]:
    """Hosts besides Microsoft's that may issue links: the emulator, in-process or served."""
    hosts: set[str] = set()
    if profile.is_sandbox:
        from csp_tui.services.session import SANDBOX_BASE_URL

        hosts.add(urlsplit(SANDBOX_BASE_URL).hostname or "")
    base_host = urlsplit(profile.base_url).hostname or ""
    if is_loopback(base_host):
        hosts.add(base_host)
    return hosts


def _link_parameters(link: str) -> dict[str, str]:
    """Query parameters by lower-cased name; also those after a ``?`` in the fragment, where
    single-page-app links sometimes carry them."""
    parts = urlsplit(link)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if "?" in parts.fragment:
        pairs += parse_qsl(parts.fragment.split("?", 1)[1], keep_blank_values=True)
    return {key.lower(): value for key, value in pairs}


def check_link(link: str, profile: Profile, *, reseller_id: str | None = None) -> str:
    """Return ``link`` if it may go to a customer, else raise :class:`RelationshipLinkError`."""
    text = link.strip() if isinstance(link, str) else ""

    def refuse(reason: str) -> RelationshipLinkError:
        return RelationshipLinkError(t("invite.error.link_invalid", reason=reason))

    if not text or safe_text(text) != text or any(ch.isspace() for ch in text):
        raise refuse(t("invite.link.bad_characters"))
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    allowed = {MICROSOFT_ADMIN_HOST} | _emulator_hosts(profile)
    if host not in allowed:
        raise refuse(t("invite.link.wrong_host", host=safe_text(host or "-", limit=80)))
    # Plain http only from an emulator served on this machine.
    if parts.scheme != "https" and not (parts.scheme == "http" and is_loopback(host)):
        raise refuse(t("invite.link.not_https"))

    params = _link_parameters(text)
    if profile.role is Role.INDIRECT_RESELLER:
        distributor = profile.indirect_provider_id.strip().lower()
        if params.get("indirectcspid", "").strip().lower() != distributor:
            raise refuse(t("invite.link.no_distributor", id=distributor or "-"))
    elif profile.role is Role.INDIRECT_PROVIDER and reseller_id:
        values = {value.strip().lower() for value in params.values()}
        if reseller_id.lower() not in values:
            raise refuse(t("invite.link.no_reseller", id=reseller_id))
    return text


def reseller_link_with_distributor(link: str, profile: Profile) -> str:
    """The reseller's link carrying its distributor.

    Partner Center's one documented answer (``relationship-request.json``) is the plain
    ``invType=ResellerRelationship`` link without ``indirectCSPId``: accepting it would attach
    the customer to the reseller alone, and the distributor could not sell to it. When the
    answer lacks the distributor, the link is written in the documented indirect format
    (domain facts §7.2) from the answer's own partner id and the profile's distributor. A link
    that names another distributor is left as it is, for :func:`check_link` to refuse.
    """
    text = link.strip() if isinstance(link, str) else ""
    params = _link_parameters(text) if text else {}
    if params.get("indirectcspid", "").strip():
        return text
    distributor = profile.indirect_provider_id.strip().lower()
    partner = (params.get("partnerid") or profile.tenant_id).strip().lower()
    parts = urlsplit(text)
    if not distributor or check_tenant_id(partner) is None \
            or (parts.hostname or "").lower() != MICROSOFT_ADMIN_HOST:
        return text
    mpn = params.get("msppid", "").strip()
    if mpn in ("", "0"):  # the plain link's msppId=0 says nothing about the reseller
        mpn = profile.reseller_mpn_id.strip() or "0"
    query = urlencode({
        "invType": "IndirectResellerRelationship",
        "partnerId": partner,
        "msppId": mpn,
        "indirectCSPId": distributor,
        "DAP": "false",
    })
    return f"https://{MICROSOFT_ADMIN_HOST}/Adminportal/Home?{query}" \
           "#/BillingAccounts/partner-invitation"


async def relationship_link(client: Any, profile: Profile, *,
                            reseller_id: str | None = None) -> str:
    """The relationship request link this profile sends to customers, checked.

    - indirect reseller: the link carries its distributor (``profile.indirect_provider_id``);
    - indirect provider: a link on behalf of ``reseller_id`` (required);
    - direct partner: the plain link.
    """
    if profile.role is Role.INDIRECT_RESELLER:
        distributor = profile.indirect_provider_id.strip()
        if not distributor:
            raise RelationshipLinkError(t("invite.error.no_distributor", profile=profile.name))
        link = reseller_link_with_distributor(
            await client.relationship_request_link(indirect_csp_id=distributor), profile)
    elif profile.role is Role.INDIRECT_PROVIDER:
        tenant = check_tenant_id(reseller_id or "")
        if tenant is None:
            problem = ("invite.error.reseller_invalid" if reseller_id
                       else "invite.error.reseller_required")
            raise InvitationInputError(
                {"reseller_id": t(problem, value=safe_text(reseller_id or "", limit=80))})
        reseller_id = tenant
        link = await client.relationship_request_link(indirect_reseller_id=tenant)
    else:
        link = await client.relationship_request_link()
    return check_link(link, profile, reseller_id=reseller_id)


# --- names for the e-mail ---------------------------------------------------------------------


async def _partners(client: Any, relationship_type: str) -> dict[str, str] | None:
    """``{tenant id: name}`` of related partners, or ``None`` if Partner Center did not say."""
    try:
        relationships = await client.partner_relationships(relationship_type)
    except PartnerCenterError as exc:
        log.info("partner relationships (%s) unavailable: %s", relationship_type, exc)
        return None
    return {str(rel.id).lower(): str(rel.name or "") for rel in relationships if rel.id}


def _known_names(profile: Profile) -> dict[str, str]:
    """The sandbox's fixed partners; real profiles learn names from Partner Center only."""
    if not profile.is_sandbox:
        return {}
    from csp_tui import sandbox_identity as identity

    return {
        identity.RESELLER_TENANT_ID: identity.RESELLER_NAME,
        identity.OTHER_RESELLER_TENANT_ID: identity.OTHER_RESELLER_NAME,
        identity.PROVIDER_TENANT_ID: identity.PROVIDER_NAME,
    }


async def _partner_names(session: Any, reseller_id: str | None, *,
                         resellers: dict[str, str] | None = None
                         ) -> tuple[str | None, str | None]:
    """(reseller name, distributor name) for the e-mail; ``None`` where unknown."""
    profile: Profile = session.settings.profile
    known = _known_names(profile)
    own = known.get(profile.tenant_id.lower()) or None
    if profile.role is Role.INDIRECT_RESELLER:
        distributor_id = profile.indirect_provider_id.lower()
        providers = await _partners(session.client, RESELLER_RELATIONSHIP) or {}
        return own, providers.get(distributor_id) or known.get(distributor_id) or None
    if profile.role is Role.INDIRECT_PROVIDER:
        if resellers is None:
            resellers = await _partners(session.client, PROVIDER_RELATIONSHIP) or {}
        key = (reseller_id or "").lower()
        return resellers.get(key) or known.get(key) or None, own
    return own, None


def _email(invitation_language: str, *, company_name: str, contact_name: str, link: str,
           names: tuple[str | None, str | None], profile: Profile) -> tuple[str, str]:
    reseller_name, distributor_name = names
    return build_email(
        language=invitation_language,
        company_name=company_name,
        contact_name=contact_name,
        link=link,
        reseller_name=reseller_name,
        distributor_name=distributor_name,
        with_distributor=profile.role is not Role.DIRECT,
    )


# --- use cases --------------------------------------------------------------------------------


def find_pending(state: Any, domain: str, reseller_id: str | None = None) -> Invitation | None:
    """The pending (or stale) invitation for this domain and reseller, if there is one."""
    wanted = normalise_domain(domain)
    reseller = (reseller_id or "").lower()
    for invitation in ledger.list_invitations(state, status=ledger.PENDING):
        if invitation.domain == wanted and (invitation.reseller_id or "").lower() == reseller:
            return invitation
    return None


async def invite(
    session: Any,
    *,
    company_name: str,
    contact_name: str | None,
    contact_email: str,
    domain: str,
    language: str,
    reseller_id: str | None = None,
    now: str | None = None,
) -> InviteResult:
    """Validate, get the checked link, record the invitation, and write the e-mail.

    A pending invitation for the same domain (and, for a distributor, the same reseller) is
    returned as it is (``duplicate=True``) rather than recorded twice: one customer, one open
    request. Raises :class:`ReadOnlyError`, :class:`InvitationInputError`,
    :class:`RelationshipLinkError` or a :class:`PartnerCenterError`.
    """
    profile: Profile = session.settings.profile
    ensure_writable(profile)
    data = validate_input(profile, company_name=company_name, contact_name=contact_name,
                          contact_email=contact_email, domain=domain, language=language,
                          reseller_id=reseller_id)

    existing = find_pending(session.state, data.domain, data.reseller_id)
    if existing is not None:
        names = await _partner_names(session, existing.reseller_id)
        subject, body = _email(data.language, company_name=existing.company_name,
                               contact_name=existing.contact_name, link=existing.link,
                               names=names, profile=profile)
        return InviteResult(existing, existing.link, subject, body, duplicate=True)

    resellers: dict[str, str] | None = None
    if profile.role is Role.INDIRECT_PROVIDER:
        # A link for a tenant that is not our reseller would attach the customer to a partner
        # we do not supply. If Partner Center cannot tell, the link request decides.
        resellers = await _partners(session.client, PROVIDER_RELATIONSHIP)
        if resellers is not None and (data.reseller_id or "") not in resellers:
            raise InvitationInputError(
                {"reseller_id": t("invite.error.reseller_unknown", value=data.reseller_id)})

    link = await relationship_link(session.client, profile, reseller_id=data.reseller_id)
    invitation = ledger.record(
        session.state,
        company_name=data.company_name,
        contact_name=data.contact_name,
        contact_email=data.contact_email,
        domain=data.domain,
        link=link,
        language=data.language,
        reseller_id=data.reseller_id,
        now=now or world_timestamp(session.settings),
    )
    names = await _partner_names(session, data.reseller_id, resellers=resellers)
    subject, body = _email(data.language, company_name=data.company_name,
                           contact_name=data.contact_name, link=link, names=names,
                           profile=profile)
    return InviteResult(invitation, link, subject, body)


def world_timestamp(settings: Any) -> str:
    """Now in the world the profile shows (the sandbox's virtual clock, or the wall clock),
    stamped as the ledger stores times: an invitation's age must move with ``advance``."""
    return stamp(world_clock_for(settings).now())


def _existing(session: Any, invitation_id: str) -> Invitation:
    invitation = ledger.get(session.state, invitation_id)
    if invitation is None:
        raise KeyError(t("invite.error.not_found", id=invitation_id))
    return invitation


async def resend(session: Any, invitation_id: str, *, now: str | None = None) -> InviteResult:
    """Count a reminder (restarting the stale clock) and return a fresh e-mail text with the
    stored link, in the invitation's language. Only pending (or stale) invitations."""
    profile: Profile = session.settings.profile
    ensure_writable(profile)
    invitation = _existing(session, invitation_id)
    names = await _partner_names(session, invitation.reseller_id)
    updated = ledger.mark_resent(session.state, invitation.id,
                                 now=now or world_timestamp(session.settings))
    subject, body = _email(updated.language, company_name=updated.company_name,
                           contact_name=updated.contact_name, link=updated.link, names=names,
                           profile=profile)
    return InviteResult(updated, updated.link, subject, body)


def cancel(session: Any, invitation_id: str, *, now: str | None = None) -> Invitation:
    """Withdraw a pending invitation (the ledger refuses accepted/cancelled ones)."""
    ensure_writable(session.settings.profile)
    return ledger.cancel(session.state, _existing(session, invitation_id).id,
                         now=now or world_timestamp(session.settings))


def add_note(session: Any, invitation_id: str, note: str, *,
             now: str | None = None) -> Invitation:
    ensure_writable(session.settings.profile)
    return ledger.add_note(session.state, _existing(session, invitation_id).id, note, now=now)


# --- sandbox demo -----------------------------------------------------------------------------


async def _fetch_prospects(session: Any) -> list[dict[str, Any]]:
    transport = session.transport
    if transport is None:
        from csp_tui.services.session import sandbox_transport_for

        transport = sandbox_transport_for(session.settings)
    import httpx  # only the sandbox demo needs its own client: not on the console's start path

    from csp_tui.services.borrowed_transport import BorrowedTransport

    http = httpx.AsyncClient(transport=BorrowedTransport(transport),
                             base_url=session.client.base_url)
    async with http:
        response = await http.get("/_emulator/prospects")
        response.raise_for_status()
        payload = response.json()
    items = payload.get("items", payload.get("prospects", [])) if isinstance(payload, dict) \
        else payload
    return [item for item in items or [] if isinstance(item, dict)]


def _field(item: dict[str, Any], *names: str) -> str:
    lowered = {str(key).lower().replace("_", ""): value for key, value in item.items()}
    for name in names:
        value = lowered.get(name.lower().replace("_", ""))
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _demo_meta(state: Any) -> str | None:
    row = state.execute("SELECT value FROM meta WHERE key = ?",
                             (DEMO_SEEDED_KEY,)).fetchone()
    return row[0] if row else None


async def seed_sandbox_demo(session: Any, *, now: datetime | None = None) -> int:
    """Record invitations for the sandbox's prospects, once per state.db.

    The pending pane then has something to show at first start, and the demo shows the
    invitations being accepted as the sandbox's clock passes the prospects' acceptance times.
    A prospect that never accepts is dated back past the stale limit, so the stale state is
    visible too. Returns how many invitations were recorded (0 when already seeded or not a
    sandbox profile).
    """
    profile: Profile = session.settings.profile
    if not profile.is_sandbox or profile.read_only or _demo_meta(session.state) is not None:
        return 0
    from csp_tui import sandbox_identity as identity

    reseller_id = identity.RESELLER_TENANT_ID if profile.role is Role.INDIRECT_PROVIDER else None
    prospects = await _fetch_prospects(session)
    link = await relationship_link(session.client, profile, reseller_id=reseller_id)
    moment = now or world_clock_for(session.settings).now()
    recorded = 0
    for index, prospect in enumerate(prospects):
        # The domain a person would type is the company's own (custom) one; the initial
        # onmicrosoft.com domain only when the tenant has no other.
        custom = [value for value in prospect.get("customDomains") or []
                  if isinstance(value, str) and check_domain(value)]
        domain = check_domain(custom[0] if custom else _field(prospect, "domain"))
        company = _field(prospect, "companyName", "company_name", "name")
        if domain is None or not company or find_pending(session.state, domain, reseller_id):
            continue
        never = prospect.get("acceptsAfter", prospect.get("accepts_after", 0)) is None
        age = (timedelta(days=profile.invitation_stale_days + 3) if never
               else timedelta(hours=2 * index + 1))
        ledger.record(
            session.state,
            company_name=company,
            contact_name=_field(prospect, "contactName", "contact_name", "contact"),
            contact_email=check_email(_field(prospect, "contactEmail", "email")) or "",
            domain=domain,
            link=link,
            language="cs",
            reseller_id=reseller_id,
            now=stamp(moment - age),
        )
        recorded += 1
    with Transaction(session.state) as conn:
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                     (DEMO_SEEDED_KEY, stamp(moment)))
    return recorded
