"""Row sources for the virtual tables: a query (``cache/views.py``) plus how its rows look.

A source is immutable: a new filter, sort or scope is a new source, which the table swaps in
while keeping its cursor on the same key.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypedDict

from csp_tui.cache import views
from csp_tui.db.reads import TextSearch
from csp_tui.i18n import formatting as fmt
from csp_tui.i18n import t
from csp_tui.services.seat_words import seats_cell
from csp_tui.state import views as state_views
from csp_tui.tui.widgets.table_layout import Cell, CellTone, Column

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


# ------------------------------------------------------------------------------ subscriptions

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


# ------------------------------------------------------------------------------ invitations

INVITATION_SORTS = (
    SortOption("sent", "tui.sort.sent", "sent", descending_first=True),
    SortOption("company", "tui.sort.company", "company"),
    SortOption("status", "tui.sort.status", "status"),
)


def invitation_columns(team: bool = False) -> list[Column]:
    """``team``: the state is a team's, and who issued each invitation is a column."""
    return [
        Column("company", t("tui.col.customer"), 14, flex=3),
        Column("contact", t("tui.col.contact"), 12, flex=2, priority=2),
        Column("sent", t("tui.col.sent"), fmt.DATE_WIDTH, priority=3),
        Column("age", t("tui.col.age"), 5, align="right", priority=1),
        Column("status", t("tui.col.status"), 9),
        *([Column("by", t("tui.col.by"), 12, flex=1, priority=2)] if team else []),
    ]


def invitation_status(row: state_views.InvitationListRow, now: datetime, stale_days: int) -> str:
    """pending | stale | accepted | cancelled."""
    if row.status == "pending":
        age = fmt.age_days(row.last_sent_at, now)
        if age is not None and age >= stale_days:
            return "stale"
    return row.status


_INVITATION_TONES: dict[str, CellTone] = {
    "stale": "warning", "accepted": "success", "cancelled": "muted"}


@dataclass(frozen=True)
class InvitationSource(_Source):
    state: sqlite3.Connection
    clock: Clock
    stale_days: int
    filter: str = ""
    sort: str = "sent"
    descending: bool = True

    _counted: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    sorts = INVITATION_SORTS
    #: A team's state: the rows say who issued them (the last column).
    team: bool = False

    def count(self) -> int:
        return self._remember(state_views.count_invitations(self.state, self.filter))

    def fetch(self, offset: int, limit: int) -> Sequence[state_views.InvitationListRow]:
        return state_views.invitation_rows(self.state, filter=self.filter, sort=self.sort,
                                     descending=self.descending, offset=offset, limit=limit,
                                     total=self._total)

    def index_of(self, key: Hashable) -> int | None:
        return state_views.invitation_index_of(self.state, str(key), self.filter, self.sort,
                                         self.descending)

    def cells(self, row: state_views.InvitationListRow) -> Sequence[str | Cell]:
        now = self.clock()
        status = invitation_status(row, now, self.stale_days)
        age = fmt.age_days(row.last_sent_at, now)
        return [
            row.company_name,
            row.contact_name or row.contact_email,
            fmt.date_text(row.last_sent_at, now.tzinfo),
            t("tui.days_short", days=age) if age is not None else fmt.NOTHING,
            Cell(fmt.invitation_status_words(status), _INVITATION_TONES.get(status, "")),
            *([row.by or fmt.NOTHING] if self.team else []),
        ]


# ------------------------------------------------------------------------------ command log

COMMAND_SORTS = (
    SortOption("time", "tui.sort.time", "time", descending_first=True),
    SortOption("status", "tui.sort.status", "status"),
    SortOption("duration", "tui.sort.duration", "duration", descending_first=True),
)


def command_columns(team: bool = False) -> list[Column]:
    """``team``: the log is a team's, and whose process made each call is a column."""
    return [
        Column("time", t("tui.col.time"), fmt.DATETIME_SECONDS_WIDTH),
        Column("method", t("tui.col.method"), 6),
        Column("path", t("tui.col.path"), 16, flex=1, preferred=40, crop="middle"),
        Column("status", t("tui.col.http_status"), 6, align="right"),
        Column("duration", t("tui.col.duration"), 9, align="right", priority=1, yields=True),
        Column("request", t("tui.col.request_id"), 36, priority=2),
        *([Column("by", t("tui.col.by"), 12, flex=1, priority=2)] if team else []),
    ]


@dataclass(frozen=True)
class CommandLogSource(_Source):
    state: sqlite3.Connection
    clock: Clock
    filter: str = ""
    sort: str = "time"
    descending: bool = True

    _counted: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    sorts = COMMAND_SORTS
    #: A team's log: the rows say whose process made the call (the last column).
    team: bool = False

    def count(self) -> int:
        return self._remember(state_views.count_commands(self.state, self.filter))

    def fetch(self, offset: int, limit: int) -> Sequence[state_views.CommandLogRow]:
        return state_views.command_rows(self.state, filter=self.filter, sort=self.sort,
                                  descending=self.descending, offset=offset, limit=limit,
                                  total=self._total)

    def index_of(self, key: Hashable) -> int | None:
        return state_views.command_index_of(self.state, int(key),  # type: ignore[call-overload]
                                      self.filter, self.sort, self.descending)

    def cells(self, row: state_views.CommandLogRow) -> Sequence[str | Cell]:
        zone = self.clock().tzinfo
        if row.status is None:
            status: str | Cell = Cell(fmt.NOTHING, "error")
        elif row.status >= 400:
            status = Cell(str(row.status), "error" if row.status >= 500 or row.status == 429
                          else "warning")
        else:
            status = str(row.status)
        return [
            fmt.datetime_text(row.at, zone, seconds=True),
            row.method,
            row.path,
            status,
            t("tui.milliseconds", ms=fmt.number_text(row.duration_ms)),
            row.request_id or fmt.NOTHING,
            *([row.by or fmt.NOTHING] if self.team else []),
        ]
