"""One customer: what the tenant pane shows, the parts the last sync could not read, and whole
records (every column, literally) for the detail screens."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from csp_tui.db.reads import record


@dataclass(frozen=True, slots=True)
class RelationshipView:
    partner_id: str
    name: str
    relationship_type: str
    mpn_id: str | None


@dataclass(frozen=True, slots=True)
class QualificationView:
    qualification: str
    vetting_status: str | None
    vetting_reason: str | None
    vetting_created_at: str | None


@dataclass(frozen=True, slots=True)
class PartView:
    """How the last read of one part of a customer went (``customer_parts``)."""

    part: str  # customer | subscriptions | entitlements | qualifications | relationships
    state: str  # ok | refused | missing | failed
    read_at: str
    last_ok_at: str | None = None  # the last complete read; None: never
    status: int | None = None
    code: str | None = None
    message: str | None = None  # Partner Center's words (remote text)

    @property
    def ok(self) -> bool:
        return self.state == "ok"


@dataclass(frozen=True, slots=True)
class CustomerDetailView:
    """What the tenant pane shows for one customer."""

    id: str
    company_name: str
    primary_domain: str
    initial_domain: str | None
    other_domains: tuple[str, ...]
    relationship: str
    relationships: tuple[RelationshipView, ...]
    allow_delegated_access: bool | None
    qualifications: tuple[QualificationView, ...]
    subscription_count: int
    entitlement_count: int
    attention: int
    attention_reason: str | None
    email: str | None
    city: str | None
    country: str | None
    detail_synced_at: str | None
    listed_at: str
    #: Set while a tenant created here waits for Partner Center to list it.
    created_pending_at: str | None = None
    #: The parts the last sync could not read (their rows are from an earlier read, if any).
    stale_parts: tuple[PartView, ...] = ()
    #: What the customer's subscriptions list holds now, counted from the same rows: every
    #: subscription whatever its status, and of them the expired (or disabled) and the
    #: cancelled ones. ``subscription_count`` is the sync's count, without the cancelled.
    subscriptions_listed: int = 0
    subscriptions_expired: int = 0
    subscriptions_cancelled: int = 0


def customer_detail(db: sqlite3.Connection, id: str) -> CustomerDetailView | None:
    """The tenant pane's data for one listed customer, or None (unknown or removed)."""
    conn = db
    row = conn.execute(
        "SELECT id, company_name, primary_domain, relationship, allow_delegated_access, "
        "subscription_count, attention, attention_reason, email, city, country, "
        "detail_synced_at, listed_at, created_pending_at FROM customers "
        "WHERE id = ? AND removed_at IS NULL",
        (id,),
    ).fetchone()
    if row is None:
        return None
    domains = conn.execute(
        "SELECT domain, is_initial FROM domains WHERE customer_id = ? "
        "ORDER BY is_initial DESC, domain", (id,),
    ).fetchall()
    initial = next((domain for domain, is_initial in domains if is_initial), None)
    if initial is None and row[2].endswith(".onmicrosoft.com"):
        initial = row[2]
    others = tuple(domain for domain, _ in domains if domain != initial)
    relationships = tuple(
        RelationshipView(*rel) for rel in conn.execute(
            "SELECT partner_id, name, relationship_type, mpn_id FROM customer_relationships "
            "WHERE customer_id = ? ORDER BY relationship_type, name, partner_id", (id,),
        )
    )
    qualifications = tuple(
        QualificationView(*q) for q in conn.execute(
            "SELECT qualification, vetting_status, vetting_reason, vetting_created_at "
            "FROM qualifications WHERE customer_id = ? ORDER BY qualification", (id,),
        )
    )
    entitlements = conn.execute(
        "SELECT count(*) FROM entitlements WHERE customer_id = ?", (id,)).fetchone()[0]
    listed, expired, cancelled = conn.execute(
        "SELECT count(*), IFNULL(sum(status IN ('expired', 'disabled')), 0), "
        "IFNULL(sum(status = 'deleted'), 0) FROM subscriptions WHERE customer_id = ?", (id,),
    ).fetchone()
    delegated = None if row[4] is None else bool(row[4])
    return CustomerDetailView(
        id=row[0], company_name=row[1], primary_domain=row[2], initial_domain=initial,
        other_domains=others, relationship=row[3], relationships=relationships,
        allow_delegated_access=delegated, qualifications=qualifications,
        subscription_count=row[5], entitlement_count=int(entitlements), attention=row[6],
        attention_reason=row[7], email=row[8], city=row[9], country=row[10],
        detail_synced_at=row[11], listed_at=row[12], created_pending_at=row[13],
        stale_parts=tuple(stale_parts(db, id)), subscriptions_listed=int(listed),
        subscriptions_expired=int(expired), subscriptions_cancelled=int(cancelled),
    )


_PART_ORDER = ("customer", "subscriptions", "entitlements", "qualifications", "relationships")


def stale_parts(db: sqlite3.Connection, customer_id: str,
                parts: Sequence[str] | None = None) -> list[PartView]:
    """The parts of one customer the last sync could not read (all, or only ``parts``), in
    the order the panes show them."""
    rows = db.execute(
        "SELECT part, state, read_at, last_ok_at, status, code, message FROM customer_parts "
        "WHERE customer_id = ? AND state != 'ok'", (customer_id,),
    ).fetchall()
    found = [PartView(*row) for row in rows if parts is None or row[0] in parts]
    return sorted(found, key=lambda view: (_PART_ORDER.index(view.part)
                                           if view.part in _PART_ORDER else len(_PART_ORDER),
                                           view.part))


def customer_record(db: sqlite3.Connection, id: str) -> dict[str, Any] | None:
    return record(db, "SELECT * FROM customers WHERE id = ?", (id,))


def subscription_record(db: sqlite3.Connection, id: str, *,
                        customer_id: str | None = None) -> dict[str, Any] | None:
    """A subscription's row, or a perpetual licence's row from entitlements (same key space).

    Subscriptions are keyed by (customer, id): the same id may come back under two customers,
    so a screen that knows whose row the person selected passes ``customer_id`` and gets that
    row, never the other customer's."""
    conn = db
    if customer_id is None:
        return (record(conn, "SELECT * FROM subscriptions WHERE id = ?", (id,))
                or record(conn, "SELECT * FROM entitlements WHERE id = ?", (id,)))
    owner = (customer_id.lower(),)
    return (record(conn, "SELECT * FROM subscriptions WHERE id = ? AND customer_id = ?",
                    (id, *owner))
            or record(conn, "SELECT * FROM entitlements WHERE id = ? AND customer_id = ?",
                       (id, *owner)))
