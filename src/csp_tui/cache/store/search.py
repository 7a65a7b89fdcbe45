"""The folded search texts the filters search (``customers.search_fold``,
``subscriptions.search_fold``), kept current with every write that changes what they hold."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from csp_tui.domain.text import fold


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


def refresh_search_fold(conn: sqlite3.Connection, customer_id: str) -> None:
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
