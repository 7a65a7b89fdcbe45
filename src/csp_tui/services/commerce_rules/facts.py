"""What the new-commerce rules read from a cached subscription, parsed once: its state, term,
limits and the seats still removable; the actions and the verdict's shape."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

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


def as_facts(sub: Mapping[str, Any] | SubscriptionFacts) -> SubscriptionFacts:
    return sub if isinstance(sub, SubscriptionFacts) else facts(sub)
