"""Partner Center's business rules, as the sandbox enforces them.

- New-commerce subscription changes (PATCH): quantity range (2002), seat decreases only for
  seats added in the last 7 days (800090), cancellation only inside the 7-day window (900117 for
  online services, 900213 for software subscriptions), deleted is final (2011), a suspended
  subscription may only change status (800091), suspending turns auto-renew off, and the
  documented quirk: a body without ``autoRenewEnabled`` switches auto-renew off.
- The passage of (virtual) time: renewals, expiry, disabling, education vetting outcomes and
  prospects accepting the reseller's invitation — all evaluated lazily, on the next request.

Validation of a new customer is in :mod:`csp_tui.sandbox.customer_rules`, of a qualification
request in :mod:`csp_tui.sandbox.qualification_rules`. Violations raise
:class:`~csp_tui.sandbox.api_error.ApiError`, which the routes render as Partner Center's
classic error body ``{code, description, data, source}``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox import audit
from csp_tui.sandbox.api_error import ApiError
from csp_tui.sandbox.clock import term_end
from csp_tui.sandbox.entities import Customer, SeatBatch, Subscription
from csp_tui.sandbox.qualification_rules import DENIED_REASON
from csp_tui.sandbox.world import World

EXPIRED_FOR = timedelta(days=30)
DISABLED_FOR = timedelta(days=90)
# Far enough that "nothing is scheduled" needs no special case.
_NEVER = datetime(9999, 1, 1, tzinfo=UTC)


# -- time passing ---------------------------------------------------------------------------


def advance(world: World, now: datetime) -> bool:
    """Apply everything that became due by ``now``; True if the world changed.

    Cheap when nothing is due: the world remembers its next event and this returns at once.
    """
    due = world.next_event_at
    if due is not None and now < due:
        return False
    changed = False
    upcoming: list[datetime] = []

    waiting = [c for c in world.customers if c.state == "prospect" and c.accepts_after is not None]
    for prospect in sorted(waiting, key=lambda c: (c.accepts_after or 0.0, c.key)):
        at = world.created_at + timedelta(seconds=prospect.accepts_after or 0.0)
        if now >= at:
            accept_prospect(world, prospect, at)
            changed = True
        else:
            upcoming.append(at)

    for customer in world.customers:
        for sub in customer.subscriptions:
            sub_changed, next_at = _advance_subscription(sub, now)
            changed |= sub_changed
            if next_at is not None:
                upcoming.append(next_at)
        for qualification in customer.qualifications:
            if qualification.vetting_status != "InReview" or qualification.vetting_due is None:
                continue
            if now >= qualification.vetting_due:
                qualification.vetting_status = qualification.outcome or "Approved"
                if qualification.vetting_status == "Denied":
                    qualification.vetting_reason = qualification.outcome_reason or DENIED_REASON
                changed = True
            else:
                upcoming.append(qualification.vetting_due)

    if changed:
        world.changed()
    world.next_event_at = min(upcoming) if upcoming else _NEVER
    return changed


def _advance_subscription(sub: Subscription, now: datetime) -> tuple[bool, datetime | None]:
    changed = False
    # Bounded: a monthly subscription across a clock jump of years renews many times.
    for _ in range(1000):
        if sub.status == "active":
            renew_at = sub.commitment_end + timedelta(days=1)
            if now < renew_at:
                return changed, renew_at
            if sub.auto_renew and not sub.is_trial:
                # A new term, and with it a new 7-day window for the renewed seats.
                sub.term_start = renew_at
                sub.commitment_end = term_end(renew_at, sub.term_duration)
                sub.batches = [SeatBatch(sub.quantity, renew_at)]
            else:
                sub.status = "expired"
                sub.status_changed_at = renew_at
        elif sub.status == "suspended":
            at = sub.commitment_end + timedelta(days=1)
            if now < at:
                return changed, at
            sub.status, sub.status_changed_at = "disabled", at
        elif sub.status == "expired":
            at = (sub.status_changed_at or sub.commitment_end) + EXPIRED_FOR
            if now < at:
                return changed, at
            sub.status, sub.status_changed_at = "disabled", at
        elif sub.status == "disabled":
            at = (sub.status_changed_at or sub.commitment_end) + DISABLED_FOR
            if now < at:
                return changed, at
            sub.status, sub.status_changed_at = "deleted", at
        else:
            return changed, None
        sub.version += 1
        changed = True
    return changed, now


def accept_prospect(world: World, prospect: Customer, at: datetime,
                    reseller_id: str = identity.RESELLER_TENANT_ID) -> None:
    """The prospect's admin accepted the reseller's invitation: it becomes a customer."""
    providers = world.providers_of(reseller_id)
    prospect.state = "customer"
    prospect.reseller_id = reseller_id
    prospect.provider_id = providers[0].tenant_id if providers else identity.PROVIDER_TENANT_ID
    prospect.related_at = at
    prospect.seq = world.take_seq()
    # Emulator-defined operation type (partner-center-api §9, row 23): the customer accepted.
    audit.record(world, prospect, "reseller_relationship_accepted_by_customer", "customer",
                 at=at, data={"IndirectResellerId": reseller_id})
    world.changed()


# -- subscription changes -----------------------------------------------------------------


def _etag_matches(header: str, sub: Subscription) -> bool:
    value = header.strip()
    if value == "*":
        return True
    if value.startswith("W/"):
        value = value[2:]
    return value.strip('"') == sub.etag


def _quantity(value: Any) -> int:
    if isinstance(value, bool):
        raise ApiError(400, 3000, "quantity must be a whole number.", ["quantity"])
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ApiError(400, 3000, "quantity must be a whole number.", ["quantity"])


def patch_subscription(sub: Subscription, body: dict[str, Any], now: datetime,
                       if_match: str | None = None) -> None:
    """Apply a PATCH body (keys lower-cased) to ``sub``, or raise :class:`ApiError`."""
    if if_match is not None and not _etag_matches(if_match, sub):
        raise ApiError(400, 2055, "The etag is no longer valid. Get the subscription again "
                                  "and retry the update.")
    if sub.status == "deleted":
        raise ApiError(400, 2011, "The subscription is deleted and cannot be updated.")

    requested_status = body.get("status")
    if requested_status is not None and not isinstance(requested_status, str):
        raise ApiError(400, 3000, "status must be text.", ["status"])
    target = requested_status.strip().lower() if requested_status else None
    quantity = _quantity(body["quantity"]) if body.get("quantity") is not None else None
    friendly = body.get("friendlyname")
    if friendly is not None and not isinstance(friendly, str):
        raise ApiError(400, 3000, "friendlyName must be text.", ["friendlyName"])
    auto = body.get("autorenewenabled")
    if auto is not None and not isinstance(auto, bool):
        raise ApiError(400, 3000, "autoRenewEnabled must be true or false.", ["autoRenewEnabled"])

    status_change = target is not None and target != sub.status
    quantity_change = quantity is not None and quantity != sub.quantity
    name_change = friendly is not None and friendly != sub.friendly_name

    if sub.status == "suspended" and (quantity_change or name_change or auto is True):
        raise ApiError(400, 800091, "A suspended subscription cannot be updated; only its "
                                    "status can be changed.")
    if sub.status in ("expired", "disabled") and (status_change or quantity_change
                                                  or auto is True):
        raise ApiError(400, 3000, f"The subscription is {sub.status} and can no longer be "
                                  "changed; purchase a new one.")

    if status_change:
        _change_status(sub, target or "", quantity_change, now)
        if name_change and sub.status != "deleted":
            sub.friendly_name = friendly or sub.friendly_name
    else:
        if quantity is not None and quantity_change:
            _change_quantity(sub, quantity, now)
        if name_change:
            sub.friendly_name = friendly or sub.friendly_name
        if auto is None:
            # Documented behaviour: PATCH takes the whole subscription; a body that leaves
            # autoRenewEnabled out is read as "false".
            sub.auto_renew = False
        else:
            if auto and (sub.is_trial or sub.status != "active"):
                raise ApiError(400, 800093, "The subscription is not eligible to auto-renew.")
            sub.auto_renew = auto
    sub.version += 1


def _change_status(sub: Subscription, target: str, quantity_change: bool,
                   now: datetime) -> None:
    if target == "deleted":
        if not sub.in_cancel_window(now):
            code = 900213 if sub.is_software else 900117
            raise ApiError(400, code, "The subscription can only be cancelled within 7 days "
                                      "(168 hours) of its purchase or renewal.")
        sub.status = "deleted"
        sub.auto_renew = False
        sub.status_changed_at = now
        sub.batches = []
    elif target == "suspended":
        if sub.status != "active":
            raise ApiError(400, 3000, f"A {sub.status} subscription cannot be suspended.")
        if quantity_change:
            raise ApiError(400, 2001, "The quantity cannot be changed while suspending the "
                                      "subscription.")
        # New commerce: suspending switches auto-renew off; it stays off after reactivation.
        sub.status = "suspended"
        sub.auto_renew = False
        sub.status_changed_at = now
    elif target == "active":
        if sub.status != "suspended":
            raise ApiError(400, 3000, f"A {sub.status} subscription cannot be activated.")
        sub.status = "active"
        sub.status_changed_at = now
    else:
        raise ApiError(400, 3000, f"The status '{target}' cannot be set.", ["status"])


def _change_quantity(sub: Subscription, quantity: int, now: datetime) -> None:
    if not sub.min_quantity <= quantity <= sub.max_quantity:
        raise ApiError(400, 2002, f"The quantity {quantity} is outside the allowed range "
                                  f"({sub.min_quantity}–{sub.max_quantity}).", ["quantity"])
    if sub.status != "active":
        raise ApiError(400, 3000, f"The quantity of a {sub.status} subscription cannot be "
                                  "changed.")
    if sub.is_software:
        # Software subscriptions: no mid-term changes; cancel inside the window and rebuy.
        raise ApiError(400, 900275, "The quantity of a software subscription cannot be "
                                    "changed; purchase an additional subscription instead.")
    delta = quantity - sub.quantity
    if delta > 0:
        sub.batches.append(SeatBatch(delta, now))
    else:
        remove = -delta
        refundable = sub.refundable(now)
        if remove > sum(b.quantity for b in refundable):
            raise ApiError(400, 800090, "Subscription quantity cannot be decreased.")
        # Seats come off the most recently added batches first.
        for batch in sorted(refundable, key=lambda b: b.added_at, reverse=True):
            take = min(batch.quantity, remove)
            batch.quantity -= take
            remove -= take
            if remove == 0:
                break
        sub.batches = [b for b in sub.batches if b.quantity > 0]
    sub.quantity = quantity
