"""``csp-tui state migrate [--status]``, ``csp-tui state import --from PATH``, ``csp-tui outbox``.

The headless side of team mode: bring the state's schema to this version (or say which it is),
move one operator's ``state.db`` into the team's database, list the queued work with who
queued it. Every failure names the place (host and database), never the password, and a
server that does not answer is given up on within seconds (``db/postgres.py``'s timeouts).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from csp_tui.cli.output import Column, emit
from csp_tui.config import Settings
from csp_tui.db.errors import DatabaseError
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.services import state_import
from csp_tui.services.state_access import (
    open_profile_state,
    profile_state_target,
    profile_state_url,
)
from csp_tui.state import outbox
from csp_tui.state.operator import engine_of
from csp_tui.state.schema import STATE_MIGRATIONS
from csp_tui.state.store import open_team_state, team_version

EXIT_FAILURE = 1


def _fail(error: BaseException) -> int:
    print(t("state.cli.failed", error=str(error)), file=sys.stderr)
    return EXIT_FAILURE


def _version(db: Any) -> int:
    if engine_of(db) == "postgres":
        return team_version(db)
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def run_migrate(args: argparse.Namespace, settings: Settings) -> int:
    target = profile_state_target(settings)
    try:
        if args.status and target.team:
            # --status only looks: a team's schema is not changed by asking its version.
            db = open_team_state(profile_state_url(settings), upgrade=False)
        else:
            db = open_profile_state(settings)
    except DatabaseError as exc:
        return _fail(exc)
    try:
        version = _version(db)
    finally:
        db.close()
    key = "state.cli.status" if args.status else "state.cli.migrated"
    print(t(key, engine=target.engine, where=target.where, version=version,
            newest=len(STATE_MIGRATIONS)))
    return 0


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    source = Path(args.source).expanduser()
    if not source.is_file():
        print(t("state.cli.import_missing", path=source), file=sys.stderr)
        return EXIT_FAILURE
    try:
        team = open_profile_state(settings)
    except DatabaseError as exc:
        return _fail(exc)
    try:
        if engine_of(team) != "postgres":
            print(t("state.cli.import_needs_team"), file=sys.stderr)
            return EXIT_FAILURE
        counts = state_import.import_state_file(source, team)
    except DatabaseError as exc:
        return _fail(exc)
    finally:
        team.close()
    print(t("state.cli.imported", invitations=counts.invitations, outbox=counts.outbox,
            log=counts.command_log, where=profile_state_target(settings).where))
    return 0


def outbox_objects(db: Any, limit: int = 1000) -> list[dict[str, Any]]:
    """What ``outbox --json`` prints: id, kind, subject, state, attempts, by, updated."""
    return [{"id": entry.id, "kind": entry.kind, "subject": entry.subject,
             "state": entry.state.value, "attempts": entry.attempts, "by": entry.by,
             "updated": entry.updated_at}
            for entry in outbox.list_entries(db, limit=limit)]


def run_outbox(args: argparse.Namespace, settings: Settings) -> int:
    try:
        db = open_profile_state(settings)
    except DatabaseError as exc:
        return _fail(exc)
    try:
        objects = outbox_objects(db)
    finally:
        db.close()
    return emit(args, outbox_columns(), objects, empty_hint=t("state.cli.outbox_empty"))


def outbox_columns() -> list[Column]:
    """The table of ``outbox`` (the machine formats carry :func:`outbox_objects`' fields)."""
    return [
        Column(t("state.cli.col_state"), lambda r: t(f"state.outbox.state.{r['state']}")),
        Column(t("state.cli.col_subject"), lambda r: safe_text(r["subject"])),
        Column(t("state.cli.col_attempts"), lambda r: str(r["attempts"])),
        Column(t("state.cli.col_by"), lambda r: safe_text(r["by"] or "") or "-"),
        Column(t("state.cli.col_updated"), lambda r: r["updated"]),
        Column(t("state.cli.col_id"), lambda r: r["id"]),
    ]

