"""The console as an indirect reseller (the default profile): the same subscription changes and
the Education request are offered as requests to the distributor, checked by the same rules,
confirmed as "nothing will be sent to Partner Center", then saved and shown — never queued."""

from __future__ import annotations

import dataclasses
import json
import stat
from pathlib import Path

from csp_tui.domain import roles
from csp_tui.state import outbox
from csp_tui.tui.screens.confirm_change import ConfirmChangeScreen
from csp_tui.tui.screens.distributor_request import DistributorRequestScreen
from csp_tui.tui.screens.qualification import EducationScreen, open_education
from csp_tui.tui.screens.subscription_actions import (
    QuantityScreen,
    SubscriptionActionsScreen,
    open_subscription_actions,
)
from csp_tui.tui.screens.subscription_detail import SubscriptionDetailScreen

from .conftest import NARROW, WIDE, footer_keys
from .subscriptions_support import (
    BAKERY,
    BAKERY_ID,
    NEW,
    OLD,
    bakery_console,
    capture_notifications,
    flat_text,
)


def saved(console) -> list[Path]:
    exports = console.backend.settings.locations.exports_dir
    return sorted(exports.glob("*.json")) if exports.exists() else []


def help_lines(console) -> list[tuple[str, str, str]]:
    return list(console.app.help_screen_for(console.app.screen).keys)


async def test_a_reseller_asks_the_distributor_to_change_seats(make_console) -> None:
    console = bakery_console(make_console)
    assert console.backend.settings.profile.role.value == roles.INDIRECT_RESELLER
    async with console.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert open_subscription_actions(console.app, NEW)
        await pilot.pause()
        assert isinstance(console.app.screen, SubscriptionActionsScreen)
        text = flat_text(console.app)
        assert "Ask the distributor to change the subscription" in text
        assert "q Ask the distributor to change seats" in text
        assert "x Ask the distributor to cancel" in text
        assert "Nothing is sent from here" in text
        # The same wording in the footer and the help.
        assert {"q", "a", "s", "r", "x"} <= footer_keys(console.app)
        assert ("q", "Seats", "Ask the distributor to change the number of seats "
                "(nothing goes to Partner Center)") in help_lines(console)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(console.app.screen, QuantityScreen)
        await pilot.press("1", "0", "enter")
        await pilot.pause()
        assert isinstance(console.app.screen, ConfirmChangeScreen)
        text = flat_text(console.app)
        assert "Request for the distributor" in text
        assert "12 → 10 seats, allowed until 27 Nov 14:02" in text
        assert "Nothing will be sent to Partner Center" in text
        assert "Prepare the request for the distributor? y = yes, n = no" in text
        assert ("y", "Yes, prepare it", "Prepare the request for the distributor (nothing is "
                "sent to Partner Center)") in help_lines(console)
        assert saved(console) == []  # nothing before "y"
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(console.app.screen, DistributorRequestScreen)
        text = flat_text(console.app)
        assert "Nothing was sent to Partner Center." in text
        assert f"Subject: Subscription change for {BAKERY}" in text
        await pilot.press("c")
        email = console.app.clipboard
        await pilot.press("p")
        path = console.app.clipboard
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(console.app.screen, DistributorRequestScreen
                              | SubscriptionActionsScreen | ConfirmChangeScreen)
    assert outbox.list_entries(console.state) == []
    assert getattr(console.backend, "outbox_kicks", 0) == 0
    (file,) = saved(console)
    assert str(file) == path and stat.S_IMODE(file.stat().st_mode) == 0o600
    document = json.loads(file.read_text(encoding="utf-8"))
    assert document["customer"]["tenant_id"] == BAKERY_ID
    assert document["subscription"]["id"] == NEW
    assert document["change"]["from"] == {"quantity": 12}
    assert document["change"]["to"] == {"quantity": 10}
    assert "  12 → 10 seats, allowed until 27 Nov 14:02" in email


