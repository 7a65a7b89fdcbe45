"""Writes done by the sync worker: customer pages, customer details, runs and their events.

Every unit (a listing page, one customer's details) is one transaction, so a killed process
leaves whole units behind and the next run can finish the job. Changes a person cares about
(a new customer, a seat count that moved) are computed here, against the rows being replaced,
and recorded in ``sync_events`` inside the same transaction as the rows themselves.

The functions take plain dicts/dataclasses rather than wire models: the worker converts, the
store stays independent of the REST client.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from csp_tui.db import Transaction
from csp_tui.domain.text import czech_sort_key, fold
from csp_tui.services.events import Change
from csp_tui.timestamps import parse_timestamp, utcnow

# An active subscription ending within this window with auto-renew off will expire.
EXPIRY_WARNING = timedelta(days=7)
# Statuses after which a subscription no longer needs a decision.
_FINISHED_STATUSES = frozenset({"deleted", "expired", "disabled", "cancelled"})
# attention_reason is the most urgent reason; this is the order of urgency.
ATTENTION_REASONS = ("suspended", "expiring", "qual_denied", "in_window")

# A tenant this console created is shown at once, marked ``created_pending_at``, while
# Partner Center does not list it yet (usually a few minutes). A complete listing inside this
# window that lacks it does not mark it removed; one after it does (the creation never
# surfaced, so the row would otherwise stay forever).
CREATED_PENDING_WINDOW = timedelta(hours=24)

# The parts of one customer, each read on its own (``customer_parts.part``): "customer" is the
# customer record with its domains.
PARTS = ("customer", "subscriptions", "entitlements", "qualifications", "relationships")
# ``customer_parts.state``: read whole, refused (403), not offered (404 on the part's route
# while the customer is readable), or still failing after the client's retries.
PART_STATES = ("ok", "refused", "missing", "failed")

# meta key: set when a customer listing completed, so later listings can tell "new customer"
# from "the cache is being filled for the first time".
_COMPLETE_LISTING_KEY = "last_complete_listing_at"


# -- rows handed in by the sync worker -------------------------------------------------------


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
    # Parts that could not be read (e.g. {"relationships"} after a 403): their tables keep what
    # they had for this customer.
    partial: frozenset[str] = frozenset()
    # How each part's read went (keys from PARTS), recorded in ``customer_parts``; empty when
    # the caller does not say (then nothing is recorded).
    parts: dict[str, PartRead] = field(default_factory=dict)
    # Items left out because they could not be read or stored, one line each; the writer adds
    # the ones SQLite refused.
    skipped: list[str] = field(default_factory=list)


_SUBSCRIPTION_DEFAULTS: dict[str, Any] = {
    "offer_id": "",
    "offer_name": "",
    "friendly_name": "",
    "product_type": "",
    "kind": "online",
    "quantity": 0,
    "unit_type": None,
    "status": "unknown",
    "term_duration": None,
    "billing_cycle": None,
    "auto_renew": None,
    "is_trial": 0,
    "creation_date": None,
    "effective_start_date": None,
    "commitment_end_date": None,
    "cancellation_allowed_until": None,
    "refundable_quantity": None,
    "refundable_until": None,
    "partner_id": None,
    "etag": None,
    "raw_json": None,
}

_ENTITLEMENT_DEFAULTS: dict[str, Any] = {
    "product_id": "",
    "sku_id": "",
    "product_name": "",
    "quantity": 0,
    "entitlement_type": "software",
    "order_id": None,
    "purchase_date": None,
    "expiry_date": None,
    "raw_json": None,
}

_CUSTOMER_DETAIL_FIELDS = (
    "company_name", "primary_domain", "allow_delegated_access", "email", "city", "country",
    "culture", "associated_partner_id", "raw_json",
)


# -- time ------------------------------------------------------------------------------------


def _now(now: str | None) -> str:
    return now if now is not None else utcnow()


# -- sync runs -------------------------------------------------------------------------------


def start_run(db: sqlite_utils.Database, kind: str, *, now: str | None = None) -> int:
    """A new ``sync_runs`` row in status ``running``; returns its id."""
    with Transaction(db) as conn:
        cursor = conn.execute(
            "INSERT INTO sync_runs(kind, started_at, status) VALUES (?, ?, 'running')",
            (kind, _now(now)),
        )
        return int(cursor.lastrowid or 0)


def finish_run(
    db: sqlite_utils.Database,
    run_id: int,
    status: str,
    *,
    error: str | None = None,
    customers_listed: int = 0,
    customers_done: int = 0,
    requests: int = 0,
    throttled: int = 0,
    now: str | None = None,
) -> None:
    with Transaction(db) as conn:
        conn.execute(
            "UPDATE sync_runs SET status = ?, finished_at = ?, error = ?, customers_listed = ?, "
            "customers_done = ?, requests = ?, throttled = ? WHERE id = ?",
            (status, _now(now), error, customers_listed, customers_done, requests, throttled,
             run_id),
        )


def interrupted_runs(db: sqlite_utils.Database) -> list[int]:
    """Runs still marked ``running``: left behind by a process that was killed."""
    rows = db.conn.execute("SELECT id FROM sync_runs WHERE status = 'running' ORDER BY id")
    return [int(row[0]) for row in rows.fetchall()]


def mark_interrupted(db: sqlite_utils.Database, *, now: str | None = None) -> int:
    """Close every run left ``running`` as ``interrupted``; returns how many there were."""
    with Transaction(db) as conn:
        cursor = conn.execute(
            "UPDATE sync_runs SET status = 'interrupted', finished_at = ? "
            "WHERE status = 'running'",
            (_now(now),),
        )
        return cursor.rowcount


# -- events ----------------------------------------------------------------------------------


def _insert_events(conn: sqlite3.Connection, run_id: int, changes: Iterable[Change],
                   at: str) -> None:
    conn.executemany(
        "INSERT INTO sync_events(run_id, at, kind, customer_id, subscription_id, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (run_id, at, change.kind, change.customer_id, change.subscription_id,
             json.dumps(change.detail, ensure_ascii=False, sort_keys=True))
            for change in changes
        ],
    )


def record_events(db: sqlite_utils.Database, run_id: int, changes: Iterable[Change], *,
                  now: str | None = None) -> None:
    """Record changes found outside the store's own writes (e.g. an accepted invitation)."""
    changes = list(changes)
    if not changes:
        return
    with Transaction(db) as conn:
        _insert_events(conn, run_id, changes, _now(now))


