"""The reseller's own name and MPN id, for the signature of a request to its distributor."""

from __future__ import annotations

from csp_tui import sandbox_identity as identity
from csp_tui.config import Profile
from csp_tui.i18n import tl


def own_identity(profile: Profile, language: str) -> tuple[str, str]:
    """(the reseller's name, its MPN id) for the e-mail's signature."""
    name = ""
    if profile.is_sandbox:
        name = {identity.RESELLER_TENANT_ID: identity.RESELLER_NAME,
                identity.OTHER_RESELLER_TENANT_ID: identity.OTHER_RESELLER_NAME
                }.get(profile.tenant_id.lower(), "")
    # Partner Center offers a reseller no call that returns its own company name: leave a
    # visible blank for the person to fill in rather than a wrong name.
    return name or tl("onboarding.package.your_name", language), profile.reseller_mpn_id or "-"
