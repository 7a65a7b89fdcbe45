"""What ``csp-tui sync`` shows while it runs, on stderr.

On a terminal, a Rich progress bar with the count and the time left (ETA): first the customer
listing (its length unknown until the last page, so the bar pulses), then the customers read.
Into a pipe or a file (cron, `2>sync.log`), the one-line form: a line every 50 customers and
at the end, so a log keeps the progress without a line per customer or any redrawing.
"""

from __future__ import annotations

import os
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from csp_tui.i18n import t
from csp_tui.services import events

#: In a log, one line per this many customers (and the last one).
LOG_EVERY = 50


class SyncProgressView:
    """Turns the sync's events into a progress bar (terminal) or log lines (anything else)."""

    def __init__(self, stream: TextIO, *, quiet: bool = False,
                 terminal: bool | None = None) -> None:
        self._stream = stream
        self._quiet = quiet
        if terminal is None:
            # A dumb terminal (Emacs shell, some CI consoles) cannot redraw a bar in place.
            terminal = stream.isatty() and os.environ.get("TERM", "") != "dumb"
        self._terminal = terminal
        self._progress: Progress | None = None
        self._tasks: dict[str, TaskID] = {}

    def _bar(self) -> Progress:
        if self._progress is None:
            console = Console(file=self._stream, force_terminal=True, highlight=False)
            self._progress = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), TimeRemainingColumn(), console=console,
                # Redrawn ten times a second on its own thread: a slow customer still shows
                # the time passing.
                auto_refresh=True, transient=False,
            )
            self._progress.start()
        return self._progress

    def publish(self, event: events.Event) -> None:
        if self._quiet:
            return
        if isinstance(event, events.SyncProgress):
            if self._terminal:
                self._show_bar(event)
            else:
                self._log_line(event)
        elif isinstance(event, events.SyncFinished):
            self.close()

    def _show_bar(self, event: events.SyncProgress) -> None:
        progress = self._bar()
        task = self._tasks.get(event.phase)
        if task is None:
            description = (t("cli_output.sync.listing") if event.phase == "customers"
                           else t("cli_output.sync.details"))
            task = progress.add_task(description, total=event.total)
            self._tasks[event.phase] = task
            if event.phase != "customers" and "customers" in self._tasks:
                # The listing is over once the customers are read: its bar ends full.
                listing = self._tasks["customers"]
                done = progress.tasks[listing].completed
                progress.update(listing, total=done, completed=done)
        progress.update(task, completed=event.done, total=event.total)

    def _log_line(self, event: events.SyncProgress) -> None:
        if event.phase == "customers":
            text = t("sync.progress.listing", done=event.done)
        else:
            text = t("sync.progress.details", done=event.done, total=event.total or "?")
        if event.done % LOG_EVERY == 0 or event.done == event.total:
            print(text, file=self._stream)

    def close(self) -> None:
        """Draw the bar's last state and give the terminal back (idempotent)."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
