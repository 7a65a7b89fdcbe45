"""Which seats may still be removed: ``refundableQuantity``, from where Partner Center gives it.

Partner Center returns ``refundableQuantity`` (seats added in the last 7 days, per batch, with
the end of each batch's window) only on ``GET …/subscriptions/{id}``, not on the list. Reading
every subscription by id on every sync would cost one request per subscription against the
500-a-minute budget, so only those that can have seats inside a window are read again:

- the list says a cancellation window is open (``refundOptions``): bought or renewed lately;
- the cache has no row for it yet, or the quantity, term start or term end moved since the
  last read (seats added, a renewal);
- the cache knows of a window that was still open at the last read.

Any other active subscription has no removable seats, which is what its list item says by
leaving ``refundableQuantity`` out; one unchanged since it was last read by id keeps what
that read said (so a closed window still says when it closed). A subscription that cannot
be read by id keeps its list item; only a refused sign-in is raised.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.auth import SignInRequiredError
from csp_tui.partner_center.dates import parse_pc_datetime
from csp_tui.partner_center.models import Subscription, ValidationError
from csp_tui.services.mapping import iso

if TYPE_CHECKING:
    from csp_tui.partner_center.client import PartnerCenterClient

log = logging.getLogger(__name__)

_SIGN_IN_ERRORS = (pce.AuthenticationError, SignInRequiredError)


def _can_have_seats_to_remove(subscription: Any) -> bool:
    status = getattr(subscription.status, "value", subscription.status)
    product_type = (subscription.product_type.id if subscription.product_type else "") or ""
    # Software subscriptions change only by cancel-and-rebuy; trials have nothing to refund.
    return (str(status).lower() == "active" and not subscription.is_trial
            and not product_type.lower().startswith("software")
            and subscription.refundable_quantity is None)


def _cached(cache: sqlite3.Connection, customer_id: str) -> dict[str, tuple[Any, ...]]:
    rows = cache.execute(
        "SELECT id, quantity, effective_start_date, commitment_end_date, refundable_until, "
        "raw_json FROM subscriptions WHERE customer_id = ?", (customer_id,)).fetchall()
    return {row[0]: tuple(row[1:]) for row in rows}


def _cached_block(cached: tuple[Any, ...] | None) -> Any:
    """The ``refundableQuantity`` last read by id, if the cache has one."""
    if cached is None or not cached[-1]:
        return None
    try:
        raw = json.loads(cached[-1])
    except ValueError:
        return None
    if not isinstance(raw, dict):
        return None
    return next((value for key, value in raw.items()
                 if str(key).lower() == "refundablequantity"), None)


def _with_block(subscription: Subscription, block: Any) -> Subscription:
    """The list item with the refundable seats read earlier: nothing moved since that read,
    so what it said still holds (windows that closed meanwhile say when they closed)."""
    try:
        return Subscription.model_validate({**subscription.raw, "refundableQuantity": block})
    except ValidationError:
        return subscription


def needs_detail(subscription: Any, cached: tuple[Any, ...] | None, now: datetime) -> bool:
    """Whether this list item may hide seats inside their 7-day window."""
    if not _can_have_seats_to_remove(subscription):
        return False
    if subscription.refund_options:
        return True
    if cached is None:
        return True
    quantity, start, end, refundable_until = cached[:4]
    if (quantity != int(subscription.quantity or 0)
            or start != iso(subscription.effective_start_date)
            or end != iso(subscription.commitment_end_date)):
        return True
    until = parse_pc_datetime(refundable_until) if refundable_until else None
    return until is not None and until > now


async def with_refundable_seats(client: PartnerCenterClient, cache: sqlite3.Connection,
                                customer_id: str, subscriptions: list[Any] | None
                                ) -> list[Any] | None:
    """``subscriptions`` with the by-id answer in place of the list item where seats may be
    removable (None stays None: the part was not read)."""
    if subscriptions is None:
        return None
    cached = _cached(cache, customer_id)
    now = datetime.now(UTC)
    result = []
    for subscription in subscriptions:
        key = str(subscription.id).lower()
        if needs_detail(subscription, cached.get(key), now):
            try:
                subscription = await client.get_subscription(customer_id, subscription.id)
            except _SIGN_IN_ERRORS:
                raise
            except pce.PartnerCenterError as exc:
                log.info("subscription %s of %s unreadable by id: %s", subscription.id,
                         customer_id, exc)
        elif _can_have_seats_to_remove(subscription):
            block = _cached_block(cached.get(key))
            if block is not None:
                subscription = _with_block(subscription, block)
        result.append(subscription)
    return result
