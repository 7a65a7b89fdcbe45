"""A long list's filter data read ahead, off the console's thread.

The first key of a filter over every customer's subscriptions needs the list in its order and
every row's search text (``db.reads.TextSearch``): about 120 ms for 100,000 subscriptions,
which a person typing at speed would feel on the keys that follow. So the moment the list is
shown, and again when the filter line opens, a short-lived thread reads them on a read-only
connection of its own and hands them to the console's connection — kept only if that
connection has seen no change meanwhile (``TextSearch.install``), so what the filter shows is
always what the console's own connection would read. If the thread loses the race, the first
key reads them itself, as it would without this.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from csp_tui.cache import views
from csp_tui.db.connection import connect
from csp_tui.db.reads import TextSearch, database_file, forget, state_of


def read_ahead(db: sqlite3.Connection, search: TextSearch | None,
               call_on_console: Callable[..., object]) -> threading.Thread | None:
    """Start reading ``search``'s data for ``db`` (the console's connection) unless it is kept
    already; ``call_on_console`` runs a function on the console's thread (``App.call_from_thread``).
    Returns the thread (for tests), or None when there is nothing to read."""
    if search is None or search.prepared(db):
        return None
    path = database_file(db)
    if not path:
        return None
    state = state_of(db)

    def work() -> None:
        try:
            reader = connect(Path(path))
        except sqlite3.Error:
            return
        try:
            reader.execute("PRAGMA query_only = ON")
            base = views.read_search_base(reader, search)
        except sqlite3.Error:
            return  # a lock or a vanished file: the first key reads it itself
        finally:
            forget(reader)  # its position index would otherwise stay kept, with the connection
            reader.close()
        if base is not None:
            # The console may be closing: then there is nobody to hand it to.
            with contextlib.suppress(RuntimeError):
                call_on_console(search.install, db, base, state)

    thread = threading.Thread(target=work, name="csp-tui-filter-ahead", daemon=True)
    thread.start()
    return thread
