"""Following a change queued in the outbox, from the screen that queued it.

The subscription changes and the Education request are queued the same way and followed the
same way: the app announces the outcome of every entry (a refusal explained in words), so
following only keeps a worker alive until the entry is sent. A screen that shows a
subscription's waiting changes (:class:`ShowsQueuedChanges`) is reloaded at once when one is
queued, so it never shows the list without it.
"""

from __future__ import annotations

import asyncio
import contextlib

from textual.worker import Worker

from csp_tui.services import events as ev
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxState
from csp_tui.tui.console import Console

_FINISHED = (OutboxState.DONE, OutboxState.FAILED, OutboxState.NEEDS_ATTENTION)


class ShowsQueuedChanges:
    """Mixin of a screen that lists a subscription's waiting changes."""

    def load(self) -> None:
        """Read again what the screen shows."""


def reload_queued_views(console: Console) -> None:
    """Screens under the dialogs show the change just queued as waiting."""
    for screen in console.screen_stack:
        if isinstance(screen, ShowsQueuedChanges) and screen.is_mounted:
            screen.load()


def follow_outbox(console: Console, entry_id: str) -> Worker[None]:
    """Wait (without blocking the console) until the entry is sent. The app announces the
    outcome of every entry (a refusal explained in words, see ``explain_entry``) — also of
    entries queued elsewhere — so this only keeps the worker alive until then."""

    async def follow() -> None:
        loop = asyncio.get_running_loop()
        finished = asyncio.Event()

        def on_event(event: ev.Event) -> None:
            # Called by the back end from its own thread: only hand over to our loop.
            if (isinstance(event, ev.OutboxUpdated) and event.entry_id == entry_id
                    and event.state in {state.value for state in _FINISHED}):
                with contextlib.suppress(RuntimeError):  # the console is closing
                    loop.call_soon_threadsafe(finished.set)

        unsubscribe = console.backend.subscribe(on_event)
        try:
            entry = outbox.get(console.backend.state, entry_id)
            if entry is not None and entry.state not in _FINISHED:
                await finished.wait()
        finally:
            unsubscribe()

    return console.run_worker(follow(), group=f"outbox-follow-{entry_id}",
                              exit_on_error=False)
