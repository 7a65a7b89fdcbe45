"""The sources of the lists read from ``state.db``: pending invitations and the command log."""

from __future__ import annotations

import sqlite3
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from csp_tui.i18n import formatting as fmt
from csp_tui.i18n import t
from csp_tui.state import views as state_views
from csp_tui.tui.sources import Clock, SortOption, _Source
from csp_tui.tui.widgets.table_layout import Cell, CellTone, Column

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
