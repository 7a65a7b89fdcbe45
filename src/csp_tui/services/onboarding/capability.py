"""Who may do what: the path the profile's role takes to a new tenant, and the read-only
refusal."""

from __future__ import annotations

from typing import Literal

from csp_tui.config import Profile
from csp_tui.domain import roles
from csp_tui.i18n import t
from csp_tui.services.invitations import ReadOnlyError

Capability = Literal["create", "request_distributor", "read_only"]


def capability(profile: Profile) -> Capability:
    """The role matrix's answer for creating a customer (:mod:`csp_tui.domain.roles`):
    ``create`` where the role may call the API (a provider, a direct partner);
    ``request_distributor`` where its distributor creates it (an indirect reseller: Partner
    Center answers 403); ``read_only`` when the profile may not act at all — read-only, or a
    role with no way to get it done."""
    if profile.read_only:
        return "read_only"
    access = roles.access(profile.role, roles.CUSTOMER_CREATE)
    if access is roles.Access.API:
        return "create"
    if access is roles.Access.DISTRIBUTOR:
        return "request_distributor"
    return "read_only"


def ensure_writable(profile: Profile) -> None:
    if profile.read_only:
        raise ReadOnlyError(t("onboarding.error.read_only", profile=profile.name))
