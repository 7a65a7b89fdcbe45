"""What the subscription changes are called and what the rules say of them, in words.

Shared by the detail screen (its "what can be changed" lines and its history) and the actions
screen (the list, the confirmation); the app words a refused change with :func:`explain_entry`.
Who gets a change done (the role matrix) is here too: both screens offer and word it the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from csp_tui.cache import views
from csp_tui.domain import roles, terms
from csp_tui.i18n import t
from csp_tui.services import commerce_rules as rules
from csp_tui.services.pc_explain import explain
from csp_tui.services.subscriptions import route_for
from csp_tui.state.outbox import OutboxEntry
from csp_tui.tui.console import Console


def zone_of(now: datetime) -> Any:
    return now.tzinfo


# -- who does it: the role matrix -----------------------------------------------------------


def routes(app: Console) -> dict[str, roles.Access]:
    """Every change and how this profile's role gets it done."""
    profile = app.settings.profile
    return {action: route_for(profile, action) for action in rules.ACTIONS}


def offered(app: Console) -> list[str]:
    """The changes offered at all (a change no route leads to is not)."""
    return [action for action, route in routes(app).items()
            if route is not roles.Access.REFUSED]


# -- words --------------------------------------------------------------------------------


def action_label(action: str, sub: rules.SubscriptionFacts, *,
                 distributor: bool = False) -> str:
    """"Change the number of seats", "Turn auto-renew off", … (``distributor``: "Ask the
    distributor to change seats", …)."""
    prefix = "roles.action" if distributor else "subs.action"
    if action == rules.TOGGLE_AUTO_RENEW:
        return t(f"{prefix}.auto_renew_on" if not sub.auto_renew
                 else f"{prefix}.auto_renew_off")
    return t(f"{prefix}.{action}")


def allowed_text(action: str, allowed: rules.Allowed, sub: rules.SubscriptionFacts,
                 now: datetime) -> str:
    """What the action would do, or why it cannot be done now."""
    zone = zone_of(now)
    if not allowed.ok:
        return rules.reason_text(allowed, None, zone, now)
    if action == rules.CHANGE_QUANTITY:
        params = allowed.params
        until = params.get("decrease_until")
        if params.get("can_increase") and params.get("can_decrease"):
            return t("subs.hint.quantity_both", min=params.get("min"),
                     until=terms.moment_in_words(until, None, zone, now),
                     left=terms.time_left(until, now))
        if params.get("can_decrease"):
            return t("subs.hint.quantity_decrease", min=params.get("min"),
                     until=terms.moment_in_words(until, None, zone, now),
                     left=terms.time_left(until, now))
        return t("subs.hint.quantity_increase")
    return rules.effect_only(sub, action, None, now, None, zone)


def explain_entry(console: Console, entry: OutboxEntry) -> str:
    """A failed outbox entry as a person should read it: what happened and what to do."""
    now = console.now()
    code = (entry.error_code or "").strip() or None
    status = int(code) if code and code.isdigit() and 400 <= int(code) <= 599 else None
    subscription: Mapping[str, Any] | None = None
    subscription_id = entry.payload.get("subscription_id") if entry.payload else None
    if subscription_id:
        owner = entry.payload.get("customer_id") or entry.customer_id
        subscription = views.subscription_record(console.backend.cache, str(subscription_id),
                                                 customer_id=str(owner) if owner else None)
    error: tuple[Any, ...] = (code, entry.error_message or "")
    if status is not None:
        error = (*error, status)
    return explain(error, subscription=subscription, zone=zone_of(now), now=now)
