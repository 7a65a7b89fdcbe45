"""What an indirect reseller sees where Partner Center would refuse it the call: the changes
of a subscription as requests to the distributor, and their confirmation (80×24)."""

from __future__ import annotations

from csp_tui.tui.screens.confirm_change import ConfirmChangeScreen
from csp_tui.tui.screens.subscription_actions import (
    SubscriptionActionsScreen,
    open_subscription_actions,
)

from .conftest import NARROW
from .subscriptions_support import NEW, bakery_console
from .test_subscriptions_snapshots import shoot


def test_reseller_actions(snap_compare, make_console) -> None:
    console = bakery_console(make_console)
    seen = shoot(snap_compare, console, NARROW, lambda app: open_subscription_actions(app, NEW))
    assert isinstance(seen["screen"], SubscriptionActionsScreen)
    assert "q Ask the distributor to change seats possible" in seen["text"]
    assert {"q", "a", "s", "r", "x"} <= seen["footer"]


def test_reseller_confirm(snap_compare, make_console) -> None:
    console = bakery_console(make_console)
    seen = shoot(snap_compare, console, NARROW,
                 lambda app: open_subscription_actions(app, NEW), keys=["q", "1", "0", "enter"])
    assert isinstance(seen["screen"], ConfirmChangeScreen)
    assert "Nothing will be sent to Partner Center" in seen["text"]
    assert "Prepare the request for the distributor? y = yes, n = no" in seen["text"]
    assert seen["footer"] >= {"y", "n"}
