"""New-commerce rules, checked before a change is queued (Partner Center stays the final judge).

A change that Partner Center will refuse is better refused here, with the reason and the date
that matters, than queued and failed minutes later. The rules (domain facts §5):

- seats can be added any time while the subscription is active, except to a software
  subscription (buy an additional subscription instead);
- seats can be removed only within 7 days of being bought or renewed, and only those seats
  (``refundableQuantity``), never below the SKU minimum (at least 1);
- cancelling (status ``deleted``) is possible only inside the cancellation window, and final;
- suspending is for active subscriptions; the partner keeps being billed and auto-renew turns
  off; reactivating is possible until the term ends and leaves auto-renew off;
- auto-renew can be switched only on an active, paid subscription;
- deleted, expired and disabled subscriptions can no longer be changed at all.

Subscriptions come as rows of the cache (``subscriptions`` columns, ``raw_json`` included); a
perpetual licence (a row of ``entitlements``) has no action here.
"""

from csp_tui.services.commerce_rules.checks import allowed_actions, check, check_quantity
from csp_tui.services.commerce_rules.facts import (
    ACTIONS,
    CANCEL,
    CHANGE_QUANTITY,
    DEFAULT_MIN_QUANTITY,
    REACTIVATE,
    SUSPEND,
    TOGGLE_AUTO_RENEW,
    Allowed,
    RefundableSeats,
    SubscriptionFacts,
    facts,
    removable_seats,
)
from csp_tui.services.commerce_rules.words import (
    describe_effect,
    effect_only,
    notes_text,
    reason_text,
)

__all__ = [
    "ACTIONS",
    "CANCEL",
    "CHANGE_QUANTITY",
    "DEFAULT_MIN_QUANTITY",
    "REACTIVATE",
    "SUSPEND",
    "TOGGLE_AUTO_RENEW",
    "Allowed",
    "RefundableSeats",
    "SubscriptionFacts",
    "allowed_actions",
    "check",
    "check_quantity",
    "describe_effect",
    "effect_only",
    "facts",
    "notes_text",
    "reason_text",
    "removable_seats",
]