def events_for_run(db: sqlite_utils.Database, run_id: int) -> list[Change]:
    """The changes recorded for one run, in the order they were recorded."""
    rows = db.conn.execute(
        "SELECT kind, customer_id, subscription_id, detail FROM sync_events "
        "WHERE run_id = ? ORDER BY id",
        (run_id,),
    ).fetchall()
    return [
        Change(kind=kind, customer_id=customer_id, subscription_id=subscription_id,
               detail=json.loads(detail) if detail else {})
        for kind, customer_id, subscription_id, detail in rows
    ]


# -- the customer search text ----------------------------------------------------------------


def search_fold(company_name: str, primary_domain: str, domains: Iterable[str],
                customer_id: str) -> str:
    """What the customer filter searches, folded: the name, the primary domain, every other
    domain of the tenant and the tenant id, one per line (a needle never spans two).

    Written with every change to a customer's name, domain or domains (``customers.search_fold``;
    the schema's migration 2 fills it the same way for a cache written before it existed)."""
    primary = fold(primary_domain)
    others = sorted({fold(domain) for domain in domains} - {primary})
    return "\n".join([fold(company_name), primary, *others, customer_id.lower()])


def subscription_search_fold(product_fold: str, customer_fold: str) -> str:
    """What the filter over every customer's subscriptions searches: the subscription's
    folded product name and its customer's folded name, one per line (a needle without a
    line break then matches exactly when it matches one of the two).

    Written with every subscription and rewritten when the customer's name changes
    (``subscriptions.search_fold``; the schema's migration 3 fills it the same way)."""
    return f"{product_fold}\n{customer_fold}"


