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

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from csp_tui.domain import terms
from csp_tui.domain.text import safe_text
from csp_tui.partner_center.dates import parse_pc_datetime

CHANGE_QUANTITY = "change_quantity"
TOGGLE_AUTO_RENEW = "toggle_auto_renew"
SUSPEND = "suspend"
REACTIVATE = "reactivate"
CANCEL = "cancel"
ACTIONS: tuple[str, ...] = (CHANGE_QUANTITY, TOGGLE_AUTO_RENEW, SUSPEND, REACTIVATE, CANCEL)

DEFAULT_MIN_QUANTITY = 1
# Keys under which a SKU's limits may travel with a subscription (catalog data merged in).
_MIN_KEYS = ("minimumquantity", "minquantity")
_MAX_KEYS = ("maximumquantity", "maxquantity")


@dataclass(frozen=True)
class Allowed:
    """Whether an action may be queued; if not, why (a catalog key and its parameters).

    ``notes`` are catalog keys of what the person must know before confirming (billing goes
    on, the change is final, …). Parameters that are datetimes are rendered by
    :func:`reason_text` in the reader's language and time zone.
    """

    ok: bool
    reason_key: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RefundableSeats:
    """Seats bought together that may still be removed until ``until``."""

    quantity: int
    until: datetime


@dataclass(frozen=True)
class SubscriptionFacts:
    """What the rules need from a cache row, parsed once."""

    id: str
    customer_id: str
    product: str
    kind: str  # online | software | perpetual
    status: str
    quantity: int
    is_trial: bool
    auto_renew: bool | None
    term_duration: str | None
    billing_cycle: str | None
    term_end: datetime | None  # the last day of the term (commitmentEndDate)
    cancel_until: datetime | None
    refundable: tuple[RefundableSeats, ...]
    refundable_closed_at: datetime | None  # when the last seat-reduction window closed
    min_quantity: int
    max_quantity: int | None

    @property
    def renews_at(self) -> datetime | None:
        """Renewal (or expiry) happens the day after the term's last day."""
        return self.term_end + timedelta(days=1) if self.term_end else None


def _lower_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k).lower(): _lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower_keys(v) for v in value]
    return value


def _raw(row: Mapping[str, Any]) -> dict[str, Any]:
    text = row.get("raw_json")
    if not text:
        return {}
    try:
        parsed = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return {}
    return _lower_keys(parsed) if isinstance(parsed, dict) else {}


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _refundable(row: Mapping[str, Any], raw: dict[str, Any]
                ) -> tuple[tuple[RefundableSeats, ...], datetime | None]:
    """The per-batch windows from ``refundableQuantity.details`` (the row's summary columns
    only know the total and the latest end)."""
    batches: list[RefundableSeats] = []
    block = raw.get("refundablequantity")
    details = block.get("details") if isinstance(block, dict) else None
    if isinstance(details, list):
        for detail in details:
            if not isinstance(detail, dict):
                continue
            quantity = _int(detail.get("quantity"))
            until = parse_pc_datetime(detail.get("alloweduntildatetime"))
            if quantity and quantity > 0 and until is not None:
                batches.append(RefundableSeats(quantity, until))
    if not batches:
        total = _int(row.get("refundable_quantity"))
        until = parse_pc_datetime(row.get("refundable_until"))
        if total and total > 0 and until is not None:
            batches.append(RefundableSeats(total, until))
    closed_at = max((b.until for b in batches), default=None)
    if closed_at is None:
        # Once every batch's window is over Partner Center lists none; the seats bought at
        # purchase or renewal shared the cancellation window, so that is when it closed.
        closed_at = parse_pc_datetime(row.get("cancellation_allowed_until"))
    return tuple(batches), closed_at


def _limit(raw: dict[str, Any], keys: tuple[str, ...]) -> int | None:
    for key in keys:
        value = _int(raw.get(key))
        if value is not None and value > 0:
            return value
    return None


def facts(row: Mapping[str, Any]) -> SubscriptionFacts:
    """Parse a cache row (a ``subscriptions`` or ``entitlements`` record)."""
    raw = _raw(row)
    is_entitlement = "product_name" in row and "offer_name" not in row
    kind = "perpetual" if is_entitlement else str(row.get("kind") or "online").lower()
    product = (row.get("friendly_name") or row.get("offer_name") or row.get("product_name")
               or row.get("id") or "")
    refundable, closed_at = _refundable(row, raw)
    auto = row.get("auto_renew")
    return SubscriptionFacts(
        id=str(row.get("id") or ""),
        customer_id=str(row.get("customer_id") or ""),
        product=safe_text(product, 120),
        kind=kind,
        status="active" if is_entitlement else str(row.get("status") or "unknown").lower(),
        quantity=_int(row.get("quantity")) or 0,
        is_trial=bool(row.get("is_trial")),
        auto_renew=None if auto is None else bool(auto),
        term_duration=row.get("term_duration"),
        billing_cycle=row.get("billing_cycle"),
        term_end=parse_pc_datetime(row.get("commitment_end_date")),
        cancel_until=parse_pc_datetime(row.get("cancellation_allowed_until")),
        refundable=refundable,
        refundable_closed_at=closed_at,
        min_quantity=_limit(raw, _MIN_KEYS) or DEFAULT_MIN_QUANTITY,
        max_quantity=_limit(raw, _MAX_KEYS),
    )


