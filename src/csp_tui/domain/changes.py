"""What a sync found that a person cares about: one business change.

A plain record: the cache's writers compute changes against the rows they replace and store
them (``sync_events``); the workers publish them (``services/events.py``); the console and the
CLI word them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    """One business change a sync found (also stored in sync_events)."""

    kind: str  # customer_added | customer_removed | subscription_added | quantity_changed |
    #            status_changed | auto_renew_changed | invitation_accepted | qualification_changed
    customer_id: str | None
    subscription_id: str | None = None
    detail: dict[str, object] = field(default_factory=dict)
