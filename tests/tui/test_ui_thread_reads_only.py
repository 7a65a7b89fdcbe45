"""The console's thread only reads: every write it asks for runs on another thread.

A write on the UI thread can wait the whole busy timeout for another process's lock (a CLI
sync, a second console), and the screen freezes meanwhile. Here the console is driven through
every action that writes — a draft saved while typing and on leaving the form, an invitation
cancelled and noted, a seat change and an Education request for the distributor, an export,
``:language`` saving the config file — on ``StaticBackend`` (what the tests use) and on the
real ``WorkerBackend`` over the in-process sandbox. Every SQLite statement of every connection
is recorded with its thread (``set_trace_callback``), and so is every file opened for writing;
none of the writes may have run on the UI thread.
"""

from __future__ import annotations

import os
import pathlib
import sqlite3
import threading
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from csp_tui.services.worker import WorkerBackend
from csp_tui.state import invitations as ledger
from csp_tui.state import outbox, seen_marks
from csp_tui.state.db import open_state
from csp_tui.tui.app import CspApp
from csp_tui.tui.backend import StaticBackend
from csp_tui.tui.screens.new_tenant import NewTenantScreen
from csp_tui.tui.screens.qualification import open_education
from csp_tui.tui.screens.subscription_actions import open_subscription_actions
from csp_tui.tui.writes import GROUP

from .conftest import LAST_SYNC, ConsoleFactory, frozen_clock
from .invite_support import FAST_PROFILE, LINK, sandbox_settings, type_text, wait_for
from .subscriptions_support import BAKERY_ID, NEW, seed_bakery

WRITE_WORDS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN IMMEDIATE", "CREATE", "DROP",
               "ALTER")


class Recorder:
    """(thread id, what) of every SQLite statement and every file write, while recording."""

    def __init__(self) -> None:
        self.statements: list[tuple[int, str]] = []
        self.files: list[tuple[int, str]] = []
        self.recording = False

    def trace(self, connection: sqlite3.Connection) -> None:
        def record(statement: str) -> None:
            if self.recording:
                self.statements.append((threading.get_ident(), statement))

        connection.set_trace_callback(record)

    def file(self, what: str) -> None:
        if self.recording:
            self.files.append((threading.get_ident(), what))

    def writes_on(self, thread: int) -> list[str]:
        found = [statement for ident, statement in self.statements if ident == thread
                 and statement.lstrip().upper().startswith(WRITE_WORDS)]
        return found + [what for ident, what in self.files if ident == thread]

    def writes_elsewhere(self, thread: int) -> list[str]:
        return [statement for ident, statement in self.statements if ident != thread
                and statement.lstrip().upper().startswith(WRITE_WORDS)]


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    """Trace every SQLite connection opened from now on, and every file opened to write."""
    recorder = Recorder()
    connect = sqlite3.connect

    def traced_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)
        recorder.trace(connection)
        return connection

    monkeypatch.setattr(sqlite3, "connect", traced_connect)

    os_open = os.open

    def traced_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            recorder.file(f"os.open {path}")
        return os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", traced_open)
    os_replace = os.replace

    def traced_replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        recorder.file(f"os.replace {target}")
        os_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", traced_replace)
    for name in ("write_text", "write_bytes"):
        original = getattr(pathlib.Path, name)

        def traced_write(self: pathlib.Path, *args: Any, _original: Any = original,
                         _name: str = name, **kwargs: Any) -> int:
            recorder.file(f"Path.{_name} {self}")
            return int(_original(self, *args, **kwargs))

        monkeypatch.setattr(pathlib.Path, name, traced_write)
    monkeypatch.setattr(NewTenantScreen, "DRAFT_DEBOUNCE", 0.05)
    return recorder


def make_app(backend: Any) -> CspApp:
    return CspApp(backend, clock=frozen_clock, theme="textual-dark", animation_level="none",
                  cursor_blink=False, tick_seconds=None, language="en")


async def settle(pilot: Any) -> None:
    """Let the console's writes come back (they run on the writer thread)."""
    await pilot.pause()
    for worker in list(pilot.app.workers):
        if worker.group == GROUP:
            await worker.wait()
    await pilot.pause()


async def on_screen(pilot: Any, kind: type | tuple[type, ...], what: str) -> None:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind), what)


