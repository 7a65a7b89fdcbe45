"""SIGTERM and SIGHUP end csp-tui the way quitting does, not the way a kill does.

By default both end the process on the spot: the console leaves the terminal in the
alternate screen with mouse tracking on, the cursor hidden and echo off, and a sync leaves
its run ``running``. Handled on the event loop instead, they become an orderly exit: the
console quits (Textual restores the terminal, the worker marks the run interrupted), a
headless command is cancelled (the run is marked interrupted before it ends).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable

#: The signals that mean "stop now, cleanly": kill, logout, the SSH connection dropping.
ENDING_SIGNALS = tuple(sig for sig in (getattr(signal, "SIGTERM", None),
                                       getattr(signal, "SIGHUP", None)) if sig is not None)


def exit_code(signum: int) -> int:
    """The shell's convention for "ended by signal N"."""
    return 128 + signum


def on_ending_signals(loop: asyncio.AbstractEventLoop, callback: Callable[[int], None]) -> None:
    """Call ``callback(signum)`` on the loop when an ending signal arrives (once handled, the
    process is no longer killed by it)."""
    for sig in ENDING_SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, callback, int(sig))


def cancel_on_ending_signals(task: asyncio.Task) -> list[int]:
    """Cancel ``task`` when an ending signal arrives; the returned list gets the signal."""
    received: list[int] = []

    def cancel(signum: int) -> None:
        received.append(signum)
        task.cancel()

    on_ending_signals(asyncio.get_running_loop(), cancel)
    return received
