"""Driving the console with the keyboard, the way a person does."""

from __future__ import annotations

import pytest

from csp_tui.cache import views
from csp_tui.domain.text import fold
from csp_tui.state import views as state_views
from csp_tui.tui.screens.detail import DetailScreen
from csp_tui.tui.screens.help import HelpScreen
from csp_tui.tui.screens.log import CommandLogScreen
from csp_tui.tui.screens.main import PANE_ORDER, MainScreen
from csp_tui.tui.widgets.lists import CustomersPane, SubscriptionsPane
from csp_tui.tui.widgets.tenant import TenantPane

from .conftest import NARROW, WIDE, screen_text


def active_pane(app) -> str:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen.active_pane


def focused_pane(app) -> str | None:
    for node in app.focused.ancestors_with_self:
        if getattr(node, "id", None) in PANE_ORDER:
            return node.id
    return None


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
async def test_tab_cycles_through_the_four_panes_and_back(make_console, size) -> None:
    console = make_console()
    async with console.app.run_test(size=size) as pilot:
        await pilot.pause()
        seen = [focused_pane(console.app)]
        for _ in range(4):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(focused_pane(console.app))
        assert seen == [*PANE_ORDER, "customers"]
        await pilot.press("shift+tab")
        await pilot.pause()
        assert focused_pane(console.app) == "invitations"
        assert active_pane(console.app) == "invitations"


