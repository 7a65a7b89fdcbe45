"""What the background workers tell their subscribers (the console, the CLI's progress line).

Plain frozen dataclasses: the sync worker and the outbox publish them from asyncio tasks; the
console turns them into Textual messages. Workers never touch widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from csp_tui.domain.changes import Change


@dataclass(frozen=True)
class SyncStarted:
    run_id: int
    kind: str  # "full" | "refresh" | "customer"
    customer_id: str | None = None


@dataclass(frozen=True)
class SyncProgress:
    run_id: int
    phase: str  # "customers" (listing) | "details" (per customer)
    done: int
    total: int | None  # None while the listing is still paging


@dataclass(frozen=True)
class CacheChanged:
    """Rows changed in cache.db; screens re-query what they show (by diff, cursor kept)."""

    tables: frozenset[str]
    customer_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SyncFinished:
    run_id: int
    kind: str
    ok: bool
    error: str | None
    changes: tuple[Change, ...] = ()
    finished_at: datetime | None = None
    #: Finished, but some parts of some customers could not be read (``error`` says which
    #: in short); their old rows were kept.
    partial: bool = False


@dataclass(frozen=True)
class OutboxUpdated:
    entry_id: str
    kind: str
    state: str  # queued | sending | done | failed | needs_attention
    subject: str
    error: str | None = None
    customer_id: str | None = None


@dataclass(frozen=True)
class InvitationAccepted:
    invitation_id: str
    company_name: str
    customer_id: str


@dataclass(frozen=True)
class SignInRequired:
    """Partner Center answered 401 or there is no cached token: the user must sign in."""

    reason: str


Event = (
    SyncStarted
    | SyncProgress
    | SyncFinished
    | CacheChanged
    | OutboxUpdated
    | InvitationAccepted
    | SignInRequired
)
