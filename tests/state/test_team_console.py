"""An open console on a team's state: it reads a local copy (never PostgreSQL on its own
thread), sees another operator's invitation by notification, says when the team's state is
unreachable, and its writes are refused then and carry on when PostgreSQL is back."""

from __future__ import annotations

import asyncio
import sqlite3
import threading

import pytest

from csp_tui.config import load_settings
from csp_tui.db.postgres import StateUnavailableError
from csp_tui.i18n import t
from csp_tui.services import events
from csp_tui.services.session import open_console_databases
from csp_tui.services.status import BackendStatus
from csp_tui.services.worker import WorkerBackend
from csp_tui.services.writer import Writer
from csp_tui.state import invitations, outbox
from csp_tui.state import views as state_views
from csp_tui.state.store import open_team_state
from csp_tui.tui.widgets.status_bar import sync_text
from state_engines import ROLE_PASSWORD

PROFILE = """
[profiles.sandbox]
kind = "sandbox"
sync_interval_minutes = 0
"""


@pytest.fixture
def team_settings(isolated_home, pg_url, monkeypatch):
    (isolated_home / "config.toml").write_text(PROFILE, encoding="utf-8")
    monkeypatch.setenv("CSP_TUI_STATE_URL", pg_url)
    open_team_state(pg_url).close()  # `csp-tui state migrate`
    return load_settings("sandbox")


def test_the_consoles_state_is_a_local_read_only_copy(team_settings):
    cache, state, _ = open_console_databases(team_settings)
    try:
        assert isinstance(state, sqlite3.Connection)
        assert state.execute("PRAGMA database_list").fetchone()[2].endswith("team-state.db")
        with pytest.raises(sqlite3.OperationalError):
            state.execute("DELETE FROM invitations")  # query_only, as state.db's is
    finally:
        cache.close()
        state.close()


async def test_another_operators_invitation_appears_in_an_open_console(team_settings, pg_url,
                                                                      monkeypatch, caplog):
    backend = WorkerBackend(team_settings, periodic=False)
    arrived = threading.Event()

    def on_event(event: events.Event) -> None:
        if isinstance(event, events.CacheChanged) and "invitations" in event.tables and any(
                row.company_name == "Sklárna Hora"
                for row in state_views.invitation_rows(_reader(team_settings))):
            arrived.set()

    backend.subscribe(on_event)
    await backend.start()
    try:
        monkeypatch.setenv("CSP_TUI_OPERATOR", "bob@other-home")
        other = open_team_state(pg_url)
        invitations.record(other, company_name="Sklárna Hora", contact_name="", domain="hora.cz",
                           contact_email="a@hora.cz", link="https://x")
        other.close()
        assert await asyncio.to_thread(arrived.wait, 20)
        rows = state_views.invitation_rows(backend.state)  # what the console's thread reads
        assert [(r.company_name, r.by) for r in rows if r.company_name == "Sklárna Hora"] == [
            ("Sklárna Hora", "bob@other-home")]
    finally:
        await backend.stop()
    # The worker's own work on the team's state (the sandbox demo's ledger, the outbox)
    # went through without an error.
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []


def _reader(settings) -> sqlite3.Connection:
    return sqlite3.connect(settings.locations.state_db.with_name("team-state.db"))


def test_writes_are_refused_while_postgres_is_down_and_carry_on_after(team_settings,
                                                                    pg_cluster):
    writer = Writer(lambda: team_settings)
    try:
        def queue(session, domain: str = "w.cz"):
            return outbox.enqueue(session.state, kind="create_customer", subject=domain,
                                  payload={"domain": domain})

        assert writer.write(queue).result(30).state.value == "queued"
        pg_cluster.stop("fast")
        try:
            refused = writer.write(lambda session: queue(session, "x.cz"))
            with pytest.raises(StateUnavailableError):
                refused.result(30)
        finally:
            pg_cluster.restart_stopped()
        again = writer.write(lambda session: queue(session, "y.cz")).result(30)
        assert again.subject == "y.cz"
        counted = writer.write(lambda session: outbox.pending_count(session.state)).result(30)
        assert counted == 2  # w.cz and y.cz: nothing of the refused write was kept
    finally:
        writer.close()


def test_the_status_bar_says_the_team_state_is_unavailable():
    text, tone = sync_text(BackendStatus(shared_state_error="127.0.0.1:5432/team: refused"),
                           now=None)  # type: ignore[arg-type]
    assert (text, tone) == (t("state.team.status_unavailable"), "error")


async def test_the_console_says_when_the_team_state_is_gone_and_when_it_is_back(team_settings,
                                                                              pg_cluster):
    backend = WorkerBackend(team_settings, periodic=False)
    await backend.start()
    try:
        async def until(check) -> bool:
            for _ in range(400):
                if check():
                    return True
                await asyncio.sleep(0.05)
            return False

        assert await until(lambda: backend._watcher.available is True)
        pg_cluster.stop("fast")
        try:
            assert await until(lambda: backend.status().shared_state_error is not None)
            assert "127.0.0.1" in backend.status().shared_state_error
            assert ROLE_PASSWORD not in backend.status().shared_state_error
        finally:
            pg_cluster.restart_stopped()
        assert await until(lambda: backend.status().shared_state_error is None)
    finally:
        await backend.stop()


def test_the_lists_say_who_did_each_row_only_in_a_team():
    from datetime import UTC, datetime

    from csp_tui.state.views import CommandLogRow, InvitationListRow
    from csp_tui.tui.state_sources import (
        CommandLogSource,
        InvitationSource,
        command_columns,
        invitation_columns,
    )

    def now() -> datetime:
        return datetime(2026, 1, 2, tzinfo=UTC)

    invitation = InvitationListRow("i1", "Pekárna", "Jana", "j@p.cz", "p.cz", "pending",
                                   "2026-01-01T08:00:00Z", "2026-01-01T08:00:00Z", 1, None,
                                   by="alice@desk")
    call = CommandLogRow(1, "2026-01-01T08:00:00Z", "GET", "/v1/customers", 200, 12, "r1",
                         None, by="bob@desk")
    assert [c.key for c in invitation_columns(team=True)][-1] == "by"
    assert "by" not in [c.key for c in invitation_columns()]
    assert [c.key for c in command_columns(team=True)][-1] == "by"
    assert "by" not in [c.key for c in command_columns()]
    team_invitations = InvitationSource(None, now, 14, team=True)  # type: ignore[arg-type]
    assert team_invitations.cells(invitation)[-1] == "alice@desk"
    assert len(InvitationSource(None, now, 14).cells(invitation)) == 5  # type: ignore[arg-type]
    assert CommandLogSource(None, now, team=True).cells(call)[-1] == "bob@desk"  # type: ignore[arg-type]
