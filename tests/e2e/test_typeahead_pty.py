"""Keys typed faster than the console draws, in a real pty at 80×24: each burst below is one
``write()``, as a paste, password-manager autotype or a laggy SSH link delivers it. Every key
must land where it would have landed typed slowly."""

from __future__ import annotations

import os
import re
import sys

import pytest

from .terminal import ENTER, ESC, TAB, Terminal

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


def _field(screen: str, label: str) -> str:
    """What the form shows after a field's label (``First name *   Jan``)."""
    for line in screen.splitlines():
        if line.strip().startswith(label):
            parts = re.split(r"\s{2,}", line.strip())  # label, value, scrollbar …
            return parts[1] if len(parts) > 1 else ""
    return ""


def test_bursts_land_where_slow_typing_would(console):
    console.wait_for(lambda s: re.search(r"Customers \((\d\d)\)", s) is not None, timeout=60)

    # Filter, Enter back to the list, a list key, Enter: the second brewery's record — not
    # the invite form ("i" of "pivo" taken as a command) nor a filter holding "j".
    console.send("/pivo" + ENTER + "j" + ENTER)
    screen = console.wait_text("Tenant id")
    assert "Brněnský pivovar" in screen
    console.send(ESC)
    console.wait_for(lambda s: "/pivo" in s and "Tenant id" not in s)

    # The form filled field by field with Tab, starting with the key that opens it.
    console.send("n" + "Kemp Pod Hradem" + TAB * 7 + "Jan" + TAB + "Novák" + TAB
                 + "jan@kemp.cz")
    screen = console.wait_for(lambda s: "jan@kemp.cz" in s)
    assert _field(screen, "Company name") == "Kemp Pod Hradem"
    assert _field(screen, "First name") == "Jan"
    assert _field(screen, "Last name") == "Novák"
    assert _field(screen, "E-mail") == "jan@kemp.cz"
    console.send(ESC)
    console.wait_for(lambda s: "/pivo" in s)

    # A command, then keys for the screen it opens: the log's second call, in detail.
    console.send(":log" + ENTER + "j" + ENTER)
    screen = console.wait_text("HTTP status")
    assert "Tenant id" not in screen and "Request id" in screen
    console.send(ESC)
    console.send(ESC)
    console.wait_for(lambda s: "/pivo" in s)
    console.send(":quit" + ENTER)
    assert console.wait_exit() == 0
    assert b"Traceback" not in console.raw


def test_keys_typed_while_the_console_starts_keep_their_enter(console):
    # Typed before the console switched the terminal out of its line mode (the fixture has
    # just started it): the terminal turns that Enter into a line feed, which must still
    # run the command rather than vanish.
    console.send(":subs" + ENTER)
    screen = console.wait_for(lambda s: re.search(r"Subscriptions( \(\d+\))? ·", s) is not None,
                              timeout=60)
    assert ":subs" not in screen  # the command line ran the command and closed
