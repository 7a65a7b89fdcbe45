"""The new-commerce rules themselves: whether an action may be queued now, and if not, why."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from csp_tui.services.commerce_rules.facts import (
    ACTIONS,
    CHANGE_QUANTITY,
    REACTIVATE,
    SUSPEND,
    TOGGLE_AUTO_RENEW,
    Allowed,
    SubscriptionFacts,
    as_facts,
    removable_seats,
)


def _refused(key: str, **params: Any) -> Allowed:
    return Allowed(False, key, params)


def _final_state(sub: SubscriptionFacts) -> Allowed | None:
    """States in which nothing at all may change."""
    if sub.kind == "perpetual":
        return _refused("sub.reason.perpetual")
    if sub.status == "deleted":
        return _refused("sub.reason.deleted")
    if sub.status == "expired":
        return _refused("sub.reason.expired")
    if sub.status == "disabled":
        return _refused("sub.reason.disabled")
    if sub.status not in ("active", "suspended"):
        return _refused("sub.reason.not_ready", status=sub.status)
    return None


def _quantity_overview(sub: SubscriptionFacts, now: datetime) -> Allowed:
    if sub.status == "suspended":
        return _refused("sub.reason.suspended_locked")
    removable, until = removable_seats(sub, now)
    lowest = max(sub.min_quantity, sub.quantity - removable)
    can_decrease = lowest < sub.quantity
    can_increase = sub.kind != "software" and (
        sub.max_quantity is None or sub.quantity < sub.max_quantity)
    params = {"min": lowest, "max": sub.max_quantity if can_increase else sub.quantity,
              "can_increase": can_increase, "can_decrease": can_decrease,
              "decrease_until": until}
    if can_increase or can_decrease:
        return Allowed(True, None, params)
    if sub.kind == "software":
        return Allowed(False, "sub.reason.software_no_change", params)
    return Allowed(False, "sub.reason.decrease_window_closed",
                   {**params, "closed": sub.refundable_closed_at})


def check_quantity(sub: SubscriptionFacts, value: Any, now: datetime) -> Allowed:
    """Whether the quantity may become ``value`` now."""
    overview = _quantity_overview(sub, now)
    if overview.reason_key == "sub.reason.suspended_locked":
        return overview
    if isinstance(value, bool) or not isinstance(value, int):
        return _refused("sub.reason.quantity_not_number")
    if value == sub.quantity:
        return _refused("sub.reason.quantity_same", quantity=value)
    if value < sub.min_quantity:
        return _refused("sub.reason.quantity_below_min", min=sub.min_quantity)
    if sub.max_quantity is not None and value > sub.max_quantity:
        return _refused("sub.reason.quantity_above_max", max=sub.max_quantity)
    if value > sub.quantity:
        if sub.kind == "software":
            return _refused("sub.reason.software_no_increase")
        return Allowed(True, None, {"delta": value - sub.quantity})
    remove = sub.quantity - value
    removable, until = removable_seats(sub, now)
    if removable == 0:
        if sub.refundable_closed_at is not None:
            return _refused("sub.reason.decrease_window_closed", closed=sub.refundable_closed_at)
        return _refused("sub.reason.decrease_no_seats")
    if remove > removable:
        return _refused("sub.reason.decrease_too_many", removable=removable,
                        lowest=sub.quantity - removable, until=until)
    return Allowed(True, None, {"delta": -remove, "until": until})


def _auto_renew(sub: SubscriptionFacts, value: Any) -> Allowed:
    if sub.status == "suspended":
        return _refused("sub.reason.suspended_locked")
    if sub.is_trial:
        return _refused("sub.reason.trial_no_renew")
    target = (not sub.auto_renew) if value is None else value
    if not isinstance(target, bool):
        return _refused("sub.reason.auto_renew_not_bool")
    if sub.auto_renew is not None and target == sub.auto_renew:
        return _refused("sub.reason.auto_renew_already_on" if target
                        else "sub.reason.auto_renew_already_off")
    return Allowed(True, None, {"to": target})


def _suspend(sub: SubscriptionFacts) -> Allowed:
    if sub.status == "suspended":
        return _refused("sub.reason.already_suspended")
    # The effect already says that billing goes on until the term ends and that auto-renew
    # turns off (effect_only); a note adds only what it does not: that it stays off.
    return Allowed(True, None, {}, ("sub.note.suspend_auto_renew_after",))


def _reactivate(sub: SubscriptionFacts, now: datetime) -> Allowed:
    if sub.status != "suspended":
        return _refused("sub.reason.not_suspended")
    renews_at = sub.renews_at
    if renews_at is not None and now >= renews_at:
        return _refused("sub.reason.term_over", end_date=sub.term_end)
    return Allowed(True, None, {}, ("sub.note.auto_renew_stays_off",))


def _cancel(sub: SubscriptionFacts, now: datetime) -> Allowed:
    if sub.cancel_until is None or sub.cancel_until <= now:
        if sub.cancel_until is None:
            return _refused("sub.reason.cancel_window_unknown")
        return _refused("sub.reason.cancel_window_closed", closed=sub.cancel_until,
                        end_date=sub.term_end)
    return Allowed(True, None, {"until": sub.cancel_until}, ("sub.note.cancel_final",))


def check(sub: Mapping[str, Any] | SubscriptionFacts, action: str, value: Any,
          now: datetime) -> Allowed:
    """Whether ``action`` (with ``value``: the new quantity, the wanted auto-renew setting or
    None to flip it, None for the rest) may be queued now."""
    if action not in ACTIONS:
        raise ValueError(f"unknown subscription action {action!r}")
    facts_ = as_facts(sub)
    blocked = _final_state(facts_)
    if blocked is not None:
        return blocked
    if action == CHANGE_QUANTITY:
        if value is None:
            return _quantity_overview(facts_, now)
        return check_quantity(facts_, value, now)
    if action == TOGGLE_AUTO_RENEW:
        return _auto_renew(facts_, value)
    if action == SUSPEND:
        return _suspend(facts_)
    if action == REACTIVATE:
        return _reactivate(facts_, now)
    return _cancel(facts_, now)


def allowed_actions(sub: Mapping[str, Any] | SubscriptionFacts,
                    now: datetime) -> dict[str, Allowed]:
    """Every action and whether it is possible now (the quantity entry: in which range)."""
    facts_ = as_facts(sub)
    return {action: check(facts_, action, None, now) for action in ACTIONS}
