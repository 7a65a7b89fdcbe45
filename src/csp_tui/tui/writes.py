"""How the console writes: it asks the back end's writer and awaits the answer off its thread.

The console's loop only reads (a write may wait seconds for another process's lock). A write
is a function of a ``WriteSession`` run by ``backend.write``; the follow-up that changes the
screen (a notification, a marker, the next screen) runs on the console's loop when the write
is done. The follow-up is an app worker, not a screen's, so a screen that closes right after
asking (a draft saved on ``esc``) still has its write reported.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Protocol, TypeVar

from textual.worker import Worker

from csp_tui.services.writer import WriteSession
from csp_tui.tui.backend import ConsoleBackend

T = TypeVar("T")

log = logging.getLogger(__name__)

#: The worker group of the console's writes (tests wait for it).
GROUP = "console-write"


class WritingApp(Protocol):
    """What a write needs of the console: its back end and a place to await the answer."""

    @property
    def backend(self) -> ConsoleBackend: ...

    def run_worker(self, work: Coroutine[Any, Any, None], *, group: str,
                   exit_on_error: bool) -> Worker[None]: ...


def write_then(
    app: WritingApp,
    work: Callable[[WriteSession], T],
    done: Callable[[T], object] | None = None,
    failed: Callable[[Exception], object] | None = None,
) -> Worker[None]:
    """Run ``work`` on the back end's writer; then ``done(result)`` or ``failed(error)`` on the
    console's loop (without ``failed`` an error is logged: nothing a person could act on). An
    error ``failed`` raises again is a bug and ends the console, as it did when written here."""
    future = app.backend.write(work)

    async def settle() -> None:
        try:
            result = await asyncio.wrap_future(future)
        except Exception as exc:
            if failed is None:
                log.exception("a write of the console failed")
            else:
                failed(exc)
            return
        if done is not None:
            done(result)

    return app.run_worker(settle(), group=GROUP, exit_on_error=True)
