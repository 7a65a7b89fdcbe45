"""A profile's state, wherever it is: the operator's ``state.db`` or the team's PostgreSQL.

The engine is chosen by ``CSP_TUI_STATE_URL`` or the profile's ``state_url``
(``state/store.py``). In a team the console never reads PostgreSQL on its own thread: it reads
a local mirror of the shared state (``state/mirror.py``), which a watcher thread keeps fresh
(``services/team_watch.py``); writes go to PostgreSQL from the writer and worker threads.
"""

from __future__ import annotations

import sqlite3

from csp_tui.config import Settings
from csp_tui.state.store import StateTarget, open_state_store, state_target, state_url

__all__ = ["open_profile_state", "profile_state_target", "profile_state_url"]


def profile_state_url(settings: Settings) -> str:
    return state_url(settings.profile.state_url)


def profile_state_target(settings: Settings) -> StateTarget:
    """Engine and place, safe to show (``info``, the status bar): never the password."""
    return state_target(profile_state_url(settings), settings.locations.state_db)


def open_profile_state(settings: Settings) -> sqlite3.Connection:
    """The profile's state on its engine, migrated (a writable connection: not for the
    console's thread)."""
    return open_state_store(profile_state_url(settings), settings.locations.state_db)