def _refresh_search_fold(conn: sqlite3.Connection, customer_id: str) -> None:
    """Recompute one customer's search text, and its subscriptions', from what its rows
    hold now."""
    row = conn.execute("SELECT company_name, primary_domain, name_fold FROM customers "
                       "WHERE id = ?", (customer_id,)).fetchone()
    if row is None:
        return
    domains = [domain for (domain,) in conn.execute(
        "SELECT domain FROM domains WHERE customer_id = ?", (customer_id,))]
    conn.execute("UPDATE customers SET search_fold = ? WHERE id = ?",
                 (search_fold(row[0], row[1], domains, customer_id), customer_id))
    # Only rows whose text differs are written: a listing that renames nobody rewrites nothing.
    conn.execute(
        "UPDATE subscriptions SET search_fold = name_fold || char(10) || ? "
        "WHERE customer_id = ? AND search_fold != name_fold || char(10) || ?",
        (row[2], customer_id, row[2]))


# -- customer listing ------------------------------------------------------------------------


def _had_complete_listing(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM meta WHERE key = ?", (_COMPLETE_LISTING_KEY,)).fetchone()
    return row is not None


def had_complete_listing(db: sqlite_utils.Database) -> bool:
    """Whether a customer listing ever completed into this cache (else the next sync is its
    first fill)."""
    return _had_complete_listing(db.conn)


def content_counts(db: sqlite_utils.Database, customer_id: str | None = None) -> dict[str, int]:
    """How many listed customers, subscriptions and perpetual licences the cache holds (of one
    customer, or of all): what a first sync says it added."""
    where, params = "c.removed_at IS NULL", ()
    if customer_id is not None:
        where, params = where + " AND c.id = ?", (customer_id.lower(),)
    conn = db.conn
    customers = conn.execute(f"SELECT count(*) FROM customers AS c WHERE {where}",
                             params).fetchone()[0]
    subscriptions = conn.execute(
        f"SELECT count(*) FROM subscriptions AS s JOIN customers AS c ON c.id = s.customer_id "
        f"WHERE {where}", params).fetchone()[0]
    perpetual = conn.execute(
        f"SELECT count(*) FROM entitlements AS e JOIN customers AS c ON c.id = e.customer_id "
        f"WHERE {where}", params).fetchone()[0]
    return {"customers": int(customers), "subscriptions": int(subscriptions),
            "perpetual": int(perpetual)}


def created_pending_at(db: sqlite_utils.Database, customer_id: str) -> str | None:
    """When this console created the customer, while Partner Center does not list it yet."""
    row = db.conn.execute("SELECT created_pending_at FROM customers WHERE id = ? "
                          "AND removed_at IS NULL", (customer_id.lower(),)).fetchone()
    return row[0] if row else None


def upsert_customer_page(db: sqlite_utils.Database, rows: list[CustomerRow], *, run_id: int,
                         now: str | None = None) -> list[Change]:
    """Write one listing page (one transaction).

    ``customer_added`` is reported only once the cache has seen a complete listing: the first
    sync of an empty cache fills it silently instead of announcing every customer as new. A
    customer that was marked removed and is listed again is reported as added, with
    ``detail["returned"] = True``.
    """
    at = _now(now)
    changes: list[Change] = []
    with Transaction(db) as conn:
        announce = _had_complete_listing(conn)
        for row in rows:
            customer_id = row.id.lower()
            name = row.company_name or ""
            domain = (row.primary_domain or "").lower()
            previous = conn.execute(
                "SELECT removed_at FROM customers WHERE id = ?",
                (customer_id,),
            ).fetchone()
            if previous is None:
                # A new customer has no domains yet (they come with its details).
                conn.execute(
                    "INSERT INTO customers(id, company_name, name_fold, sort_key, primary_domain,"
                    " domain_fold, relationship, associated_partner_id, first_seen_at, listed_at,"
                    " raw_json, search_fold) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (customer_id, name, fold(name), czech_sort_key(name), domain, fold(domain),
                     row.relationship or "unknown", row.associated_partner_id, at, at,
                     row.raw_json, search_fold(name, domain, (), customer_id)),
                )
                if announce:
                    changes.append(Change("customer_added", customer_id,
                                          detail={"company_name": name, "domain": domain}))
                continue
            removed_at = previous[0]
            conn.execute(
                "UPDATE customers SET company_name = ?, name_fold = ?, sort_key = ?, "
                "primary_domain = ?, domain_fold = ?, relationship = ?, "
                "associated_partner_id = coalesce(?, associated_partner_id), "
                # The detail read stores the full record; a thin list item must not replace it.
                "raw_json = CASE WHEN detail_synced_at IS NULL THEN ? ELSE raw_json END, "
                # Listed: Partner Center knows it now, so a "created, waiting" mark ends.
                "listed_at = ?, removed_at = NULL, created_pending_at = NULL WHERE id = ?",
                (name, fold(name), czech_sort_key(name), domain, fold(domain),
                 row.relationship or "unknown", row.associated_partner_id, row.raw_json,
                 at, customer_id),
            )
            _refresh_search_fold(conn, customer_id)
            if removed_at is not None and announce:
                changes.append(Change("customer_added", customer_id,
                                      detail={"company_name": name, "domain": domain,
                                              "returned": True}))
        _insert_events(conn, run_id, changes, at)
    return changes


