"""Read helpers shared by the cache's and the state's views: the window query behind every list,
the filter's ``LIKE`` pattern, one row as a dict. Nothing here writes.

Every list is a *window* query: ``count`` for the scrollbar, ``rows`` with LIMIT/OFFSET for
the rows on screen, and ``index_of`` to find where a row (by key) sits after the data, the
filter or the sort changed, so the cursor can stay on it. Filtering is SQL on the ``*_fold``
columns (``LIKE`` with a folded, escaped needle: "sumavska" finds "Šumavská"); sorting is an
``ORDER BY`` on indexed columns with the row id as the last tie-breaker, so the order is total.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
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

    def _where_sql(self, extra: str = "") -> str:
        parts = [*self.where, *([extra] if extra else [])]
        return f" WHERE {' AND '.join(parts)}" if parts else ""

    def count(self, conn: sqlite3.Connection) -> int:
        """How many rows match (for the scrollbar and the pane title)."""
        query = self.sparse or self
        sql = f"SELECT count(*) FROM {query.source}{query._where_sql()}"
        return int(conn.execute(sql, query.params).fetchone()[0])

    def rows(
        self, conn: sqlite3.Connection, offset: int, limit: int, total: int | None = None
    ) -> list[tuple[Any, ...]]:
        """Rows ``offset`` .. ``offset + limit``. With ``total`` known, a window in the second
        half is read backwards from the end: OFFSET costs a walk over the skipped rows, and
        this halves the longest walk (jumping to the end of 100k rows stays quick).

        Walking the sort index visits about ``(offset + limit) * all / total`` rows to find
        the window, so when few rows match it would read most of the table; then the
        ``sparse`` plan reads only the matches and sorts them."""
        offset, limit = max(0, offset), max(0, limit)
        if limit == 0 or (total is not None and offset >= total):
            return []  # nothing to read: a filter that matches nothing costs no walk at all
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
