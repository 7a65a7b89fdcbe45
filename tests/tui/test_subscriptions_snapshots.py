"""What the subscription screens look like, at 80×24 (the detail also at 120×40), each picture
paired with assertions on what it says.

Regenerate with ``pytest tests/tui/test_subscriptions_snapshots.py --snapshot-update`` and
look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from csp_tui.cache import views
from csp_tui.services import subscriptions as service
from csp_tui.tui.screens.confirm_change import ConfirmChangeScreen
from csp_tui.tui.screens.qualification import EducationScreen, open_education
from csp_tui.tui.screens.subscription_actions import (
    SubscriptionActionsScreen,
    open_subscription_actions,
)
from csp_tui.tui.screens.subscription_detail import (
    SubscriptionDetailScreen,
    open_subscription_detail,
)
from csp_tui.tui.screens.subscription_views import (
    VIEW_ORDER,
    VIEW_WORDS,
    run_subscriptions_command,
)
from csp_tui.tui.widgets.lists import SubscriptionsPane

from .conftest import NARROW, WIDE, Console, footer_keys
from .subscriptions_support import (
    BAKERY_ID,
    LTSC,
    NEW,
    add_qualification,
    bakery_console,
    flat_text,
)

# The distributor's profile, whose changes go to Partner Center; the reseller's requests to
# its distributor are pictured in test_roles_snapshots.py.
DISTRIBUTOR = "sandbox-provider"


def shoot(snap_compare: Callable[..., bool], console: Console, size: tuple[int, int],
          before: Callable[[Any], None], keys: Sequence[str] = (),
          inspect: Callable[[Any], dict[str, Any]] | None = None) -> dict[str, Any]:
    """Open what ``before`` opens, press ``keys``, compare the picture; returns what the
    screen says (and what ``inspect`` found while the console ran)."""
    seen: dict[str, Any] = {}

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        before(console.app)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        seen.update(screen=console.app.screen, text=flat_text(console.app),
                    footer=footer_keys(console.app))
        if inspect is not None:
            seen.update(inspect(console.app))

    assert snap_compare(console.app, terminal_size=size, run_before=run_before)
    return seen


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_detail(snap_compare, make_console, size) -> None:
    console = bakery_console(make_console)
    seen = shoot(snap_compare, console, size, lambda app: open_subscription_detail(app, NEW))
    assert isinstance(seen["screen"], SubscriptionDetailScreen)
    assert "Online service — seats assigned to users" in seen["text"]
    assert "Cancellation possible until 27 Nov 14:02 (3 d 4 h left)" in seen["text"]
    assert {"m", "c", "escape"} <= seen["footer"]


def test_detail_perpetual(snap_compare, make_console) -> None:
    console = bakery_console(make_console)
    seen = shoot(snap_compare, console, NARROW, lambda app: open_subscription_detail(app, LTSC))
    assert "Perpetual licence · Office LTSC Professional Plus 2024" in seen["text"]
    assert "Purchased 19 Nov 2026" in seen["text"]
    assert "m" not in seen["footer"]


def test_actions(snap_compare, make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    seen = shoot(snap_compare, console, NARROW,
                 lambda app: open_subscription_actions(app, NEW), keys=["down", "down", "down"])
    assert isinstance(seen["screen"], SubscriptionActionsScreen)
    # The highlighted change (reactivate) is explained: why it is not possible.
    assert "Reactivate not possible now" in seen["text"]
    assert "Only a suspended subscription can be reactivated" in seen["text"]


def test_confirm_decrease(snap_compare, make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    seen = shoot(snap_compare, console, NARROW,
                 lambda app: open_subscription_actions(app, NEW), keys=["q", "1", "0", "enter"])
    assert isinstance(seen["screen"], ConfirmChangeScreen)
    assert "12 → 10 seats, allowed until 27 Nov 14:02" in seen["text"]
    assert seen["footer"] >= {"y", "n"}


def test_education(snap_compare, make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    add_qualification(console.cache, "Denied", reason="The website does not match the name",
                      days_ago=12)
    seen = shoot(snap_compare, console, NARROW, lambda app: open_education(app, BAKERY_ID))
    assert isinstance(seen["screen"], EducationScreen)
    assert "Education: denied: The website does not match the name" in seen["text"]
    assert "Send the request" in seen["text"]


def pane_state(app: Any) -> dict[str, Any]:
    pane = app.main_screen.query_one(SubscriptionsPane)
    return {"show_all": pane.show_all, "preset": pane.preset, "rows": pane.table.row_count}


@pytest.mark.parametrize("name", VIEW_ORDER)
def test_view(snap_compare, make_console, name) -> None:
    console = bakery_console(make_console, customers=60)
    seen = shoot(snap_compare, console, NARROW,
                 lambda app: run_subscriptions_command(app, VIEW_WORDS[name][0]),
                 inspect=pane_state)
    preset = service.PRESETS[name]
    assert seen["show_all"] and seen["preset"] == preset
    count = views.count_subscriptions(console.cache, preset=preset,
                                      now=console.app.clock())
    assert count > 0 and seen["rows"] == count
    assert f"({count})" in seen["text"]
