"""``:export [file]``: the list in view — its filter, sort and scope as shown — to CSV or JSON.

The console's thread decides what to export (the list's row source, which is immutable) and
where; the rows are read and the file written on the writer thread, with the writer's own
connections (the source is re-bound to them), so a 100,000-row export never holds the screen.
Without a name the file goes to the profile's exports folder, named after the list and the
moment; a bare name goes there too; a path (``~/x.csv``, ``/tmp/x.json``) goes where it says.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.app import App

from csp_tui.domain.text import safe_text
from csp_tui.i18n import get_language, t
from csp_tui.services import view_export
from csp_tui.services.writer import WriteSession
from csp_tui.tui.console import console_of
from csp_tui.tui.widgets.virtual_table import VirtualTable
from csp_tui.tui.writes import write_then


def _table_in_view(app: App[Any]) -> tuple[str, VirtualTable] | None:
    """(the list's name, its table): the active pane's on the main screen, else the screen's
    own list (the command log)."""
    console = console_of(app)
    try:
        main = console.main_screen
    except LookupError:
        main = None
    if main is not None and app.screen is main:
        name = main.active_pane  # type: ignore[attr-defined]
        tables = list(main.pane(name).query(VirtualTable))  # type: ignore[attr-defined]
        return (name, tables[0]) if tables else None
    tables = list(app.screen.query(VirtualTable))
    if not tables:
        return None
    return (app.screen.id or "list", tables[0])


def target_path(app: App[Any], argument: str, list_name: str,
                now: datetime) -> Path | None:
    """Where the export goes (None, and said, when the name is not .csv or .json)."""
    exports = console_of(app).settings.locations.exports_dir
    argument = argument.strip()
    if not argument:
        return exports / f"{list_name}-{now.strftime('%Y%m%d-%H%M%S')}.csv"
    path = Path(argument).expanduser()
    if not path.suffix:
        path = path.with_suffix(".csv")
    if view_export.export_format(path) is None:
        console_of(app).notify(t("conv.export.bad_extension", name=safe_text(argument, 80)),
                               severity="warning")
        return None
    return path if path.is_absolute() or argument.startswith(("~", ".")) else exports / path


def _rebound(source: Any, session: WriteSession) -> Any:
    """The same query on the writer's connections (the cache's as ``db``, the state's as
    ``state``), so the rows are read on the writer's thread."""
    changes: dict[str, sqlite3.Connection] = {}
    for spec in dataclasses.fields(source):
        if isinstance(getattr(source, spec.name), sqlite3.Connection):
            changes[spec.name] = session.state if spec.name == "state" else session.cache
    return dataclasses.replace(source, **changes)


def export_view(app: App[Any], argument: str = "") -> bool:
    """Start the export of the list in view; False (and said) when there is none."""
    console = console_of(app)
    found = _table_in_view(app)
    if found is None:
        console.notify(t("conv.export.nothing"), severity="warning")
        return False
    list_name, table = found
    # The file is named by the wall clock (a sandbox world's clock may stand elsewhere).
    path = target_path(app, argument, list_name, datetime.now().astimezone())
    if path is None:
        return False
    source = table.source
    language = get_language()

    def write(session: WriteSession) -> int:
        bound = _rebound(source, session)
        rows: list[object] = []
        total = bound.count()
        while len(rows) < total:
            window = bound.fetch(len(rows), view_export.EXPORT_WINDOW)
            if not window:
                break
            rows.extend(window)
        fields = list(view_export.row_fields(rows[0])) if rows else []
        return view_export.export_rows(path, rows, fields, language)

    def done(count: int) -> None:
        console.notify(t("conv.export.done", count=count, path=str(path)))

    def failed(exc: Exception) -> None:
        if isinstance(exc, FileExistsError):
            console.notify(t("conv.export.exists", path=str(path)), severity="warning")
        elif isinstance(exc, OSError):
            console.notify(t("conv.export.failed", path=str(path),
                             error=exc.strerror or exc), severity="error")
        else:
            raise exc

    write_then(console, write, done, failed)
    return True
