"""A provider's resellers, and the verdict on the form's ``reseller_id`` field under each role."""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING

from csp_tui.config import Profile, Role
from csp_tui.domain import validation as v
from csp_tui.domain.text import safe_text
from csp_tui.partner_center.errors import PartnerCenterError
from csp_tui.services.invitations import PROVIDER_RELATIONSHIP
from csp_tui.services.onboarding.errors import short_error

if TYPE_CHECKING:
    from csp_tui.services.work_session import WorkSession

log = logging.getLogger(__name__)

_KNOWN_RESELLERS_SHOWN = 5


# A provider's resellers, per session: the form checks the field on every change and the list
# does not change while a form is open. Keyed by id() because a Session is not hashable; the
# entry goes when the session does.
_reseller_cache: dict[int, dict[str, str]] = {}
_reseller_cache_lock = threading.Lock()


def _forget_resellers(key: int) -> None:
    with _reseller_cache_lock:
        _reseller_cache.pop(key, None)


async def provider_resellers(session: WorkSession) -> dict[str, str]:
    """{reseller tenant id: name} of this provider (cached for the session).

    Raises :class:`PartnerCenterError` when Partner Center cannot say; a failure is not cached.
    """
    key = id(session)
    with _reseller_cache_lock:
        cached = _reseller_cache.get(key)
    if cached is not None:
        return dict(cached)
    relationships = await session.client.partner_relationships(PROVIDER_RELATIONSHIP)
    found = {str(rel.id).lower(): safe_text(rel.name or "") for rel in relationships if rel.id}
    try:
        weakref.finalize(session, _forget_resellers, key)
    except TypeError:  # an object without weak references: do not cache (id may be reused)
        return dict(found)
    with _reseller_cache_lock:
        _reseller_cache[key] = found
    return dict(found)


def _known_resellers_text(resellers: Mapping[str, str]) -> str:
    items = sorted(resellers.items(), key=lambda item: (item[1].lower(), item[0]))
    shown = [f"{name or '?'} ({tenant})" for tenant, name in items[:_KNOWN_RESELLERS_SHOWN]]
    if len(items) > _KNOWN_RESELLERS_SHOWN:
        shown.append("…")
    return ", ".join(shown)


async def check_reseller(session: WorkSession, value: object) -> tuple[v.FieldResult, str | None]:
    """(verdict, reseller name) for the ``reseller_id`` field under this profile's role."""
    profile: Profile = session.settings.profile
    local = v.validate_partner_id(value)
    if not local.ok:
        return local, None
    reseller_id = local.value
    if profile.role is Role.DIRECT:
        if reseller_id:
            return v.FieldResult(False, reseller_id, "onboarding.reseller.direct"), None
        return local, None
    if profile.role is Role.INDIRECT_RESELLER:
        own = profile.tenant_id.strip().lower()
        if reseller_id and reseller_id != own:
            return v.FieldResult(False, reseller_id, "onboarding.reseller.not_own",
                                 {"own": own or "-"}), None
        return local, None
    # Indirect provider: the customer is linked to one of its resellers, or becomes its own.
    if not reseller_id:
        return v.FieldResult(True, "", "onboarding.reseller.own_customer"), None
    try:
        resellers = await provider_resellers(session)
    except PartnerCenterError as exc:
        log.info("resellers of this provider unavailable: %s", exc)
        return v.FieldResult(True, reseller_id, "onboarding.reseller.unchecked",
                             {"value": reseller_id, "error": short_error(exc)}), None
    if reseller_id not in resellers:
        if resellers:
            return v.FieldResult(False, reseller_id, "onboarding.reseller.unknown",
                                 {"value": reseller_id, "known": _known_resellers_text(resellers)},
                                 "onboarding.reseller.known"), None
        return v.FieldResult(False, reseller_id, "onboarding.reseller.unknown",
                             {"value": reseller_id}, "onboarding.reseller.none_known"), None
    return local, resellers[reseller_id] or None
