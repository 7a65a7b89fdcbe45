"""Which engine holds a profile's state, and opening it.

A single operator's state is ``state.db`` (SQLite, in the profile's directory: the default,
unchanged). A team shares one PostgreSQL, named by ``CSP_TUI_STATE_URL`` or the profile's
``state_url`` (a team's state belongs to one partner tenant, hence per profile). Both are
reached through the same state modules (``outbox``, ``invitations``, ``command_log``,
``drafts``): :mod:`csp_tui.db.postgres` gives PostgreSQL the interface they use.

Only what cannot be rebuilt is shared; the cache stays local to each operator.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from csp_tui.db.migrations import migrate_postgres, postgres_version
from csp_tui.state.db import open_state
from csp_tui.state.schema import STATE_APP_ID, STATE_MIGRATIONS

__all__ = ["STATE_URL_ENV", "StateTarget", "open_state_store", "open_team_state", "state_target",
           "state_url"]

#: Names a team's PostgreSQL for every profile of this process (wins over ``state_url``).
STATE_URL_ENV = "CSP_TUI_STATE_URL"


def state_url(profile_url: str = "") -> str:
    """The state URL in force: ``CSP_TUI_STATE_URL``, else the profile's ``state_url``; empty
    for the embedded ``state.db``."""
    return os.environ.get(STATE_URL_ENV, "").strip() or (profile_url or "").strip()


@dataclass(frozen=True)
class StateTarget:
    """Where the state is, in words safe to show (never the password)."""

    engine: str  # sqlite | postgres
    where: str  # the state.db path, or host:port/database

    @property
    def team(self) -> bool:
        return self.engine == "postgres"


def _names_postgres(url: str) -> bool:
    if not url:
        return False  # the embedded state.db: the PostgreSQL adapter is not even loaded
    # db.postgres only when a URL is set: a single operator's console builds its back end
    # (before the first frame) without it (tests/tui/test_start_imports.py).
    from csp_tui.db.postgres import is_postgres_url

    return is_postgres_url(url)


def state_target(url: str, state_db: Path) -> StateTarget:
    if _names_postgres(url):
        # As in _names_postgres: loaded already when a URL names PostgreSQL.
        from csp_tui.db.postgres import describe_url

        return StateTarget("postgres", describe_url(url))
    return StateTarget("sqlite", str(state_db))


def open_team_state(url: str, *, upgrade: bool = True) -> sqlite3.Connection:
    """Connect to a team's PostgreSQL and bring its schema to this client's version (or, with
    ``upgrade=False``, refuse a schema of another version without changing it).

    Typed as ``sqlite3.Connection``: :class:`~csp_tui.db.postgres.PgConnection` implements the
    part of it the state modules use, so one signature serves both engines."""
    # As in _names_postgres: the PostgreSQL adapter for a team's profile only.
    from csp_tui.db.postgres import connect_postgres

    conn = connect_postgres(url)
    try:
        migrate_postgres(conn, STATE_APP_ID, STATE_MIGRATIONS, conn.where, upgrade=upgrade)
    except BaseException:
        conn.close()
        raise
    return cast(sqlite3.Connection, conn)


def open_state_store(url: str, state_db: Path) -> sqlite3.Connection:
    """The profile's state — the team's PostgreSQL when ``url`` names one, else ``state_db`` —
    migrated to the newest schema."""
    if _names_postgres(url):
        return open_team_state(url)
    return open_state(state_db)


def team_version(db: sqlite3.Connection) -> int:
    """The schema version of an open team database."""
    return postgres_version(db)
