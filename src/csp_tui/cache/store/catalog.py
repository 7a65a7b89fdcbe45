"""The catalog for one country, as the last read of Partner Center's products, SKUs and
availabilities found it (replaced whole, in one transaction), and when that read was."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from csp_tui.cache.store.sql import moment_or_now
from csp_tui.db import Transaction
from csp_tui.domain.catalog import CatalogItem
from csp_tui.domain.text import czech_sort_key


def replace_catalog(db: sqlite3.Connection, country: str, items: Sequence[CatalogItem], *,
                    now: str | None = None) -> int:
    """The country's catalog is now ``items``; returns how many were written."""
    code = country.strip().upper()
    at = moment_or_now(now)
    with Transaction(db) as conn:
        conn.execute("DELETE FROM catalog_items WHERE country = ?", (code,))
        conn.executemany(
            "INSERT OR REPLACE INTO catalog_items(catalog_item_id, country, product_id, sku_id, "
            "availability_id, title, product_title, kind, segment, choices, min_quantity, "
            "max_quantity, is_trial, purchasable, sort_key, search_fold) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(item.catalog_item_id, code, item.product_id, item.sku_id, item.availability_id,
              item.title, item.product_title, item.kind, item.segment,
              json.dumps([[c.term, c.billing] for c in item.choices]), item.min_quantity,
              item.max_quantity, int(item.is_trial), int(item.purchasable),
              czech_sort_key(item.title), item.search_fold) for item in items])
        conn.execute("INSERT OR REPLACE INTO catalog_marks(country, refreshed_at) VALUES (?, ?)",
                     (code, at))
    return len(items)
