"""20,000 customers and 100,000 subscriptions: the console only ever reads a window.

No timing assertions: what must not grow with the cache is the number of rows fetched and
rendered, and that is what these tests count.
"""

from __future__ import annotations

import pytest

from csp_tui.cache import views
from csp_tui.cache.db import open_cache
from csp_tui.sandbox import synthetic_cache as synthetic
from csp_tui.state.db import open_state
from csp_tui.tui.widgets.lists import CustomersPane, SubscriptionsPane
from csp_tui.tui.widgets.virtual_table import VirtualTable

from .conftest import DATA_NOW, NARROW, FakeBackend, frozen_clock, make_settings

CUSTOMERS = 20_000
SUBSCRIPTIONS = 100_000


@pytest.fixture(scope="module")
def big_cache(tmp_path_factory):
    root = tmp_path_factory.mktemp("big")
    cache = open_cache(root / "cache.db")
    state = open_state(root / "state.db")
    synthetic.populate(cache, state, customers=CUSTOMERS, subscriptions=SUBSCRIPTIONS,
                       now=DATA_NOW, invitations=50, command_log=200)
    yield cache, state
    cache.close()
    state.close()


def _app(big_cache):
    from csp_tui.tui.app import CspApp

    cache, state = big_cache
    backend = FakeBackend(make_settings(), cache, state)
    return CspApp(backend, clock=frozen_clock, theme="textual-dark", animation_level="none",
                  cursor_blink=False, tick_seconds=None)


async def test_big_lists_are_read_a_window_at_a_time(big_cache) -> None:
    app = _app(big_cache)
    cache, _ = big_cache
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        customers = app.screen.query_one(CustomersPane)
        table = customers.table
        assert table.row_count == CUSTOMERS
        await pilot.press("pagedown", "pagedown", "end", "pageup", "home", "end")
        await pilot.pause()
        assert table.cursor_index == CUSTOMERS - 1
        last = views.customer_rows(cache, offset=CUSTOMERS - 1, limit=1)[0]
        assert table.cursor_key == last.id
        # A handful of windows, never the list.
        assert table.fetch_calls <= 8
        assert table.fetched_rows <= 8 * VirtualTable.WINDOW

        before = table.fetched_rows
        await pilot.press("slash", *"sumav")
        await pilot.pause()
        assert table.row_count == views.count_customers(cache, "sumav")
        assert table.fetched_rows - before <= 5 * VirtualTable.WINDOW
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("3", "a")
        await pilot.pause()
        subscriptions = app.screen.query_one(SubscriptionsPane).table
        assert subscriptions.row_count == SUBSCRIPTIONS
        await pilot.press("end", "pageup", "home", "pagedown")
        await pilot.pause()
        assert subscriptions.cursor_index == subscriptions._visible_rows
        assert subscriptions.fetched_rows <= 10 * VirtualTable.WINDOW


async def test_a_cache_change_rereads_only_the_visible_window(big_cache) -> None:
    from csp_tui.services import events as ev

    app = _app(big_cache)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        table = app.screen.query_one(CustomersPane).table
        await pilot.press("end", "up", "up")
        await pilot.pause()
        key, index = table.cursor_key, table.cursor_index
        before_rows, before_calls = table.fetched_rows, table.fetch_calls
        for _ in range(3):
            app.backend.emit(ev.CacheChanged(tables=frozenset({"customers"})))
            await pilot.pause()
        assert table.cursor_key == key and table.cursor_index == index
        assert table.fetch_calls - before_calls <= 3
        assert table.fetched_rows - before_rows <= 3 * VirtualTable.WINDOW
