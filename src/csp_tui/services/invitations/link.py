"""The relationship request link: asked of Partner Center, completed for an indirect reseller,
and checked before it may go to a customer."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit

from csp_tui.config import Profile, Role
from csp_tui.domain.hosts import is_loopback
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.services.emulator_controls import SANDBOX_BASE_URL
from csp_tui.services.invitations.errors import InvitationInputError, RelationshipLinkError
from csp_tui.services.invitations.input import check_tenant_id

if TYPE_CHECKING:

    from csp_tui.partner_center.client import PartnerCenterClient


MICROSOFT_ADMIN_HOST = "admin.microsoft.com"


def _emulator_hosts(profile: Profile) -> set[str]:
    """Hosts besides Microsoft's that may issue links: the emulator, in-process or served."""
    hosts: set[str] = set()
    if profile.is_sandbox:
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


async def relationship_link(client: PartnerCenterClient, profile: Profile, *,
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
