"""The customers pane: every customer of the partner, the console's first list.

In a module of its own, light on imports: it is the one pane a narrow screen's first frame
shows, and the other panes' modules (``lists.py``, ``tenant.py``) are imported when their pane
is made (``screens/main.py``).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from csp_tui.i18n import t
from csp_tui.tui.messages import CustomerSelected
from csp_tui.tui.sources import CUSTOMER_SORTS, CustomerSource, customer_columns
from csp_tui.tui.widgets.pane import ListPane

if TYPE_CHECKING:
    from csp_tui.cache import views
    from csp_tui.tui.widgets.table_layout import Column, RowSource


class CustomersPane(ListPane):
    pane_name = "customers"
    title_key = "tui.pane.customers"
    empty_key = "tui.empty.customers"
    sort_options = CUSTOMER_SORTS

    def columns(self) -> list[Column]:
        return customer_columns()

    def empty_text(self) -> str:
        # "Press r to sync" while a sync is already running reads as if nothing happens.
        if self.console.status_snapshot.sync_state == "running":
            return t("tui.empty.customers_syncing")
        return super().empty_text()

    def make_source(self) -> RowSource:
        sort = self.sort
        return CustomerSource(self.console.backend.cache, self.filter_text,
                              sort.name if sort else "name", self.descending)

    def refresh_data(self, tables: frozenset[str] | None = None) -> None:
        if tables is None or tables & {"customers", "domains", "subscriptions"}:
            super().refresh_data(tables)

    def cursor_moved(self, key: Hashable | None, row: Any) -> None:
        self.post_message(CustomerSelected(None if key is None else str(key)))

    def open_row(self, row: views.CustomerListRow) -> None:
        self.console.open_record("customer", row.id)
