"""Subscriptions just ordered here: in the customer's subscriptions at once, with the status
``provisioning``, until Partner Center lists them (a minute or more after the checkout).

Their ids are ``ordered:<order id>:<line>`` (Partner Center names a subscription only once it
is provisioned) and ``raw_json`` keeps the order's ids; a customer's read that lists a
subscription of the same order replaces them (:func:`settle_ordered`), one that does not keeps
them for a day, after which the order is left to the orders themselves.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any

from csp_tui.cache.store.search import refresh_search_fold
from csp_tui.cache.store.sql import moment_or_now
from csp_tui.db import Transaction
from csp_tui.domain.text import czech_sort_key, fold
from csp_tui.timestamps import parse_timestamp

PROVISIONING = "provisioning"
ORDERED_PREFIX = "ordered:"
KEEP_FOR = timedelta(hours=24)


def add_ordered_subscriptions(db: sqlite3.Connection, customer_id: str, *, order_ids:
                              Sequence[str], lines: Iterable[Mapping[str, Any]],
                              now: str | None = None) -> int:
    """Rows for the lines of an order (``offer_id``, ``name``, ``kind``, ``quantity``,
    ``term``, ``billing``, ``auto_renew``); perpetual lines are not subscriptions and are
    skipped. Returns how many rows were written (0: the customer is not in the cache)."""
    at = moment_or_now(now)
    key = customer_id.strip().lower()
    order_key = (order_ids[0] if order_ids else "").strip()
    written = 0
    with Transaction(db) as conn:
        if conn.execute("SELECT 1 FROM customers WHERE id = ?", (key,)).fetchone() is None:
            return 0
        for number, line in enumerate(lines):
            if line.get("kind") == "perpetual":
                continue
            name = str(line.get("name") or "")
            conn.execute(
                "INSERT OR REPLACE INTO subscriptions(id, customer_id, offer_id, offer_name, "
                "friendly_name, name_fold, sort_key, product_type, kind, quantity, status, "
                "term_duration, billing_cycle, auto_renew, creation_date, synced_at, raw_json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (f"{ORDERED_PREFIX}{order_key}:{number}".lower(), key,
                 str(line.get("offer_id") or ""), name, name, fold(name), czech_sort_key(name),
                 "Software" if line.get("kind") == "software" else "OnlineServicesNCE",
                 str(line.get("kind") or "online"), int(line.get("quantity") or 0), PROVISIONING,
                 line.get("term"), line.get("billing"), int(bool(line.get("auto_renew"))),
                 at, at, json.dumps({"orderIds": list(order_ids)})))
            written += 1
        if written:
            refresh_search_fold(conn, key)
    return written


def settle_ordered(conn: sqlite3.Connection, customer_id: str,
                   listed: Iterable[Mapping[str, Any]], at: str) -> None:
    """Inside a customer's write: drop the waiting rows whose order Partner Center now lists
    a subscription of, and those older than :data:`KEEP_FOR`."""
    listed_orders = {_order_of(sub) for sub in listed} - {""}
    rows = conn.execute("SELECT id, raw_json, synced_at FROM subscriptions WHERE customer_id = ? "
                        "AND id LIKE ?", (customer_id, ORDERED_PREFIX + "%")).fetchall()
    moment = parse_timestamp(at)
    for row_id, raw, synced_at in rows:
        orders = {str(o).lower() for o in json.loads(raw or "{}").get("orderIds", [])}
        born = parse_timestamp(synced_at)
        expired = moment is not None and born is not None and moment - born > KEEP_FOR
        if orders & listed_orders or expired:
            conn.execute("DELETE FROM subscriptions WHERE id = ?", (row_id,))


def _order_of(sub: Mapping[str, Any]) -> str:
    try:
        raw = json.loads(sub.get("raw_json") or "{}")
    except ValueError:
        return ""
    return str(raw.get("orderId") or "").lower() if isinstance(raw, dict) else ""


def keep_ordered_clause() -> str:
    """SQL that spares the waiting rows when a customer's subscriptions are replaced."""
    return f"id NOT LIKE '{ORDERED_PREFIX}%'"


