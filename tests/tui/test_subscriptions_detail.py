"""One subscription in words: kind, term and billing explained, renewal, windows with the
time left, refundable seats, where the customer sees it; perpetual licences with their
purchase date; the Education qualification of the customer."""

from __future__ import annotations

import pytest

from csp_tui.db import Transaction
from csp_tui.domain import terms
from csp_tui.services import events as ev
from csp_tui.state import outbox
from csp_tui.tui.screens.confirm_change import ConfirmChangeScreen
from csp_tui.tui.screens.qualification import EducationScreen, qualification_lines
from csp_tui.tui.screens.subscription_detail import (
    SubscriptionBody,
    SubscriptionDetailScreen,
    open_subscription_detail,
)

from .conftest import CLOCK_NOW, NARROW, WIDE, footer_keys
from .subscriptions_support import (
    BAKERY,
    BAKERY_ID,
    LTSC,
    NEW,
    OLD,
    PAUSED,
    SQL,
    add_qualification,
    add_subscription,
    bakery_console,
    flat_text,
)

# The distributor's profile where a change is made (an indirect reseller's changes are requests
# for the distributor: test_roles_console.py).
DISTRIBUTOR = "sandbox-provider"


async def show(console, pilot, subscription_id: str, size_scroll_end: bool = False) -> str:
    await pilot.pause()
    open_subscription_detail(console.app, subscription_id)
    await pilot.pause()
    assert isinstance(console.app.screen, SubscriptionDetailScreen)
    if size_scroll_end:
        console.app.screen.query_one(SubscriptionBody).scroll_end(animate=False)
        await pilot.pause()
    return flat_text(console.app)


