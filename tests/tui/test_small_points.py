"""The smaller points of the 80×24 review: paging with ctrl+d/ctrl+u, a sort arrow that
always shows, an empty list that does not ask for a sync while one runs, a help whose
explanations are readable and which explains the ``!`` column."""

from __future__ import annotations

from csp_tui.i18n import t
from csp_tui.services import events as ev
from csp_tui.tui.backend import BackendStatus
from csp_tui.tui.screens.help import HelpScreen
from csp_tui.tui.widgets.table_layout import sorted_title

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


async def test_an_invite_fields_message_goes_once_the_field_is_corrected(make_console) -> None:
    from csp_tui.tui.screens.invite import InviteScreen

    from .invite_support import type_text, with_loop_backend

    console = with_loop_backend(make_console(invitations=3))
    async with console.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "i")
        screen = console.app.screen
        assert isinstance(screen, InviteScreen)
        await pilot.press("tab", "tab")
        await type_text(pilot, "jan.kemp.cz")
        await pilot.press("f2")
        error = screen.query_one("#invite-contact-email-error")
        assert error.display
        # Still wrong while typing: the message stays (and says what is wrong now) …
        await pilot.press("end", "backspace", "backspace")
        await pilot.pause()
        assert error.display
        # … and goes once the address is right, while the other fields keep theirs.
        screen.field("contact_email").value = "jan@kemp.cz"
        await pilot.pause()
        assert not error.display
        assert screen.query_one("#invite-company-error").display


async def test_a_key_added_in_the_keymap_keeps_the_footer_place_of_its_action(
        make_console) -> None:
    console = make_console(keymap={"sync": "r,f5"})
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        footer = screen_text(console.app).splitlines()[-1]
        assert "r Sync" in footer
        await pilot.press("f5")
        await pilot.press("r")
        assert console.backend.sync_requests == 2


async def test_subscriptions_sort_by_the_cancellation_deadline(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("3", "a", "s", "s", "s")
        pane = console.app.screen.pane("subscriptions")
        assert pane.sort is not None and pane.sort.name == "window"
        assert "cancel by ↑" in screen_text(console.app)
        deadlines = [pane.table._row_at(i).cancellation_allowed_until
                     for i in range(min(20, pane.table.row_count))]
        known = [d for d in deadlines if d]
        assert known == sorted(known)