def mark_missing_removed(db: sqlite_utils.Database, listed_ids: set[str], *, run_id: int,
                         now: str | None = None) -> list[Change]:
    """After a *complete* listing: customers it did not include are marked removed (rows are
    kept, the views hide them). Also remembers that a complete listing happened."""
    at = _now(now)
    listed = {customer_id.lower() for customer_id in listed_ids}
    changes: list[Change] = []
    with Transaction(db) as conn:
        present = conn.execute(
            "SELECT id, company_name, primary_domain, created_pending_at FROM customers "
            "WHERE removed_at IS NULL ORDER BY sort_key, id"
        ).fetchall()
        moment = parse_timestamp(at) or datetime.now(UTC)
        for customer_id, name, domain, created_pending_at in present:
            if customer_id in listed:
                continue
            created = parse_timestamp(created_pending_at)
            if created is not None and moment - created < CREATED_PENDING_WINDOW:
                continue  # created here, not listed by Partner Center yet: keep waiting
            conn.execute("UPDATE customers SET removed_at = ? WHERE id = ?", (at, customer_id))
            changes.append(Change("customer_removed", customer_id,
                                  detail={"company_name": name, "domain": domain}))
        conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (_COMPLETE_LISTING_KEY, at)
        )
        _insert_events(conn, run_id, changes, at)
    return changes


# -- customer detail -------------------------------------------------------------------------


def _bool_int(value: Any) -> int | None:
    if value is None:
        return None
    return 1 if bool(value) else 0


def _subscription_values(sub: dict[str, Any], customer_id: str, at: str) -> dict[str, Any]:
    values = {key: sub.get(key, default) for key, default in _SUBSCRIPTION_DEFAULTS.items()}
    for key in ("offer_id", "offer_name", "friendly_name", "product_type"):
        values[key] = values[key] or ""
    values["id"] = str(sub["id"]).lower()
    values["customer_id"] = customer_id
    values["status"] = str(values["status"] or "unknown").lower()
    values["kind"] = values["kind"] or "online"
    values["quantity"] = int(values["quantity"] or 0)
    values["auto_renew"] = _bool_int(values["auto_renew"])
    values["is_trial"] = _bool_int(values["is_trial"]) or 0
    values["name_fold"] = fold(f"{values['offer_name']} {values['friendly_name']}".strip())
    values["sort_key"] = czech_sort_key(values["offer_name"] or values["friendly_name"])
    values["synced_at"] = at
    return values