async def test_a_new_online_subscription_in_words(make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    async with console.app.run_test(size=WIDE) as pilot:
        text = await show(console, pilot, NEW)
        assert "Subscription · Microsoft 365 Business Standard" in text
        assert "Online service — seats assigned to users" in text
        assert f"Customer {BAKERY}" in text
        assert "Quantity 12 seats" in text
        assert "Term 1 year — a one-year commitment: the price is fixed for the year" in text
        assert "Billing billed monthly" in text
        assert "Renewal renews on 21 Nov 2027 for another 1 year (in 362 days)" in text
        assert "Cancellation possible until 27 Nov 14:02 (3 d 4 h left)" in text
        assert "Seats to remove up to 12 seats until 27 Nov 14:02 (3 d 4 h left)" in text
        assert "Refundable quantity 12 seats until 27 Nov 14:02 (3 d 4 h left)" in text
        assert ("Customer sees it in Microsoft 365 admin center → Billing → Licences "
                f"{terms.ADMIN_LICENSES_URL}") in text
        # What can be done now, with the rules' answer.
        assert "✓ Change the number of seats" in text
        assert "✗ Reactivate Only a suspended subscription can be reactivated" in text
        assert {"m", "c", "i", "e", "f"} <= footer_keys(console.app)
        await pilot.press("c")
        assert console.app.clipboard == terms.ADMIN_LICENSES_URL
        await pilot.press("i")
        assert console.app.clipboard == NEW
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(console.app.screen, SubscriptionDetailScreen)


async def test_windows_that_closed_say_when(make_console) -> None:
    console = bakery_console(make_console)
    async with console.app.run_test(size=WIDE) as pilot:
        text = await show(console, pilot, OLD)
        assert "Billing paid yearly in advance" in text
        assert "Cancellation no longer possible — the 7-day window closed on 4 Feb 09:45" in text
        assert ("Seats to remove none now — the window closed on 4 Feb 09:45; reduce at "
                "renewal") in text
        assert "Renewal renews on 7 Dec 2026 for another 1 year (in 13 days)" in text


async def test_suspended_says_billing_goes_on(make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    async with console.app.run_test(size=WIDE) as pilot:
        text = await show(console, pilot, PAUSED)
        assert ("Status suspended — users have no access; you are still billed until the term "
                "ends") in text
        assert "Term 1 month — month to month" in text
        assert "Renewal does not renew while suspended" in text
        assert "✓ Reactivate" in text


async def test_a_software_subscription_is_told_apart(make_console) -> None:
    console = bakery_console(make_console)
    async with console.app.run_test(size=WIDE) as pilot:
        text = await show(console, pilot, SQL)
        assert text.startswith("Software subscription · SQL Server Standard 2022")
        assert "Software subscription — term licence for on-premises servers" in text
        assert "the quantity cannot be raised later (buy an additional subscription)" in text
        assert "Microsoft 365 admin center → Billing → Your products" in text
        kind = console.app.screen.query_one("#subs-detail-kind")
        assert kind.has_class("-software") and not kind.has_class("-online")


async def test_a_perpetual_licence_with_purchase_date_and_refund(make_console) -> None:
    console = bakery_console(make_console)
    async with console.app.run_test(size=WIDE) as pilot:
        text = await show(console, pilot, LTSC)
        assert text.startswith("Perpetual licence · Office LTSC Professional Plus 2024")
        assert "Perpetual licence — bought once, never expires" in text
        assert "Purchased 19 Nov 2026" in text
        assert "Billing one-time payment" in text
        assert ("Full refund possible until 19 Dec 09:45 (25 d 0 h left); 30 days from "
                "purchase") in text
        assert "open the product → Downloads & keys" in text
        assert "Order ID order-1" in text
        assert console.app.screen.query_one("#subs-detail-kind").has_class("-perpetual")
        assert "m" not in footer_keys(console.app)
        await pilot.press("c")
        assert console.app.clipboard == terms.ADMIN_PRODUCTS_URL


async def test_czech_words(make_console) -> None:
    console = bakery_console(make_console, language="cs")
    async with console.app.run_test(size=WIDE) as pilot:
        text = await show(console, pilot, NEW)
        assert "Online služba — licence přidělované uživatelům" in text
        assert "Období 1 rok — roční závazek" in text
        assert "Fakturace účtováno měsíčně" in text
        assert "Zrušení možné do 27. 11. 14:02 (zbývá 3 d 4 h)" in text
        assert "Centrum pro správu Microsoft 365 → Fakturace → Licence" in text


async def test_remote_names_are_shown_literally(make_console) -> None:
    console = bakery_console(make_console)
    add_subscription(console.cache, "5ab00000-0000-4000-8000-0000000000ee",
                     offer_name="[bold red]X[/] \x1b]52;c;ZXZpbA==\x07")
    async with console.app.run_test(size=WIDE) as pilot:
        text = await show(console, pilot, "5ab00000-0000-4000-8000-0000000000ee")
        assert "Subscription · [bold red]X[/] ]52;c;ZXZpbA==" in text
        assert "\x1b" not in text


async def test_the_detail_follows_the_cache(make_console) -> None:
    console = bakery_console(make_console)
    async with console.app.run_test(size=WIDE) as pilot:
        assert "Quantity 12 seats" in await show(console, pilot, NEW)
        with Transaction(console.cache) as conn:
            conn.execute("UPDATE subscriptions SET quantity = 14 WHERE id = ?", (NEW,))
        console.backend.emit(ev.CacheChanged(frozenset({"subscriptions"}),
                                             frozenset({BAKERY_ID})))
        await pilot.pause()
        assert "Quantity 14 seats" in flat_text(console.app)


async def test_a_subscription_that_disappeared(make_console) -> None:
    console = bakery_console(make_console)
    async with console.app.run_test(size=NARROW) as pilot:
        text = await show(console, pilot, "no-such-subscription")
        assert "That row is no longer in the cache." in text
        assert not {"m", "c", "i"} & footer_keys(console.app)


# -- Education qualification ----------------------------------------------------------------


@pytest.mark.parametrize(("status", "reason", "days", "expected"), [
    ("InReview", None, 2, "Education: in review for 2 days (usually up to 3 working days)"),
    ("Denied", "The organisation could not be verified.", 9,
     "Education: denied: The organisation could not be verified."),
    ("Approved", None, 30, "Education: approved"),
])
def test_qualification_lines(make_console, status, reason, days, expected) -> None:
    console = bakery_console(make_console)
    add_qualification(console.cache, status, reason=reason, days_ago=days)
    (line,) = qualification_lines(console.cache, BAKERY_ID, CLOCK_NOW)
    assert line.startswith(expected)


async def test_education_request_from_the_detail(make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    async with console.app.run_test(size=WIDE) as pilot:
        await show(console, pilot, NEW)
        await pilot.press("e")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, EducationScreen)
        text = flat_text(console.app)
        assert f"Education qualification · {BAKERY}" in text
        assert "none yet — commercial prices only" in text
        await pilot.press("down")  # K12 -> higher education
        await pilot.press("enter")
        await pilot.press("tab")
        await pilot.press(*"not a website", "enter")
        await pilot.pause()
        assert isinstance(console.app.screen, EducationScreen)
        assert "website" in flat_text(console.app).lower()
        field = screen.query_one("#edu-website")
        field.value = "https://www.vos-sumava.cz/"
        await pilot.press("enter")
        await pilot.pause()
        confirm = console.app.screen
        assert isinstance(confirm, ConfirmChangeScreen) and confirm.final
        text = flat_text(console.app)
        assert BAKERY in text and "higher education" in text
        assert "A qualification cannot be removed once it is set." in text
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(console.app.screen, SubscriptionDetailScreen)
    (entry,) = outbox.list_entries(console.state)
    assert entry.kind == "create_qualification"
    assert entry.payload == {"customer_id": BAKERY_ID, "body": {
        "qualification": "Education", "educationSegment": "HigherEducation",
        "website": "https://www.vos-sumava.cz"}}
    assert console.backend.outbox_kicks == 1


async def test_education_in_review_shows_progress_and_no_form(make_console) -> None:
    console = bakery_console(make_console)
    add_qualification(console.cache, "InReview", days_ago=6)
    async with console.app.run_test(size=WIDE) as pilot:
        await show(console, pilot, NEW)
        await pilot.press("e")
        await pilot.pause()
        text = flat_text(console.app)
        assert "Education: in review for 6 days — longer than the usual 3 working days" in text
        assert not console.app.screen.query("#edu-send")


async def test_education_read_only_shows_status_only(make_console) -> None:
    console = bakery_console(make_console, read_only=True)
    add_qualification(console.cache, "Denied", reason="Not a school", days_ago=3)
    async with console.app.run_test(size=WIDE) as pilot:
        await show(console, pilot, NEW)
        await pilot.press("e")
        await pilot.pause()
        text = flat_text(console.app)
        assert "Education: denied: Not a school. Correct the organisation's profile" in text
        assert "This profile is read-only" in text
        assert not console.app.screen.query("#edu-send")
    assert outbox.list_entries(console.state) == []