async def draft_typed_and_kept(pilot: Any, state_ok: Callable[[], bool]) -> None:
    """Type into the new-tenant form (a draft is saved while typing), then leave it."""
    await pilot.press("n")
    await on_screen(pilot, NewTenantScreen, "the new-tenant form")
    await type_text(pilot, "Pekárna Zápis")
    await wait_for(pilot, lambda: not pilot.app.screen.draft_pending, "the draft saved")
    await settle(pilot)
    assert state_ok(), "the draft was not saved"
    await pilot.press("escape")
    await settle(pilot)


async def cancel_and_note(pilot: Any, state: Any) -> None:
    """Note the invitation under the cursor, then cancel it (pane 4, keys a and x)."""
    pending = ledger.list_invitations(state, status=ledger.PENDING)
    assert pending, "no pending invitation to change"
    await pilot.press("4")
    await pilot.pause()
    pane = pilot.app.main_screen.pane("invitations")
    for _ in range(pane.table.row_count):
        if pane.table.cursor_row.status == ledger.PENDING:
            break
        await pilot.press("j")
    target = pane.table.cursor_row.id
    await pilot.press("a")
    await type_text(pilot, "Zavolat v pondělí")
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("x", "y")
    await settle(pilot)
    changed = ledger.get(state, target)
    assert changed is not None and changed.status == ledger.CANCELLED
    assert changed.notes.endswith("Zavolat v pondělí")


async def switch_language(pilot: Any) -> None:
    await pilot.press(":")
    await type_text(pilot, "language cs")
    await pilot.press("enter")
    await settle(pilot)
    assert any("config" in str(note.message) for note in pilot.app._notifications)


def assert_reads_only(recorder: Recorder, ui: int, expected: Iterable[str]) -> None:
    assert recorder.writes_on(ui) == []
    elsewhere = " ".join(recorder.writes_elsewhere(ui)).upper()
    for word in expected:  # the writes did happen, on another thread
        assert word in elsewhere


@pytest.mark.parametrize("profile", [None, "sandbox-provider"], ids=["reseller", "distributor"])
async def test_static_backend_console_writes_nothing_on_its_thread(
        isolated_home: pathlib.Path, make_console: ConsoleFactory, recorder: Recorder,
        profile: str | None) -> None:
    (isolated_home / "config.toml").write_text(FAST_PROFILE, encoding="utf-8")
    console = make_console(customers=3, invitations=6, command_log=0, profile=profile)
    seed_bakery(console.cache)
    for database in (console.cache, console.state):
        recorder.trace(database)
    backend = StaticBackend(console.backend.settings, console.cache, console.state,
                            last_success_at=LAST_SYNC)
    app = make_app(backend)
    exports = backend.settings.locations.exports_dir
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        ui = threading.get_ident()
        recorder.recording = True

        await draft_typed_and_kept(
            pilot, lambda: console.state.execute("SELECT count(*) FROM drafts")
            .fetchone()[0] == 1)
        await cancel_and_note(pilot, console.state)

        # A seat change and an Education request: queued in the outbox by a distributor,
        # saved as requests for the distributor by a reseller.
        await pilot.press("1")
        assert open_subscription_actions(app, NEW)
        await pilot.pause()
        await pilot.press("q", "1", "0", "enter", "y")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert open_education(app, BAKERY_ID)
        await pilot.pause()
        await pilot.press("down", "enter")
        app.screen.query_one("#edu-website").focus()
        await pilot.press(*"www.vsrs.cz", "enter", "y")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        if profile is None:
            assert len(list(exports.glob("*.json"))) == 2
        else:
            assert len(outbox.list_entries(console.state)) == 2

        # An export: the tenant pane's link, saved.
        await pilot.press("2", "w")
        await settle(pilot)
        assert list(exports.glob("*.txt"))

        # Today: "m" and leaving it move the "last looked" marker.
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert seen_marks.last_seen(console.state) is not None

        if profile is None:  # the built-in distributor profile is not in the config file
            await switch_language(pilot)
        recorder.recording = False
    expected = ["INSERT INTO DRAFTS", "UPDATE INVITATIONS", "INSERT INTO SEEN_MARKS"]
    assert_reads_only(recorder, ui, expected if profile is None
                      else [*expected, "INSERT INTO OUTBOX"])
    assert any("os.open" in what or "Path.write_text" in what
               for _, what in recorder.files)


