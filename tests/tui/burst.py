"""Keys that arrive in one burst, as from a paste, password-manager autotype or a slow link.

``pilot.press`` waits for the app to go idle after every key, which hides any ordering bug;
here every key is handed to the driver at once, before the app handles the first one."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.keys import _character_to_key

# Control characters as a terminal sends them (everything else is named by Textual).
_CONTROL = {"\t": "tab", "\r": "enter", "\x1b": "escape"}


def key_event(part: str) -> events.Key:
    """One key from a character or a Textual key name in angle brackets (``<shift+tab>``)."""
    if part.startswith("<") and part.endswith(">") and len(part) > 2:
        return events.Key(part[1:-1], None)
    if part in _CONTROL:
        return events.Key(_CONTROL[part], part if part == "\t" else None)
    name = part if part.isalnum() else _character_to_key(part)
    return events.Key(name, part)


def split(burst: str) -> list[str]:
    parts: list[str] = []
    index = 0
    while index < len(burst):
        if burst[index] == "<" and ">" in burst[index + 1:]:
            end = burst.index(">", index)
            parts.append(burst[index:end + 1])
            index = end + 1
        else:
            parts.append(burst[index])
            index += 1
    return parts


def send_burst(app: Any, burst: str) -> None:
    """Queue every key of ``burst`` in the app at once, without letting it run in between."""
    for part in split(burst):
        event = key_event(part)
        event.set_sender(app)
        app.post_message(event)  # straight into the app's queue, in order, all at once


async def typed(pilot: Any) -> None:
    """Wait until the app has handed on every key of the bursts sent so far, and settled."""
    from csp_tui.tui.typeahead import is_typed

    from .waiting import wait_for

    app = pilot.app

    def handed_on() -> bool:
        waiting = [app._pending_message, *app._message_queue.values]
        return app.key_gate.holding == 0 and not any(
            message is not None and is_typed(message) for message in waiting)

    # A burst that opens a screen waits for its first import and for the writer thread: a
    # loaded machine takes seconds, a hang never ends — the bound only tells them apart.
    await wait_for(pilot, handed_on, timeout=30.0)
    await pilot.pause()