def _insert_row(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> None:
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f"INSERT OR REPLACE INTO {table}({columns}) VALUES ({marks})",
                 list(values.values()))


def _subscription_changes(customer_id: str, previous: dict[str, dict[str, Any]],
                          new: list[dict[str, Any]]) -> list[Change]:
    changes: list[Change] = []
    for sub in new:
        old = previous.get(sub["id"])
        name = sub["friendly_name"] or sub["offer_name"]
        if old is None:
            changes.append(Change("subscription_added", customer_id, sub["id"],
                                  {"offer_name": sub["offer_name"], "name": name,
                                   "quantity": sub["quantity"], "status": sub["status"]}))
            continue
        if old["quantity"] != sub["quantity"]:
            changes.append(Change("quantity_changed", customer_id, sub["id"],
                                  {"old": old["quantity"], "new": sub["quantity"],
                                   "name": name}))
        if old["status"] != sub["status"]:
            changes.append(Change("status_changed", customer_id, sub["id"],
                                  {"old": old["status"], "new": sub["status"], "name": name}))
        if old["auto_renew"] != sub["auto_renew"]:
            changes.append(Change("auto_renew_changed", customer_id, sub["id"],
                                  {"old": _as_bool(old["auto_renew"]),
                                   "new": _as_bool(sub["auto_renew"]), "name": name}))
    return changes


