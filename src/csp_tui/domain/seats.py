"""Seats in use: which licence pool (``subscribedskus``) a subscription's seats are in, and
what that says about them — bought, assigned to users, unused.

The matching rule
-----------------
Partner Center's subscription and its licence pool share no id field; what they share is the
SKU. A subscription is known by its ``offerId`` — for a new-commerce offer
``PRODUCT:SKU:AVAILABILITY`` (``CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM``), for a legacy offer one id —
and a pool by its ``productSku.id`` and ``productSku.skuPartNumber``. So:

1. only a seat-based online service has a pool: software subscriptions and perpetual licences
   are key-based, never assigned to users (domain-facts §5.4) — ``not_assignable``;
2. only a subscription that holds seats now (active, or suspended: its units are still in the
   pool as suspended ones) is matched — an expired or cancelled one is ``inactive``;
3. the subscription's keys are its whole offer id and, for a new-commerce offer, its
   ``PRODUCT:SKU`` part; the pool's keys are its SKU id and its part number; keys compare
   without regard to case or surrounding spaces;
4. a subscription whose keys meet exactly one pool is matched to it; none — ``no_pool``
   (Partner Center often reports the directory's SKU GUID as the pool's id, which no offer id
   names: those stay blank rather than be guessed by name); more than one — ``ambiguous``;
5. several subscriptions matched to one pool share it (a monthly and an annual subscription of
   one product): each shows the pool — the seats of all of them together, how many are
   assigned — and says with how many others it shares it.

Bought is what the subscription (or the subscriptions sharing the pool) was bought with
(``quantity``), assigned is the pool's ``consumedUnits``, unused the difference (never below
zero: a pool may hold more units than this partner's subscriptions, e.g. another partner's).
No I/O here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Why a subscription shows no seats in use (``subscriptions.seats_reason``); the words are
#: ``seats.reason.<reason>`` in i18n.
REASON_NOT_READ = "not_read"          # the customer's pools were never read
REASON_NOT_ASSIGNABLE = "not_assignable"
REASON_INACTIVE = "inactive"
REASON_NO_POOL = "no_pool"
REASON_AMBIGUOUS = "ambiguous"
REASONS: tuple[str, ...] = (REASON_NOT_READ, REASON_NOT_ASSIGNABLE, REASON_INACTIVE,
                            REASON_NO_POOL, REASON_AMBIGUOUS)

_HOLDING_SEATS = ("active", "suspended")


@dataclass(frozen=True)
class SeatSubscription:
    """What the rule needs of a subscription."""

    id: str
    offer_id: str
    kind: str  # online | software | perpetual
    status: str
    quantity: int


@dataclass(frozen=True)
class Pool:
    """What the rule needs of a licence pool."""

    sku_id: str
    sku_part_number: str
    consumed: int


@dataclass(frozen=True)
class SeatUse:
    """One subscription's seats: bought, assigned and unused (all None with a ``reason``)."""

    subscription_id: str
    bought: int | None = None
    assigned: int | None = None
    pool_sku_id: str | None = None
    #: How many other subscriptions share the pool (0: the pool is this one's alone).
    shared_with: int = 0
    reason: str | None = None

    @property
    def matched(self) -> bool:
        return self.reason is None

    @property
    def unused(self) -> int | None:
        if self.bought is None or self.assigned is None:
            return None
        return max(0, self.bought - self.assigned)


def _key(value: str | None) -> str:
    return (value or "").strip().upper()


def subscription_keys(offer_id: str) -> frozenset[str]:
    """The whole offer id and, for ``PRODUCT:SKU:AVAILABILITY``, ``PRODUCT:SKU``."""
    whole = _key(offer_id)
    if not whole:
        return frozenset()
    segments = whole.split(":")
    keys = {whole}
    if len(segments) >= 2 and all(segments[:2]):
        keys.add(":".join(segments[:2]))
    return frozenset(keys)


def pool_keys(pool: Pool) -> frozenset[str]:
    return frozenset(key for key in (_key(pool.sku_id), _key(pool.sku_part_number)) if key)


def match_seats(subscriptions: Iterable[SeatSubscription],
                pools: Sequence[Pool] | None) -> list[SeatUse]:
    """Each subscription's seats by the rule above; ``pools`` None: never read."""
    subs = list(subscriptions)
    if pools is None:
        return [SeatUse(sub.id, reason=REASON_NOT_READ) for sub in subs]
    by_key: dict[str, list[int]] = {}
    for index, pool in enumerate(pools):
        for key in pool_keys(pool):
            by_key.setdefault(key, []).append(index)
    found: dict[str, int] = {}
    reasons: dict[str, str] = {}
    for sub in subs:
        if sub.kind != "online":
            reasons[sub.id] = REASON_NOT_ASSIGNABLE
            continue
        if sub.status.lower() not in _HOLDING_SEATS:
            reasons[sub.id] = REASON_INACTIVE
            continue
        hits = {index for key in subscription_keys(sub.offer_id) for index in by_key.get(key, ())}
        if not hits:
            reasons[sub.id] = REASON_NO_POOL
        elif len(hits) > 1:
            reasons[sub.id] = REASON_AMBIGUOUS
        else:
            found[sub.id] = hits.pop()
    sharing: dict[int, list[SeatSubscription]] = {}
    for sub in subs:
        if sub.id in found:
            sharing.setdefault(found[sub.id], []).append(sub)
    result: list[SeatUse] = []
    for sub in subs:
        if sub.id not in found:
            result.append(SeatUse(sub.id, reason=reasons[sub.id]))
            continue
        pool = pools[found[sub.id]]
        members = sharing[found[sub.id]]
        result.append(SeatUse(
            sub.id, bought=sum(max(0, member.quantity) for member in members),
            assigned=max(0, pool.consumed), pool_sku_id=pool.sku_id,
            shared_with=len(members) - 1))
    return result
