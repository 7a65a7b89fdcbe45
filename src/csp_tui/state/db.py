"""Opening ``state.db``: what cannot be rebuilt, so a problem is raised to the user and the
file is never dropped or replaced (``cache.db`` is: see ``cache/db.py``).

The shared opening code (pragmas, lock patience, migrations) is :mod:`csp_tui.db`; the schema
is ``state/schema.py``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from csp_tui.db import open_database, restrict_to_owner
from csp_tui.state.schema import STATE_APP_ID, STATE_MIGRATIONS


def open_state(path: Path) -> sqlite3.Connection:
    """Open ``state.db``. It is never dropped or replaced: a problem is raised to the user."""
    db = open_database(path, STATE_APP_ID, STATE_MIGRATIONS)
    restrict_to_owner(path)
    return db