def _as_bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Rows as dicts, without changing the shared connection's row factory."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def write_customer_detail(db: sqlite_utils.Database, detail: CustomerDetail, *, run_id: int,
                          now: str | None = None) -> list[Change]:
    """Replace one customer's details (one transaction) and return what changed.

    Subscription changes are reported only when this customer's details had been read before;
    the first read fills the cache without announcing every subscription as new. A detail for
    a customer that is not (or no longer) in the cache is ignored.
    """
    at = _now(now)
    customer_id = detail.customer_id.lower()
    partial = detail.partial | {part for part, read in detail.parts.items() if not read.ok}
    if "customer" in partial:
        partial |= {"domains"}  # the domains come with the customer record
    changes: list[Change] = []
    with Transaction(db) as conn:
        current = _rows(conn, "SELECT detail_synced_at, removed_at FROM customers WHERE id = ?",
                        (customer_id,))
        if not current or current[0]["removed_at"] is not None:
            return []
        # Only when the subscriptions were read whole before (not just some other part of
        # the customer) is a subscription not seen before new.
        seen_before = _part_read_before(conn, customer_id, "subscriptions")

        if detail.customer is not None and "customer" not in partial:
            _update_customer_fields(conn, customer_id, detail.customer)

        if "domains" not in partial:
            conn.execute("DELETE FROM domains WHERE customer_id = ?", (customer_id,))
            for domain, is_initial in detail.domains:
                name = domain.strip().lower()
                if name:
                    _insert_row(conn, "domains", {"customer_id": customer_id, "domain": name,
                                                  "is_initial": 1 if is_initial else 0})

        if "relationships" not in partial:
            conn.execute("DELETE FROM customer_relationships WHERE customer_id = ?",
                         (customer_id,))
            for rel in detail.relationships:
                _insert_row(conn, "customer_relationships", {
                    "customer_id": customer_id,
                    "partner_id": str(rel["partner_id"]).lower(),
                    "name": rel.get("name") or "",
                    "relationship_type": rel.get("relationship_type") or "",
                    "mpn_id": rel.get("mpn_id"),
                })

        if "subscriptions" not in partial:
            previous = {
                row["id"]: row
                for row in _rows(conn, "SELECT id, quantity, status, auto_renew "
                                       "FROM subscriptions WHERE customer_id = ?", (customer_id,))
            }
            conn.execute("DELETE FROM subscriptions WHERE customer_id = ?", (customer_id,))
            new = _write_items(conn, "subscriptions", detail, detail.subscriptions,
                               lambda sub: _subscription_values(sub, customer_id, at))
            if seen_before:
                changes += _subscription_changes(customer_id, previous, new)

        if "entitlements" not in partial:
            conn.execute("DELETE FROM entitlements WHERE customer_id = ?", (customer_id,))
            _write_items(conn, "entitlements", detail, detail.entitlements,
                         lambda ent: _entitlement_values(ent, customer_id, at))

        if "qualifications" not in partial:
            conn.execute("DELETE FROM qualifications WHERE customer_id = ?", (customer_id,))
            for qual in detail.qualifications:
                _insert_row(conn, "qualifications", {
                    "customer_id": customer_id,
                    "qualification": str(qual["qualification"]).lower(),
                    "vetting_status": qual.get("vetting_status"),
                    "vetting_reason": qual.get("vetting_reason"),
                    "vetting_created_at": qual.get("vetting_created_at"),
                    "synced_at": at,
                })

        # Derived columns come from what the tables hold now, so a part that could not be
        # read still counts with what the cache had for it.
        subscriptions = _rows(
            conn,
            "SELECT status, auto_renew, commitment_end_date, cancellation_allowed_until "
            "FROM subscriptions WHERE customer_id = ?", (customer_id,))
        qualifications = _rows(
            conn, "SELECT qualification, vetting_status FROM qualifications WHERE customer_id = ?",
            (customer_id,))
        count = sum(1 for sub in subscriptions if sub["status"] != "deleted")
        attention, reason = attention_for(subscriptions, qualifications, now=at)
        conn.execute(
            "UPDATE customers SET detail_synced_at = ?, subscription_count = ?, "
            "attention = ?, attention_reason = ? WHERE id = ?",
            (at, count, attention, reason, customer_id),
        )
        # The name, the primary domain and the domains may all have changed above, and the
        # subscriptions just written carry no search text yet.
        _refresh_search_fold(conn, customer_id)
        _write_parts(conn, customer_id, detail.parts, at)
        _insert_events(conn, run_id, changes, at)
    return changes


def _part_read_before(conn: sqlite3.Connection, customer_id: str, part: str) -> bool:
    """Whether this part of the customer was ever read whole (a cache from before parts were
    recorded: whether the customer's details were)."""
    row = conn.execute("SELECT last_ok_at FROM customer_parts WHERE customer_id = ? AND "
                       "part = ?", (customer_id, part)).fetchone()
    if row is not None:
        return row[0] is not None
    row = conn.execute("SELECT detail_synced_at FROM customers WHERE id = ?",
                       (customer_id,)).fetchone()
    return row is not None and row[0] is not None


def part_read_before(db: sqlite_utils.Database, customer_id: str, part: str) -> bool:
    """Whether this part of the customer was ever read whole: its rows are filled silently
    the first time (not announced one by one as new)."""
    return _part_read_before(db.conn, customer_id.lower(), part)


def _write_parts(conn: sqlite3.Connection, customer_id: str, parts: dict[str, PartRead],
                 at: str) -> None:
    """Record how each part's read went; a part not read keeps when it was last read whole."""
    for part, read in parts.items():
        conn.execute(
            "INSERT INTO customer_parts(customer_id, part, state, read_at, last_ok_at, status, "
            "code, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(customer_id, part) DO UPDATE SET state = excluded.state, "
            "read_at = excluded.read_at, "
            "last_ok_at = coalesce(excluded.last_ok_at, customer_parts.last_ok_at), "
            "status = excluded.status, code = excluded.code, message = excluded.message",
            (customer_id, part, read.state, at, at if read.ok else None,
             None if read.ok else read.status, None if read.ok else read.code,
             None if read.ok else read.message),
        )


