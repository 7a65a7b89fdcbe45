"""Changing a subscription from the console: the rules answer first, the confirmation names
the subscription, the customer and the exact effect, and only "y" queues it in the outbox."""

from __future__ import annotations

import json

from csp_tui.services import events as ev
from csp_tui.state import outbox
from csp_tui.tui.screens.confirm_change import ConfirmChangeScreen
from csp_tui.tui.screens.subscription_actions import (
    QuantityScreen,
    SubscriptionActionsScreen,
    open_subscription_actions,
)
from csp_tui.tui.screens.subscription_detail import SubscriptionBody, SubscriptionDetailScreen

from .conftest import NARROW, footer_keys
from .subscriptions_support import (
    BAKERY,
    BAKERY_ID,
    LTSC,
    NEW,
    OLD,
    PAUSED,
    SQL,
    bakery_console,
    capture_notifications,
    flat_text,
    follow_workers_done,
)

# The distributor's profile: its changes go to Partner Center. An indirect reseller's become
# requests for the distributor (test_roles_console.py).
DISTRIBUTOR = "sandbox-provider"


def entries(console) -> list[outbox.OutboxEntry]:
    return outbox.list_entries(console.state)


async def open_actions(console, pilot, subscription_id: str) -> SubscriptionActionsScreen:
    await pilot.pause()
    assert open_subscription_actions(console.app, subscription_id)
    await pilot.pause()
    screen = console.app.screen
    assert isinstance(screen, SubscriptionActionsScreen)
    return screen


