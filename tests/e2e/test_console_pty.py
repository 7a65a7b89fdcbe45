"""The real ``csp-tui`` in a pseudo-terminal at 80×24, driven by keystrokes as a user over SSH
would: first run against the embedded sandbox, all four panes, filter, detail, command line."""

from __future__ import annotations

import os
import re
import sys

import pytest

from .terminal import DOWN, ENTER, ESC, TAB, Terminal

pytestmark = pytest.mark.slow


@pytest.fixture
def console(isolated_home):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TEXTUAL_") and k != "NO_COLOR"}
    env.update({"CSP_TUI_HOME": str(isolated_home), "TERM": "xterm-256color",
                "LANG": "C.UTF-8", "COLUMNS": "80", "LINES": "24"})
    term = Terminal([sys.executable, "-m", "csp_tui"], env=env, columns=80, lines=24)
    yield term
    term.close()


def _customers_count(screen: str) -> int:
    match = re.search(r"Customers \((\d+)\)", screen)
    return int(match.group(1)) if match else 0


def test_first_run_works_through_all_four_panes_by_keyboard(console):
    # The first sync fills the cache in the background; the list appears while it runs.
    screen = console.wait_for(lambda s: _customers_count(s) >= 60, timeout=60)
    assert "1 Customers" in screen and "4 Invitations" in screen
    assert "sandbox" in screen.splitlines()[-2]  # the status bar names the profile

    # Live filter, accents ignored: "pivovar" finds the breweries and nothing else.
    console.send("/")
    console.wait_for(lambda s: "esc Clear filter" in s)  # the filter field has the focus
    console.send("pivovar")
    screen = console.wait_for(lambda s: "/pivovar" in s and "Customers" in s)
    rows = [line for line in screen.splitlines()[3:-3] if line.strip()]
    assert rows and all("pivovar" in line.lower() for line in rows), rows
    console.send(ENTER)  # back to the list with the filter kept

    # Detail view of the selected row, then back.
    console.send(DOWN)
    console.send(ENTER)
    screen = console.wait_for(lambda s: "Company" in s and "Tenant id" in s)  # the record
    assert "pivovar" in screen.lower()
    console.send(ESC)
    console.wait_for(lambda s: "/pivovar" in s)
    console.send("/")
    console.send(ESC)  # esc in the filter clears it
    console.wait_for(lambda s: _customers_count(s) >= 60 and "/pivovar" not in s)

    # Tab through the other three panes.
    console.send(TAB)
    screen = console.wait_text("Tenant ID")
    assert "onmicrosoft.com" in screen
    console.send(TAB)
    screen = console.wait_for(lambda s: "Subscriptions" in s.splitlines()[1])
    console.send(TAB)
    screen = console.wait_for(lambda s: "Invitations" in s.splitlines()[1])

    # The command line: the command log shows what was called on our behalf.
    console.send(":")
    console.wait_text("tab completes")  # the command line is open (its hint says so)
    console.send("log" + ENTER)
    screen = console.wait_for(lambda s: "GET" in s and "/v1/customers" in s)
    console.send(ESC)
    console.wait_for(lambda s: "1 Customers" in s)  # back on the main screen
    console.send(":")
    console.wait_text("tab completes")
    console.send("quit" + ENTER)
    assert console.wait_exit() == 0
    # Nothing but the terminal's own sequences: no traceback, no "database is locked".
    assert b"Traceback" not in console.raw and b"database is locked" not in console.raw
