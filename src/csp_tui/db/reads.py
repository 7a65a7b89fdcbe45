"""Read helpers shared by the cache's and the state's views: the window query behind every list,
the filter's ``LIKE`` pattern, one row as a dict. Nothing here writes.

Every list is a *window* query: ``count`` for the scrollbar, ``rows`` for the rows on screen,
and ``index_of`` to find where a row (by key) sits after the data, the filter or the sort
changed, so the cursor can stay on it. Filtering is SQL on the ``*_fold`` columns (``LIKE``
with a folded, escaped needle: "sumavska" finds "Šumavská"); sorting is an ``ORDER BY`` on
indexed columns with the row id as the last tie-breaker, so the order is total.

Every position costs the same. ``OFFSET`` walks every skipped row (150-380 ms in the middle of
100,000 subscriptions), so a window far from both ends is read through a *position index*: the
rowids of the whole (filter, sort) in order, captured in one pass the first time a window far
from the ends is asked for, then read by rowid (about 1 ms for 200 rows, wherever they sit).
It is the exact order of the ``ORDER BY`` (the pass runs it), so Czech collation keys,
descending sorts and NULLs come out as the ``OFFSET`` reader gives them. Counts are cached
too. Both are kept per connection until the database changes: ``PRAGMA data_version`` (a
commit by any other connection) and ``total_changes`` (a write on this one) name the state
they were read in, so a reload of an unchanged cache counts nothing again.
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from csp_tui.domain.text import fold


@dataclass(frozen=True)
class ListQuery:
    """One list: a FROM clause, conditions and a total order.

    ``order`` holds SQL expressions for ORDER BY (index-friendly, may be NULL);
    ``order_nonnull`` the same expressions made NULL-free for row-value comparisons in
    ``index_of`` (SQLite sorts NULL first, and '' sorts before any other text, so both orders
    agree). The last expression must be unique (the row key).
    """

    source: str
    columns: str
    key: str
    where: tuple[str, ...]
    params: tuple[Any, ...]
    order: tuple[str, ...]
    order_nonnull: tuple[str, ...]
    descending: bool
    # The same rows through a filter index, sorted afterwards: what counts them, and what
    # reads a window when the matches are few (see ``rows``).
    sparse: ListQuery | None = None
    # Below this many matches ``sparse`` reads every window, whatever its offset: for an order
    # in which matches bunch together (the subscriptions' customer order:
    # cache/views/subscriptions.SPARSE_BELOW_BY_CUSTOMER).
    sparse_below: int = 0
    # A unique integer of each row (a rowid: what the position index keeps) and, when the
    # rows by rowid are better read from another relation of the same shape without
    # parameters of its own, that relation (``source`` by default). None: OFFSET only.
    rid: str | None = None
    lookup: str | None = None
    # For a list without conditions, a cheaper relation for the position index's pass (the
    # sort columns and the rowid only, so the walk reads the sort index alone) and a query of
    # the rowids it holds that the list does not (the rows of removed customers).
    pass_source: str | None = None
    pass_exclude: str | None = None
    # No index walks this order: every OFFSET window sorts every match, even the first, so
    # the first window builds the position index (one sort) and every later one reads by rowid.
    sorts_every_window: bool = False
    # A text filter that can be answered from memory (see :class:`TextSearch`): ``where`` and
    # ``params`` still say the same in SQL, for every path that does not take it.
    search: TextSearch | None = None

    def _where_sql(self, extra: str = "") -> str:
        parts = [*self.where, *([extra] if extra else [])]
        return f" WHERE {' AND '.join(parts)}" if parts else ""

    def _searched(self, conn: sqlite3.Connection) -> array[int] | None:
        """The position index through the in-memory search, when this list has one and its
        unfiltered list's index is at hand (or cheap to build); else None (SQL it is)."""
        if self.search is None:
            return None
        return self.search.positions(conn)

    def _count_sql(self) -> tuple[str, tuple[Any, ...]]:
        if self.pass_source is not None and not self.where:
            # Every row of the pass less the excluded ones: a count of the smallest index,
            # not a look-up of every row's customer (13 ms against 180 ms at 100k rows).
            excluded = f" - (SELECT count(*) FROM ({self.pass_exclude}))" if (
                self.pass_exclude) else ""
            return f"SELECT (SELECT count(*) FROM {self.pass_source}){excluded}", ()
        query = self.sparse or self
        return f"SELECT count(*) FROM {query.source}{query._where_sql()}", query.params

    def count(self, conn: sqlite3.Connection) -> int:
        """How many rows match (for the scrollbar and the pane title); counted once per state
        of the database."""
        searched = self._searched(conn)
        if searched is not None:
            return len(searched)
        sql, params = self._count_sql()
        memo = _memo(conn)
        found = memo.counts.get((sql, params))
        if found is None:
            found = memo.counts[(sql, params)] = int(conn.execute(sql, params).fetchone()[0])
        return found

    def _positions_key(self) -> tuple[Any, ...]:
        return (self.source, self.where, self.params, self.order, self.descending, self.rid)

    def positions(self, conn: sqlite3.Connection, build: bool = True) -> array[int] | None:
        """The rowids of every matching row in the list's order (the position index), read in
        one pass and kept until the database changes; None if not kept and not ``build``."""
        if self.rid is None:
            return None
        searched = self._searched(conn)
        if searched is not None:
            return searched
        memo = _memo(conn)
        key = self._positions_key()
        found = memo.positions.get(key)
        if found is not None:
            memo.positions.move_to_end(key)
            return found
        if not build:
            return None
        # The filter index's plan when there is one: it reads only the matches (and sorts
        # them), where the walk of the sort index would read every row to find them.
        query = self.sparse or self
        direction = " DESC" if self.descending else ""
        order = ", ".join(f"{expr}{direction}" for expr in self.order)
        if self.pass_source is not None and not self.where:
            excluded = ({row[0] for row in conn.execute(self.pass_exclude)}
                        if self.pass_exclude else set())
            cursor = conn.execute(
                f"SELECT {self.rid} FROM {self.pass_source} ORDER BY {order}")
            found = array("q", (row[0] for row in cursor if row[0] not in excluded))
        else:
            cursor = conn.execute(
                f"SELECT {self.rid} FROM {query.source}{query._where_sql()} ORDER BY {order}",
                query.params)
            found = array("q", (row[0] for row in cursor))
        memo.positions[key] = found
        while len(memo.positions) > POSITION_INDEXES_KEPT:
            memo.positions.popitem(last=False)
        # The pass counted the matches as well.
        memo.counts[self._count_sql()] = len(found)
        return found

    def _rows_at(self, conn: sqlite3.Connection, rids: Sequence[int]) -> list[tuple[Any, ...]]:
        """The rows of ``rids``, in that order (read by rowid: no walk)."""
        if not rids:
            return []
        assert self.rid is not None
        placeholders = ", ".join("?" * len(rids))
        sql = (f"SELECT {self.columns}, {self.rid} FROM {self.lookup or self.source}"
               f"{self._where_sql(f'{self.rid} IN ({placeholders})')}")
        by_rid = {row[-1]: row[:-1] for row in
                  conn.execute(sql, (*self.params, *rids)).fetchall()}
        return [by_rid[rid] for rid in rids if rid in by_rid]

    def rows(
        self, conn: sqlite3.Connection, offset: int, limit: int, total: int | None = None,
        *, seek: bool = True,
    ) -> list[tuple[Any, ...]]:
        """Rows ``offset`` .. ``offset + limit``.

        A window more than :data:`OFFSET_NEAR_ENDS` rows from both ends (or any window, once
        the list's position index is kept) is read through the position index. Near an end
        it is an ``OFFSET`` read, and with ``total`` known, a window in the second half is
        read backwards from the end, so both ends stay quick. ``seek=False``: ``OFFSET`` only
        (the baseline the benchmark and the tests compare with).

        Walking the sort index visits about ``(offset + limit) * all / total`` rows to find
        the window, so when few rows match it would read most of the table; then the
        ``sparse`` plan reads only the matches and sorts them."""
        offset, limit = max(0, offset), max(0, limit)
        if limit == 0 or (total is not None and offset >= total):
            return []  # nothing to read: a filter that matches nothing costs no walk at all
        if seek and self.rid is not None:
            searched = self._searched(conn)
            if searched is not None:
                return self._rows_at(conn, searched[offset:offset + limit])
            far = self.sorts_every_window or (offset >= OFFSET_NEAR_ENDS and (
                total is None or total - offset - limit >= OFFSET_NEAR_ENDS))
            positions = self.positions(conn, build=far)
            if positions is not None:
                return self._rows_at(conn, positions[offset:offset + limit])
        reverse = total is not None and offset > total // 2
        if reverse:
            assert total is not None
            end = min(total, offset + limit)
            offset, limit = max(0, total - end), max(0, end - offset)
        query = self
        if (self.sparse is not None and total is not None
                and total < max(SPARSE_MATCHES_PER_ROW * (offset + limit),
                                self.sparse_below)):
            query = self.sparse
        descending = self.descending != reverse
        direction = " DESC" if descending else ""
        order = ", ".join(f"{expr}{direction}" for expr in self.order)
        sql = (f"SELECT {self.columns} FROM {query.source}{query._where_sql()} "
               f"ORDER BY {order} LIMIT ? OFFSET ?")
        rows = conn.execute(sql, (*query.params, limit, offset)).fetchall()
        if reverse:
            rows.reverse()
        return rows

    def index_of(self, conn: sqlite3.Connection, key: object) -> int | None:
        positions = self.positions(conn, build=False)
        if positions is not None:
            assert self.rid is not None
            found_rid = conn.execute(
                f"SELECT {self.rid} FROM {self.source}{self._where_sql(f'{self.key} = ?')}",
                (*self.params, key)).fetchone()
            if found_rid is None:
                return None
            try:
                return positions.index(found_rid[0])
            except ValueError:
                return None
        values = ", ".join(self.order_nonnull)
        found = conn.execute(
            f"SELECT {values} FROM {self.source}{self._where_sql(f'{self.key} = ?')}",
            (*self.params, key),
        ).fetchone()
        if found is None:
            return None
        op = ">" if self.descending else "<"
        placeholders = ", ".join("?" * len(found))
        before = conn.execute(
            f"SELECT count(*) FROM {self.source}"
            f"{self._where_sql(f'({values}) {op} ({placeholders})')}",
            (*self.params, *found),
        ).fetchone()[0]
        return int(before)


