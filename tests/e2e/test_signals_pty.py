"""SIGTERM and SIGHUP during a sync: the terminal is given back as it was, the run is
recorded as interrupted, nothing is left `running`."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import termios

import pytest

from .terminal import Terminal


def _env(home) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TEXTUAL_") and k != "NO_COLOR"}
    env.update({"CSP_TUI_HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8",
                "COLUMNS": "80", "LINES": "24"})
    return env


def _runs(home) -> list[str]:
    path = home / "profiles" / "sandbox" / "cache.db"
    if not path.exists():
        return []
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT status FROM sync_runs ORDER BY id")]
    except sqlite3.OperationalError:  # not created yet
        return []
    finally:
        conn.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_an_ending_signal_during_a_sync_restores_the_terminal(isolated_home, sig):
    term = Terminal([sys.executable, "-m", "csp_tui"], env=_env(isolated_home))
    try:
        before = termios.tcgetattr(term.fd)
        # A first sync of the sandbox runs for many seconds: the signal lands inside it.
        term.wait_for(lambda screen: "Customers (" in screen and "sync" in screen.lower())
        term.wait_for(lambda screen: _runs(isolated_home)[-1:] == ["running"])
        os.kill(term.pid, sig)
        assert term.wait_exit(30) == 128 + sig
        raw = bytes(term.raw)
        tail = raw[raw.rfind(b"\x1b[?1049h"):]
        assert b"\x1b[?1049l" in tail  # the alternate screen left
        assert b"\x1b[?25h" in tail  # the cursor shown again
        assert b"\x1b[?1000l" in tail  # mouse tracking off
        after = termios.tcgetattr(term.fd)
        assert after[3] & termios.ECHO and after[3] & termios.ICANON
        assert after[3] == before[3]
        runs = _runs(isolated_home)
        assert "running" not in runs and runs[-1] == "interrupted"
    finally:
        term.close()


def test_sigterm_ends_a_headless_sync_with_the_run_interrupted(isolated_home):
    term = Terminal([sys.executable, "-m", "csp_tui", "sync"], env=_env(isolated_home))
    try:
        term.wait_for(lambda screen: _runs(isolated_home)[-1:] == ["running"], timeout=60)
        os.kill(term.pid, signal.SIGTERM)
        assert term.wait_exit(30) == 143
        assert _runs(isolated_home)[-1] == "interrupted"
        assert "Traceback" not in term.raw.decode("utf-8", "replace")
    finally:
        term.close()