async def test_what_the_rules_refuse_is_not_requested(make_console) -> None:
    console = bakery_console(make_console)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert open_subscription_actions(console.app, OLD)
        await pilot.pause()
        await pilot.press("q", "2", "0", "enter")
        await pilot.pause()
        assert isinstance(console.app.screen, QuantityScreen)  # stays, says why
        assert "window closed on 4 Feb 09:45" in flat_text(console.app)
        await pilot.press("escape", "x")  # cancelling: the window closed long ago
        await pilot.pause()
        assert isinstance(console.app.screen, SubscriptionActionsScreen)
    assert saved(console) == [] and outbox.list_entries(console.state) == []


async def test_the_detail_offers_requests_to_the_distributor(make_console) -> None:
    console = bakery_console(make_console)
    async with console.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        console.app.push_screen(SubscriptionDetailScreen(NEW))
        await pilot.pause()
        text = flat_text(console.app)
        assert "What you can ask the distributor to change" in text
        assert "✓ Ask the distributor to change seats" in text
        assert "m Request" in text
        assert ("m", "Request", "Ask the distributor to change the subscription (quantity, "
                "auto-renew, suspend)") in help_lines(console)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(console.app.screen, SubscriptionActionsScreen)


async def test_a_reseller_asks_the_distributor_for_education(make_console) -> None:
    console = bakery_console(make_console)
    async with console.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert open_education(console.app, BAKERY_ID)
        await pilot.pause()
        assert isinstance(console.app.screen, EducationScreen)
        text = flat_text(console.app)
        assert "Your distributor requests the qualification in Partner Center" in text
        assert "Prepare the request for the distributor" in text
        await pilot.press("down", "enter")  # higher education
        console.app.screen.query_one("#edu-website").focus()
        await pilot.press(*"www.vsrs.cz", "enter")
        await pilot.pause()
        assert isinstance(console.app.screen, ConfirmChangeScreen)
        text = flat_text(console.app)
        assert "Education qualification: request for the distributor" in text
        assert "Nothing will be sent to Partner Center" in text
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(console.app.screen, DistributorRequestScreen)
        assert "Subject: Education qualification for" in flat_text(console.app)
    assert outbox.list_entries(console.state) == []
    (file,) = saved(console)
    document = json.loads(file.read_text(encoding="utf-8"))
    assert document["qualification"] == {"qualification": "Education",
                                         "educationSegment": "HigherEducation",
                                         "website": "www.vsrs.cz"}


async def test_a_role_with_no_way_is_offered_nothing(make_console, monkeypatch) -> None:
    """Were every subscription change refused to the role, ``m`` would not be offered and the
    changes would not open."""
    for op_id in ("subscription.quantity", "subscription.suspend", "subscription.reactivate",
                  "subscription.cancel", "subscription.auto_renew"):
        operation = roles.operation(op_id)
        monkeypatch.setitem(roles._BY_ID, op_id, dataclasses.replace(operation, cells={
            **operation.cells,
            roles.INDIRECT_RESELLER: roles.Cell(roles.Access.REFUSED, "this test's table")}))
    console = bakery_console(make_console)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        seen = capture_notifications(console.app)
        assert not open_subscription_actions(console.app, NEW)
        assert seen[-1][0] == "Not available to this role: Partner Center does not allow it."
        console.app.push_screen(SubscriptionDetailScreen(NEW))
        await pilot.pause()
        assert "m" not in footer_keys(console.app)
        assert "Ask the distributor" not in flat_text(console.app)


def manage_words(app) -> tuple[str, str]:
    from csp_tui.tui.widgets.lists import SubscriptionsPane

    pane = app.main_screen.query_one(SubscriptionsPane)
    (binding,) = [b for found in pane._bindings.key_to_bindings.values() for b in found
                  if b.action == "manage_subscription"]
    return binding.description, binding.tooltip


async def test_the_subscriptions_pane_says_who_makes_the_change(make_console) -> None:
    reseller = bakery_console(make_console)
    async with reseller.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert manage_words(reseller.app) == (
            "Request", "Ask the distributor to change the subscription (quantity, auto-renew, "
                       "suspend)")
    distributor = bakery_console(make_console, profile="sandbox-provider")
    async with distributor.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert manage_words(distributor.app) == (
            "Change", "Change the subscription (quantity, auto-renew, suspend)")
