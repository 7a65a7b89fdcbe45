"""A tenant this console created: in the customers list at once, marked until Partner Center
lists it."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from csp_tui.cache.store.search import refresh_search_fold, search_fold
from csp_tui.cache.store.sql import moment_or_now
from csp_tui.db import Transaction
from csp_tui.domain.text import czech_sort_key, fold

# A tenant this console created is shown at once, marked ``created_pending_at``, while
# Partner Center does not list it yet (usually a few minutes). A complete listing inside this
# window that lacks it does not mark it removed; one after it does (the creation never
# surfaced, so the row would otherwise stay forever).
CREATED_PENDING_WINDOW = timedelta(hours=24)


def created_pending_at(db: sqlite3.Connection, customer_id: str) -> str | None:
    """When this console created the customer, while Partner Center does not list it yet."""
    row = db.execute("SELECT created_pending_at FROM customers WHERE id = ? "
                          "AND removed_at IS NULL", (customer_id.lower(),)).fetchone()
    return row[0] if row else None


def add_created_customer(db: sqlite3.Connection, customer_id: str, *, company_name: str,
                         domain: str, now: str | None = None) -> bool:
    """A tenant this console just created: into the customers list at once, marked
    ``created_pending_at`` until a customer listing includes it (Partner Center lists a new
    customer only after a while). Returns whether a row was added (False: it is listed
    already, and nothing needs to wait)."""
    at = moment_or_now(now)
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
            refresh_search_fold(conn, customer_id)
    return True