# A window that starts at least this many rows from both ends of its list is read through the
# position index (the first such window builds it). Nearer, the OFFSET walk is short (a few
# milliseconds at most) and a list never scrolled far never pays for the index's pass.
OFFSET_NEAR_ENDS = 1000

# Position indexes kept per connection (a (filter, sort) each; 800 KB for 100k rows).
POSITION_INDEXES_KEPT = 8

# Connections whose counts and position indexes are kept (the console reads on two; the
# writer and the worker have their own).
CONNECTIONS_KEPT = 6


@dataclass
class _Memo:
    """What one connection has counted and indexed, and in which state of the database."""

    conn: sqlite3.Connection
    version: tuple[int, int]
    counts: dict[tuple[str, tuple[Any, ...]], int] = field(default_factory=dict)
    positions: OrderedDict[tuple[Any, ...], array[int]] = field(default_factory=OrderedDict)
    # The unfiltered lists searched in memory, and the matches of (unfiltered list, needle):
    # rowids in order and their texts.
    bases: OrderedDict[tuple[Any, ...], _SearchBase] = field(default_factory=OrderedDict)
    searches: OrderedDict[tuple[Any, ...], tuple[array[int], tuple[str, ...]]] = field(
        default_factory=OrderedDict)


# By connection id; the memo holds its connection, so an id is never reused while it is here.
# (sqlite3 connections cannot be weakly referenced.) The console's, the writer's and the
# worker's threads read through here, each on connections of its own: the lock guards only
# this table, a memo is used by its connection's one thread.
_MEMOS: OrderedDict[int, _Memo] = OrderedDict()
_MEMOS_LOCK = threading.Lock()


