"""The main screen: customers, tenant, subscriptions and pending invitations.

Wide terminals (>= 120 columns) show all four panes in a grid; narrower ones show one pane at a
time under a tab strip. ``tab``/``shift+tab`` and ``1``–``4`` move between panes either way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from csp_tui.tui.backend import BackendStatus
from csp_tui.tui.bindings import GuardedActions, TranslatedBindings, bindings
from csp_tui.tui.messages import CustomerSelected
from csp_tui.tui.widgets.command_line import CommandLine
from csp_tui.tui.widgets.lists import CustomersPane, InvitationsPane, SubscriptionsPane
from csp_tui.tui.widgets.pane import ListPane, Pane
from csp_tui.tui.widgets.status_bar import StatusBar
from csp_tui.tui.widgets.tab_strip import TabStrip
from csp_tui.tui.widgets.tenant import TenantPane

if TYPE_CHECKING:
    from csp_tui.tui.app import CspApp

PANE_ORDER: tuple[str, ...] = ("customers", "tenant", "subscriptions", "invitations")
WIDE_COLUMNS = 120


class MainScreen(GuardedActions, TranslatedBindings, Screen[None]):
    # "?" first: the footer lists the pane's keys, then these, and must always show help.
    BINDINGS: ClassVar = bindings("app", "main")
    AUTO_FOCUS = None

    def __init__(self) -> None:
        super().__init__(id="main")
        self.active_pane = "customers"
        self._ready = False  # children composed and mounted (set in on_mount)

    @property
    def console(self) -> CspApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        # Layout classes are set before the children exist, so they are styled once.
        self._apply_width(self.app.size.width)
        yield TabStrip(id="tabs")
        with Vertical(id="panes"):
            with Horizontal(id="top-row", classes="pane-row -active"):
                yield CustomersPane(classes="-active")
                yield TenantPane()
            with Horizontal(id="bottom-row", classes="pane-row"):
                yield SubscriptionsPane()
                yield InvitationsPane()
        command_line = CommandLine(self.console.command_history,
                                   cursor_blink=self.console.cursor_blink, id="command-line")
        command_line.display = False
        yield command_line
        yield StatusBar(id="status-bar")
        yield Footer(id="footer", show_command_palette=False)

    def on_mount(self) -> None:
        self._ready = True
        self.query_one(TabStrip).activate(self.active_pane)
        self.pane("customers").focus_content()
        self.console.refresh_status()

    # ------------------------------------------------------------------ layout

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        wide = width >= WIDE_COLUMNS
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")

    @property
    def is_wide(self) -> bool:
        return self.has_class("-wide")

    def pane(self, name: str) -> Pane:
        return self.query_one(f"#{name}", Pane)

    def panes(self) -> list[Pane]:
        return [self.pane(name) for name in PANE_ORDER]

    def _activate(self, name: str) -> None:
        if name == self.active_pane and self.pane(name).has_class("-active"):
            return
        self.active_pane = name
        for pane in self.panes():
            pane.set_class(pane.id == name, "-active")
        for row in self.query(".pane-row"):
            row.set_class(any(pane.id == name for pane in row.query(Pane)), "-active")
        self.query_one(TabStrip).activate(name)

    def focus_pane(self, name: str) -> None:
        self._activate(name)
        pane = self.pane(name)
        # A pane that was hidden (narrow layout) can take focus once it is laid out.
        self.call_after_refresh(pane.focus_content)
        if name in {"tenant", "subscriptions"}:
            customer = self.pane("tenant")
            if isinstance(customer, TenantPane) and customer.customer_id:
                self.console.backend.request_customer_refresh(customer.customer_id)

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        for ancestor in event.widget.ancestors_with_self:
            if isinstance(ancestor, Pane) and ancestor.id in PANE_ORDER:
                if ancestor.id != self.active_pane:
                    self._activate(ancestor.id)
                break

    @on(TabStrip.Chosen)
    def _tab_chosen(self, event: TabStrip.Chosen) -> None:
        self.focus_pane(event.pane)

    # ------------------------------------------------------------------ data

    @on(CustomerSelected)
    def _customer_selected(self, event: CustomerSelected) -> None:
        tenant = self.pane("tenant")
        subscriptions = self.pane("subscriptions")
        assert isinstance(tenant, TenantPane) and isinstance(subscriptions, SubscriptionsPane)
        tenant.show_customer(event.customer_id)
        subscriptions.set_customer(event.customer_id)

    def refresh_data(self, tables: frozenset[str] | None = None) -> None:
        if not self._ready:
            return
        for pane in self.panes():
            pane.refresh_data(tables)

    def clock_moved(self) -> None:
        if not self._ready:
            return
        for pane in self.panes():
            pane.clock_moved()

    def show_status(self, status: BackendStatus) -> None:
        if not self._ready:
            return  # on_mount shows the status once the status bar exists
        app = self.console
        self.query_one(StatusBar).show(status, profile=app.settings.profile.name,
                                       read_only=app.read_only, now=app.now())

    def filter_pane(self, name: str, text: str) -> None:
        pane = self.pane(name)
        if isinstance(pane, ListPane):
            pane.filter_input.value = text
            pane.set_filter(text)

    # ------------------------------------------------------------------ actions

    def action_next_pane(self) -> None:
        index = PANE_ORDER.index(self.active_pane)
        self.focus_pane(PANE_ORDER[(index + 1) % len(PANE_ORDER)])

    def action_previous_pane(self) -> None:
        index = PANE_ORDER.index(self.active_pane)
        self.focus_pane(PANE_ORDER[(index - 1) % len(PANE_ORDER)])

    def action_show_pane(self, name: str) -> None:
        if name in PANE_ORDER:
            self.focus_pane(name)

    def action_command_line(self) -> None:
        self.query_one(CommandLine).open()

    @on(CommandLine.Submitted)
    async def _command_submitted(self, event: CommandLine.Submitted) -> None:
        event.stop()
        await self.console.execute_command(event.text)

    @on(CommandLine.Closed)
    def _command_closed(self, event: CommandLine.Closed) -> None:
        event.stop()
        # Back to the pane in use (a command such as ":subs" may have changed it).
        focused = self.focused
        if focused is None or isinstance(focused.parent, CommandLine):
            self.focus_pane(self.active_pane)

    def action_sync(self) -> None:
        self.console.action_sync()

    def action_new_tenant(self) -> None:
        self.console.open_new_tenant()

    def action_invite(self) -> None:
        self.console.open_invite()

    def action_subscription_view(self, name: str) -> None:
        from csp_tui.tui.screens.subscription_detail import show_preset

        show_preset(self.app, name)

    def action_command_log(self) -> None:
        self.console.action_command_log()
