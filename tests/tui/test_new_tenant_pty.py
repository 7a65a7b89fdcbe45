"""``kill -9`` of a real ``csp-tui`` with the new-tenant form open loses nothing: the draft is
already in state.db, and the next start offers it."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from e2e.terminal import Terminal

pytestmark = pytest.mark.slow


def _console(home) -> Terminal:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TEXTUAL_") and k != "NO_COLOR"}
    env.update({"CSP_TUI_HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8",
                "COLUMNS": "80", "LINES": "24"})
    return Terminal([sys.executable, "-m", "csp_tui"], env=env, columns=80, lines=24)


def test_a_killed_console_offers_the_draft_after_a_restart(isolated_home):
    first = _console(isolated_home)
    try:
        first.wait_for(lambda s: "Customers" in s, timeout=60)
        first.send("n")
        first.wait_text("f2 Review")  # the form is mounted and its first field focused
        first.pump(0.5)
        first.send("Pekárna U Lípy")
        first.wait_text("Pekárna U Lípy")
        # The draft marker appears once the (debounced) save has reached state.db.
        first.wait_text("Draft saved")
        os.kill(first.pid, signal.SIGKILL)
        assert first.wait_exit() == -signal.SIGKILL
    finally:
        first.close()

    second = _console(isolated_home)
    try:
        second.wait_for(lambda s: "Customers" in s, timeout=60)
        second.send("n")
        screen = second.wait_text("An unfinished new tenant")
        assert "Pekárna U Lípy" in screen
        second.send("\r")  # continue the draft
        screen = second.wait_text("New tenant")
        second.wait_text("Pekárna U Lípy")
        assert "pekarnaulipy" in second.wait_text("pekarnaulipy")
    finally:
        second.close()
