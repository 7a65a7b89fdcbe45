"""Type-ahead in order: each key is handled after the keys before it took effect.

Textual hands a key from the terminal to whichever widget has the focus *when the app's own
queue reaches it*, but what the key does happens later, in other queues: it travels up from
the focused widget to the app before a binding runs (Tab, ``/``, Enter), ``Widget.focus()``
is itself a callback queued behind the keys already waiting, a pushed screen composes and
takes the focus in its own task, and ``Input.Submitted`` reaches its handler as a message.
Keys that arrive in one read — a paste, password-manager autotype, a burst over a slow SSH
link — are therefore all routed to the widget that had the focus before the first of them
(``Jan<Tab>Novák`` filled only the first name; ``/pivo<Enter>j`` took the ``i`` as "invite").

:class:`KeyGate` holds the keys that arrive while the previous one may still be moving the
focus, and lets the next one through once the current screen and the app are quiet: no
message queued or being handled by any of their nodes, no callback waiting for a refresh.
At that point every consequence of the earlier keys (focus moves, screen pushes and pops,
the filter opening) has happened, so the next key reaches the widget it was typed for.
A key typed alone, after the console went quiet, passes without waiting.

Typing faster than a key's work takes (a filter over 100,000 rows) would make each key wait
for every one before it. A widget whose work a later key replaces anyway (the filter line:
only the last text matters) asks :meth:`KeyGate.edit_follows` whether such a key is already
held, skips its work if so, and leaves it to :meth:`KeyGate.when_drained`, which runs once the
held keys are all through, should no later key have done it.

Keys are only ever delayed, never dropped or reordered. Should some node stay busy for
longer than ``MAX_HOLD_SECONDS`` (it should not: the console's thread does no I/O), the held
key goes through anyway rather than freezing the keyboard.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual._queue import Queue
    from textual.app import App
    from textual.dom import DOMNode
    from textual.message import Message

#: A re-check first just yields to the loop (the work is usually done after one pass) ...
_QUICK_RETRIES = 4
#: ... then waits this long between checks, so a busy node is not polled in a tight loop.
RETRY_SECONDS = 0.004
MAX_HOLD_SECONDS = 2.0

TypedEvent = events.Key | events.Paste

#: Keys that change the text of a line being typed into, besides printable characters.
_EDIT_KEYS = frozenset({"backspace", "delete", "ctrl+h", "ctrl+w", "ctrl+u", "ctrl+k"})


def as_typed(event: TypedEvent) -> TypedEvent:
    """The key the person meant. Enter typed while the console was still starting arrives as
    a line feed (``ctrl+j``): the terminal was still in its line mode, which turns a carriage
    return into a line feed, and ``csp-tui`` then ``:subs`` and Enter typed ahead would lose
    the Enter. As in readline, ``ctrl+j`` is Enter everywhere in the console (nothing binds
    it otherwise)."""
    if isinstance(event, events.Key) and event.key == "ctrl+j":
        return events.Key("enter", "\r")
    return event


def is_typed(event: events.Event) -> bool:
    """A key or paste straight from the terminal (not one bubbling back up to the app)."""
    return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded


def _busy(node: DOMNode) -> bool:
    """Whether a node has work queued, is still starting, or is inside a handler.

    Textual's queue (``textual._queue.Queue``) does not count unfinished messages, so a node is
    taken to be idle only when nothing is queued and its task is parked on the queue's
    ``ready_event``: a task suspended anywhere else is in the middle of handling a message."""
    if node._closed or node._closing or node._task is None:
        return False  # gone, or never started: it will not act on the keys
    queue: Queue[Message | None] = node._message_queue
    # Every node of a screen is a widget, and the app mounts like one: both say is_mounted.
    mounted: bool = getattr(node, "is_mounted", True)
    if node._pending_message is not None or not queue.empty() or not mounted:
        return True
    waiters = getattr(queue.ready_event, "_waiters", None) or ()
    return not any(not waiter.done() for waiter in waiters)


class KeyGate:
    """Holds typed events for an app and hands them on one at a time (see the module doc).

    ``dispatch`` is the app's normal handling of a typed event (``App.on_event``)."""

    def __init__(self, app: App[Any], dispatch: Callable[[TypedEvent], Awaitable[None]], *,
                 unrelated: Callable[[Message], bool] = lambda message: False):
        self._app = app
        self._dispatch = dispatch
        # Messages in the app's queue that no key caused (the back end's events, posted from
        # its thread many times a second during a sync): waiting for them would only slow
        # typing down, they never move the focus.
        self._unrelated = unrelated
        self._held: deque[TypedEvent] = deque()
        self._unsettled = False  # a key went through and its effects were not seen to finish
        self._retry_pending = False
        self._held_since = 0.0
        self._retries = 0
        self._drained: list[Callable[[], None]] = []

    @property
    def holding(self) -> int:
        return len(self._held)

    def edit_follows(self) -> bool:
        """Whether the next held key edits text (a character, a paste, a deletion): typed
        into the same line, it replaces what the current key's text would have shown."""
        event: object | None = self._held[0] if self._held else None
        if event is None:
            # Keys typed during this key's handling wait in the app's queue, not here yet.
            event = next(self._queued_typed(), None)
        if isinstance(event, events.Paste):
            return True
        if not isinstance(event, events.Key):
            return False
        return event.is_printable or event.key in _EDIT_KEYS

    def when_drained(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once every held key has been handed on (see :meth:`_run_drained`)."""
        if callback not in self._drained:
            self._drained.append(callback)

    def _queued_typed(self) -> Iterator[Message]:
        """Typed events waiting in the app's queue, oldest first."""
        waiting: deque[Message | None] = self._app._message_queue.values
        return (message for message in waiting
                if isinstance(message, events.Event) and is_typed(message))

    def _typed_queued(self) -> bool:
        return next(self._queued_typed(), None) is not None

    def _run_drained(self) -> None:
        """After a key went through: once no key is held here or waits in the app's queue,
        the work skipped for keys that followed is done (if no later key did it)."""
        if not self._drained or self._held or self._typed_queued():
            return
        callbacks, self._drained = self._drained, []
        for callback in callbacks:
            callback()

    async def receive(self, event: TypedEvent) -> None:
        """A typed event arrived in the app's queue (called from ``App.on_event``)."""
        if not self._held and (not self._unsettled or self._quiet()):
            await self._pass(event)
            self._run_drained()
            return
        if not self._held:
            self._held_since = time.monotonic()
        self._held.append(event)
        self._schedule_retry()

    async def _pass(self, event: TypedEvent) -> None:
        self._unsettled = True
        await self._dispatch(event)

    def _schedule_retry(self) -> None:
        if self._retry_pending:
            return
        self._retry_pending = True
        if self._retries < _QUICK_RETRIES:
            self._retries += 1
            self._app.call_later(self._retry)
        else:
            self._app.set_timer(RETRY_SECONDS, self._retry)

    async def _retry(self) -> None:
        self._retry_pending = False
        if not self._held:
            return
        if self._app._exit or not self._app.screen_stack:
            self._held.clear()  # the console is closing: nothing is left to type into
            self._drained.clear()
            return
        overdue = time.monotonic() - self._held_since > MAX_HOLD_SECONDS
        if not (overdue or self._quiet()):
            self._schedule_retry()
            return
        self._retries = 0
        event = self._held.popleft()
        self._held_since = time.monotonic()
        await self._pass(event)
        if self._held:
            self._schedule_retry()
        else:
            self._run_drained()

    def _quiet(self) -> bool:
        """Whether everything the keys so far set off has been done."""
        app = self._app
        # The app itself: only typed events may wait in its queue (they come here next); a
        # focus callback, a bubbled key or a posted message means work is still under way.
        # This runs inside the app's task, so the message being handled now is not counted.
        pending = [app._pending_message, *app._message_queue.values]
        if any(message is not None and not is_typed(message) and not self._unrelated(message)
               for message in pending):
            return False
        try:
            screen = app.screen
        except Exception:  # no screen yet, or shutting down: nothing to wait for
            return True
        if screen._callbacks:  # e.g. a focus change waiting for the next refresh
            return False
        for node in screen.walk_children(with_self=True):
            if _busy(node):
                return False
        self._unsettled = False
        return True
