"""Type-ahead: keys that arrive together are handled in order, each by the widget that has the
focus once the keys before it took effect (issue: a burst put every field into the first one,
and ``/pivo`` Enter ``j`` opened the invite form)."""

from __future__ import annotations

from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.screens.new_tenant import NewTenantScreen
from csp_tui.tui.widgets.lists import CustomersPane

from .burst import send_burst
from .conftest import NARROW
from .waiting import wait_for


async def test_a_burst_fills_the_form_field_by_field(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        send_burst(console.app, "n<tab><tab><tab><tab><tab><tab><tab>Jan\tNovák\tjan@kemp.cz")
        await wait_for(pilot, lambda: isinstance(console.app.screen, NewTenantScreen))
        await pilot.pause()
        screen = console.app.screen
        values = screen.values()
        assert (values["first_name"], values["last_name"], values["email"]) == (
            "Jan", "Novák", "jan@kemp.cz")


async def test_filter_enter_then_a_command_key_goes_to_the_list(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        send_burst(console.app, "/pivo\rj")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(console.app.screen, MainScreen)
        pane = console.app.screen.query_one(CustomersPane)
        assert pane.filter_text == "pivo"
        assert console.app.focused is pane.table
