"""The subscriptions list's source: one customer's subscriptions, or every customer's."""

from __future__ import annotations

import sqlite3
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypedDict

from csp_tui.cache import views
from csp_tui.db.reads import TextSearch
from csp_tui.i18n import formatting as fmt
from csp_tui.i18n import t
from csp_tui.services.seat_words import seats_cell
from csp_tui.tui.sources import Clock, SortOption, _Source
from csp_tui.tui.widgets.table_layout import Cell, CellTone, Column

SUBSCRIPTION_SORTS = (
    SortOption("product", "tui.sort.product", "product"),
    SortOption("renewal", "tui.sort.renewal", "renewal"),
    SortOption("status", "tui.sort.status", "status"),
    # The cancellation deadline, soonest first: "what must I decide today?".
    SortOption("window", "tui.sort.window", "window"),
    # The biggest seat counts first: what a price change or a licence audit is about.
    SortOption("quantity", "tui.sort.quantity", "quantity", descending_first=True),
    # Only in the list of every customer (one customer's list has one customer).
    SortOption("customer", "tui.sort.customer", "customer"),
    # The most seats nobody uses first: what to cut before a renewal or a window closes.
    SortOption("unused", "seats.sort.unused", "quantity", descending_first=True),
)

def quantity_cell(row: views.SubscriptionListRow) -> str | Cell:
    """The seats: "9/12" — assigned of bought — where the subscription's pool was matched
    (domain/seats.py), marked when some are unused; the quantity alone where it was not, or
    where the pool is shared (its figures are the pool's: the line under the list and the
    detail say them). Narrow enough for 80 columns, where no column is left for it."""
    if row.seats_bought is None or row.seats_assigned is None:
        return fmt.number_text(row.quantity)
    tone: CellTone = "warning" if row.seats_unused else ""
    if row.seats_shared:
        return Cell(fmt.number_text(row.quantity), tone)
    return Cell(seats_cell(row.seats_bought, row.seats_assigned), tone)


_STATUS_TONES: dict[str | None, CellTone] = {
    "suspended": "warning", "expired": "error", "disabled": "error", "deleted": "muted",
    "pending": "accent"}


def subscription_columns(all_customers: bool) -> list[Column]:
    columns = [
        # Minimums leave room for a Czech date ("24. 11. 2026") and a grouped quantity next
        # to the cancellation window at 80 columns, every customer's list included.
        # The product name tells rows apart ("Microsoft 365 Business Basic" / "… Premium"):
        # below 30 columns it takes the room of term, auto-renew, kind and billing, which the
        # peek line under the list shows for the cursor row.
        Column("product", t("tui.col.product"), 22, flex=3, preferred=30),
        Column("kind", t("tui.col.kind"), 9, priority=5, yields=True),
        # "9 999" / "9,999": a thousands separator is part of the number.
        Column("quantity", t("tui.col.quantity"), 5, align="right", priority=1),
        Column("status", t("tui.col.status"), 10, priority=2),
        Column("term", t("tui.col.term"), 8, priority=4, yields=True),
        Column("billing", t("tui.col.billing"), 10, priority=6, yields=True),
        Column("auto", t("tui.col.auto_renew"), 4, priority=4, yields=True),
        Column("renewal", t("tui.col.renewal"), fmt.DATE_WIDTH, priority=2),
        Column("window", t("tui.col.window"), 10, priority=3),
    ]
    if all_customers:
        columns.insert(0, Column("customer", t("tui.col.customer"), 13, flex=2, priority=1))
    return columns


class _SubscriptionQuery(TypedDict):
    """Which subscriptions a list shows (the arguments every subscription read takes)."""

    customer_id: str | None
    filter: str
    preset: str | None
    now: datetime


@dataclass(frozen=True)
class SubscriptionSource(_Source):
    db: sqlite3.Connection
    clock: Clock
    customer_id: str | None = None  # None: every customer
    filter: str = ""
    sort: str = "product"
    descending: bool = False
    preset: str | None = None

    _counted: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    sorts = SUBSCRIPTION_SORTS

    @property
    def all_customers(self) -> bool:
        return self.customer_id is None

    def _args(self) -> _SubscriptionQuery:
        return {"customer_id": self.customer_id, "filter": self.filter,
                "preset": self.preset, "now": self.clock()}

    def count(self) -> int:
        return self._remember(views.count_subscriptions(self.db, **self._args()))

    @property
    def small_first_window(self) -> bool:
        """A filter over every customer's subscriptions reads its rows by rowid (the
        in-memory search): the first window after a key can be small."""
        return self.customer_id is None and bool(self.filter)

    def filter_search(self) -> TextSearch | None:
        """What a filter over this list searches in memory (None: SQL), to read ahead."""
        return views.subscription_filter_search(
            customer_id=self.customer_id, sort=self.sort, descending=self.descending,
            preset=self.preset, now=self.clock())

    def fetch(self, offset: int, limit: int) -> Sequence[views.SubscriptionListRow]:
        return views.subscription_rows(
            self.db, sort=self.sort, descending=self.descending, offset=offset, limit=limit,
            total=self._total, **self._args())

    def index_of(self, key: Hashable) -> int | None:
        return views.subscription_index_of(
            self.db, str(key), sort=self.sort, descending=self.descending, **self._args())

    def cells(self, row: views.SubscriptionListRow) -> Sequence[str | Cell]:
        now = self.clock()
        zone = now.tzinfo
        window = fmt.time_left(row.cancellation_allowed_until, now)
        renews = fmt.next_renewal(row.commitment_end_date, zone)  # shown only if it renews
        status = Cell(fmt.status_words(row.status), _STATUS_TONES.get(row.status, ""))
        cells: list[str | Cell] = [
            row.product + (f" ({t('tui.trial')})" if row.is_trial else ""),
            fmt.kind_words(row.kind),
            quantity_cell(row),
            status,
            fmt.term_words(row.term_duration),
            fmt.billing_words(row.billing_cycle),
            fmt.yes_no(row.auto_renew) if row.auto_renew is not None else fmt.NOTHING,
            renews if row.auto_renew and row.status == "active" else fmt.NOTHING,
            Cell(window, "accent") if window != fmt.NOTHING else window,
        ]
        if self.all_customers:
            cells.insert(0, row.customer_name)
        return cells
