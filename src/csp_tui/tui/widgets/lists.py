"""The list panes: subscriptions, invitations, and the command log (customers: in
``customers_pane.py``, re-exported here)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from csp_tui.cache import views
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.services.part_words import part_line, short_line
from csp_tui.services.seat_words import detail_text
from csp_tui.services.state_access import profile_state_target
from csp_tui.state import views as state_views
from csp_tui.tui.bindings import bindings
from csp_tui.tui.invitation_keys import ROW_ACTIONS as INVITATION_ROW_ACTIONS
from csp_tui.tui.invitation_keys import InvitationPaneActions
from csp_tui.tui.role_words import word_manage_for_role
from csp_tui.tui.state_sources import (
    COMMAND_SORTS,
    INVITATION_SORTS,
    CommandLogSource,
    InvitationSource,
    command_columns,
    invitation_columns,
    invitation_status,
)
from csp_tui.tui.subscription_sources import (
    SUBSCRIPTION_SORTS,
    SubscriptionSource,
    subscription_columns,
)
from csp_tui.tui.widgets.customers_pane import CustomersPane
from csp_tui.tui.widgets.pane import ListPane, PeekLine
from csp_tui.tui.widgets.table_layout import Column, RowSource

__all__ = ["CommandLogPane", "CustomersPane", "InvitationsPane", "SubscriptionsPane"]


# The parts of a customer the subscriptions list shows.
_LIST_PARTS = ("subscriptions", "entitlements")


class SubscriptionsPane(ListPane):
    """One customer's subscriptions and perpetual licences, or (``a``) everybody's."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("subscriptions")
    pane_name = "subscriptions"
    title_key = "tui.pane.subscriptions"
    empty_key = "tui.empty.subscriptions"
    sort_options = SUBSCRIPTION_SORTS
    PRESETS: ClassVar[tuple[str | None, ...]] = (None, *views.SUBSCRIPTION_PRESETS)
    row_actions = ("open", "clear_filter", "manage_subscription")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.customer_id: str | None = None
        self.customer_name = ""
        self.show_all = False
        self.preset_index = 0
        word_manage_for_role(self)  # a reseller's "m" asks its distributor (domain/roles.py)

    @property
    def preset(self) -> str | None:
        return self.PRESETS[self.preset_index]

    def columns(self) -> list[Column]:
        return subscription_columns(self.show_all)

    def make_source(self) -> RowSource:
        sort = self.sort
        scope = None if self.show_all else (self.customer_id or "")
        return SubscriptionSource(self.console.backend.cache, self.console.now, scope,
                                  self.filter_text, sort.name if sort else "product",
                                  self.descending, self.preset)

    def empty_text(self) -> str:
        if not self.show_all and not self.customer_id:
            return t("tui.empty.no_customer")
        if self.preset:
            return t("tui.empty.preset")
        if not self.show_all and self.customer_id:
            # Empty because a part could not be read, or the tenant is brand new: say so.
            cache = self.console.backend.cache
            stale = views.stale_parts(cache, self.customer_id, _LIST_PARTS)
            if stale:
                zone = self.console.now().tzinfo
                return "\n".join(part_line(part, zone) for part in stale)
            detail = views.customer_detail(cache, self.customer_id)
            if detail is not None and detail.created_pending_at:
                return t("sync_parts.subscriptions.empty_waiting")
        return t(self.empty_key)

    def set_customer(self, customer_id: str | None) -> None:
        if customer_id == self.customer_id:
            return
        self.customer_id = customer_id
        self.customer_name = ""
        if customer_id:
            detail = self.console.customer_name(customer_id)
            self.customer_name = detail or ""
        if not self.show_all:
            self.apply_source(keep_cursor=False)

    def refresh_data(self, tables: frozenset[str] | None = None) -> None:
        if tables is None or tables & {"subscriptions", "entitlements", "customers"}:
            if self.customer_id:
                self.customer_name = self.console.customer_name(self.customer_id) or ""
            super().refresh_data(tables)

    def title_parts(self) -> list[Text | str]:
        parts: list[Text | str] = [Text(t(self.title_key), style="bold")]
        if self.show_all:
            parts.append(f" · {t('tui.subscriptions.all')}")
        elif self.customer_name:
            parts.append(f" · {safe_text(self.customer_name, 40)}")
        if self.preset:
            parts.append(Text(f" · {t('tui.preset.' + self.preset)}", style="italic"))
        if not self.show_all and self.customer_id and self.is_mounted:
            # What is listed may be from an earlier read: the parts the last sync missed.
            zone = self.console.now().tzinfo
            for part in views.stale_parts(self.console.backend.cache, self.customer_id,
                                          _LIST_PARTS):
                parts.append(Text(f" · {short_line(part, zone)}", style="bold"))
        return parts

    def action_available(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "manage_subscription":
            row = self.table.cursor_row
            return True if row is not None and row.kind != "perpetual" else None
        return super().action_available(action, parameters)

    def _sort_applies(self, index: int) -> bool:
        """The customer order means something only in the list of every customer."""
        return self.show_all or self.sort_options[index].name != "customer"

    def action_sort(self) -> None:
        count = len(self.sort_options)
        index = (self.sort_index + 1) % count
        if not self._sort_applies(index):
            index = (index + 1) % count
        self.sort_index = index
        self.descending = self.sort_options[index].descending_first
        self.apply_source()

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        if not self._sort_applies(self.sort_index):
            # Back to one customer's list: its first order instead of "by customer".
            self.sort_index = 0
            self.descending = self.sort_options[0].descending_first
        self.table.set_columns(self.columns())
        self.apply_source(keep_cursor=False)
        if self.show_all:
            self.read_filter_ahead()  # a filter over every subscription is likely next

    def action_next_preset(self) -> None:
        self.preset_index = (self.preset_index + 1) % len(self.PRESETS)
        self.apply_source()

    def action_manage_subscription(self) -> None:
        row = self.table.cursor_row
        if row is not None:
            self.console.open_subscription_actions(row.id, row.customer_id)

    def open_row(self, row: views.SubscriptionListRow) -> None:
        self.console.open_subscription_detail(row.id, row.customer_id)

    def update_peek(self) -> None:
        """Unused seats of the cursor row lead the line under the list: "Seats in use: 12
        bought, 9 assigned — 3 unused"."""
        row = self.table.cursor_row if self.is_mounted else None
        if row is None or not row.seats_unused:
            super().update_peek()
            return
        seats = (t("seats.detail.label"), detail_text(
            row.seats_bought, row.seats_assigned, row.seats_unused, row.seats_shared,
            row.seats_reason))
        self.query_one(PeekLine).show([seats, *self.table.cut_cells(row)])


class InvitationsPane(InvitationPaneActions, ListPane):
    """The ledger of reseller relationship requests this profile sent (its row actions —
    resend, copy link, note, and the sandbox controls — live in invitation_actions)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("invitations")
    pane_name = "invitations"
    title_key = "tui.pane.invitations"
    empty_key = "tui.empty.invitations"
    sort_options = INVITATION_SORTS
    row_actions = ("open", "clear_filter", "cancel_invitation", *INVITATION_ROW_ACTIONS)

    @property
    def _team(self) -> bool:
        """A team's state (PostgreSQL): the list shows who did each row."""
        return profile_state_target(self.console.settings).team

    def columns(self) -> list[Column]:
        return invitation_columns(team=self._team)

    def make_source(self) -> RowSource:
        sort = self.sort
        return InvitationSource(self.console.backend.state, self.console.now,
                                self.console.settings.profile.invitation_stale_days,
                                self.filter_text, sort.name if sort else "sent",
                                self.descending, team=self._team)

    def refresh_data(self, tables: frozenset[str] | None = None) -> None:
        if tables is None or "invitations" in tables:
            super().refresh_data(tables)

    def action_available(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_invitation":
            row = self.table.cursor_row
            if row is None:
                return None
            status = invitation_status(row, self.console.now(),
                                       self.console.settings.profile.invitation_stale_days)
            return True if status in {"pending", "stale"} else None
        return super().action_available(action, parameters)

    def action_cancel_invitation(self) -> None:
        row = self.table.cursor_row
        if row is not None:
            self.console.cancel_invitation(row.id)

    def open_row(self, row: state_views.InvitationListRow) -> None:
        self.console.open_record("invitation", row.id)


class CommandLogPane(ListPane):
    """Every call the console made to Partner Center, newest first."""

    pane_name = "log"
    title_key = "tui.pane.log"
    empty_key = "tui.empty.log"
    sort_options = COMMAND_SORTS

    @property
    def _team(self) -> bool:
        """A team's state (PostgreSQL): the list shows who did each row."""
        return profile_state_target(self.console.settings).team

    def columns(self) -> list[Column]:
        return command_columns(team=self._team)

    def make_source(self) -> RowSource:
        sort = self.sort
        return CommandLogSource(self.console.backend.state, self.console.now,
                                self.filter_text, sort.name if sort else "time",
                                self.descending, team=self._team)

    def open_row(self, row: state_views.CommandLogRow) -> None:
        self.console.open_record("command", row.id)
