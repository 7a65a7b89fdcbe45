"""The Today screen in the console: opened by ``t``, ``:today`` and the palette; shows exactly
what ``build_today`` reads; each line opens what it is about; the marker moves on ``m`` and
when the person leaves — on the writer, never on the console's thread."""

from __future__ import annotations

from typing import Any

from csp_tui.cache import store
from csp_tui.domain.changes import Change
from csp_tui.services import events as ev
from csp_tui.services import today as today_service
from csp_tui.services import today_chart as chart
from csp_tui.state import seen_marks
from csp_tui.timestamps import parse_timestamp
from csp_tui.tui.screens.detail import DetailScreen
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.screens.subscription_detail import SubscriptionDetailScreen
from csp_tui.tui.screens.today import MORE, TodayList, TodayScreen
from csp_tui.tui.widgets.today_chart import ROLE_STYLES, chart_text

from .conftest import CLOCK_NOW, screen_text
from .today_support import LOOKED, seed_today
from .waiting import wait_for


def _expected(console: Any) -> today_service.Today:
    return today_service.build_today(console.cache, console.state, now=CLOCK_NOW,
                                     since=parse_timestamp(LOOKED))


def _keys(entries: Any) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(e.kind, e.customer_id, e.subscription_id, e.invitation_id) for e in entries]


async def _move_to(pilot: Any, screen: TodayScreen, wanted: Any) -> None:
    """Press ``j`` until the cursor is on the entry ``wanted(entry)`` holds for."""
    for _ in range(len(screen.entries) + 10):
        if screen.current is not None and wanted(screen.current):
            return
        await pilot.press("j")
    raise AssertionError("no such entry")


async def test_t_shows_exactly_what_today_reads(make_console) -> None:
    console = make_console()
    ids = seed_today(console)
    expected = _expected(console)
    async with console.app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, TodayScreen)
        shown = list(screen.entries.values())
        assert _keys(shown) == _keys((*expected.changed, *expected.due))
        kinds = {entry.kind for entry in expected.changed}
        assert kinds == {"customer_added", "quantity_changed", "auto_renew_changed",
                         "education_decision", "outbox_done", "sync_failed"}
        renew = next(e for e in expected.changed if e.kind == "auto_renew_changed")
        assert renew.fields["by"] == "console"
        assert renew.subscription_id == ids["other_subscription"]
        text = screen_text(console.app)
        assert "Since you last looked" in text and "Due" in text
        assert "█" in text  # the renewals chart
        assert isinstance(console.app.screen.focused, TodayList)
        # "t" again does not stack a second Today.
        await pilot.press("t")
        await pilot.pause()
        assert sum(isinstance(s, TodayScreen) for s in console.app.screen_stack) == 1


async def test_a_profile_can_start_on_today(make_console, isolated_home) -> None:
    (isolated_home / "config.toml").write_text(
        '[profiles.morning]\nkind = "sandbox"\nstart_screen = "today"\n', encoding="utf-8")
    console = make_console(profile="morning")
    async with console.app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(console.app.screen, TodayScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(console.app.screen, MainScreen))


async def test_command_line_and_palette_open_today(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon", *"today", "enter")
        await pilot.pause()
        assert isinstance(console.app.screen, TodayScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(console.app.screen, MainScreen)
        await pilot.press("ctrl+p", *"today")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(console.app.screen, TodayScreen))


async def test_each_line_opens_what_it_is_about(make_console) -> None:
    console = make_console()
    ids = seed_today(console)
    async with console.app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, TodayScreen)
        await _move_to(pilot, screen, lambda e: e.kind == "quantity_changed")
        # The seats chart follows the cursor's customer.
        assert console.app.customer_name(ids["customer"]) in screen_text(console.app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(console.app.screen, SubscriptionDetailScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: console.app.screen is screen)
        await pilot.press("g")
        await _move_to(pilot, screen, lambda e: e.kind == "customer_added")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(console.app.screen, DetailScreen))
        assert ids["added"] in screen_text(console.app)


async def test_leaving_marks_seen_and_the_next_look_starts_there(make_console) -> None:
    console = make_console()
    seed_today(console)
    async with console.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, TodayScreen)
        read_at = screen.read_at
        assert screen.report is not None and screen.report.changed
        await pilot.press("escape")
        await wait_for(pilot, lambda: seen_marks.last_seen(console.state) == read_at)
        await pilot.press("t")
        await pilot.pause()
        again = console.app.screen
        assert isinstance(again, TodayScreen) and again.report is not None
        assert again.report.changed == ()
        assert "Nothing changed." in screen_text(console.app)


async def test_m_marks_seen_where_the_screen_was_read(make_console) -> None:
    console = make_console(language="cs")
    seed_today(console)
    async with console.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, TodayScreen)
        read_at = screen.read_at
        await pilot.press("m")
        await wait_for(pilot, lambda: seen_marks.last_seen(console.state) == read_at)
        await wait_for(pilot, lambda: "Nic se nezměnilo." in screen_text(console.app))
        assert console.app.screen is screen  # m stays on Today


def test_the_colours_are_of_the_sixteen() -> None:
    for style in ROLE_STYLES.values():
        number = style.color.number if style.color is not None else None
        assert style.color is None or (number is not None and number < 16)
    text = chart_text(chart.seats_chart("[bold]Kemp[/]", [1, 2]))
    assert "[bold]Kemp[/]" in text.plain  # remote text stays text, never markup


async def test_and_more_opens_the_whole_list(make_console) -> None:
    console = make_console(customers=200)
    async with console.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, TodayScreen) and screen.report is not None
        group = next(g for g in ("renewal_30", "renewal_7", "window") if screen.report.more.get(g))
        listing = screen.query_one(TodayList)
        index = listing.get_option_index(f"{MORE}{group}")
        assert f"{screen.report.more[group]} more" in str(listing.get_option_at_index(index).prompt)
        listing.highlighted = index
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(console.app.screen, MainScreen))
        assert console.app.screen.active_pane == "subscriptions"


async def test_a_sync_that_finds_something_shows_it_on_today(make_console) -> None:
    console = make_console()
    ids = seed_today(console)
    async with console.app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, TodayScreen)
        before = len(screen.entries)
        run = store.start_run(console.cache, "customer", now="2026-11-24T09:40:00.000000Z")
        store.record_events(console.cache, run, [
            Change("customer_removed", ids["added"], detail={"company_name": "Gone s.r.o."})],
            now="2026-11-24T09:40:00.000000Z")
        console.backend.emit(ev.CacheChanged(tables=frozenset({"customers"})))
        await wait_for(pilot, lambda: len(screen.entries) == before + 1)
        assert any(e.kind == "customer_removed" for e in screen.entries.values())
        assert "Customer gone" in screen_text(console.app)
