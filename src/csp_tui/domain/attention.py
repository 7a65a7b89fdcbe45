"""What about one customer needs a person, and the most urgent reason.

A rule of the business, not of storage: the cache stores the count and the reason's code
(``customers.attention``, ``customers.attention_reason``) computed here from what it holds;
the console words the code (``tui.attention.<code>``). Pure: the caller reads the rows and
their moments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

# An active subscription ending within this window with auto-renew off will expire.
EXPIRY_WARNING = timedelta(days=7)
# Statuses after which a subscription no longer needs a decision.
_FINISHED_STATUSES = frozenset({"deleted", "expired", "disabled", "cancelled"})
# attention_reason is the most urgent reason; this is the order of urgency.
ATTENTION_REASONS = ("suspended", "expiring", "qual_denied", "in_window")


@dataclass(frozen=True, slots=True)
class SubscriptionFacts:
    """What the rule reads of one subscription."""

    status: str | None
    auto_renew: bool | None
    commitment_end: datetime | None = None
    cancellation_allowed_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class QualificationFacts:
    """What the rule reads of one qualification of the customer."""

    qualification: str | None
    vetting_status: str | None


def attention_for(subscriptions: Iterable[SubscriptionFacts],
                  qualifications: Iterable[QualificationFacts], *,
                  now: datetime) -> tuple[int, str | None]:
    """How many things about one customer need a person, and the most urgent reason.

    - ``suspended``: a suspended subscription (the partner keeps being billed);
    - ``expiring``: an active subscription whose term ends within 7 days with auto-renew off
      (it will expire; an explicit off only, unknown is not a warning);
    - ``in_window``: a live subscription still inside its cancellation window (a decision about
      seats or cancellation is still possible, and only until then);
    - ``qual_denied``: an Education qualification that was denied.
    """
    found: list[str] = []
    for sub in subscriptions:
        status = (sub.status or "").lower()
        if status == "suspended":
            found.append("suspended")
        if status == "active" and sub.auto_renew is not None and not sub.auto_renew:
            end = sub.commitment_end
            if end is not None and end <= now + EXPIRY_WARNING:
                found.append("expiring")
        if status not in _FINISHED_STATUSES:
            until = sub.cancellation_allowed_until
            if until is not None and until > now:
                found.append("in_window")
    for qual in qualifications:
        if ((qual.qualification or "").lower() == "education"
                and (qual.vetting_status or "").lower() == "denied"):
            found.append("qual_denied")
    if not found:
        return 0, None
    reason = min(found, key=ATTENTION_REASONS.index)
    return len(found), reason