def add_created_customer(db: sqlite_utils.Database, customer_id: str, *, company_name: str,
                         domain: str, now: str | None = None) -> bool:
    """A tenant this console just created: into the customers list at once, marked
    ``created_pending_at`` until a customer listing includes it (Partner Center lists a new
    customer only after a while). Returns whether a row was added (False: it is listed
    already, and nothing needs to wait)."""
    at = _now(now)
    customer_id = customer_id.strip().lower()
    name = company_name or ""
    domain = (domain or "").strip().lower()
    if not customer_id:
        return False
    with Transaction(db) as conn:
        previous = conn.execute("SELECT removed_at FROM customers WHERE id = ?",
                                (customer_id,)).fetchone()
        if previous is not None and previous[0] is None:
            return False
        if previous is None:
            conn.execute(
                "INSERT INTO customers(id, company_name, name_fold, sort_key, primary_domain, "
                "domain_fold, relationship, first_seen_at, listed_at, created_pending_at, "
                "search_fold) VALUES (?, ?, ?, ?, ?, ?, 'reseller', ?, ?, ?, ?)",
                (customer_id, name, fold(name), czech_sort_key(name), domain, fold(domain),
                 at, at, at, search_fold(name, domain, (), customer_id)),
            )
        else:
            conn.execute(
                "UPDATE customers SET removed_at = NULL, created_pending_at = ? WHERE id = ?",
                (at, customer_id))
        if domain:
            conn.execute(
                "INSERT OR IGNORE INTO domains(customer_id, domain, is_initial) VALUES (?, ?, ?)",
                (customer_id, domain, 1 if domain.endswith(".onmicrosoft.com") else 0))
            _refresh_search_fold(conn, customer_id)
    return True

# What one item's values can raise on their way into SQLite (a number beyond 64 bits, a
# missing id, text SQLite refuses): that item is left out and named, the rest is written.
_ITEM_ERRORS = (OverflowError, ValueError, TypeError, KeyError, sqlite3.InterfaceError,
                sqlite3.IntegrityError, sqlite3.DataError)


def _write_items(conn: sqlite3.Connection, table: str, detail: CustomerDetail,
                 items: list[dict[str, Any]],
                 values_of: Callable[[dict[str, Any]], dict[str, Any]]) -> list[dict[str, Any]]:
    """Insert one customer's items of one table; returns the rows written. An item that cannot
    be stored, or repeats an id already written for this customer, is added to
    ``detail.skipped`` instead."""
    written: list[dict[str, Any]] = []
    ids: set[str] = set()
    for index, item in enumerate(items):
        try:
            values = values_of(item)
            if values["id"] in ids:
                raise KeyError("the same id twice")
            _insert_row(conn, table, values)
        except _ITEM_ERRORS as exc:
            name = str(item.get("id", "?"))[:80] if isinstance(item, dict) else "?"
            detail.skipped.append(f"{table} of customer {detail.customer_id}: item {index} "
                                  f"(id {name}): {type(exc).__name__}: {str(exc)[:120]}")
            continue
        ids.add(values["id"])
        written.append(values)
    return written


def _entitlement_values(ent: dict[str, Any], customer_id: str, at: str) -> dict[str, Any]:
    values = {key: ent.get(key, default) for key, default in _ENTITLEMENT_DEFAULTS.items()}
    for key in ("product_id", "sku_id", "product_name"):
        values[key] = values[key] or ""
    values["quantity"] = int(values["quantity"] or 0)
    values["entitlement_type"] = values["entitlement_type"] or "software"
    values.update(id=str(ent["id"]), customer_id=customer_id, synced_at=at)
    return values


