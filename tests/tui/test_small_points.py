"""The smaller points of the 80×24 review: paging with ctrl+d/ctrl+u, a sort arrow that
always shows, an empty list that does not ask for a sync while one runs, a help whose
explanations are readable and which explains the ``!`` column."""

from __future__ import annotations

from csp_tui.i18n import t
from csp_tui.services import events as ev
from csp_tui.tui.backend import BackendStatus
from csp_tui.tui.screens.help import HelpScreen
from csp_tui.tui.widgets.virtual_table import sorted_title

from .conftest import NARROW, screen_text


async def test_ctrl_d_and_ctrl_u_page_through_a_list(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        table = console.app.screen.pane("customers").table
        await pilot.press("ctrl+d")
        moved = table.cursor_index
        assert moved > 5
        await pilot.press("ctrl+u")
        assert table.cursor_index == 0


def test_the_sort_arrow_shows_even_in_a_narrow_column() -> None:
    assert sorted_title("Subs", "↑", 4) == "Sub↑"
    assert sorted_title("Qty", "↓", 5) == "Qty ↓"
    assert sorted_title("Obnovení", "↑", 12) == "Obnovení ↑"


async def test_an_empty_list_says_the_sync_is_reading_it_while_it_runs(make_console) -> None:
    console = make_console(customers=0, status=BackendStatus())
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert "Press r to sync" in screen_text(console.app)
        console.backend.emit(ev.SyncStarted(run_id=1, kind="full"))
        await pilot.pause()
        text = screen_text(console.app)
        assert "Press r to sync" not in text and "the sync is reading them" in text


async def test_help_explanations_are_readable_and_the_mark_is_explained(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=(100, 70)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(console.app.screen, HelpScreen)
        text = " ".join(screen_text(console.app).split())
        assert t("tui.cmdhelp.customers")[:18] in text
        assert "! in the customers list" in text
