"""The filter over every customer's subscriptions, answered in memory (db/reads.TextSearch).

Typed at speed over 100,000 subscriptions, each key used to count and walk in SQL; now the
unfiltered list's order is narrowed in memory. What it answers must be exactly what the SQL
answers — counts, windows, cursor positions — for every sort and direction, needles typed and
erased, needles with LIKE's special characters, removed customers and a cache changed by
another connection; and it must not read the table again key after key.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from csp_tui.cache import views
from csp_tui.cache.db import open_cache
from csp_tui.cache.views import subscriptions as subscription_views
from csp_tui.db import reads
from csp_tui.sandbox import synthetic_cache as synthetic
from csp_tui.tui.filter_ahead import read_ahead

DATA_NOW = "2026-11-24T09:00:00Z"
CLOCK_NOW = datetime(2026, 11, 24, 9, 45, tzinfo=UTC)


@pytest.fixture
def caches(tmp_path) -> Iterator[tuple[sqlite3.Connection, sqlite3.Connection]]:
    """The console's reader and another connection (the sync's writer) on one cache."""
    writer = open_cache(tmp_path / "cache.db")
    synthetic.populate(writer, None, customers=80, subscriptions_per_customer=5, seed=3,
                       now=DATA_NOW, removed=3, hostile=True)
    reader = sqlite3.connect(str(tmp_path / "cache.db"))
    subscription_views._with_text_functions(reader)
    yield reader, writer
    reader.close()
    writer.close()


def _query(needle: str, sort: str = "product", descending: bool = False,
           preset: str | None = None) -> reads.ListQuery:
    return subscription_views._subscription_query(None, needle, sort, descending, preset,
                                                  CLOCK_NOW, 30)


def _sql(query: reads.ListQuery) -> reads.ListQuery:
    return dataclasses.replace(query, search=None)


def _same_as_sql(db: sqlite3.Connection, needle: str, sort: str = "product",
                 descending: bool = False) -> int:
    query = _query(needle, sort, descending)
    assert query.search is not None, "every customer's subscriptions filter in memory"
    sql = _sql(query)
    total = sql.count(db)
    assert query.count(db) == total
    for offset in range(0, total + 40, 37):
        assert query.rows(db, offset, 40, total) == sql.rows(db, offset, 40, total,
                                                             seek=False), (needle, offset)
    # The cursor's row is found where the SQL counts it.
    for row in sql.rows(db, 0, total, total, seek=False)[::17]:
        key = row[0]
        assert query.index_of(db, key) == _sql_index(db, sql, key)
    return total


def _sql_index(db: sqlite3.Connection, sql: reads.ListQuery, key: object) -> int | None:
    rows = sql.rows(db, 0, 100_000, None, seek=False)
    keys = [row[0] for row in rows]
    return keys.index(key) if key in keys else None


WORDS = ("microsoft", "sumava", "365", "zzz")


@pytest.mark.parametrize("sort", views.SUBSCRIPTION_SORTS)
@pytest.mark.parametrize("descending", [False, True])
def test_typed_and_erased_the_answers_are_the_sqls(caches, sort, descending) -> None:
    db, _ = caches
    for word in WORDS:
        typed = [word[:end] for end in range(1, len(word) + 1)]
        for needle in typed + typed[-2::-1]:
            _same_as_sql(db, needle, sort, descending)


@pytest.mark.parametrize("needle", ["%", "_", "\\", "a%b", "s.r.o", " Mic ", "ŠUMAVA",
                                    "\n", "ss"])
def test_likes_special_characters_mean_themselves(caches, needle) -> None:
    db, _ = caches
    if "\n" in needle.strip() or not needle.strip():
        # Never searched in memory (a line break would span two texts): SQL's own path.
        assert _query(needle).search is None
        return
    _same_as_sql(db, needle)


def test_a_removed_customers_subscriptions_are_not_matched(caches) -> None:
    db, writer = caches
    before = _query("a").count(db)
    with writer:
        gone = writer.execute("SELECT id FROM customers WHERE removed_at IS NULL "
                              "ORDER BY rowid LIMIT 5").fetchall()
        writer.executemany("UPDATE customers SET removed_at = ? WHERE id = ?",
                           [(DATA_NOW, customer_id) for (customer_id,) in gone])
    after = _same_as_sql(db, "a")
    assert after < before


def test_keys_after_the_first_read_nothing_but_the_window(caches) -> None:
    db, _ = caches
    seen: list[str] = []
    _query("m").count(db)  # the first key: the list in order and its texts
    db.set_trace_callback(seen.append)
    try:
        for needle in ("mi", "mic", "micr", "mic", "mi", "m"):
            query = _query(needle)
            total = query.count(db)
            query.rows(db, 0, 40, total)
    finally:
        db.set_trace_callback(None)
    reading = [s for s in seen if "PRAGMA" not in s]
    # Only windows by rowid: no count, no scan of the texts, no pass over the order.
    assert reading and all(" IN (" in s for s in reading), reading
    assert not any("count(*)" in s or "ORDER BY" in s for s in reading), reading


def test_another_connections_change_is_seen_at_the_next_key(caches) -> None:
    db, writer = caches
    before = _same_as_sql(db, "micro")
    with writer:
        writer.execute("UPDATE subscriptions SET search_fold = 'microzzz' || char(10) || "
                       "'nobody' WHERE rowid = (SELECT max(rowid) FROM subscriptions)")
        writer.execute("UPDATE subscriptions SET search_fold = 'plain' || char(10) || "
                       "'nobody' WHERE rowid IN (SELECT rowid FROM subscriptions "
                       "WHERE search_fold LIKE '%micro%' ORDER BY rowid LIMIT 3)")
    after = _same_as_sql(db, "micro")
    assert after != before


def test_read_ahead_is_kept_only_if_nothing_changed_meanwhile(caches) -> None:
    db, writer = caches
    search = views.subscription_filter_search(now=CLOCK_NOW)
    assert search is not None and not search.prepared(db)
    # What the thread hands to the console's thread, run here (this test is that thread).
    handed: list[tuple[object, tuple[object, ...]]] = []
    thread = read_ahead(db, search, lambda function, *args: handed.append((function, args)))
    assert thread is not None
    thread.join(10)
    assert not search.prepared(db)  # nothing is kept before the console's thread takes it
    assert [function(*args) for function, args in handed] == [True]  # type: ignore[operator]
    assert search.prepared(db)
    assert read_ahead(db, search, handed.append) is None
    _same_as_sql(db, "micro")

    # Read ahead, then another connection commits before it is handed over: not kept.
    with writer:
        writer.execute("UPDATE subscriptions SET quantity = quantity + 1 "
                       "WHERE rowid = (SELECT min(rowid) FROM subscriptions)")
    state = reads.state_of(db)
    other = sqlite3.connect(reads.database_file(db))
    base = views.read_search_base(other, search)
    other.close()
    with writer:
        writer.execute("UPDATE subscriptions SET quantity = quantity + 1 "
                       "WHERE rowid = (SELECT min(rowid) FROM subscriptions)")
    assert base is not None
    assert not search.install(db, base, state)
    assert not search.prepared(db)
    _same_as_sql(db, "micro")


def test_read_ahead_runs_off_the_calling_thread(caches) -> None:
    db, _ = caches
    search = views.subscription_filter_search(now=CLOCK_NOW)
    assert search is not None
    threads: list[str] = []
    handed = threading.Event()

    def on_console(function, *args):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        handed.set()

    thread = read_ahead(db, search, on_console)
    assert thread is not None
    thread.join(10)
    assert handed.is_set() and threads == ["csp-tui-filter-ahead"]
