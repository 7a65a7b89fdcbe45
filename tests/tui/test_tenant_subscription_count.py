"""The tenant pane counts the rows of the subscriptions pane, and says what they are: a
customer with cancelled and expired subscriptions showed one number in the tenant pane
(the sync's count, without the cancelled ones and without perpetual licences) and another
in the subscriptions pane's title."""

from __future__ import annotations

from csp_tui.cache import views
from csp_tui.tui.widgets.lists import SubscriptionsPane

from .conftest import screen_text
from .subscriptions_support import BAKERY_ID, add_subscription, bakery_console

WIDE_ENOUGH = (200, 50)


def _plain(app) -> str:
    return " ".join(screen_text(app).replace("▊", " ").split())


async def test_tenant_and_subscriptions_panes_count_the_same_rows(make_console) -> None:
    console = bakery_console(make_console)
    # Besides the bakery's four subscriptions and one perpetual licence: one cancelled
    # (Partner Center's "deleted") and one expired.
    add_subscription(console.cache, "5ab00000-0000-4000-8000-0000000000d1",
                     offer_name="Microsoft Teams Essentials", status="deleted", auto_renew=0)
    add_subscription(console.cache, "5ab00000-0000-4000-8000-0000000000e1",
                     offer_name="Visio Plan 2", status="expired", auto_renew=0)
    async with console.app.run_test(size=WIDE_ENOUGH) as pilot:
        await pilot.pause()
        text = _plain(console.app)
        assert ("7 in the list (in force 4, expired 1, cancelled 1, perpetual licences 1)"
                in text)
        subscriptions = console.app.screen.query_one(SubscriptionsPane)
        assert subscriptions.customer_id == BAKERY_ID
        assert subscriptions.table.row_count == 7
        assert "(7)" in subscriptions.title_text().plain


def test_the_counts_are_read_from_the_rows_not_the_stored_count(make_console) -> None:
    console = bakery_console(make_console)
    add_subscription(console.cache, "5ab00000-0000-4000-8000-0000000000d2", status="deleted")
    add_subscription(console.cache, "5ab00000-0000-4000-8000-0000000000e2", status="disabled")
    detail = views.customer_detail(console.cache, BAKERY_ID)
    assert detail is not None
    assert detail.subscription_count == 4  # the stored count the test data carries
    assert (detail.subscriptions_listed, detail.subscriptions_expired,
            detail.subscriptions_cancelled, detail.entitlement_count) == (6, 1, 1, 1)
    assert detail.subscriptions_listed + detail.entitlement_count == views.count_subscriptions(
        console.cache, customer_id=BAKERY_ID)


def test_parts_with_none_are_left_out_in_both_languages(make_console) -> None:
    from csp_tui.i18n import set_language
    from csp_tui.tui.widgets.tenant_counts import listed_counts_text

    console = bakery_console(make_console)
    detail = views.customer_detail(console.cache, BAKERY_ID)
    assert detail is not None
    try:
        assert listed_counts_text(detail) == "5 in the list (in force 4, perpetual licences 1)"
        set_language("cs")
        assert listed_counts_text(detail) == "v seznamu 5 (platná 4, trvalé licence 1)"
    finally:
        set_language("en")
