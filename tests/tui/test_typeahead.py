"""Type-ahead: keys that arrive together are handled in order, each by the widget that has the
focus once the keys before it took effect (issue: a burst put every field into the first one,
and ``/pivo`` Enter ``j`` opened the invite form)."""

from __future__ import annotations

from textual import events

from csp_tui.tui.screens.detail import DetailScreen
from csp_tui.tui.screens.log import CommandLogScreen
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.screens.new_tenant import NewTenantScreen
from csp_tui.tui.widgets.lists import CustomersPane
from csp_tui.tui.widgets.virtual_table import VirtualTable

from .burst import send_burst, typed
from .conftest import NARROW


async def test_a_burst_fills_the_form_field_by_field(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        send_burst(console.app, "n<tab><tab><tab><tab><tab><tab><tab>Jan\tNovák\tjan@kemp.cz")
        await typed(pilot)
        assert isinstance(console.app.screen, NewTenantScreen)
        screen = console.app.screen
        values = screen.values()
        assert (values["first_name"], values["last_name"], values["email"]) == (
            "Jan", "Novák", "jan@kemp.cz")


async def test_filter_enter_then_a_command_key_goes_to_the_list(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        send_burst(console.app, "/pivo\rj")
        await typed(pilot)
        assert isinstance(console.app.screen, MainScreen)
        pane = console.app.screen.query_one(CustomersPane)
        assert pane.filter_text == "pivo"
        assert console.app.focused is pane.table


async def test_a_command_then_keys_for_the_screen_it_opens(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        send_burst(console.app, ":log\rj\r")
        await typed(pilot)
        assert isinstance(console.app.screen, DetailScreen)
        assert console.app.screen.kind == "command"
        log = console.app.screen_stack[-2]
        assert isinstance(log, CommandLogScreen)
        # The second call of the log is the one opened.
        assert log.query_one(VirtualTable).cursor_index == 1


async def test_pane_keys_then_list_keys_act_on_the_pane_just_shown(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        send_burst(console.app, "3jj<escape>1j")
        await typed(pilot)
        screen = console.app.screen
        assert screen.active_pane == "customers"
        assert screen.pane("subscriptions").table.cursor_index == 2
        assert screen.pane("customers").table.cursor_index == 1


async def test_a_paste_after_tab_goes_to_the_next_field(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        send_burst(console.app, "nKemp\t")
        console.app.post_message(events.Paste("12345678"))
        await typed(pilot)
        assert isinstance(console.app.screen, NewTenantScreen)
        values = console.app.screen.values()
        assert (values["company_name"], values["ico"]) == ("Kemp", "12345678")
        assert console.app.key_gate.holding == 0


async def test_a_burst_during_a_sync_lands_in_order_too(make_console) -> None:
    from csp_tui.services import events as ev
    from csp_tui.tui.messages import BackendEvent

    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        # The back end's events arrive between the keys, as they do while a sync runs.
        for part in "/pivo\rj":
            console.app.post_message(BackendEvent(ev.CacheChanged(frozenset({"customers"}))))
            send_burst(console.app, part)
        await typed(pilot)
        pane = console.app.screen.query_one(CustomersPane)
        assert pane.filter_text == "pivo"
        assert console.app.focused is pane.table
        assert isinstance(console.app.screen, MainScreen)