def _update_customer_fields(conn: sqlite3.Connection, customer_id: str,
                            fields: dict[str, Any]) -> None:
    values = {key: fields[key] for key in _CUSTOMER_DETAIL_FIELDS if key in fields}
    if "allow_delegated_access" in values:
        values["allow_delegated_access"] = _bool_int(values["allow_delegated_access"])
    # A detail without a name or domain does not erase what the listing gave.
    if "company_name" in values:
        name = values["company_name"] or ""
        if name:
            values.update(name_fold=fold(name), sort_key=czech_sort_key(name))
        else:
            del values["company_name"]
    if "primary_domain" in values:
        domain = (values["primary_domain"] or "").lower()
        if domain:
            values.update(primary_domain=domain, domain_fold=fold(domain))
        else:
            del values["primary_domain"]
    if not values:
        return
    assignments = ", ".join(f"{key} = ?" for key in values)
    conn.execute(f"UPDATE customers SET {assignments} WHERE id = ?",
                 [*values.values(), customer_id])


# -- attention -------------------------------------------------------------------------------


def attention_for(subscriptions: list[dict[str, Any]], qualifications: list[dict[str, Any]], *,
                  now: str) -> tuple[int, str | None]:
    """How many things about one customer need a person, and the most urgent reason.

    - ``suspended``: a suspended subscription (the partner keeps being billed);
    - ``expiring``: an active subscription whose term ends within 7 days with auto-renew off
      (it will expire; an explicit off only, unknown is not a warning);
    - ``in_window``: a live subscription still inside its cancellation window (a decision about
      seats or cancellation is still possible, and only until then);
    - ``qual_denied``: an Education qualification that was denied.
    """
    moment = parse_timestamp(now) or datetime.now(UTC)
    found: list[str] = []
    for sub in subscriptions:
        status = str(sub.get("status") or "").lower()
        if status == "suspended":
            found.append("suspended")
        if status == "active" and sub.get("auto_renew") is not None and not sub["auto_renew"]:
            end = parse_timestamp(sub.get("commitment_end_date"))
            if end is not None and end <= moment + EXPIRY_WARNING:
                found.append("expiring")
        if status not in _FINISHED_STATUSES:
            until = parse_timestamp(sub.get("cancellation_allowed_until"))
            if until is not None and until > moment:
                found.append("in_window")
    for qual in qualifications:
        if (str(qual.get("qualification") or "").lower() == "education"
                and str(qual.get("vetting_status") or "").lower() == "denied"):
            found.append("qual_denied")
    if not found:
        return 0, None
    reason = min(found, key=ATTENTION_REASONS.index)
    return len(found), reason


# -- snapshot --------------------------------------------------------------------------------

_SNAPSHOT_TABLES: dict[str, tuple[str, ...]] = {
    # Columns left out: when things were fetched (differs between two runs of the same data).
    "customers": ("listed_at", "detail_synced_at", "first_seen_at", "removed_at"),
    "domains": (),
    "customer_relationships": (),
    "subscriptions": ("synced_at",),
    "entitlements": ("synced_at",),
    "qualifications": ("synced_at",),
}


def snapshot(db: sqlite_utils.Database) -> dict[str, list[dict[str, Any]]]:
    """A canonical, order-independent dump of the business tables.

    Fetch timestamps are left out; whether a customer is removed is kept as ``removed``
    (True/False) because the removal time itself differs between two runs. Used to check that
    an interrupted and resumed sync leaves the same cache as a clean one.
    """
    dump: dict[str, list[dict[str, Any]]] = {}
    for table, excluded in _SNAPSHOT_TABLES.items():
        cursor = db.conn.execute(f"SELECT * FROM {table}")
        names = [column[0] for column in cursor.description]
        rows = []
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            if table == "customers":
                row["removed"] = row["removed_at"] is not None
            for column in excluded:
                row.pop(column, None)
            rows.append(row)
        rows.sort(key=lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False))
        dump[table] = rows
    return dump
