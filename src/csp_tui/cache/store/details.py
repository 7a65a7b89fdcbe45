"""One customer's details, written in one transaction: its record and domains, relationships,
subscriptions, perpetual licences, qualifications, and what they make of it (subscription
count, attention, search text). What changed against the rows replaced is returned and
recorded."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from csp_tui.cache.store.ordered import keep_ordered_clause, settle_ordered
from csp_tui.cache.store.parts import read_whole_before, write_parts
from csp_tui.cache.store.rows import CustomerDetail
from csp_tui.cache.store.runs import insert_events
from csp_tui.cache.store.search import refresh_search_fold
from csp_tui.cache.store.seats import pool_values, refresh_seat_use, write_pool
from csp_tui.cache.store.sql import bulk, insert_row, moment_or_now, rows_as_dicts
from csp_tui.db import Transaction
from csp_tui.domain.attention import QualificationFacts, SubscriptionFacts, attention_for
from csp_tui.domain.changes import Change
from csp_tui.domain.text import czech_sort_key, fold
from csp_tui.timestamps import parse_timestamp

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


def write_customer_detail(db: sqlite3.Connection, detail: CustomerDetail, *, run_id: int,
                          now: str | None = None) -> list[Change]:
    """Replace one customer's details (one transaction) and return what changed.

    Subscription changes are reported only when this customer's details had been read before;
    the first read fills the cache without announcing every subscription as new. A detail for
    a customer that is not (or no longer) in the cache is ignored.
    """
    at = moment_or_now(now)
    customer_id = detail.customer_id.lower()
    partial = detail.partial | {part for part, read in detail.parts.items() if not read.ok}
    if "customer" in partial:
        partial |= {"domains"}  # the domains come with the customer record
    changes: list[Change] = []
    with Transaction(db) as conn:
        current = rows_as_dicts(
            conn, "SELECT detail_synced_at, removed_at FROM customers WHERE id = ?",
            (customer_id,))
        if not current or current[0]["removed_at"] is not None:
            return []
        # Only when the subscriptions were read whole before (not just some other part of
        # the customer) is a subscription not seen before new.
        seen_before = read_whole_before(conn, customer_id, "subscriptions")

        if detail.customer is not None and "customer" not in partial:
            _update_customer_fields(conn, customer_id, detail.customer)

        if "domains" not in partial:
            conn.execute("DELETE FROM domains WHERE customer_id = ?", (customer_id,))
            names = [(domain.strip().lower(), is_initial) for domain, is_initial in detail.domains]
            bulk(conn).table("domains").insert_all(
                ({"customer_id": customer_id, "domain": name, "is_initial": 1 if is_initial else 0}
                 for name, is_initial in names if name),
                replace=True)

        if "relationships" not in partial:
            conn.execute("DELETE FROM customer_relationships WHERE customer_id = ?",
                         (customer_id,))
            bulk(conn).table("customer_relationships").insert_all(
                ({"customer_id": customer_id,
                  "partner_id": str(rel["partner_id"]).lower(),
                  "name": rel.get("name") or "",
                  "relationship_type": rel.get("relationship_type") or "",
                  "mpn_id": rel.get("mpn_id")}
                 for rel in detail.relationships),
                replace=True)

        if "subscriptions" not in partial:
            previous = {
                row["id"]: row
                for row in rows_as_dicts(conn, "SELECT id, quantity, status, auto_renew "
                                               "FROM subscriptions WHERE customer_id = ?",
                                         (customer_id,))
            }
            # Subscriptions ordered here wait until Partner Center lists them (ordered.py).
            conn.execute("DELETE FROM subscriptions WHERE customer_id = ? AND "
                         + keep_ordered_clause(), (customer_id,))
            new = _write_items(conn, "subscriptions", detail, detail.subscriptions,
                               lambda sub: _subscription_values(sub, customer_id, at))
            settle_ordered(conn, customer_id, detail.subscriptions, at)
            if seen_before:
                changes += _subscription_changes(customer_id, previous, new)

        if "entitlements" not in partial:
            conn.execute("DELETE FROM entitlements WHERE customer_id = ?", (customer_id,))
            _write_items(conn, "entitlements", detail, detail.entitlements,
                         lambda ent: _entitlement_values(ent, customer_id, at))

        if "qualifications" not in partial:
            before = {row["qualification"]: row["vetting_status"] for row in rows_as_dicts(
                conn, "SELECT qualification, vetting_status FROM qualifications "
                      "WHERE customer_id = ?", (customer_id,))}
            if seen_before:
                changes += _qualification_changes(customer_id, before, detail.qualifications)
            conn.execute("DELETE FROM qualifications WHERE customer_id = ?", (customer_id,))
            bulk(conn).table("qualifications").insert_all(
                ({"customer_id": customer_id,
                  "qualification": str(qual["qualification"]).lower(),
                  "vetting_status": qual.get("vetting_status"),
                  "vetting_reason": qual.get("vetting_reason"),
                  "vetting_created_at": qual.get("vetting_created_at"),
                  "synced_at": at}
                 for qual in detail.qualifications),
                replace=True)

        if "seats" not in partial:
            conn.execute("DELETE FROM subscribed_skus WHERE customer_id = ?", (customer_id,))
            _write_items(conn, "subscribed_skus", detail, detail.seats,
                         lambda pool: pool_values(pool, customer_id, at), write=write_pool)

        # Derived columns come from what the tables hold now, so a part that could not be
        # read still counts with what the cache had for it.
        subscriptions = rows_as_dicts(
            conn,
            "SELECT status, auto_renew, commitment_end_date, cancellation_allowed_until "
            "FROM subscriptions WHERE customer_id = ?", (customer_id,))
        qualifications = rows_as_dicts(
            conn, "SELECT qualification, vetting_status FROM qualifications WHERE customer_id = ?",
            (customer_id,))
        count = sum(1 for sub in subscriptions if sub["status"] != "deleted")
        attention, reason = _attention(subscriptions, qualifications, at)
        conn.execute(
            "UPDATE customers SET detail_synced_at = ?, subscription_count = ?, "
            "attention = ?, attention_reason = ? WHERE id = ?",
            (at, count, attention, reason, customer_id),
        )
        # The name, the primary domain and the domains may all have changed above, and the
        # subscriptions just written carry no search text yet.
        refresh_search_fold(conn, customer_id)
        write_parts(conn, customer_id, detail.parts, at)
        # After the parts: whether the pools were ever read is part of what is shown.
        refresh_seat_use(conn, customer_id)
        insert_events(conn, run_id, changes, at)
    return changes


# What one item's values can raise on their way into SQLite (a number beyond 64 bits, a
# missing id, text SQLite refuses): that item is left out and named, the rest is written.
_ITEM_ERRORS = (OverflowError, ValueError, TypeError, KeyError, sqlite3.InterfaceError,
                sqlite3.IntegrityError, sqlite3.DataError)


def _write_items(conn: sqlite3.Connection, table: str, detail: CustomerDetail,
                 items: list[dict[str, Any]],
                 values_of: Callable[[dict[str, Any]], dict[str, Any]],
                 write: Callable[[sqlite3.Connection, dict[str, Any]], None] | None = None,
                 ) -> list[dict[str, Any]]:
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
            if write is None:
                insert_row(conn, table, values)
            else:
                write(conn, values)
        except _ITEM_ERRORS as exc:
            name = str(item.get("id", "?"))[:80] if isinstance(item, dict) else "?"
            detail.skipped.append(f"{table} of customer {detail.customer_id}: item {index} "
                                  f"(id {name}): {type(exc).__name__}: {str(exc)[:120]}")
            continue
        ids.add(values["id"])
        written.append(values)
    return written


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


def _qualification_changes(customer_id: str, before: dict[str, Any],
                           new: list[dict[str, Any]]) -> list[Change]:
    """An Education (or other) review decided or started: its vetting status moved."""
    changes: list[Change] = []
    for qual in new:
        name = str(qual["qualification"]).lower()
        status = qual.get("vetting_status")
        if name in before and before[name] != status:
            changes.append(Change("qualification_changed", customer_id,
                                  detail={"qualification": name, "old": before[name],
                                          "new": status,
                                          "reason": qual.get("vetting_reason")}))
    return changes


def _as_bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _attention(subscriptions: list[dict[str, Any]], qualifications: list[dict[str, Any]],
               at: str) -> tuple[int, str | None]:
    """The attention rule (``domain/attention.py``) over one customer's rows as stored."""
    return attention_for(
        [SubscriptionFacts(
            status=sub["status"], auto_renew=_as_bool(sub["auto_renew"]),
            commitment_end=parse_timestamp(sub["commitment_end_date"]),
            cancellation_allowed_until=parse_timestamp(sub["cancellation_allowed_until"]))
         for sub in subscriptions],
        [QualificationFacts(qual["qualification"], qual["vetting_status"])
         for qual in qualifications],
        now=parse_timestamp(at) or datetime.now(UTC))
