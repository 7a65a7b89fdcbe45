"""Opening ``cache.db``: everything in it can be fetched again, so an unusable file is moved
aside and a fresh cache created (``state.db`` never is: see ``state/db.py``).

The shared opening code (pragmas, lock patience, migrations) is :mod:`csp_tui.db`; the schema
is ``cache/schema.py``.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from csp_tui.cache.schema import CACHE_APP_ID, CACHE_MIGRATIONS
from csp_tui.db import CorruptDatabaseError, ForeignDatabaseError, open_database, restrict_to_owner
from csp_tui.i18n import t


def open_cache(path: Path, *, rebuild_if_unusable: bool = True) -> sqlite3.Connection:
    """Open ``cache.db``. A corrupt or foreign file is moved aside and a fresh cache created:
    everything in it can be fetched again by a sync. The caller reports
    :func:`last_rebuild_notice` to the user."""
    global _last_rebuild
    try:
        db = open_database(path, CACHE_APP_ID, CACHE_MIGRATIONS)
        restrict_to_owner(path)
        return db
    except (CorruptDatabaseError, ForeignDatabaseError) as exc:
        if not rebuild_if_unusable:
            raise
        when = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{path.name}.unusable-{when}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(path) + suffix)
            if src.exists():
                src.replace(Path(str(aside) + suffix))
        _last_rebuild = t("cache.rebuilt", reason=str(exc), aside=str(aside))
        db = open_database(path, CACHE_APP_ID, CACHE_MIGRATIONS)
        restrict_to_owner(path)
        return db


_last_rebuild: str | None = None


def last_rebuild_notice() -> str | None:
    """Why the cache was rebuilt at the last open, if it was (and forget it)."""
    global _last_rebuild
    notice, _last_rebuild = _last_rebuild, None
    return notice