async def test_worker_backend_console_writes_nothing_on_its_thread(
        isolated_home: pathlib.Path, recorder: Recorder) -> None:
    settings = sandbox_settings(isolated_home)
    state = open_state(settings.locations.state_db)
    try:
        ledger.record(state, company_name="Pekárna U Mlýna s.r.o.", contact_name="Jana Nová",
                      contact_email="jana@pekarna-mlyn.cz", domain="pekarna-mlyn.cz",
                      link=LINK, language="cs")
    finally:
        state.close()
    backend = WorkerBackend(settings, periodic=False)
    app = make_app(backend)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: backend._session is not None, "the worker to start")
        ui = threading.get_ident()
        recorder.recording = True

        await draft_typed_and_kept(
            pilot, lambda: backend.state.execute("SELECT count(*) FROM drafts")
            .fetchone()[0] == 1)
        await cancel_and_note(pilot, backend.state)
        await switch_language(pilot)
        recorder.recording = False
    assert_reads_only(recorder, ui, ["INSERT INTO DRAFTS", "UPDATE INVITATIONS"])


@pytest.mark.parametrize("kind", ["worker", "static"])
def test_the_console_connections_refuse_to_write(isolated_home: pathlib.Path, kind: str) -> None:
    """What the console reads with is read-only, and gives up on a lock quickly."""
    settings = sandbox_settings(isolated_home)
    backend: Any = (WorkerBackend(settings, periodic=False) if kind == "worker"
                    else StaticBackend.open(settings))
    try:
        for database in (backend.cache, backend.state):
            assert database.execute("PRAGMA query_only").fetchone()[0] == 1
            assert database.execute("PRAGMA busy_timeout").fetchone()[0] <= 500
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                database.execute("INSERT INTO meta(key, value) VALUES ('x', 'y')")
    finally:
        backend._writer.close()
        for database in (backend.cache, backend.state):
            database.close()


async def test_a_read_that_meets_a_lock_keeps_the_screen_and_reads_again(
        make_console: ConsoleFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process holding the database makes a read give up (after the short busy
    timeout): the console keeps what it shows and reads again shortly, never ends."""
    from csp_tui.cache import views

    console = make_console(customers=5, invitations=0, command_log=0)
    async with console.app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = console.app.main_screen.pane("customers").table
        assert table.row_count == 5
        count = views.count_customers
        locked = {"calls": 0}

        def busy(*args: Any, **kwargs: Any) -> int:
            locked["calls"] += 1
            raise sqlite3.OperationalError("database is locked")

        monkeypatch.setattr(views, "count_customers", busy)
        console.cache.execute(
            "UPDATE customers SET company_name = 'Zámečnictví Nové' WHERE rowid = "
            "(SELECT min(rowid) FROM customers)")
        console.app.schedule_refresh(None)
        await pilot.pause()
        assert locked["calls"] >= 1
        assert console.app.is_running and table.row_count == 5  # the last good rows
        monkeypatch.setattr(views, "count_customers", count)
        await wait_for(pilot, lambda: any(
            row is not None and row.company_name == "Zámečnictví Nové"
            for row in table._visible_snapshot()), "the rows read again")


async def test_a_write_waiting_for_a_lock_leaves_the_console_free(
        make_console: ConsoleFactory) -> None:
    """While a write waits (here: the writer is held, as behind another process's lock), the
    console keeps answering keys; the write lands later, also when its screen has closed."""
    from csp_tui.tui.screens.subscription_actions import SubscriptionActionsScreen

    console = make_console(customers=0, profile="sandbox-provider")
    seed_bakery(console.cache)
    held = threading.Event()
    console.backend.write(lambda session: held.wait(30))
    async with console.app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert open_subscription_actions(console.app, NEW)
        await pilot.pause()
        await pilot.press("q", "1", "0", "enter", "y")
        await pilot.pause()
        assert isinstance(console.app.screen, SubscriptionActionsScreen)  # waits, not frozen
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(console.app.screen, SubscriptionActionsScreen)
        assert outbox.list_entries(console.state) == []
        held.set()
        await settle(pilot)
        (entry,) = outbox.list_entries(console.state)
        assert entry.payload["changes"] == {"quantity": 10}
        assert any("queued" in str(note.message).lower()
                   for note in console.app._notifications)
        assert console.app.is_running
