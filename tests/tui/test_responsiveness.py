"""What keeps the console quick on a big cache: a filter is applied inside the keystroke, the
cursor looks for its row only among the first matches, hidden panes wait until shown, the
footer is rebuilt only when its keys change, and a sync's stream of changes is throttled —
without ever leaving the screen behind the cache once the sync is over."""

from __future__ import annotations

import asyncio

from csp_tui.cache import views
from csp_tui.db import Transaction
from csp_tui.services import events as ev
from csp_tui.tui.screens import main as main_screen
from csp_tui.tui.widgets.lists import CustomersPane, SubscriptionsPane
from csp_tui.tui.widgets.tenant import TenantPane

from .conftest import NARROW, WIDE, screen_text
from .waiting import wait_for


async def test_the_filter_is_applied_by_the_keystroke_itself(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        pane = console.app.screen.query_one(CustomersPane)
        await pilot.press("slash")
        await pilot.pause()
        # No message round trip: the rows and the title change before the value is set
        # returns, so the frame that shows the typed text shows the matches too.
        pane.filter_input.value = "sumav"
        expected = views.count_customers(console.cache, "sumav")
        assert pane.filter_text == "sumav" and pane.table.row_count == expected
        assert f"/sumav ({expected})" in pane.title_text().plain


async def test_a_filter_keeps_the_row_if_among_the_first_matches_else_goes_to_the_first(
        make_console, monkeypatch) -> None:
    console = make_console(customers=400)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        pane = console.app.screen.query_one(CustomersPane)
        table = pane.table
        asked: list[object] = []
        source_type = type(table.source)
        original = source_type.index_of
        monkeypatch.setattr(source_type, "index_of",
                            lambda self, key: asked.append(key) or original(self, key))
        # A customer near the top stays under the cursor when the filter still lists it.
        await pilot.press("down", "down")
        await pilot.pause()
        kept = table.cursor_row
        needle = kept.company_name.split()[0][:4]
        await pilot.press("slash", *needle)
        await pilot.pause()
        assert table.cursor_key == kept.id
        await pilot.press("escape")
        await pilot.pause()
        # A customer far down is not looked for: the cursor starts at the first match.
        table.move_cursor(350)
        await pilot.pause()
        # Every customer's initial domain matches, so the list is the same, and the cursor's
        # row is still at 350, far beyond the first window.
        needle = "onmicrosoft"
        assert views.count_customers(console.cache, needle) == table.row_count
        await pilot.press("slash", *needle)
        await pilot.pause()
        assert table.cursor_index == 0
        assert table.cursor_key == views.customer_rows(console.cache, filter=needle,
                                                       limit=1)[0].id
        assert asked == []


async def test_hidden_panes_load_the_selected_customer_when_shown(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = console.app.screen
        customers = screen.query_one(CustomersPane)
        tenant = screen.query_one(TenantPane)
        subscriptions = screen.query_one(SubscriptionsPane)
        shown_before = subscriptions.customer_id
        calls = subscriptions.table.fetch_calls
        await pilot.press("down", "down", "down")
        await pilot.pause()
        key = customers.table.cursor_key
        # The selection is known at once, but nothing is read for panes not on screen.
        assert tenant.customer_id == key
        assert tenant.detail is None or tenant.detail.id != key
        assert subscriptions.customer_id == shown_before
        assert subscriptions.table.fetch_calls == calls
        await pilot.press("3")
        await pilot.pause()
        assert subscriptions.customer_id == key
        assert subscriptions.table.row_count == views.count_subscriptions(console.cache,
                                                                          customer_id=key)
        await pilot.press("2")
        await pilot.pause()
        assert tenant.detail == views.customer_detail(console.cache, key)
        assert key in screen_text(console.app)


async def test_a_change_while_hidden_is_read_when_the_pane_is_shown(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = console.app.screen
        customers = screen.query_one(CustomersPane)
        await pilot.press("4")
        await pilot.pause()
        first = customers.table.cursor_key
        with Transaction(console.cache) as conn:
            conn.execute("UPDATE customers SET company_name = 'Přejmenovaná s.r.o.' "
                         "WHERE id = ?", (first,))
        calls = customers.table.fetch_calls
        console.backend.emit(ev.CacheChanged(tables=frozenset({"customers"})))
        await pilot.pause()
        assert customers.table.fetch_calls == calls  # not on screen: not read
        await pilot.press("1")
        await pilot.pause()
        assert customers.table.cursor_row.company_name == "Přejmenovaná s.r.o."
        assert "Přejmenovaná s.r.o." in screen_text(console.app)


async def test_wide_layout_loads_every_pane_at_once(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = console.app.screen
        await pilot.press("down")
        await pilot.pause()
        key = screen.query_one(CustomersPane).table.cursor_key
        assert screen.query_one(TenantPane).detail.id == key
        assert screen.query_one(SubscriptionsPane).customer_id == key


async def test_filter_keystrokes_do_not_rebuild_the_footer(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = console.app.screen
        await pilot.press("slash")
        await pilot.pause()
        rebuilt: list[object] = []
        screen.bindings_updated_signal.subscribe(screen, rebuilt.append)
        # "zq" matches nobody: "enter" (open) and "esc" (clear) of the list change their
        # availability, but the filter line's own keys stand in front of them.
        await pilot.press("z", "q", "backspace", "backspace", "a")
        await pilot.pause()
        assert screen.query_one(CustomersPane).table.row_count > 0
        assert rebuilt == []


def _add_customer(console, customer_id: str) -> None:
    with Transaction(console.cache) as conn:
        conn.execute("INSERT INTO customers (id, company_name, first_seen_at, listed_at) "
                     "VALUES (?, ?, 'x', 'x')", (customer_id, f"Nová {customer_id}"))
    console.backend.emit(ev.CacheChanged(tables=frozenset({"customers"})))


async def test_during_a_sync_changes_wait_and_the_end_shows_them_all(
        make_console, monkeypatch) -> None:
    # A pause longer than the test: what it shows comes only from the sync's end.
    monkeypatch.setattr(main_screen, "SYNC_REFRESH_SECONDS", 600.0)
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        table = console.app.screen.query_one(CustomersPane).table
        before = table.row_count
        console.backend.emit(ev.SyncStarted(run_id=1, kind="full"))
        await pilot.pause()
        counts = []
        for number in range(4):
            _add_customer(console, f"new-{number}")
            await pilot.pause()
            counts.append(table.row_count)
        # The first change is drawn at once, the next ones wait for the pause to end.
        assert counts == [before + 1] * 4
        # A failed sync asks for no refresh of its own; its end still shows the cache.
        console.backend.emit(ev.SyncFinished(run_id=1, kind="full", ok=False, error="HTTP 503"))
        await pilot.pause()
        assert table.row_count == before + 4 == views.count_customers(console.cache)


async def test_during_a_sync_a_waiting_change_is_drawn_when_the_pause_ends(
        make_console, monkeypatch) -> None:
    refreshes: list[object] = []
    original = CustomersPane.refresh_data

    def counted(self, tables=None):  # type: ignore[no-untyped-def]
        refreshes.append(tables)
        original(self, tables)

    monkeypatch.setattr(CustomersPane, "refresh_data", counted)
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        table = console.app.screen.query_one(CustomersPane).table
        console.backend.emit(ev.SyncStarted(run_id=1, kind="full"))
        await pilot.pause()
        loop = asyncio.get_running_loop()
        started = loop.time()
        for number in range(6):
            _add_customer(console, f"new-{number}")
            await pilot.pause()
        everyone = views.count_customers(console.cache)
        await wait_for(pilot, lambda: table.row_count == everyone,
                       timeout=main_screen.SYNC_REFRESH_SECONDS * 10)
        elapsed = loop.time() - started
        # The sync has not finished: only the pause's timer can have drawn the last ones.
        assert console.app.status_snapshot.sync_state == "running"
        assert 2 <= len(refreshes) <= 1 + elapsed / main_screen.SYNC_REFRESH_SECONDS


async def test_the_footer_greys_out_keys_in_place(make_console) -> None:
    from textual.widgets._footer import FooterKey

    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = console.app.screen
        pane = screen.query_one(CustomersPane)
        keys = {key.action: key for key in screen.query(FooterKey)}
        assert "open" in keys and not keys["open"].has_class("-disabled")
        # The list empties with the focus on it: "enter" is greyed out, not rebuilt.
        pane.set_filter("zq-no-such-customer")
        await pilot.pause()
        assert pane.table.row_count == 0
        after = {key.action: key for key in screen.query(FooterKey)}
        assert after == keys
        assert after["open"].has_class("-disabled")
        pane.set_filter("")
        await pilot.pause()
        assert not keys["open"].has_class("-disabled")
