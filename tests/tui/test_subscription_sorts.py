"""The list of every customer's subscriptions sorts by quantity, by customer and by
cancellation deadline, each read along an index (no sort of every row per window)."""

from __future__ import annotations

import sqlite3

import pytest

from csp_tui.cache import views
from csp_tui.cache.db import open_cache
from csp_tui.domain.text import czech_sort_key
from csp_tui.sandbox import synthetic_cache as synthetic

from .conftest import CLOCK_NOW, DATA_NOW, NARROW, SEED, screen_text


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    root = tmp_path_factory.mktemp("sorts")
    db = open_cache(root / "cache.db")
    synthetic.populate(db, None, customers=120, subscriptions_per_customer=5, seed=SEED,
                       now=DATA_NOW, removed=3)
    yield db
    db.close()


def _all(cache, sort: str, descending: bool = False) -> list[views.SubscriptionListRow]:
    return views.subscription_rows(cache, sort=sort, descending=descending, limit=100_000,
                                   now=CLOCK_NOW)


def test_by_quantity(cache) -> None:
    rows = _all(cache, "quantity")
    assert [(r.quantity, r.id) for r in rows] == sorted((r.quantity, r.id) for r in rows)
    assert len({r.quantity for r in rows}) > 5  # the data really has different quantities
    largest = _all(cache, "quantity", descending=True)
    assert largest[0].quantity == max(r.quantity for r in rows)


def test_by_customer_then_product(cache) -> None:
    rows = _all(cache, "customer")
    names = [r.customer_name for r in rows]
    assert names == sorted(names, key=czech_sort_key)
    # One customer's rows stay together, in product order.
    seen: list[str] = []
    for row in rows:
        if not seen or seen[-1] != row.customer_id:
            assert row.customer_id not in seen
            seen.append(row.customer_id)
    first = [r for r in rows if r.customer_id == rows[0].customer_id]
    assert [czech_sort_key(r.product) for r in first] == sorted(
        czech_sort_key(r.product) for r in first)


def test_by_cancellation_deadline_puts_those_without_one_last(cache) -> None:
    rows = _all(cache, "window")
    deadlines = [r.cancellation_allowed_until for r in rows]
    known = [d for d in deadlines if d]
    assert known and len(known) < len(deadlines)  # both kinds are in the data
    assert deadlines == sorted(known) + [None] * (len(deadlines) - len(known))


@pytest.mark.parametrize("sort", views.SUBSCRIPTION_SORTS)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("where", ["start", "end"])
def test_every_order_of_every_customer_walks_an_index(cache, sort, descending, where) -> None:
    """A window is read along an index (LIMIT stops the walk); a temporary B-tree would
    sort every matching row first: 200 ms per window at 100k subscriptions."""
    total = views.count_subscriptions(cache, now=CLOCK_NOW)
    statements: list[str] = []
    cache.set_trace_callback(statements.append)
    try:
        offset = 0 if where == "start" else total - 50
        rows = views.subscription_rows(cache, sort=sort, descending=descending, offset=offset,
                                       limit=50, total=total, now=CLOCK_NOW)
    finally:
        cache.set_trace_callback(None)
    assert len(rows) == 50
    select = [s for s in statements if "ORDER BY" in s and "LIMIT" in s]
    assert len(select) == 1
    plan = [row[3] for row in cache.execute("EXPLAIN QUERY PLAN " + select[0])]
    assert not any("TEMP B-TREE" in step for step in plan), plan


def test_the_migration_adds_the_indexes_to_an_older_cache(tmp_path) -> None:
    from csp_tui.cache.schema import CACHE_APP_ID, CACHE_MIGRATIONS

    path = tmp_path / "cache.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in CACHE_MIGRATIONS[:6]:
        conn.executescript(migration)
    conn.execute("INSERT INTO meta(key, value) VALUES ('app_id', ?)", (CACHE_APP_ID,))
    conn.execute("PRAGMA user_version = 6")
    conn.close()
    db = open_cache(path, rebuild_if_unusable=False)
    names = {row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(CACHE_MIGRATIONS)
    assert {"subscriptions_quantity", "subscriptions_customer_sort", "subscriptions_end_order",
            "subscriptions_cancel_order"} <= names
    # Prefixes of the new indexes, dropped.
    assert not {"subscriptions_customer", "subscriptions_end"} & names
    db.close()


async def test_the_pane_cycles_to_quantity_and_customer_only_across_customers(
        make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("3")
        pane = console.app.screen.pane("subscriptions")
        names = []
        for _ in range(len(pane.sort_options)):
            await pilot.press("s")
            names.append(pane.sort.name)
        # One customer's list: no "by customer" (it has one customer).
        assert "customer" not in names and "quantity" in names
        await pilot.press("a")
        names = []
        for _ in range(len(pane.sort_options)):
            await pilot.press("s")
            names.append(pane.sort.name)
            if pane.sort.name == "quantity":
                assert pane.descending and "Qty" in screen_text(console.app)
        assert {"customer", "quantity"} <= set(names)
        while pane.sort.name != "customer":
            await pilot.press("s")
        rows = [pane.table._row_at(i) for i in range(min(15, pane.table.row_count))]
        names = [row.customer_name for row in rows]
        assert names == sorted(names, key=czech_sort_key)
        assert "customer ↑" in screen_text(console.app)
        # Back to one customer's list: the customer order does not stay.
        await pilot.press("a")
        assert pane.sort.name != "customer"


def test_a_filter_in_the_customer_order_sorts_its_matches(cache) -> None:
    """Matches of a customer's name sit together somewhere in the customer order, so walking
    to them would read every row before them; the matches are sorted instead."""
    name = _all(cache, "customer")[-1].customer_name
    needle = name.split()[0]
    total = views.count_subscriptions(cache, filter=needle, now=CLOCK_NOW)
    statements: list[str] = []
    cache.set_trace_callback(statements.append)
    try:
        rows = views.subscription_rows(cache, filter=needle, sort="customer", limit=200,
                                       total=total, now=CLOCK_NOW)
    finally:
        cache.set_trace_callback(None)
    assert name in {row.customer_name for row in rows} and len(rows) == total
    names = [row.customer_name for row in rows]
    assert names == sorted(names, key=czech_sort_key)
    select = next(s for s in statements if "ORDER BY" in s)
    assert "INDEXED BY subscriptions_search" in select
