"""Notifications stay clear of where the keys are typed and read: the ``:`` line, the status
bar and the footer at the bottom, and they do not stay for half a minute."""

from __future__ import annotations

from textual.widgets._toast import Toast

from csp_tui.tui.backend_notices import ERROR_SECONDS
from csp_tui.tui.widgets.command_line import CommandLine

from .conftest import NARROW


async def test_an_error_does_not_cover_the_command_line_status_or_footer(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW, notifications=True) as pilot:
        await pilot.pause()
        console.app.notify("Partner Center refused the change: " + "x" * 120,
                           severity="error", timeout=ERROR_SECONDS)
        await pilot.press("colon")
        await pilot.pause()
        screen = console.app.screen
        toasts = list(console.app.screen.query(Toast))
        assert toasts
        bottom = [screen.query_one(CommandLine).region, screen.query_one("#status-bar").region,
                  screen.query_one("#footer").region]
        for toast in toasts:
            assert toast.region.width <= 80 * 0.45 + 1
            for region in bottom:
                assert not toast.region.overlaps(region), (toast.region, region)
    assert ERROR_SECONDS <= 12
