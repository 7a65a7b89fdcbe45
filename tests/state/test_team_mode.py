"""Team mode on a real PostgreSQL: migrations, import, the headless commands, the console's
copy and its watcher, faults, and the password that never shows."""

from __future__ import annotations

import json
import sys
import threading
import time

import pytest

from csp_tui.cli.main import main
from csp_tui.db.errors import ForeignDatabaseError
from csp_tui.db.postgres import (
    StateUnavailableError,
    TeamDriverMissingError,
    connect_postgres,
    describe_url,
)
from csp_tui.services.state_import import import_state_file
from csp_tui.services.team_watch import TeamWatcher
from csp_tui.state import command_log, drafts, invitations, outbox
from csp_tui.state.db import open_state
from csp_tui.state.mirror import Mirror
from csp_tui.state.schema import STATE_MIGRATIONS
from csp_tui.state.store import open_team_state, team_version
from state_engines import ROLE_PASSWORD

T0 = "2025-03-01T08:00:00.000000Z"


def _invite(db, name: str = "Pekárna", domain: str = "pekarna.cz"):
    return invitations.record(db, company_name=name, contact_name="Jana",
                              contact_email="jana@pekarna.cz", domain=domain,
                              link="https://admin.microsoft.com/x")


def test_migrations_are_applied_once_and_a_newer_schema_is_refused(pg_url):
    first = open_team_state(pg_url)
    second = open_team_state(pg_url)  # idempotent: nothing to do the second time
    try:
        assert team_version(first) == team_version(second) == len(STATE_MIGRATIONS)
        first.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                      (str(len(STATE_MIGRATIONS) + 1),))
        with pytest.raises(ForeignDatabaseError, match="upgrade csp-tui"):
            open_team_state(pg_url)
    finally:
        first.close()
        second.close()


def test_every_shared_row_records_its_operator_and_drafts_are_each_operators(pg_url,
                                                                           monkeypatch):
    db = open_team_state(pg_url)
    try:
        monkeypatch.setenv("CSP_TUI_OPERATOR", "alice@desk")
        _invite(db)
        entry = outbox.enqueue(db, kind="create_customer", payload={"domain": "a.cz"},
                               subject="A", dedupe_key="a.cz")
        command_log.append(db, at=T0, method="GET", path="/v1/customers", status=200,
                           duration_ms=5, request_id="r1", correlation_id=None, error=None)
        drafts.save_draft(db, "new-tenant", {"company_name": "Alice's"})
        monkeypatch.setenv("CSP_TUI_OPERATOR", "bob@desk")
        again = outbox.enqueue(db, kind="create_customer", payload={"domain": "a.cz"},
                               subject="A", dedupe_key="a.cz")
        assert drafts.load_draft(db, "new-tenant") is None  # Alice's draft is hers
        drafts.save_draft(db, "new-tenant", {"company_name": "Bob's"})

        assert again.id == entry.id and again.by == "alice@desk"
        assert invitations.list_invitations(db)[0].by == "alice@desk"
        assert db.execute("SELECT operator FROM command_log").fetchone()[0] == "alice@desk"
        monkeypatch.setenv("CSP_TUI_OPERATOR", "alice@desk")
        assert drafts.load_draft(db, "new-tenant")[0] == {"company_name": "Alice's"}
    finally:
        db.close()


def _operator_state_db(tmp_path):
    path = tmp_path / "home" / "state.db"
    path.parent.mkdir()
    local = open_state(path)
    invitation = _invite(local)
    sending = outbox.enqueue(local, kind="create_customer", payload={"domain": "c.cz"},
                             subject="C", dedupe_key="c.cz")
    outbox.claim_next(local)  # this operator's process was sending it when it stopped
    entry = outbox.enqueue(local, kind="create_customer", payload={"domain": "b.cz"},
                           subject="B", dedupe_key="b.cz")
    command_log.append_many(local, [{"at": T0, "method": "GET", "path": f"/v1/x/{n}",
                                     "status": 200, "duration_ms": 1} for n in range(5)])
    local.close()
    return path, invitation, entry, sending


def test_import_keeps_ids_and_keys_and_imports_nothing_twice(pg_url, tmp_path):
    path, invitation, entry, sending = _operator_state_db(tmp_path)
    team = open_team_state(pg_url)
    try:
        counts = import_state_file(path, team)
        assert (counts.invitations, counts.outbox, counts.command_log) == (1, 2, 5)
        again = import_state_file(path, team)
        assert (again.invitations, again.outbox, again.command_log) == (0, 0, 0)
        assert invitations.get(team, invitation.id).company_name == "Pekárna"
        imported = outbox.get(team, entry.id)
        assert imported.idempotency_key == entry.idempotency_key
        assert imported.by  # who queued it came along (or the importing operator)
        # The entry the operator's process left sending is checked by a team runner first.
        assert [e.id for e in outbox.take_over_expired(team)] == [sending.id]
        assert team.execute("SELECT count(*) FROM command_log").fetchone()[0] == 5
    finally:
        team.close()


