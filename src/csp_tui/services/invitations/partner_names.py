"""The names the invitation e-mail signs with: the reseller's and its distributor's."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from csp_tui import sandbox_identity as identity
from csp_tui.config import Profile, Role
from csp_tui.partner_center.errors import PartnerCenterError
from csp_tui.services.invitation_email import build_email

if TYPE_CHECKING:

    from csp_tui.partner_center.client import PartnerCenterClient
    from csp_tui.services.work_session import WorkSession

log = logging.getLogger(__name__)

RESELLER_RELATIONSHIP = "IsIndirectResellerOf"
PROVIDER_RELATIONSHIP = "IsIndirectCloudSolutionProviderOf"


async def partners(client: PartnerCenterClient,
                   relationship_type: str) -> dict[str, str] | None:
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
    return {
        identity.RESELLER_TENANT_ID: identity.RESELLER_NAME,
        identity.OTHER_RESELLER_TENANT_ID: identity.OTHER_RESELLER_NAME,
        identity.PROVIDER_TENANT_ID: identity.PROVIDER_NAME,
    }


async def partner_names(session: WorkSession, reseller_id: str | None, *,
                         resellers: dict[str, str] | None = None
                         ) -> tuple[str | None, str | None]:
    """(reseller name, distributor name) for the e-mail; ``None`` where unknown."""
    profile: Profile = session.settings.profile
    known = _known_names(profile)
    own = known.get(profile.tenant_id.lower()) or None
    if profile.role is Role.INDIRECT_RESELLER:
        distributor_id = profile.indirect_provider_id.lower()
        providers = await partners(session.client, RESELLER_RELATIONSHIP) or {}
        return own, providers.get(distributor_id) or known.get(distributor_id) or None
    if profile.role is Role.INDIRECT_PROVIDER:
        if resellers is None:
            resellers = await partners(session.client, PROVIDER_RELATIONSHIP) or {}
        key = (reseller_id or "").lower()
        return resellers.get(key) or known.get(key) or None, own
    return own, None


def email_texts(invitation_language: str, *, company_name: str, contact_name: str, link: str,
                names: tuple[str | None, str | None], profile: Profile) -> tuple[str, str]:
    """(subject, body) of the invitation e-mail in the invitation's language."""
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
