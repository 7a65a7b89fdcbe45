"""The suspend confirmation says the billing fact once and shows its y/n question at 80×24,
for the distributor (sent to Partner Center) and for the reseller (a request to the
distributor); where the facts do not fit, they scroll and the question stays."""

from __future__ import annotations

from typing import Any

import pytest

from csp_tui.tui.screens.confirm_change import ConfirmBody, ConfirmChangeScreen
from csp_tui.tui.screens.subscription_actions import open_subscription_actions

from .conftest import NARROW, screen_text
from .subscriptions_support import NEW, bakery_console, flat_text
from .test_subscriptions_snapshots import DISTRIBUTOR, shoot

QUESTIONS = {
    DISTRIBUTOR: "Send it to Partner Center? y = yes, n = no",
    None: "Prepare the request for the distributor? y = yes, n = no",
}


def _question_shown(app: Any, question: str) -> bool:
    """The question is on screen, whole, inside the dialog's border (not scrolled or cut
    off by it)."""
    from textual.widgets import Static

    screen = app.screen
    widget = screen.query_one(".subs-question", Static)
    box = screen.query_one(".subs-confirm")
    inside = box.content_region.contains_region(widget.region)
    on_screen = widget.region.bottom <= screen.size.height - 1  # above the footer
    return inside and on_screen and question in flat_text(app)


@pytest.mark.parametrize("profile", [DISTRIBUTOR, None], ids=["distributor", "reseller"])
def test_suspend_confirm_at_80x24(snap_compare, make_console, profile) -> None:
    console = bakery_console(make_console, profile=profile)
    seen = shoot(snap_compare, console, NARROW,
                 lambda app: open_subscription_actions(app, NEW), keys=["s"],
                 inspect=lambda app: {"shown": _question_shown(app, QUESTIONS[profile]),
                                      "lines": screen_text(app).splitlines()})
    assert isinstance(seen["screen"], ConfirmChangeScreen)
    assert seen["shown"]
    # At 80 columns the question is one line of its own.
    assert any(QUESTIONS[profile] in line for line in seen["lines"])
    text = seen["text"]
    # The billing fact once (it was in the effect and again in a note).
    assert text.count("billed") == 1
    assert "you keep being billed until the term ends on 20 Nov 2027" in text
    assert "After reactivation auto-renew stays off until you turn it on." in text
    assert seen["footer"] >= {"y", "n"}


async def test_facts_that_do_not_fit_scroll_under_a_question_that_stays(
        make_console) -> None:
    console = bakery_console(make_console)  # the reseller's: the longest suspend dialog
    async with console.app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        open_subscription_actions(console.app, NEW)
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, ConfirmChangeScreen)
        body = screen.query_one(ConfirmBody)
        assert body.has_focus and body.max_scroll_y > 0
        assert _question_shown(console.app, QUESTIONS[None])
        assert "stays off until you turn it on" not in flat_text(console.app)
        await pilot.press("end")
        await pilot.pause()
        assert "stays off until you turn it on" in flat_text(console.app)
        assert _question_shown(console.app, QUESTIONS[None])
        await pilot.press("n")
        assert not isinstance(console.app.screen, ConfirmChangeScreen)
