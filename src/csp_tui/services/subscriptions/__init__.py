"""Changing a subscription: plan (rules + the exact effect), then queue through the outbox.

A change is two steps so the screen can show the exact effect before anything happens:

1. :func:`plan_action` reads the subscription from the cache, checks the new-commerce rules
   (:mod:`~csp_tui.services.commerce_rules`) and says what will happen, in words;
2. :func:`queue_action` writes the confirmed plan to the outbox. The outbox runner then reads
   the current subscription, applies ``changes`` to the *whole* object and PATCHes it (a
   partial body would silently switch auto-renew off).

Whether a change goes to Partner Center at all is the role matrix's answer
(:mod:`csp_tui.domain.roles`, :func:`route_for`): an indirect reseller may not change
subscriptions through the API, so its confirmed plan becomes a complete request for the
distributor (:func:`distributor_request`) and is never queued; a change a role cannot get done
in any way is refused by the plan itself.

Both refuse on a read-only profile. A double keypress queues one change, not two: while an
entry for the same subscription and action is still pending, queueing again returns it.

The named views across all customers (renewing soon, inside the cancellation window, …) are
in :mod:`.named_views`.
"""

from csp_tui.services.distributor_requests import DistributorRequest
from csp_tui.services.invitations import ReadOnlyError
from csp_tui.services.subscriptions.distributor import distributor_request
from csp_tui.services.subscriptions.named_views import (
    PRESETS,
    auto_renew_off,
    expired,
    inside_cancellation_window,
    perpetual,
    preset_count,
    preset_label,
    preset_rows,
    renewing_within,
    software,
    suspended,
)
from csp_tui.services.subscriptions.plan import (
    ACTION_OPERATIONS,
    ActionNotAllowedError,
    DistributorRouteError,
    Plan,
    plan_action,
    route_for,
)
from csp_tui.services.subscriptions.queue import enqueue_once, queue_action

__all__ = [
    "ACTION_OPERATIONS",
    "PRESETS",
    "ActionNotAllowedError",
    "DistributorRequest",
    "DistributorRouteError",
    "Plan",
    "ReadOnlyError",
    "auto_renew_off",
    "distributor_request",
    "enqueue_once",
    "expired",
    "inside_cancellation_window",
    "perpetual",
    "plan_action",
    "preset_count",
    "preset_label",
    "preset_rows",
    "queue_action",
    "renewing_within",
    "route_for",
    "software",
    "suspended",
]
