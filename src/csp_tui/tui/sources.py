"""Row sources for the virtual tables: a query (``cache/views.py``) plus how its rows look.

A source is immutable: a new filter, sort or scope is a new source, which the table swaps in
while keeping its cursor on the same key. Here the base and the customers list (the first
frame's); the subscriptions list in ``subscription_sources.py``, the lists of ``state.db``
(invitations, the command log) in ``state_sources.py``, each imported with its pane.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from csp_tui.cache import views
from csp_tui.i18n import formatting as fmt
from csp_tui.i18n import t
from csp_tui.tui.widgets.table_layout import Cell, Column

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class SortOption:
    name: str  # the views.py sort name
    label: str  # message key
    column: str  # the table column that shows the sort arrow
    descending_first: bool = False


class _Source:
    sorts: tuple[SortOption, ...] = ()
    # The last count, so a window near the end can be read backwards (see views.py).
    _counted: dict[str, int]

    def key(self, row: object) -> Hashable:
        return getattr(row, "id", None)

    def _remember(self, count: int) -> int:
        self._counted["total"] = count
        return count

    @property
    def _total(self) -> int | None:
        return self._counted.get("total")


# ------------------------------------------------------------------------------ customers

CUSTOMER_SORTS = (
    SortOption("name", "tui.sort.name", "company"),
    SortOption("domain", "tui.sort.domain", "domain"),
    SortOption("subscriptions", "tui.sort.subscriptions", "subs", descending_first=True),
    SortOption("attention", "tui.sort.attention", "mark", descending_first=True),
)


def customer_columns() -> list[Column]:
    return [
        Column("mark", "!", 1),
        Column("company", t("tui.col.company"), 16, flex=3),
        Column("domain", t("tui.col.domain"), 14, flex=2, priority=2),
        Column("relationship", t("tui.col.relationship"), 10, priority=3),
        Column("subs", t("tui.col.subscriptions_short"), 5, align="right", priority=1),
    ]


@dataclass(frozen=True)
class CustomerSource(_Source):
    db: sqlite3.Connection
    filter: str = ""
    sort: str = "name"
    descending: bool = False

    _counted: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    sorts = CUSTOMER_SORTS

    def count(self) -> int:
        return self._remember(views.count_customers(self.db, self.filter))

    def fetch(self, offset: int, limit: int) -> Sequence[views.CustomerListRow]:
        return views.customer_rows(self.db, filter=self.filter, sort=self.sort,
                                   descending=self.descending, offset=offset, limit=limit,
                                   total=self._total)

    def index_of(self, key: Hashable) -> int | None:
        return views.customer_index_of(self.db, str(key), self.filter, self.sort,
                                       self.descending)

    def cells(self, row: views.CustomerListRow) -> Sequence[str | Cell]:
        return [
            # "+": created here, Partner Center does not list it yet (the tenant pane says so).
            Cell("!", "warning") if row.attention
            else Cell("+", "accent") if row.created_pending_at else "",
            row.company_name,
            row.primary_domain,
            fmt.relationship_words(row.relationship),
            fmt.number_text(row.subscription_count),
        ]