async def test_number_keys_show_one_pane_at_a_time_when_narrow(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = console.app.screen
        assert screen.has_class("-narrow")
        await pilot.press("3")
        await pilot.pause()
        visible = [pane.id for pane in screen.panes() if pane.display and pane.region.height]
        assert visible == ["subscriptions"]
        assert focused_pane(console.app) == "subscriptions"
        assert "Subscriptions" in screen_text(console.app).splitlines()[1]


async def test_wide_terminal_shows_all_panes(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = console.app.screen
        assert screen.has_class("-wide")
        assert all(pane.region.height > 5 for pane in screen.panes())
        assert not screen.query_one("#tabs").display or screen.query_one("#tabs").region.height == 0


async def test_filter_narrows_the_list_live_and_escape_clears_it(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        pane = console.app.screen.query_one(CustomersPane)
        everyone = pane.table.row_count
        # A needle taken from the data, typed without diacritics.
        first = views.customer_rows(console.cache, limit=1)[0].company_name
        needle = fold(first.split()[0])[:5]
        expected = sum(1 for row in views.customer_rows(console.cache, limit=10_000)
                       if needle in fold(row.company_name) or needle in fold(row.primary_domain))
        await pilot.press("slash", *needle)
        await pilot.pause()
        assert pane.filter_text == needle
        assert pane.table.row_count == expected < everyone
        title = screen_text(console.app).splitlines()[1]
        assert f"/{needle} ({expected})" in title
        await pilot.press("escape")
        await pilot.pause()
        assert pane.filter_text == ""
        assert pane.table.row_count == everyone
        assert console.app.focused is pane.table
        assert f"({everyone})" in screen_text(console.app).splitlines()[1]


async def test_enter_keeps_the_filter_and_escape_on_the_list_clears_it(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        pane = console.app.screen.query_one(CustomersPane)
        await pilot.press("slash", "a", "enter")
        await pilot.pause()
        assert pane.filter_text == "a"
        assert not pane.filter_input.display
        assert console.app.focused is pane.table
        await pilot.press("escape")
        await pilot.pause()
        assert pane.filter_text == ""


async def test_sort_cycles_columns_and_reverses(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        pane = console.app.screen.query_one(CustomersPane)
        await pilot.press("s")
        await pilot.pause()
        assert pane.sort.name == "domain" and not pane.descending
        domains = [row.primary_domain for row in views.customer_rows(console.cache, limit=500)]
        assert pane.table.cursor_row is not None
        assert pane.table.source.fetch(0, 1)[0].primary_domain == min(
            domains, key=fold)
        assert "· domain ↑" in screen_text(console.app).splitlines()[1]
        await pilot.press("S")
        await pilot.pause()
        assert pane.descending
        assert pane.table.source.fetch(0, 1)[0].primary_domain == max(domains, key=fold)
        assert "· domain ↓" in screen_text(console.app).splitlines()[1]


async def test_enter_opens_every_field_and_escape_returns_to_the_same_row(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        pane = console.app.screen.query_one(CustomersPane)
        await pilot.press("down", "down", "down")
        await pilot.pause()
        key = pane.table.cursor_key
        await pilot.press("enter")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, DetailScreen)
        fields = dict(screen.fields)
        assert fields["id"] == key
        record = views.customer_record(console.cache, key)
        searchable = {"name_fold", "domain_fold", "search_fold", "sort_key"}
        assert set(fields) == set(record) - searchable
        assert all(fields[name] == record[name] for name in fields)
        assert record["company_name"] in screen.record_title
        assert console.backend.refresh_requests == [key]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(console.app.screen, MainScreen)
        assert pane.table.cursor_key == key
        assert console.app.focused is pane.table


async def test_selecting_a_customer_fills_tenant_and_subscriptions(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = console.app.screen
        customers = screen.query_one(CustomersPane)
        await pilot.press("down", "down")
        await pilot.pause()
        key = customers.table.cursor_key
        tenant = screen.query_one(TenantPane)
        subscriptions = screen.query_one(SubscriptionsPane)
        assert tenant.customer_id == key
        assert subscriptions.customer_id == key
        detail = views.customer_detail(console.cache, key)
        assert tenant.detail == detail
        expected = views.count_subscriptions(console.cache, customer_id=key)
        assert subscriptions.table.row_count == expected
        text = screen_text(console.app)
        assert detail.id in text
        assert (detail.initial_domain or "") in text


async def test_subscriptions_toggle_between_one_and_all_customers(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        pane = console.app.screen.query_one(SubscriptionsPane)
        one = pane.table.row_count
        await pilot.press("a")
        await pilot.pause()
        assert pane.show_all
        assert pane.table.row_count == views.count_subscriptions(console.cache) > one
        assert "all customers" in screen_text(console.app).splitlines()[1]
        assert pane.table.columns[0].key == "customer"
        await pilot.press("p")
        await pilot.pause()
        assert pane.preset == "renewing_within_days"
        assert pane.table.row_count == views.count_subscriptions(
            console.cache, preset="renewing_within_days", now=console.app.now())


async def test_help_lists_the_keys_of_the_focused_pane(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("2", "question_mark")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, HelpScreen)
        keys = {key for keys, _, _ in screen.keys for key in keys.split(", ")}
        assert {"c", "w", "?", ":", "r"} <= keys
        assert "/" not in keys  # the tenant pane is not a list
        assert screen.context == "Tenant"
        assert any(name.startswith(":customers") for name, _, _ in screen.commands)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(console.app.screen, MainScreen)


async def test_command_log_screen_lists_calls_newest_first(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("colon", *"log", "enter")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, CommandLogScreen)
        rows = screen.pane.table.source.fetch(0, 50)
        assert [row.at for row in rows] == sorted((row.at for row in rows), reverse=True)
        assert screen.pane.table.row_count == state_views.count_commands(console.state)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(console.app.screen, MainScreen)


async def test_mouse_selects_rows_and_tabs_without_being_needed(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        pane = console.app.screen.query_one(CustomersPane)
        # Row 0 of the table is the header; the fourth line is the third customer.
        await pilot.click(pane.table, offset=(5, 3))
        await pilot.pause()
        third = views.customer_rows(console.cache, limit=3)[2]
        assert pane.table.cursor_key == third.id
        await pilot.double_click(pane.table, offset=(5, 3))
        await pilot.pause()
        assert isinstance(console.app.screen, DetailScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#tab-invitations")
        await pilot.pause()
        assert active_pane(console.app) == "invitations"
        assert focused_pane(console.app) == "invitations"
