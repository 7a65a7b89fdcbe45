"""Every list position costs the same: windows far from the ends are read through the position
index (rowids of the whole list in order), and counts are kept until the database changes.

The position reader must return exactly what the OFFSET reader returns, for every position,
filter, preset, sort and direction: with ``OFFSET_NEAR_ENDS`` at 0 every window below goes
through the index, and each is compared with ``rows(..., seek=False)`` on the same
connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from csp_tui.cache import views
from csp_tui.cache.db import open_cache
from csp_tui.cache.views import customers as customer_views
from csp_tui.cache.views import subscriptions as subscription_views
from csp_tui.db import reads
from csp_tui.sandbox import synthetic_cache as synthetic
from csp_tui.state import views as state_views
from csp_tui.state.db import open_state

DATA_NOW = "2026-11-24T09:00:00Z"
CLOCK_NOW = datetime(2026, 11, 24, 9, 45, tzinfo=UTC)
WINDOW = 31


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, object]]:
    root = tmp_path_factory.mktemp("positions")
    cache = open_cache(root / "cache.db")
    state = open_state(root / "state.db")
    # Hostile names (markup, bidi) and removed customers are part of what must come out equal.
    synthetic.populate(cache, state, customers=90, subscriptions_per_customer=5, seed=11,
                       now=DATA_NOW, removed=4, hostile=True, invitations=40, command_log=60)
    cache.close()
    state.close()
    yield root / "cache.db", root / "state.db"


@pytest.fixture
def cache(paths: tuple[object, object]) -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(str(paths[0]))
    yield db
    db.close()


@pytest.fixture
def seek_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reads, "OFFSET_NEAR_ENDS", 0)


def _offsets(total: int) -> list[int]:
    # Overlapping windows over the whole list, the last one running past its end.
    return list(range(0, total + WINDOW, WINDOW - 7))


def _same_everywhere(db: sqlite3.Connection, query: reads.ListQuery) -> int:
    total = query.count(db)
    for offset in _offsets(total):
        for known_total in (total, None):
            seek = query.rows(db, offset, WINDOW, known_total)
            walk = query.rows(db, offset, WINDOW, known_total, seek=False)
            assert seek == walk, (offset, known_total)
    # The index was really used, and holds the whole list.
    positions = query.positions(db, build=False)
    assert positions is not None and len(positions) == total
    return total


FILTERS = ("", "a", "nov", "s.r.o", "365", "zzz-nothing")


@pytest.mark.usefixtures("seek_everywhere")
@pytest.mark.parametrize("sort", views.CUSTOMER_SORTS)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("filter", FILTERS)
def test_customer_windows_are_the_offset_windows(cache, sort, descending, filter) -> None:
    query = customer_views._customer_query(filter, sort, descending)
    total = _same_everywhere(cache, query)
    if filter == "":
        assert total == 90  # the removed ones are not listed


@pytest.mark.usefixtures("seek_everywhere")
@pytest.mark.parametrize("sort", views.SUBSCRIPTION_SORTS)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("filter", FILTERS)
@pytest.mark.parametrize("preset", [None, "software", "perpetual", "expired", "in_window"])
def test_every_customers_subscription_windows_are_the_offset_windows(
        cache, sort, descending, filter, preset) -> None:
    subscription_views._with_text_functions(cache)
    query = subscription_views._subscription_query(None, filter, sort, descending, preset,
                                                   CLOCK_NOW, 30)
    total = _same_everywhere(cache, query)
    if filter == "" and preset is None:
        assert total > 400  # the windows really walked a long list


@pytest.mark.usefixtures("seek_everywhere")
@pytest.mark.parametrize("sort", ["product", "renewal", "status", "window", "quantity"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("filter", ["", "a", "office"])
def test_one_customers_windows_are_the_offset_windows(cache, sort, descending,
                                                      filter) -> None:
    subscription_views._with_text_functions(cache)
    # The customer with the most rows (subscriptions and perpetual licences: a UNION).
    customer_id = cache.execute(
        "SELECT customer_id FROM (SELECT customer_id FROM subscriptions UNION ALL "
        "SELECT customer_id FROM entitlements) GROUP BY customer_id "
        "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    query = subscription_views._subscription_query(customer_id, filter, sort, descending,
                                                   None, CLOCK_NOW, 30)
    _same_everywhere(cache, query)


@pytest.mark.usefixtures("seek_everywhere")
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("filter", ["", "a", "get"])
def test_state_windows_are_the_offset_windows(paths, descending, filter) -> None:
    state = sqlite3.connect(str(paths[1]))
    try:
        for sort in state_views.INVITATION_SORTS:
            assert _same_everywhere(state, state_views._invitation_query(
                filter, sort, descending)) or filter
        for sort in state_views.COMMAND_LOG_SORTS:
            assert _same_everywhere(state, state_views._command_query(
                filter, sort, descending)) or filter
    finally:
        state.close()


@pytest.mark.usefixtures("seek_everywhere")
@pytest.mark.parametrize("sort", views.SUBSCRIPTION_SORTS)
@pytest.mark.parametrize("descending", [False, True])
def test_index_of_from_the_positions_is_the_counted_index(cache, sort, descending) -> None:
    subscription_views._with_text_functions(cache)
    query = subscription_views._subscription_query(None, "", sort, descending, None,
                                                   CLOCK_NOW, 30)
    total = query.count(cache)
    rows = query.rows(cache, 0, total, total, seek=False)
    counted = [query.index_of(cache, row[0]) for row in rows[::17]]
    query.positions(cache)
    from_positions = [query.index_of(cache, row[0]) for row in rows[::17]]
    assert from_positions == counted == list(range(0, total, 17))
    assert query.index_of(cache, "no-such-id") is None


def _statements(db: sqlite3.Connection, work) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    db.set_trace_callback(seen.append)
    try:
        work()
    finally:
        db.set_trace_callback(None)
    return seen


@pytest.fixture
def own_cache(tmp_path) -> Iterator[tuple[sqlite3.Connection, sqlite3.Connection]]:
    """A cache of its own to change: the console's reader and another connection (the
    sync's writer)."""
    db = open_cache(tmp_path / "cache.db")
    synthetic.populate(db, None, customers=40, subscriptions_per_customer=5, seed=5,
                       now=DATA_NOW)
    reader = sqlite3.connect(str(tmp_path / "cache.db"))
    yield reader, db
    reader.close()
    db.close()