async def test_decrease_inside_the_window_confirms_the_exact_effect_then_queues(
        make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    async with console.app.run_test(size=NARROW) as pilot:
        await open_actions(console, pilot, NEW)
        text = flat_text(console.app)
        assert "Microsoft 365 Business Standard · Šumavská pekárna s.r.o. · 12 seats" in text
        # The highlighted change is explained before it is chosen.
        assert "remove down to 1 until 27 Nov 14:02 (3 d 4 h left)" in text
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(console.app.screen, QuantityScreen)
        await pilot.press("1", "0", "enter")
        await pilot.pause()
        confirm = console.app.screen
        assert isinstance(confirm, ConfirmChangeScreen)
        text = flat_text(console.app)
        assert "Microsoft 365 Business Standard" in text and BAKERY in text
        assert "12 → 10 seats, allowed until 27 Nov 14:02" in text
        assert entries(console) == []  # nothing before "y"
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(console.app.screen, ConfirmChangeScreen | SubscriptionActionsScreen)
    (entry,) = entries(console)
    assert entry.kind == "patch_subscription" and entry.state is outbox.OutboxState.QUEUED
    assert entry.payload == {"customer_id": BAKERY_ID, "subscription_id": NEW,
                             "changes": {"quantity": 10}}
    assert entry.subject == f"{BAKERY}: Microsoft 365 Business Standard — 12 → 10 seats"
    assert console.backend.outbox_kicks == 1


async def test_a_decrease_after_the_window_is_refused_with_the_reason(make_console) -> None:
    console = bakery_console(make_console)
    async with console.app.run_test(size=NARROW) as pilot:
        await open_actions(console, pilot, OLD)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("2", "0", "enter")
        await pilot.pause()
        assert isinstance(console.app.screen, QuantityScreen)  # stays, says why
        text = flat_text(console.app)
        assert "Seats can only be reduced within 7 days of purchase or renewal; the" in text
        assert "window closed on 4 Feb 09:45" in text
        # Only digits get into the field; an empty one is not a number.
        await pilot.press("backspace", "backspace", "x", "enter")
        await pilot.pause()
        assert "Type a whole number." in flat_text(console.app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(console.app.screen, SubscriptionActionsScreen)
    assert entries(console) == []


async def test_adding_seats_to_an_old_subscription_is_billed_to_the_term_end(
        make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    async with console.app.run_test(size=NARROW) as pilot:
        await open_actions(console, pilot, OLD)
        await pilot.press("q", "3", "1", "enter")
        await pilot.pause()
        assert ("29 → 31 seats; the added seats are billed pro rata until the term ends on "
                "6 Dec 2026") in flat_text(console.app)
        await pilot.press("y")
        await pilot.pause()
    assert [e.payload["changes"] for e in entries(console)] == [{"quantity": 31}]


async def test_software_subscriptions_cannot_grow(make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    async with console.app.run_test(size=NARROW) as pilot:
        screen = await open_actions(console, pilot, SQL)
        await pilot.press("q")
        await pilot.pause()
        assert console.app.screen is screen  # refused before any input
        text = flat_text(console.app)
        assert "not possible now (why: above); nothing was queued." in text
        assert "buy an additional subscription" in text.lower()
    assert entries(console) == []


async def test_auto_renew_off_says_when_it_expires(make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    async with console.app.run_test(size=NARROW) as pilot:
        await open_actions(console, pilot, NEW)
        await pilot.press("a")
        await pilot.pause()
        text = flat_text(console.app)
        assert "auto-renew on → off: the subscription will expire on 20 Nov 2027" in text
        await pilot.press("y")
        await pilot.pause()
    assert [e.payload["changes"] for e in entries(console)] == [{"autoRenewEnabled": False}]


async def test_suspend_warns_that_billing_goes_on(make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    async with console.app.run_test(size=NARROW) as pilot:
        await open_actions(console, pilot, NEW)
        await pilot.press("s")
        await pilot.pause()
        text = flat_text(console.app)
        assert "users lose access at once" in text
        assert "billed" in text and "auto-renew" in text
        await pilot.press("y")
        await pilot.pause()
    assert [e.payload["changes"] for e in entries(console)] == [{"status": "suspended"}]


async def test_reactivate_only_what_is_suspended(make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    async with console.app.run_test(size=NARROW) as pilot:
        await open_actions(console, pilot, NEW)
        await pilot.press("r")
        await pilot.pause()
        text = flat_text(console.app)
        assert "Only a suspended subscription can be reactivated; this one is active." in text
        assert entries(console) == []
        await pilot.press("escape")
        await pilot.pause()
        await open_actions(console, pilot, PAUSED)
        await pilot.press("r")
        await pilot.pause()
        assert "auto-renew stays off until you turn it on" in flat_text(console.app)
        await pilot.press("y")
        await pilot.pause()
    assert [e.payload["changes"] for e in entries(console)] == [{"status": "active"}]


async def test_cancel_inside_the_window_is_final_and_outside_refused(make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    async with console.app.run_test(size=NARROW) as pilot:
        await open_actions(console, pilot, OLD)
        await pilot.press("x")
        await pilot.pause()
        text = flat_text(console.app)
        assert "A subscription can be cancelled only within 7 days of purchase or renewal" in text
        assert "window closed on 4 Feb 09:45" in text
        await pilot.press("escape")
        await pilot.pause()
        await open_actions(console, pilot, NEW)
        await pilot.press("x")
        await pilot.pause()
        confirm = console.app.screen
        assert isinstance(confirm, ConfirmChangeScreen) and confirm.final
        assert "cancel: final; prorated refund; service stops at once" in flat_text(console.app)
        await pilot.press("n")  # changed my mind
        await pilot.pause()
        assert entries(console) == []
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert [e.payload["changes"] for e in entries(console)] == [{"status": "deleted"}]


async def test_a_second_change_of_the_same_kind_waits_for_the_first(make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    async with console.app.run_test(size=NARROW) as pilot:
        seen = capture_notifications(console.app)
        for quantity in ("11", "10"):
            await open_actions(console, pilot, NEW)
            await pilot.press("q", *quantity, "enter")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
    assert [e.payload["changes"] for e in entries(console)] == [{"quantity": 11}]
    assert seen[0][0].startswith("Queued: ")
    assert seen[1][0].startswith("A change of this kind still waits to be sent")


async def test_a_refusal_from_partner_center_is_explained_not_coded(make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    async with console.app.run_test(size=NARROW) as pilot:
        seen = capture_notifications(console.app)
        console.app.push_screen(SubscriptionDetailScreen(NEW))
        await open_actions(console, pilot, NEW)
        await pilot.press("q", "1", "0", "enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        (entry,) = entries(console)
        # The window closed before the outbox got to it: Partner Center refuses.
        outbox.claim_next(console.state)
        outbox.mark_failed(console.state, entry.id, code="800090",
                           message="Subscription quantity cannot be decreased.")
        console.backend.emit(ev.OutboxUpdated(entry.id, entry.kind, "failed", entry.subject,
                                              "Subscription quantity cannot be decreased.",
                                              customer_id=BAKERY_ID))
        await follow_workers_done(console.app)
        await pilot.pause()
        refused = [(message, options) for message, options in seen
                   if options.get("title", "").startswith("Partner Center refused")]
        assert len(refused) == 1
        message, options = refused[0]
        assert options["severity"] == "error"
        assert message.startswith("Seats can be removed only within 7 days after they were "
                                  "added. This subscription's window closed on 27 Nov 14:02.")
        assert "(800090)" not in message.split(".")[0]
        # The detail screen keeps the explanation next to the change.
        detail = console.app.screen_stack[-1]
        assert isinstance(detail, SubscriptionDetailScreen)
        detail.query_one(SubscriptionBody).scroll_end(animate=False)
        await pilot.pause()
        text = flat_text(console.app)
        assert "Changes sent lately" in text
        assert ("· refused · Šumavská pekárna s.r.o.: Microsoft 365 Business Standard — 12 → "
                "10 seats Seats can be removed only within 7 days") in text


async def test_perpetual_licences_have_no_changes(make_console) -> None:
    console = bakery_console(make_console)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        seen = capture_notifications(console.app)
        assert not open_subscription_actions(console.app, LTSC)
        assert "bought once" in seen[-1][0]
        console.app.push_screen(SubscriptionDetailScreen(LTSC))
        await pilot.pause()
        assert "m" not in footer_keys(console.app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(console.app.screen, SubscriptionDetailScreen)
    assert entries(console) == []


async def test_read_only_profiles_cannot_reach_the_changes(make_console) -> None:
    console = bakery_console(make_console, read_only=True)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        console.app.open_subscription_actions(NEW)
        await pilot.pause()
        assert not isinstance(console.app.screen, SubscriptionActionsScreen)
        console.app.push_screen(SubscriptionDetailScreen(NEW))
        await pilot.pause()
        assert "m" not in footer_keys(console.app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(console.app.screen, SubscriptionDetailScreen)
        # Even a screen pushed by hand offers nothing, and "y" on a confirmation does nothing.
        console.app.push_screen(SubscriptionActionsScreen(NEW))
        await pilot.pause()
        assert not {"q", "a", "s", "r", "x"} & footer_keys(console.app)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(console.app.screen, SubscriptionActionsScreen)
    assert entries(console) == []
    assert json.dumps(console.backend.refresh_requests) == "[]"