def _memo(conn: sqlite3.Connection) -> _Memo:
    """The connection's memo, emptied when the database changed since it was filled."""
    version = (int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes)
    with _MEMOS_LOCK:
        memo = _MEMOS.get(id(conn))
        if memo is None or memo.conn is not conn:
            memo = _MEMOS[id(conn)] = _Memo(conn, version)
            while len(_MEMOS) > CONNECTIONS_KEPT:
                _MEMOS.popitem(last=False)
        _MEMOS.move_to_end(id(conn))
    if memo.version != version:
        memo.version = version
        memo.counts.clear()
        memo.positions.clear()
        memo.bases.clear()
        memo.searches.clear()
    return memo


@dataclass(frozen=True)
class TextSearch:
    """A substring filter answered in memory, for typing at speed over a long list.

    In SQL every key of a filter over 100,000 subscriptions scans the search index to count
    the matches (10-25 ms) and then walks the sort index or sorts the matches for the first
    window (2-60 ms), and each key starts again from nothing. In memory, the unfiltered list's
    position index (the rowids in the list's order, kept anyway for scrolling) is narrowed to
    the rows whose search text holds the needle: one pass of Python's substring test over
    the texts in list order (about 10 ms for 100,000 rows), and a longer needle narrows the
    matches of the shorter one it extends (typing "sumav" tests "s"'s matches for "su", and so
    on), so only the first key of a word reads every row. The result is that pass's rowids in
    the list's own order, so counts, windows and cursor positions are exactly the SQL's.

    ``base`` is the same list without the text condition; ``texts`` a query of (rowid, folded
    search text) of every row the base may list; ``needle`` the folded needle, matched as
    ``LIKE '%needle%'`` matches it (both sides are folded, so case does not enter into it).
    The texts (about 11 MB of strings for 100,000 subscriptions) are read once per state of
    the database.
    """

    base: ListQuery
    texts: str
    needle: str

    def prepare(self, conn: sqlite3.Connection) -> _SearchBase | None:
        """The unfiltered list in order with its texts, kept per connection and read now if
        not kept; None when the unfiltered order is not kept and would cost a sort of every
        row (then SQL it is)."""
        memo = _memo(conn)
        base_key = self.base._positions_key()
        found = memo.bases.get(base_key)
        if found is not None:
            memo.bases.move_to_end(base_key)
            return found
        found = self.read_base(conn)
        if found is not None:
            self._keep(memo, found)
        return found

    def prepared(self, conn: sqlite3.Connection) -> bool:
        return self.base._positions_key() in _memo(conn).bases

    def read_base(self, conn: sqlite3.Connection) -> _SearchBase | None:
        """What :meth:`prepare` keeps, read on any connection (another thread's: the console
        reads it ahead in the background, see :meth:`install`)."""
        # Kept already, or cheap to take (a walk of one covering index, as for a scroll far
        # down).
        cheap = self.base.pass_source is not None and not self.base.where
        rids = self.base.positions(conn, build=cheap)
        if rids is None:
            return None
        # The texts in the list's order without a dict of every row (nor a list of every
        # row's tuple): the rows are read in rowid order and each text put in its place, the
        # places found by walking the list's rowids sorted alongside (peak memory is what the
        # console keeps, not twice that).
        texts = [""] * len(rids)
        places = sorted(range(len(rids)), key=rids.__getitem__)
        walk = 0
        for rid, text in conn.execute(f"{self.texts} ORDER BY rowid"):
            while walk < len(places) and rids[places[walk]] < rid:
                walk += 1
            if walk < len(places) and rids[places[walk]] == rid:
                texts[places[walk]] = text
                walk += 1
        return _SearchBase(rids, tuple(texts))

    def install(self, conn: sqlite3.Connection, base: _SearchBase,
                state: tuple[int, int]) -> bool:
        """Keep ``base``, read on another connection after ``conn`` was in ``state``
        (:func:`state_of`), for ``conn`` — if ``conn`` has seen no change since: then no
        commit came between, and the other connection read what ``conn`` would read."""
        memo = _memo(conn)
        if memo.version != state:
            return False
        self._keep(memo, base)
        return True

    def _keep(self, memo: _Memo, base: _SearchBase) -> None:
        memo.bases[self.base._positions_key()] = base
        while len(memo.bases) > BASES_KEPT:
            memo.bases.popitem(last=False)

    def positions(self, conn: sqlite3.Connection) -> array[int] | None:
        base = self.prepare(conn)
        if base is None:
            return None
        memo = _memo(conn)
        base_key = self.base._positions_key()
        key = (base_key, self.needle)
        found = memo.searches.get(key)
        if found is not None:
            memo.searches.move_to_end(key)
            return found[0]
        # The fewest matches of an earlier needle that this one extends (typing "sumav"
        # narrows "suma"'s), else every row.
        narrowed: tuple[array[int], tuple[str, ...]] | None = None
        for (earlier_base, earlier), matches in memo.searches.items():
            if (earlier_base == base_key and earlier in self.needle
                    and (narrowed is None or len(matches[0]) < len(narrowed[0]))):
                narrowed = matches
        if narrowed is None:
            indexes = base.find(self.needle)
            rids, texts = base.rids, base.texts
        else:
            rids, texts = narrowed
            indexes = [index for index, text in enumerate(texts) if self.needle in text]
        if len(indexes) == len(rids):
            # Every row holds it (the first letter of a word often does): the same rows, not
            # a copy of 100,000 of them.
            matched = (rids, texts)
        else:
            matched = (array("q", [rids[index] for index in indexes]),
                       tuple([texts[index] for index in indexes]))
        memo.searches[key] = matched
        while len(memo.searches) > SEARCHES_KEPT:
            memo.searches.popitem(last=False)
        return matched[0]