def test_a_reload_of_an_unchanged_cache_counts_nothing_again(own_cache) -> None:
    cache, writer = own_cache
    first = _statements(cache, lambda: views.count_subscriptions(cache, now=CLOCK_NOW))
    assert any("count(*)" in s for s in first)
    again = _statements(cache, lambda: (views.count_subscriptions(cache, now=CLOCK_NOW),
                                        views.count_subscriptions(cache, now=CLOCK_NOW)))
    assert not any("count(*)" in s for s in again), again
    # Another connection's commit (the sync's) is seen: the next count reads again, and right.
    before = views.count_subscriptions(cache, now=CLOCK_NOW)
    with writer:
        writer.execute("DELETE FROM subscriptions WHERE rowid = "
                       "(SELECT min(rowid) FROM subscriptions)")
    after_write = _statements(cache, lambda: views.count_subscriptions(cache, now=CLOCK_NOW))
    assert any("count(*)" in s for s in after_write)
    assert views.count_subscriptions(cache, now=CLOCK_NOW) == before - 1


def test_a_write_on_the_same_connection_is_seen(own_cache) -> None:
    _, db = own_cache
    assert views.count_customers(db) == 40
    with db:
        db.execute("UPDATE customers SET removed_at = ? WHERE rowid = "
                   "(SELECT min(rowid) FROM customers)", (DATA_NOW,))
    assert views.count_customers(db) == 39


def test_a_far_window_is_read_by_rowid_not_walked(own_cache, monkeypatch) -> None:
    cache, writer = own_cache
    monkeypatch.setattr(reads, "OFFSET_NEAR_ENDS", 50)
    total = views.count_subscriptions(cache, now=CLOCK_NOW)
    middle = total // 2
    query = subscription_views._subscription_query(None, "", "renewal", False, None,
                                                   CLOCK_NOW, 30)

    def window() -> list[views.SubscriptionListRow]:
        return views.subscription_rows(cache, sort="renewal", offset=middle, limit=40,
                                       total=total, now=CLOCK_NOW)

    def walked() -> list[views.SubscriptionListRow]:
        return [subscription_views._subscription_row(row)
                for row in query.rows(cache, middle, 40, total, seek=False)]

    first = _statements(cache, window)  # builds the index: one pass, no OFFSET
    later = _statements(cache, window)
    assert not any("OFFSET" in s for s in first + later), first + later
    assert not any("ORDER BY" in s for s in later)  # the pass is not repeated
    assert any(" IN (" in s for s in later)
    assert window() == walked()
    # Near the top the index of a list never scrolled far is not built: an OFFSET read.
    top = _statements(cache, lambda: views.subscription_rows(
        cache, sort="product", offset=10, limit=40, total=total, now=CLOCK_NOW))
    assert any("OFFSET" in s for s in top)
    # A change by another connection rebuilds the index: the window is the fresh one.
    with writer:
        writer.execute("UPDATE subscriptions SET commitment_end_date = '1999-01-01' "
                       "WHERE rowid IN (SELECT rowid FROM subscriptions "
                       "ORDER BY rowid DESC LIMIT 30)")
    rebuilt = _statements(cache, window)
    assert any("ORDER BY" in s for s in rebuilt)
    assert window() == walked()


@pytest.mark.usefixtures("seek_everywhere")
@pytest.mark.parametrize("descending", [False, True])
def test_a_removed_customers_subscriptions_leave_the_index(own_cache, descending) -> None:
    """The pass over every customer's subscriptions walks the sort index alone and drops the
    rows of removed customers afterwards: the list is still the OFFSET reader's."""
    cache, writer = own_cache
    subscription_views._with_text_functions(cache)
    before = views.count_subscriptions(cache, now=CLOCK_NOW)
    with writer:
        gone = writer.execute(
            "SELECT customer_id, count(*) FROM subscriptions GROUP BY customer_id "
            "ORDER BY count(*) DESC LIMIT 2").fetchall()
        writer.executemany("UPDATE customers SET removed_at = ? WHERE id = ?",
                           [(DATA_NOW, customer_id) for customer_id, _ in gone])
    for sort in views.SUBSCRIPTION_SORTS:
        query = subscription_views._subscription_query(None, "", sort, descending, None,
                                                       CLOCK_NOW, 30)
        assert _same_everywhere(cache, query) == before - sum(n for _, n in gone) < before


def test_an_order_without_an_index_sorts_once_not_per_window(cache) -> None:
    """Customers by subscription count: no index holds that order, so the first window builds
    the position index and the windows after it, even at the top, sort nothing."""
    query = customer_views._customer_query("", "subscriptions", True)
    total = query.count(cache)
    first = _statements(cache, lambda: query.rows(cache, 0, WINDOW, total))
    assert sum("ORDER BY" in s for s in first) == 1
    later = _statements(cache, lambda: [query.rows(cache, offset, WINDOW, total)
                                        for offset in (0, 5, total - WINDOW)])
    assert not any("ORDER BY" in s for s in later), later
    assert query.rows(cache, 5, WINDOW, total) == query.rows(cache, 5, WINDOW, total,
                                                             seek=False)
