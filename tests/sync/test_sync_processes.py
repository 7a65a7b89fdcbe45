"""Real processes: ``kill -9`` mid-sync, two syncs at once on one profile.

The sandbox is served on loopback and the profile is an ordinary ``partner-center`` profile
pointed at it, so this is the production code path end to end (only the address and the token
differ).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from csp_tui.cache import store
from csp_tui.cache.db import open_cache
from csp_tui.sandbox.server import start_background_server

from .conftest import frozen_world_file, loopback_profile

pytestmark = pytest.mark.slow

CUSTOMERS = 240
TOKEN = "served-sandbox-token-for-sync-processes"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    world = frozen_world_file(tmp_path_factory.mktemp("world") / "sandbox.json",
                              customers=CUSTOMERS)
    # The served sandbox honours only the token it is given (the one _env() passes on).
    base_url, stop = start_background_server(port=0, state_path=world, latency_ms=15,
                                             rate_limit=100000, token=TOKEN)
    yield base_url
    stop()


def _home(tmp_path: Path, name: str, base_url: str) -> Path:
    home = tmp_path / name
    home.mkdir()
    (home / "config.toml").write_text(loopback_profile("loop", base_url), encoding="utf-8")
    return home


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TEXTUAL_", "CSP_TUI_")) and k != "NO_COLOR"}
    env["CSP_TUI_HOME"] = str(home)
    env["CSP_TUI_ACCESS_TOKEN"] = TOKEN
    return env


def _sync(home: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "csp_tui", "sync", "--profile", "loop", "--quiet"],
        env=_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _cache_path(home: Path) -> Path:
    return home / "profiles" / "loop" / "cache.db"


def _snapshot(home: Path) -> dict:
    db = open_cache(_cache_path(home), rebuild_if_unusable=False)
    try:
        return store.snapshot(db)
    finally:
        db.close()


def _details_done(home: Path) -> int:
    path = _cache_path(home)
    if not path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute(
                "SELECT count(*) FROM customers WHERE detail_synced_at IS NOT NULL").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _integrity_ok(home: Path) -> None:
    conn = sqlite3.connect(_cache_path(home))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


@pytest.fixture(scope="module")
def clean_snapshot(served, tmp_path_factory):
    home = _home(tmp_path_factory.mktemp("clean"), "home", served)
    process = _sync(home)
    _out, err = process.communicate(timeout=240)
    assert process.returncode == 0, err
    snapshot = _snapshot(home)
    assert len(snapshot["customers"]) >= CUSTOMERS * 0.8
    return snapshot


def test_kill_9_mid_sync_then_resync_equals_an_undisturbed_sync(served, clean_snapshot,
                                                               tmp_path):
    home = _home(tmp_path, "home", served)
    process = _sync(home)
    deadline = time.monotonic() + 120
    while _details_done(home) < 25:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "sync made no progress"
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    partial = _details_done(home)
    assert 25 <= partial < len(clean_snapshot["customers"]), "killed mid-way"
    _integrity_ok(home)

    again = _sync(home)
    _out, err = again.communicate(timeout=240)
    assert again.returncode == 0, err
    _integrity_ok(home)
    assert _snapshot(home) == clean_snapshot
    conn = sqlite3.connect(_cache_path(home))
    try:
        statuses = [row[0] for row in conn.execute("SELECT status FROM sync_runs ORDER BY id")]
    finally:
        conn.close()
    # The killed run is recorded as interrupted, the second one completed.
    assert statuses == ["interrupted", "ok"]


def test_two_syncs_at_once_on_one_profile(served, clean_snapshot, tmp_path):
    home = _home(tmp_path, "home", served)
    first, second = _sync(home), _sync(home)
    results = [p.communicate(timeout=240) for p in (first, second)]
    for process, (_, err) in zip((first, second), results, strict=True):
        assert process.returncode == 0, err
        assert "database is locked" not in err.lower()
        assert "Traceback" not in err
    _integrity_ok(home)
    assert _snapshot(home) == clean_snapshot