class _SearchBase:
    """An unfiltered list's rowids in order and their search texts in the same order.

    A needle is tested text by text (Python's substring test: 4-8 ms for 100,000 texts on an
    idle machine). The texts are kept in tuples, here and in each search's matches: a tuple of
    strings leaves the garbage collector's passes after the first (a list of 100,000 strings
    stays in every full pass, and two dozen kept searches made each such pass ~10 ms longer
    while a person typed). A copy of the texts joined into one string, scanned with ``str.find``,
    was no faster on an idle machine for needles in few rows and cost 6 MB more."""

    def __init__(self, rids: array[int], texts: tuple[str, ...]) -> None:
        self.rids = rids
        self.texts = texts

    def find(self, needle: str) -> list[int]:
        """The indexes of the texts that hold ``needle``, in order."""
        return [index for index, text in enumerate(self.texts) if needle in text]


# Unfiltered lists (a sort each, with or without a preset) kept for searching per connection.
BASES_KEPT = 2

# Needles whose matches are kept per connection, for narrowing and for erasing back to them
# (a word typed and erased again is the common case).
SEARCHES_KEPT = 24


def forget(conn: sqlite3.Connection) -> None:
    """Drop what is kept for ``conn`` (a connection about to be closed)."""
    with _MEMOS_LOCK:
        memo = _MEMOS.get(id(conn))
        if memo is not None and memo.conn is conn:
            del _MEMOS[id(conn)]


