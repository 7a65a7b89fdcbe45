"""The baseline for honesty: the same cache in a plain Textual DataTable holding every row.

``python datatable_app.py CACHE_DB customers|subscriptions`` loads the whole list (the rows the
console's customers pane or its all-subscriptions view would show, in the same order) into one
DataTable, the way a first version of a console would.
"""

from __future__ import annotations

import sqlite3
import sys

from textual.app import App, ComposeResult
from textual.widgets import DataTable

from csp_tui.cache import views


def _rows(cache_db: str, which: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    db = sqlite3.connect(f"file:{cache_db}?mode=ro", uri=True)
    try:
        if which == "customers":
            count = views.count_customers(db)
            customers = views.customer_rows(db, limit=count)
            return (("!", "Company", "Primary domain", "Relation", "Subs"),
                    [("!" if row.attention else "", row.company_name, row.primary_domain,
                      row.relationship, str(row.subscription_count)) for row in customers])
        count = views.count_subscriptions(db)
        subscriptions = views.subscription_rows(db, limit=count)
        return (("Customer", "Product", "Qty", "Status", "Term", "Ends"),
                [(row.customer_name, row.product, str(row.quantity), row.status,
                  row.term_duration or "", (row.commitment_end_date or "")[:10])
                 for row in subscriptions])
    finally:
        db.close()


class TableApp(App[None]):
    def __init__(self, cache_db: str, which: str) -> None:
        super().__init__()
        self.cache_db = cache_db
        self.which = which

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        columns, rows = _rows(self.cache_db, self.which)
        table = self.query_one(DataTable)
        table.add_columns(*columns)
        table.add_rows(rows)
        table.focus()


if __name__ == "__main__":
    TableApp(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "customers").run()
