"""The matching rule of seats in use (domain/seats.py): a subscription's offer/SKU against a
licence pool's SKU id or part number; blank, with a reason, where it cannot be matched."""

from __future__ import annotations

from csp_tui.domain import seats
from csp_tui.domain.seats import Pool, SeatSubscription, match_seats


def sub(id: str, offer_id: str, quantity: int = 10, *, kind: str = "online",
        status: str = "active") -> SeatSubscription:
    return SeatSubscription(id, offer_id, kind, status, quantity)


def by_id(uses: list[seats.SeatUse]) -> dict[str, seats.SeatUse]:
    return {use.subscription_id: use for use in uses}


def test_an_nce_offer_matches_the_pool_of_its_product_and_sku() -> None:
    pools = [Pool("cfq7ttc0ldpb:0001", "O365_BUSINESS_PREMIUM", consumed=9),
             Pool("CFQ7TTC0LH18:0001", "O365_BUSINESS_ESSENTIALS", consumed=3)]
    uses = by_id(match_seats([sub("a", "CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM", 12)], pools))

    use = uses["a"]
    assert use.matched and use.reason is None
    assert (use.bought, use.assigned, use.unused) == (12, 9, 3)
    assert use.pool_sku_id == "cfq7ttc0ldpb:0001" and use.shared_with == 0


def test_a_legacy_offer_id_or_a_part_number_matches_as_a_whole() -> None:
    pools = [Pool("0cca44d6-68e9-4762-94ee-31ece98783b9", "", consumed=4),
             Pool("f245ecc8-75af-4f8e-b61f-27d8114de5f3", "SPB", consumed=5)]
    uses = by_id(match_seats([sub("legacy", " 0CCA44D6-68E9-4762-94EE-31ECE98783B9 ", 4),
                              sub("by-part", "spb", 5)], pools))
    assert (uses["legacy"].bought, uses["legacy"].assigned, uses["legacy"].unused) == (4, 4, 0)
    assert uses["by-part"].pool_sku_id == "f245ecc8-75af-4f8e-b61f-27d8114de5f3"


def test_subscriptions_of_one_sku_share_its_pool() -> None:
    pools = [Pool("CFQ7TTC0LDPB:0001", "", consumed=11)]
    uses = by_id(match_seats([sub("monthly", "CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM", 5),
                              sub("annual", "CFQ7TTC0LDPB:0001:CFQ7TTC0K5DN", 10)], pools))
    for use in uses.values():
        assert (use.bought, use.assigned, use.unused, use.shared_with) == (15, 11, 4, 1)


def test_unmatched_subscriptions_are_blank_with_a_reason() -> None:
    pools = [Pool("3ab6abff-666f-4424-bfb7-f0bc274ec7bc", "TEAMS_ESSENTIALS_AAD", consumed=2),
             Pool("CFQ7TTC0LCHC:0002", "", consumed=1),
             Pool("CFQ7TTC0LCHC:0002:CFQ7TTC0K5BF", "", consumed=1)]
    subs = [
        sub("teams", "CFQ7TTC0QW5P:0002:CFQ7TTC0RM6T"),         # pool named by its GUID only
        sub("sql", "DG7GMGF0FKZV:0001:DG7GMGF0P8K4", kind="software"),
        sub("gone", "CFQ7TTC0LCHC:0002:CFQ7TTC0K5BF", status="expired"),
        sub("two", "CFQ7TTC0LCHC:0002:CFQ7TTC0K5BF"),          # its keys meet two pools
        sub("blank", ""),
    ]
    uses = by_id(match_seats(subs, pools))
    assert uses["teams"].reason == seats.REASON_NO_POOL
    assert uses["sql"].reason == seats.REASON_NOT_ASSIGNABLE
    assert uses["gone"].reason == seats.REASON_INACTIVE
    assert uses["two"].reason == seats.REASON_AMBIGUOUS
    assert uses["blank"].reason == seats.REASON_NO_POOL
    for use in uses.values():
        assert (use.bought, use.assigned, use.unused) == (None, None, None)
        assert not use.matched


def test_pools_never_read_leave_every_subscription_blank() -> None:
    uses = match_seats([sub("a", "CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM")], None)
    assert [use.reason for use in uses] == [seats.REASON_NOT_READ]


def test_a_suspended_subscription_still_holds_its_seats_and_unused_never_goes_negative() -> None:
    pools = [Pool("CFQ7TTC0LH16:0001", "EXCHANGESTANDARD", consumed=30)]
    use = match_seats([sub("s", "CFQ7TTC0LH16:0001:CFQ7TTC0K8P5", 20, status="suspended")],
                      pools)[0]
    # More assigned than this subscription holds (another partner's seats in the pool).
    assert (use.bought, use.assigned, use.unused) == (20, 30, 0)
