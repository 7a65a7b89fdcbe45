"""Why a call to Partner Center did not work, in one sentence for a person.

The adapter's errors (``partner_center.errors``, the sign-in's ``SignInRequiredError``) are
sorted here into what a person can do about them — sign in again, ask for the role, check the
connection — so a front end words a failure without importing the adapter.
"""

from __future__ import annotations

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.partner_center import errors as pce


def partner_center_failure(exc: BaseException) -> str | None:
    """The sentence for a failure of Partner Center (or of the sign-in to it); None when
    ``exc`` is something else."""
    if isinstance(exc, pce.AuthenticationError) or type(exc).__name__ == "SignInRequiredError":
        return t("invite.cli.sign_in", error=safe_text(str(exc), 200))
    if isinstance(exc, pce.ForbiddenError):
        return t("invite.cli.forbidden", error=safe_text(str(exc), 200))
    if isinstance(exc, pce.TransportError):
        return t("invite.cli.unreachable", error=safe_text(str(exc), 200))
    if isinstance(exc, pce.PartnerCenterError):
        return t("invite.cli.partner_center_error", error=safe_text(str(exc), 200))
    return None
