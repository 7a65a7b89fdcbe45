"""Partner Center's refusals, told as what happened and what to do.

"Subscription quantity cannot be decreased. (800090)" says nothing about when it could have
been done or what to do instead. :func:`explain` turns the codes a reseller meets day to day
into a clear sentence and the way forward, with the subscription's own dates when they are
known; anything else falls back to Partner Center's description and code.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from csp_tui.domain import terms
from csp_tui.domain.text import safe_text
from csp_tui.partner_center.errors import PartnerCenterError
from csp_tui.services.commerce_rules import SubscriptionFacts, facts

# Codes with their own explanation; several share one (the cancellation windows).
_BY_CODE: dict[str, str] = {
    "2001": "pcx.2001",
    "2002": "pcx.2002",
    "2011": "pcx.2011",
    "2055": "pcx.2055",
    "800090": "pcx.800090",
    "800091": "pcx.800091",
    "800093": "pcx.800093",
    "900117": "pcx.cancel_window",
    "900213": "pcx.cancel_window_software",
    "900214": "pcx.change_window",
    "900257": "pcx.change_window",
    "800082": "pcx.800082",
    "900278": "pcx.900278",
    "900311": "pcx.900311",
    "900277": "pcx.900277",
    "900275": "pcx.900275",
    "1002": "pcx.forbidden",
    "900150": "pcx.forbidden",
    "900308": "pcx.forbidden",
    "20002": "pcx.20002",
    "20003": "pcx.not_found",
    "13605": "pcx.13605",
    "800073": "pcx.under_review",
    "800074": "pcx.under_review",
    "800075": "pcx.not_approved",
    "10001": "pcx.mfa",
    "429": "pcx.throttled",
    # selling: carts and checkout
    "800064": "pcx.800064",
    "800065": "pcx.800065",
    "400036": "pcx.400036",
    "400013": "pcx.catalog_gone",
    "400018": "pcx.catalog_gone",
    "400019": "pcx.catalog_gone",
}
# When there is no code (or one we do not know), the HTTP status still says a lot.
_BY_STATUS: dict[int, str] = {
    401: "pcx.signed_out",
    403: "pcx.forbidden",
    404: "pcx.not_found",
    409: "pcx.conflict",
    429: "pcx.throttled",
}

ErrorLike = PartnerCenterError | tuple[Any, Any] | tuple[Any, Any, Any]


def _parts(error: ErrorLike, language: str | None = None
           ) -> tuple[str | None, str, int | None, float | None]:
    """(code, description, HTTP status, retry after) from an error or a (code, description
    [, status]) pair — e.g. an outbox entry's ``error_code`` and ``error_message``; a failure
    found here is described in ``language``."""
    if isinstance(error, PartnerCenterError):
        return (error.code, error.describe(language) or "", error.status, error.retry_after)
    code, description, *rest = error
    status = rest[0] if rest and isinstance(rest[0], int) else None
    return (None if code is None else str(code), "" if description is None else str(description),
            status, None)


def code_of(error: ErrorLike) -> str | None:
    code = _parts(error)[0]
    code = code.strip() if code else None
    return code or None


def _subscription_words(sub: Mapping[str, Any] | SubscriptionFacts | None,
                        language: str | None, zone: tzinfo | None,
                        now: datetime | None) -> dict[str, str]:
    """Sentences with the subscription's own dates ("" when unknown)."""
    words = {"window": "", "cancel_window": "", "term_end": ""}
    if sub is None:
        return words
    parsed = sub if isinstance(sub, SubscriptionFacts) else facts(sub)
    if parsed.refundable_closed_at is not None:
        words["window"] = terms.say("pcx.part.window_closed", language,
                                    date=terms.moment_in_words(parsed.refundable_closed_at,
                                                               language, zone, now))
    if parsed.cancel_until is not None:
        words["cancel_window"] = terms.say(
            "pcx.part.cancel_closed", language,
            date=terms.moment_in_words(parsed.cancel_until, language, zone, now))
    if parsed.term_end is not None:
        words["term_end"] = terms.say(
            "pcx.part.term_end", language,
            date=terms.date_in_words(parsed.term_end, language, zone))
    return words


def explain(error: ErrorLike, language: str | None = None, *,
            subscription: Mapping[str, Any] | SubscriptionFacts | None = None,
            zone: tzinfo | None = None, now: datetime | None = None) -> str:
    """A clear explanation of ``error`` with what to do.

    ``error`` is a :class:`PartnerCenterError` or ``(code, description)`` (optionally with the
    HTTP status as a third item). ``subscription`` (a cache row) adds its dates: "This
    subscription's window closed on 20 Nov 14:02." (with ``now``: the year when it differs).
    """
    code, description, status, retry_after = _parts(error, language)
    code = code.strip() if code else None
    key = _BY_CODE.get(code or "")
    if key is None and status is not None:
        key = _BY_STATUS.get(status)
    shown = safe_text(description, 300) if description else ""
    if key is None:
        if code:
            return terms.say("pcx.fallback", language, description=shown or "—", code=code)
        return terms.say("pcx.fallback_no_code", language, description=shown or "—")
    retry = ""
    if retry_after:
        retry = terms.say("pcx.part.retry_after", language, seconds=round(retry_after))
    text = terms.say(key, language, description=shown, retry=retry,
                     **_subscription_words(subscription, language, zone, now))
    # Keep the code visible: it is what support and the distributor ask for.
    if code and code not in text:
        text = terms.say("pcx.with_code", language, text=text, code=code)
    return text
