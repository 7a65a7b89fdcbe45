"""Two consoles and a CLI sync on one profile at the same time, as real processes: the consoles
run in pseudo-terminals (what a person over SSH sees), the CLI as a cron job would.

Every one of them writes cache.db and state.db (sync runs, the command log) while the others
read and write. Nobody may show "database is locked", nothing may be corrupted, and the cache
must end exactly as after one undisturbed sync.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from e2e.terminal import ENTER, Terminal

from .conftest import cache_snapshot, cli_env, integrity_problems, loopback_home, snapshot_loss

pytestmark = pytest.mark.slow

PROBLEM_WORDS = ("database is locked", "locked", "traceback", "disk i/o error", "malformed",
                 "sync failed")
SYNCED = re.compile(r"synced \d")


def _finished_runs(cache_db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{cache_db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute(
                "SELECT count(*) FROM sync_runs WHERE status IN ('ok', 'failed')").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _most_at_once(spans: list[tuple[str, str]]) -> int:
    """The largest number of runs in progress at one moment (ISO timestamps sort as text)."""
    edges = sorted([(start, 1) for start, _ in spans] + [(end, -1) for _, end in spans])
    running = most = 0
    for _, step in edges:
        running += step
        most = max(most, running)
    return most


def _cli_sync(home: Path, token: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "csp_tui", "sync", "--profile", "loop"],
                            env=cli_env(home, token), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _pump_until(consoles: list[Terminal], condition, what: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        for console in consoles:
            console.pump(0.05)
            assert console.poll() is None, f"a console ended: {console.text()}"
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s"


def test_two_consoles_and_a_cli_sync_share_one_profile(sandbox, clean_snapshot, tmp_path,
                                                       secret_registry, reliability):
    home, settings = loopback_home(tmp_path, sandbox.url, timeout=10)
    token = secret_registry.new("env-token")
    cache_db = settings.locations.cache_db
    sandbox.faults(latency_ms=3)  # the three syncs overlap
    argv = [sys.executable, "-m", "csp_tui", "--profile", "loop"]
    consoles = [Terminal(argv, env=cli_env(home, token), columns=120, lines=30)
                for _ in range(2)]
    cli_runs: list[tuple[int, str, str]] = []
    try:
        # Round 1: both consoles sync at start (nothing synced yet) while a CLI sync runs.
        cli = _cli_sync(home, token)
        _pump_until(consoles, lambda: cli.poll() is not None, "the first CLI sync")
        out, err = cli.communicate()
        cli_runs.append((cli.returncode, out, err))
        _pump_until(consoles, lambda: _finished_runs(cache_db) >= 3, "three syncs finished")

        # Round 2: "r" in both consoles and another CLI sync, all at once.
        for console in consoles:
            console.send("r")
        cli = _cli_sync(home, token)
        _pump_until(consoles, lambda: cli.poll() is not None, "the second CLI sync")
        out, err = cli.communicate()
        cli_runs.append((cli.returncode, out, err))
        _pump_until(consoles, lambda: _finished_runs(cache_db) >= 6
                    and all(SYNCED.search(c.text()) for c in consoles), "six syncs finished")
        screens = [console.text() for console in consoles]
        for console in consoles:
            console.send(":")
            console.send("quit" + ENTER)
        exits = [console.wait_exit(timeout=20) for console in consoles]
        shown = [bytes(console.raw).decode("utf-8", "replace").lower() for console in consoles]
    finally:
        for console in consoles:
            console.close()

    complaints = [word for text in [*shown, *(err.lower() for _, _, err in cli_runs)]
                  for word in PROBLEM_WORDS if word in text]
    conn = sqlite3.connect(cache_db)
    try:
        runs = conn.execute("SELECT status, started_at, finished_at FROM sync_runs ORDER BY id"
                            ).fetchall()
    finally:
        conn.close()
    statuses = [status for status, _, _ in runs]
    overlap = _most_at_once([(start, end) for _, start, end in runs])
    problems = (integrity_problems(cache_db)
                + integrity_problems(settings.locations.state_db))
    after = cache_snapshot(cache_db)
    lost = len(complaints) + len(problems) + snapshot_loss(clean_snapshot, after)
    # The syncs the program itself recorded (the consoles' and the CLI's); no fault injected
    # but the concurrency itself.
    reliability.begin()
    reliability.operation("sync run", len(runs))
    reliability.record("two consoles + a CLI sync on one profile (2 rounds)", lost=lost,
                       notes=[f"runs: {statuses}", f"at most {overlap} syncs at once"])

    assert [code for code, _, _ in cli_runs] == [0, 0], [err for _, _, err in cli_runs]
    assert exits == [0, 0]
    assert complaints == []
    assert all(SYNCED.search(screen) for screen in screens), screens
    assert statuses == ["ok"] * len(statuses) and len(statuses) >= 6
    assert overlap >= 2, "the syncs really ran at the same time"
    assert problems == []
    assert after == clean_snapshot
    assert lost == 0
