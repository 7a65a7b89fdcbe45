"""``csp-tui sync``'s progress: a Rich bar with the count and the time left on a terminal,
the one-line log form in a pipe or a file."""

from __future__ import annotations

import io
import re

from csp_tui.cli.sync_progress import SyncProgressView
from csp_tui.services import events

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _feed(view: SyncProgressView) -> None:
    for done in (0, 1, 2, 3):
        view.publish(events.SyncProgress(run_id=1, phase="customers", done=done, total=None))
    for done in range(0, 121):
        view.publish(events.SyncProgress(run_id=1, phase="details", done=done, total=120))
    view.publish(events.SyncFinished(run_id=1, kind="full", ok=True, error=None))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_with_the_count_and_the_time_left(
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TERM", "xterm-256color")
    stream = Terminal()
    view = SyncProgressView(stream)
    _feed(view)
    view.close()  # a second close is harmless
    shown = ANSI.sub("", stream.getvalue())
    last = [line for line in shown.replace("\r", "\n").splitlines() if line.strip()][-1]
    assert last.startswith("Reading customers")
    assert "━" in last  # the bar
    assert "120/120" in last
    # Elapsed and remaining time (the ETA): two clock readings after the count.
    assert len(re.findall(r"\d+:\d\d:\d\d", last.split("120/120")[1])) == 2
    assert "Listing customers" in shown
    assert "Reading customers 50/120" not in shown  # not the log form


def test_a_pipe_gets_one_line_every_fifty_customers_and_the_last() -> None:
    stream = io.StringIO()
    view = SyncProgressView(stream)
    _feed(view)
    lines = stream.getvalue().splitlines()
    assert lines == ["Listing customers… 0", "Reading customers 0/120",
                     "Reading customers 50/120", "Reading customers 100/120",
                     "Reading customers 120/120"]
    assert "\x1b" not in stream.getvalue() and "\r" not in stream.getvalue()


def test_quiet_shows_nothing(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TERM", "xterm-256color")
    stream = Terminal()
    view = SyncProgressView(stream, quiet=True)
    _feed(view)
    assert stream.getvalue() == ""


def test_a_dumb_terminal_gets_the_log_form(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TERM", "dumb")
    stream = Terminal()
    _feed(SyncProgressView(stream))
    assert "Reading customers 100/120" in stream.getvalue().splitlines()
    assert "\x1b" not in stream.getvalue()