def removable_seats(sub: SubscriptionFacts, now: datetime) -> tuple[int, datetime | None]:
    """(seats that may be removed now, when the earliest of their windows closes)."""
    open_batches = [b for b in sub.refundable if b.until > now]
    if not open_batches:
        return 0, None
    return sum(b.quantity for b in open_batches), min(b.until for b in open_batches)


def _as_facts(sub: Mapping[str, Any] | SubscriptionFacts) -> SubscriptionFacts:
    return sub if isinstance(sub, SubscriptionFacts) else facts(sub)


# -- the rules ------------------------------------------------------------------------------


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
    facts_ = _as_facts(sub)
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
    facts_ = _as_facts(sub)
    return {action: check(facts_, action, None, now) for action in ACTIONS}


# -- words ----------------------------------------------------------------------------------


def _rendered(params: Mapping[str, Any], language: str | None,
              zone: tzinfo | None, now: datetime | None = None) -> dict[str, Any]:
    """Datetimes as words: ``*_date`` keys as a date, others as a day and a time."""
    shown: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, datetime):
            shown[key] = (terms.date_in_words(value, language, zone) if key.endswith("_date")
                          else terms.moment_in_words(value, language, zone, now))
        elif value is None:
            shown[key] = terms.NOTHING
        else:
            shown[key] = value
    return shown


def reason_text(allowed: Allowed, language: str | None = None,
                zone: tzinfo | None = None, now: datetime | None = None) -> str:
    """Why an action is refused, for a person ("" when it is allowed). With ``now``, dates in
    another year show the year."""
    if allowed.reason_key is None:
        return ""
    params = _rendered(allowed.params, language, zone, now)
    if allowed.reason_key == "sub.reason.decrease_window_closed" and (
            allowed.params.get("closed") is None):
        return terms.say("sub.reason.decrease_no_seats", language)
    return terms.say(allowed.reason_key, language, **params)


def notes_text(allowed: Allowed, sub: Mapping[str, Any] | SubscriptionFacts,
               language: str | None = None, zone: tzinfo | None = None,
               now: datetime | None = None) -> list[str]:
    """The warnings that go with a confirmation, as sentences."""
    facts_ = _as_facts(sub)
    params = _rendered({"end_date": facts_.term_end, "until": allowed.params.get("until")},
                       language, zone, now)
    return [terms.say(key, language, **params) for key in allowed.notes]


def _seats(count: int, language: str | None) -> str:
    return terms.plural(count, "seat", language)


def effect_only(sub: SubscriptionFacts, action: str, value: Any, now: datetime,
                language: str | None = None, zone: tzinfo | None = None) -> str:
    """The change itself, without the product and customer ("12 → 10 seats, …")."""
    say = terms.say
    end_date = terms.date_in_words(sub.term_end, language, zone)
    if action == CHANGE_QUANTITY:
        new = value if isinstance(value, int) and not isinstance(value, bool) else None
        # "12 → 10 seats": the unit agrees with the number it follows (cs: 10 licencí).
        change = (f"{sub.quantity} → {_seats(new, language)}" if new is not None
                  else f"{sub.quantity} → ?")
        if new is not None and new < sub.quantity:
            _, until = removable_seats(sub, now)
            return say("sub.effect.quantity_decrease", language, change=change,
                       until=terms.moment_in_words(until, language, zone, now))
        if sub.term_end is None:
            return say("sub.effect.quantity_increase_open", language, change=change)
        return say("sub.effect.quantity_increase", language, change=change, end_date=end_date)
    if action == TOGGLE_AUTO_RENEW:
        target = (not sub.auto_renew) if value is None else bool(value)
        if target:
            return say("sub.effect.auto_renew_on", language,
                       renew_date=terms.date_in_words(sub.renews_at, language, zone),
                       term=terms.term_in_words(sub.term_duration, language))
        return say("sub.effect.auto_renew_off", language, end_date=end_date)
    if action == SUSPEND:
        return say("sub.effect.suspend", language, end_date=end_date)
    if action == REACTIVATE:
        return say("sub.effect.reactivate", language)
    if action == CANCEL:
        return say("sub.effect.cancel", language)
    raise ValueError(f"unknown subscription action {action!r}")


def describe_effect(sub: Mapping[str, Any] | SubscriptionFacts, action: str, value: Any,
                    now: datetime, language: str | None = None, *,
                    customer_name: str | None = None, zone: tzinfo | None = None) -> str:
    """The exact effect, for the confirmation: "Microsoft 365 Business Standard for Šumavská
    pekárna s.r.o.: 12 → 10 seats, allowed until 27 Nov 14:02"."""
    facts_ = _as_facts(sub)
    effect = effect_only(facts_, action, value, now, language, zone)
    if customer_name:
        return terms.say("sub.effect.for_customer", language, product=facts_.product,
                         customer=safe_text(customer_name, 120), effect=effect)
    return terms.say("sub.effect.bare", language, product=facts_.product, effect=effect)
