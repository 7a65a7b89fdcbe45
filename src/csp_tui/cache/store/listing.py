"""Customer listing pages: customers added, renamed, returned, and removed after a complete
listing missed them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from csp_tui.cache.store.created import CREATED_PENDING_WINDOW
from csp_tui.cache.store.rows import CustomerRow
from csp_tui.cache.store.runs import insert_events
from csp_tui.cache.store.search import refresh_search_fold, search_fold
from csp_tui.cache.store.sql import moment_or_now
from csp_tui.db import Transaction
from csp_tui.domain.changes import Change
from csp_tui.domain.text import czech_sort_key, fold
from csp_tui.timestamps import parse_timestamp

# meta key: set when a customer listing completed, so later listings can tell "new customer"
# from "the cache is being filled for the first time".
_COMPLETE_LISTING_KEY = "last_complete_listing_at"


def _had_complete_listing(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM meta WHERE key = ?", (_COMPLETE_LISTING_KEY,)).fetchone()
    return row is not None


def had_complete_listing(db: sqlite3.Connection) -> bool:
    """Whether a customer listing ever completed into this cache (else the next sync is its
    first fill)."""
    return _had_complete_listing(db)


def content_counts(db: sqlite3.Connection, customer_id: str | None = None) -> dict[str, int]:
    """How many listed customers, subscriptions and perpetual licences the cache holds (of one
    customer, or of all): what a first sync says it added."""
    where = "c.removed_at IS NULL"
    params: tuple[str, ...] = ()
    if customer_id is not None:
        where, params = where + " AND c.id = ?", (customer_id.lower(),)
    conn = db
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


def upsert_customer_page(db: sqlite3.Connection, rows: list[CustomerRow], *, run_id: int,
                         now: str | None = None) -> list[Change]:
    """Write one listing page (one transaction).

    ``customer_added`` is reported only once the cache has seen a complete listing: the first
    sync of an empty cache fills it silently instead of announcing every customer as new. A
    customer that was marked removed and is listed again is reported as added, with
    ``detail["returned"] = True``.
    """
    at = moment_or_now(now)
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
            refresh_search_fold(conn, customer_id)
            if removed_at is not None and announce:
                changes.append(Change("customer_added", customer_id,
                                      detail={"company_name": name, "domain": domain,
                                              "returned": True}))
        insert_events(conn, run_id, changes, at)
    return changes


def mark_missing_removed(db: sqlite3.Connection, listed_ids: set[str], *, run_id: int,
                         now: str | None = None) -> list[Change]:
    """After a *complete* listing: customers it did not include are marked removed (rows are
    kept, the views hide them). Also remembers that a complete listing happened."""
    at = moment_or_now(now)
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
        insert_events(conn, run_id, changes, at)
    return changes
