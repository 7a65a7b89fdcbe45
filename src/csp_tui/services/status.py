"""What the background worker reports about itself (the console's status bar reads it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

SyncState = Literal["idle", "running", "error"]


@dataclass(frozen=True)
class BackendStatus:
    """A snapshot for the status bar."""

    sync_state: SyncState = "idle"
    progress: tuple[int, int | None] | None = None  # (done, total or None while listing)
    last_success_at: datetime | None = None
    last_error: str | None = None
    outbox_pending: int = 0
    signed_in: bool = True
    #: The last sync finished without some parts of some customers (what, in short).
    incomplete: str | None = None
    #: What kind of refresh the last sync was (services.refresh: full | refresh | fallback),
    #: and the oldest full read of a customer after it (a stored moment; None: unknown).
    cycle: str | None = None
    oldest_read: str | None = None
    #: A team's shared state (PostgreSQL) cannot be reached: why (host, never a password).
    #: The console shows its last copy and refuses new writes until it is back.
    shared_state_error: str | None = None