def test_headless_commands_on_a_team_database(pg_url, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CSP_TUI_STATE_URL", pg_url)
    monkeypatch.setenv("CSP_TUI_OPERATOR", "carol@desk")
    assert main(["state", "migrate"]) == 0
    assert main(["state", "migrate", "--status"]) == 0
    out = capsys.readouterr().out
    assert f"version {len(STATE_MIGRATIONS)}" in out and "postgres" in out
    assert ROLE_PASSWORD not in out

    path, _, entry, _ = _operator_state_db(tmp_path)
    assert main(["state", "import", "--from", str(path)]) == 0
    assert main(["state", "import", "--from", str(path)]) == 0
    out = capsys.readouterr().out
    assert "0 " in out.splitlines()[-1] or ": 0" in out.splitlines()[-1]

    assert main(["outbox", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["id"] for row in rows} >= {entry.id}
    assert set(rows[0]) == {"id", "kind", "subject", "state", "attempts", "by", "updated"}
    assert all(row["by"] == "carol@desk" for row in rows)

    assert main(["invitations", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["by"] == "carol@desk"
    assert main(["info", "--json"]) == 0
    info = capsys.readouterr().out
    assert json.loads(info)["state"]["engine"] == "postgres"
    assert ROLE_PASSWORD not in info


def test_the_password_never_shows_in_errors_or_descriptions(pg_cluster):
    url = f"postgresql://nobody:{ROLE_PASSWORD}@127.0.0.1:{pg_cluster.port}/postgres"
    assert describe_url(url) == f"127.0.0.1:{pg_cluster.port}/postgres"
    with pytest.raises(StateUnavailableError) as refused:  # wrong user and password
        connect_postgres(url)
    assert "127.0.0.1" in str(refused.value) and ROLE_PASSWORD not in str(refused.value)
    unreachable = f"postgresql://u:{ROLE_PASSWORD}@127.0.0.1:1/team"
    started = time.monotonic()
    with pytest.raises(StateUnavailableError) as down:
        connect_postgres(unreachable)
    assert "127.0.0.1:1/team" in str(down.value) and ROLE_PASSWORD not in str(down.value)
    assert time.monotonic() - started < 10  # a bound, not a timing goal: it does not hang


def test_a_url_without_the_driver_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(TeamDriverMissingError, match=r"csp-tui\[team\]"):
        connect_postgres("postgresql://u@127.0.0.1:5432/team")


def test_the_consoles_copy_follows_the_team_and_keeps_its_operators_drafts(pg_url, tmp_path,
                                                                          monkeypatch):
    monkeypatch.setenv("CSP_TUI_OPERATOR", "alice@desk")
    team = open_team_state(pg_url)
    copy = open_state(tmp_path / "team-state.db")
    try:
        mirror = Mirror(copy)
        _invite(team)
        drafts.save_draft(team, "new-tenant", {"company_name": "mine"})
        assert mirror.refresh(team) >= {"invitations", "drafts"}
        assert mirror.refresh(team) == frozenset()  # nothing changed: nothing copied
        assert invitations.list_invitations(copy)[0].by == "alice@desk"
        assert drafts.load_draft(copy, "new-tenant")[0] == {"company_name": "mine"}
    finally:
        team.close()
        copy.close()


def test_another_operators_invitation_reaches_an_open_console_by_notification(pg_url,
                                                                             tmp_path):
    open_team_state(pg_url).close()  # migrated, as `state migrate` leaves it
    changes: list[frozenset[str]] = []
    seen = threading.Event()

    def changed(tables: frozenset[str]) -> None:
        changes.append(tables)
        if "invitations" in tables:
            seen.set()

    # A poll far longer than the wait below: only the notification can bring the change.
    watcher = TeamWatcher(pg_url, tmp_path / "team-state.db", on_change=changed,
                          on_availability=lambda reason: None, poll_seconds=120)
    watcher.start()
    try:
        assert seen.wait(20)  # the first copy (of an empty ledger)
        seen.clear()
        other = open_team_state(pg_url)
        _invite(other, "Sklárna", "sklarna.cz")
        other.close()
        assert seen.wait(20), changes
    finally:
        watcher.stop()
    copy = open_state(tmp_path / "team-state.db")
    try:
        assert [i.company_name for i in invitations.list_invitations(copy)] == ["Sklárna"]
    finally:
        copy.close()


def test_postgres_down_refuses_writes_loses_nothing_and_reconnects(pg_url, pg_cluster):
    db = open_team_state(pg_url)
    try:
        kept = outbox.enqueue(db, kind="create_customer", payload={"domain": "k.cz"},
                              subject="K")
        db.execute("BEGIN")
        db.execute("UPDATE outbox SET subject = 'half-done' WHERE id = ?", (kept.id,))
        # A fast stop ends every session (the open transaction with it) and keeps what was
        # committed (the test cluster runs without synchronous commit: a crash would not).
        pg_cluster.stop("fast")
        try:
            with pytest.raises(StateUnavailableError) as lost:
                db.execute("COMMIT")
            assert ROLE_PASSWORD not in str(lost.value)
            # A write while it is down is refused, not kept somewhere to be sent later.
            with pytest.raises(StateUnavailableError):
                outbox.enqueue(db, kind="create_customer", payload={"domain": "l.cz"},
                               subject="L")
        finally:
            pg_cluster.restart_stopped()
        # Back: the same connection object carries on; the half-done change was not kept.
        assert outbox.get(db, kept.id).subject == "K"
        assert outbox.pending_count(db) == 1
    finally:
        db.close()


def test_a_state_command_with_postgres_down_fails_naming_the_host_only(monkeypatch, capsys,
                                                                       isolated_home):
    monkeypatch.setenv("CSP_TUI_STATE_URL", f"postgresql://op:{ROLE_PASSWORD}@127.0.0.1:1/team")
    started = time.monotonic()
    assert main(["outbox", "--log-level", "DEBUG"]) == 1
    assert main(["state", "migrate", "--status"]) == 1
    assert time.monotonic() - started < 20  # a bound, not a timing goal: it gives up
    err = capsys.readouterr().err
    assert "127.0.0.1:1/team" in err and ROLE_PASSWORD not in err
    log_files = list(isolated_home.rglob("*.log"))
    assert log_files  # the run's log file exists, and holds no password
    assert not any(ROLE_PASSWORD in path.read_text(errors="replace") for path in log_files)


def test_describing_a_url_keeps_only_host_port_and_database():
    assert describe_url("postgresql://a:b@db.example:6432/team?sslmode=require") == \
        "db.example:6432/team"
    assert describe_url("postgresql:///team") == "local/team"
    assert describe_url("postgresql://?service=csp") == "local/csp"


def test_an_operators_older_state_db_keeps_its_drafts_and_rows_through_version_4(tmp_path):
    import sqlite3 as sqlite

    from csp_tui.db.migrations import migrate
    from csp_tui.state.schema import STATE_APP_ID

    path = tmp_path / "state.db"
    old = sqlite.connect(path, isolation_level=None)
    migrate(old, STATE_APP_ID, STATE_MIGRATIONS[:3], path)  # a state.db from before teams
    old.execute("INSERT INTO drafts(form, updated_at, data) VALUES "
                "('new-tenant', '2026-01-01T08:00:00Z', '{\"company_name\": \"typed\"}')")
    old.close()

    db = open_state(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(STATE_MIGRATIONS)
        assert drafts.load_draft(db, "new-tenant")[0] == {"company_name": "typed"}
        assert _invite(db).by  # new rows record their operator
    finally:
        db.close()


def test_sqlite_placeholders_become_psycopgs_outside_quoted_text():
    from csp_tui.db.postgres import _translate

    assert _translate("SELECT '?%', x FROM t WHERE a LIKE ? AND b = ?") == \
        "SELECT '?%%', x FROM t WHERE a LIKE %s AND b = %s"


def test_the_consoles_copy_keeps_its_operators_last_look_not_anothers(pg_url, tmp_path,
                                                                      monkeypatch):
    """Today's "last looked" marker is each operator's own, in the team's database and in
    the console's copy."""
    from csp_tui.state import seen_marks

    team = open_team_state(pg_url)
    copy = open_state(tmp_path / "team-state.db")
    try:
        monkeypatch.setenv("CSP_TUI_OPERATOR", "bob@desk")
        seen_marks.mark_seen(team, now="2026-12-01T08:00:00Z", event_id=7)
        monkeypatch.setenv("CSP_TUI_OPERATOR", "alice@desk")
        assert seen_marks.last_seen(team) is None  # bob's look is not alice's
        seen_marks.mark_seen(team, now="2026-12-07T08:00:00Z", event_id=42)
        mirror = Mirror(copy)
        assert "seen_marks" in mirror.refresh(team)
        assert seen_marks.last_seen(copy) == "2026-12-07T08:00:00Z"
        assert seen_marks.last_event(copy) == 42
    finally:
        team.close()
        copy.close()