def state_of(conn: sqlite3.Connection) -> tuple[int, int]:
    """The state of the database as ``conn`` sees it (what its memo was filled in)."""
    return _memo(conn).version


def database_file(conn: sqlite3.Connection) -> str:
    """The file of ``conn``'s main database ('' for an in-memory one)."""
    for _seq, name, path in conn.execute("PRAGMA database_list"):
        if name == "main":
            return str(path or "")
    return ""


def search_needle(needle: str) -> str | None:
    """The folded needle :class:`TextSearch` matches, as ``like_pattern`` folds it."""
    folded = fold(needle.strip())[:MAX_NEEDLE]
    return folded or None


# A filtered window is read through the sort index while at least this many rows match per
# row wanted (offset + limit), else by sorting the matches. Measured on 20,000 customers: the
# walk wins above about 1,000 matches for a 200-row window, the sort below (5-12 ms).
SPARSE_MATCHES_PER_ROW = 5


# SQLite refuses a LIKE pattern over 50 000 bytes ("pattern too complex"). No name, domain
# or id comes near this length, so a longer needle (a paste gone wrong) is cut to it.
MAX_NEEDLE = 1000


def like_pattern(needle: str) -> str | None:
    """The folded needle as a ``LIKE`` pattern (``%``, ``_`` and ``\\`` escaped), or None."""
    folded = fold(needle.strip())[:MAX_NEEDLE]
    if not folded:
        return None
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def record(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
    cursor = conn.execute(sql, tuple(params))
    row = cursor.fetchone()
    if row is None:
        return None
    return {description[0]: value for description, value in zip(cursor.description, row,
                                                                  strict=True)}
