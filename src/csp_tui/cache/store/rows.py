"""What the sync worker hands the store: plain records, not wire models (the worker converts,
the store stays independent of the REST client)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The parts of one customer, each read on its own (``customer_parts.part``): "customer" is the
# customer record with its domains; "seats" the licence pools (subscribedskus).
PARTS = ("customer", "subscriptions", "entitlements", "qualifications", "relationships",
         "seats")


# ``customer_parts.state``: read whole, refused (403), not offered (404 on the part's route
# while the customer is readable), or still failing after the client's retries.
PART_STATES = ("ok", "refused", "missing", "failed")


@dataclass
class CustomerRow:
    """One customer as a listing page shows it (the thin list item)."""

    id: str
    company_name: str
    primary_domain: str
    relationship: str
    associated_partner_id: str | None = None
    raw_json: str | None = None


@dataclass(frozen=True)
class PartRead:
    """How reading one part of a customer went (see :data:`PART_STATES`); for a part that was
    not read, Partner Center's HTTP status, error code and words (remote text)."""

    state: str = "ok"
    status: int | None = None
    code: str | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.state == "ok"


@dataclass
class CustomerDetail:
    """Everything read for one customer; written in one transaction."""

    customer_id: str
    customer: dict[str, Any] | None
    domains: list[tuple[str, bool]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    subscriptions: list[dict[str, Any]] = field(default_factory=list)
    entitlements: list[dict[str, Any]] = field(default_factory=list)
    qualifications: list[dict[str, Any]] = field(default_factory=list)
    # Licence pools (subscribedskus): seats bought and assigned, per SKU.
    seats: list[dict[str, Any]] = field(default_factory=list)
    # Parts that could not be read (e.g. {"relationships"} after a 403): their tables keep what
    # they had for this customer.
    partial: frozenset[str] = frozenset()
    # How each part's read went (keys from PARTS), recorded in ``customer_parts``; empty when
    # the caller does not say (then nothing is recorded).
    parts: dict[str, PartRead] = field(default_factory=dict)
    # Items left out because they could not be read or stored, one line each; the writer adds
    # the ones SQLite refused.
    skipped: list[str] = field(default_factory=list)
