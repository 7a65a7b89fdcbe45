"""The catalog as the cache holds it: filtered with the lists' accent-free filter, told apart
by kind, one item by its catalogItemId, and when the country's catalog was last read."""

from __future__ import annotations

import json
import sqlite3

from csp_tui.domain.catalog import CatalogItem, Choice, split_catalog_item_id
from csp_tui.domain.text import fold

_COLUMNS = ("product_id, sku_id, availability_id, title, product_title, kind, segment, country, "
            "choices, min_quantity, max_quantity, is_trial, purchasable")


def _item(row: tuple) -> CatalogItem:
    (product_id, sku_id, availability_id, title, product_title, kind, segment, country, choices,
     min_quantity, max_quantity, is_trial, purchasable) = row
    return CatalogItem(product_id, sku_id, availability_id, title, product_title, kind, segment,
                       country, tuple(Choice(str(term), str(billing))
                                      for term, billing in json.loads(choices)),
                       int(min_quantity), int(max_quantity), bool(is_trial), bool(purchasable))


def _where(country: str, text: str, kind: str | None) -> tuple[str, list[object]]:
    sql = " FROM catalog_items WHERE country = ?"
    params: list[object] = [country.strip().upper()]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    for word in fold(text).split():
        sql += " AND instr(search_fold, ?) > 0"
        params.append(word)
    return sql, params


def catalog_items(db: sqlite3.Connection, country: str, *, text: str = "",
                  kind: str | None = None, limit: int | None = None) -> list[CatalogItem]:
    """The country's catalog in Czech alphabetical order; ``text`` is matched accent-free
    against the titles and ids, every word somewhere. ``limit``: the first so many (a screen
    shows a few hundred at most; the filter narrows the rest)."""
    where, params = _where(country, text, kind)
    sql = f"SELECT {_COLUMNS}{where} ORDER BY sort_key, catalog_item_id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_item(row) for row in db.execute(sql, params).fetchall()]


def count_catalog_items(db: sqlite3.Connection, country: str, *, text: str = "",
                        kind: str | None = None) -> int:
    where, params = _where(country, text, kind)
    return int(db.execute(f"SELECT count(*){where}", params).fetchone()[0])


def catalog_item(db: sqlite3.Connection, country: str, catalog_item_id: str) -> CatalogItem | None:
    parts = split_catalog_item_id(catalog_item_id)
    if parts is None:
        return None
    row = db.execute(
        f"SELECT {_COLUMNS} FROM catalog_items WHERE country = ? AND product_id = ? "
        "AND sku_id = ? AND availability_id = ?", (country.strip().upper(), *parts)).fetchone()
    return _item(row) if row else None


def catalog_refreshed_at(db: sqlite3.Connection, country: str) -> str | None:
    row = db.execute("SELECT refreshed_at FROM catalog_marks WHERE country = ?",
                     (country.strip().upper(),)).fetchone()
    return row[0] if row else None
