"""Textual messages the console passes around.

Back-end events arrive from asyncio tasks (or threads) as :class:`BackendEvent`; posting a
message is thread-safe, and the handlers on the app own every change to widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from csp_tui.services.events import Event  # events arrive after the first frame


class BackendEvent(Message):
    """One event from the sync worker or the outbox."""

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event


class CustomerSelected(Message):
    """The customer under the cursor of the customers list changed (None: list empty)."""

    def __init__(self, customer_id: str | None) -> None:
        super().__init__()
        self.customer_id = customer_id
