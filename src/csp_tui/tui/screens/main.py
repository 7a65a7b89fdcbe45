"""The main screen: customers, tenant, subscriptions and pending invitations.

Wide terminals (>= 120 columns) show all four panes in a grid; narrower ones show one pane at a
time under a tab strip. ``tab``/``shift+tab`` and ``1``–``4`` move between panes either way.

A pane that is not on screen does no work: a new customer under the cursor or a cache change
is remembered and loaded when the pane is shown. During a sync, cache changes are applied at
most twice a second and the sync's progress drawn at most four times a second; the end of the
sync is always drawn at once.
"""

from __future__ import annotations

import dataclasses
import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from csp_tui.tui.backend import BackendStatus
from csp_tui.tui.bindings import GuardedActions, TranslatedBindings, bindings, in_registry_order
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.messages import CustomerSelected
from csp_tui.tui.widgets.command_line import CommandLine
from csp_tui.tui.widgets.customers_pane import CustomersPane
from csp_tui.tui.widgets.pane import ListPane, Pane
from csp_tui.tui.widgets.status_bar import KeyFooter, StatusBar
from csp_tui.tui.widgets.tab_strip import TabStrip

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from csp_tui.tui.widgets.lists import SubscriptionsPane
    from csp_tui.tui.widgets.tenant import TenantPane

PANE_ORDER: tuple[str, ...] = ("customers", "tenant", "subscriptions", "invitations")
WIDE_COLUMNS = 120
# While a sync runs, at least this long between two re-reads of the lists (each one costs
# queries, a layout and a paint, and a sync changes the cache many times a second) ...
SYNC_REFRESH_SECONDS = 0.5
# ... and between two drawings of its progress in the status bar.
SYNC_PROGRESS_SECONDS = 0.25

Tables = frozenset[str] | None  # which cache tables changed (None: anything)


def _merge(first: Tables, second: Tables) -> Tables:
    return None if first is None or second is None else first | second


_heap_settled = False


def _settle_heap() -> None:
    """Keep the objects of a started console out of the collector's full passes.

    The modules, widgets and styles built at start live as long as the console; a full
    collection still walks each of them (60-70 ms with ~100k objects, measured during a
    sync, in whichever thread triggers it, so the UI loop stalls). Frozen after one last
    collection, they are never walked again; a full pass then takes a few milliseconds.

    The console starts with the collector paused (``tui/launch.py``): until here nearly
    every object made is one the console keeps, and the passes over them (two full ones
    and a dozen younger ones, ~30 ms) only delayed the first frame. It runs again from
    here."""
    global _heap_settled
    if _heap_settled:
        return
    _heap_settled = True
    gc.collect()
    gc.freeze()
    gc.enable()


# The panes of each row (a pane mounted after the first frame is not in the row's query yet).
_ROW_PANES = {"top-row": ("customers", "tenant"), "bottom-row": ("subscriptions", "invitations")}


def _new_pane(name: str) -> Pane:
    """A pane of the main screen. Only the customers pane's module is imported with the
    screen: the others (their sources, rows, words and keys) come when their pane is made,
    which a narrow screen does after its first frame."""
    if name == "customers":
        return CustomersPane(classes="-active")
    if name == "tenant":
        from csp_tui.tui.widgets.tenant import TenantPane  # after a narrow first frame

        return TenantPane()
    # As the tenant pane's: after a narrow first frame.
    from csp_tui.tui.widgets.lists import InvitationsPane, SubscriptionsPane

    return SubscriptionsPane() if name == "subscriptions" else InvitationsPane()


class _PaneLater(Widget):
    """Stands where a pane a narrow screen does not show will be: the pane is made and
    mounted in its place right after the first frame (as ``textual.lazy.Lazy`` does, but the
    pane itself, and its module, do not exist before)."""

    DEFAULT_CSS = "_PaneLater { display: none; }"

    def __init__(self, name: str, make: Callable[[str], Pane],
                 mounted: Callable[[Pane], None]) -> None:
        super().__init__()
        self._pane_name = name
        self._make = make
        self._mounted = mounted

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_pane)

    async def _mount_pane(self) -> None:
        parent = self.parent
        if not isinstance(parent, Widget):
            return
        pane = self._make(self._pane_name)
        if not pane.is_mounted and pane.parent is None:
            await parent.mount(pane, after=self)
        await self.remove()
        self._mounted(pane)


class MainScreen(GuardedActions, TranslatedBindings, Screen[None]):
    # "?" first: the footer lists the pane's keys, then these, and must always show help.
    BINDINGS: ClassVar[list[BindingType]] = bindings("app", "main")
    AUTO_FOCUS = None

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return in_registry_order(super().active_bindings)

    def __init__(self) -> None:
        super().__init__(id="main")
        self.active_pane = "customers"
        self._ready = False  # children composed and mounted (set in on_mount)
        # The panes made so far (see pane()); work for panes that are not on screen, done
        # when they are shown.
        self._panes: dict[str, Pane] = {}
        self._focus_when_mounted: str | None = None
        self._pending_customer: dict[str, str | None] = {}
        self._stale: dict[str, Tables] = {}
        # Cache changes not applied yet (throttled during a sync), and when the last was.
        self._queued: list[Tables] = []
        self._refresh_timer: Timer | None = None
        self._refreshed_at = float("-inf")
        # The status bar: what it shows, what it should show, when progress was last drawn.
        self._status_shown: BackendStatus | None = None
        self._status_wanted: BackendStatus | None = None
        self._status_timer: Timer | None = None
        self._progress_at = float("-inf")
        # The command line, mounted right after the first frame (or at once by ":").
        self._command_line: CommandLine | None = None
        self._command_line_mounting: AwaitMount | None = None

    @property
    def console(self) -> Console:
        return console_of(self.app)

    def compose(self) -> ComposeResult:
        # Layout classes are set before the children exist, so they are styled once.
        self._apply_width(self.app.size.width)
        yield TabStrip(id="tabs")
        with Vertical(id="panes"):
            with Horizontal(id="top-row", classes="pane-row -active"):
                yield self._pane_or_later("customers")
                yield self._pane_or_later("tenant")
            with Horizontal(id="bottom-row", classes="pane-row"):
                yield self._pane_or_later("subscriptions")
                yield self._pane_or_later("invitations")
        yield StatusBar(id="status-bar")
        yield KeyFooter(id="footer", show_command_palette=False)

    def on_mount(self) -> None:
        self._ready = True
        self.query_one(TabStrip).activate(self.active_pane)
        self.pane("customers").focus_content()
        self.console.refresh_status()
        # After the first frame: the command line, hidden until ":" (its input and labels
        # need not be styled for a frame that does not show them), and the collection
        # before freezing, which takes a moment.
        self.call_after_refresh(self._mount_command_line)
        self.call_after_refresh(_settle_heap)

    def _mount_command_line(self) -> AwaitMount:
        if self._command_line_mounting is None:
            command_line = CommandLine(self.console.command_history,
                                       cursor_blink=self.console.cursor_blink,
                                       id="command-line")
            command_line.display = False
            self._command_line = command_line
            self._command_line_mounting = self.mount(command_line,
                                                     before=self.query_one(StatusBar))
        return self._command_line_mounting

    # ------------------------------------------------------------------ layout

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)
        if self._ready and self.is_wide:
            for name in PANE_ORDER:
                self._load_hidden_work(name)

    def _apply_width(self, width: int) -> None:
        wide = width >= WIDE_COLUMNS
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")

    @property
    def is_wide(self) -> bool:
        return self.has_class("-wide")

    def _pane_or_later(self, name: str) -> Widget:
        """The pane, or — for a pane a narrow screen does not show — the pane made and
        mounted right after the first frame (``_PaneLater``): the first frame does not wait
        for the modules, widgets and styles of three panes nobody sees yet. Until it is
        mounted, the pane is treated as hidden (its work waits in ``_pending_customer`` and
        ``_stale``)."""
        if self.is_wide or name == self.active_pane:
            return self.pane(name)
        return _PaneLater(name, self.pane, self._pane_mounted)

    def pane(self, name: str) -> Pane:
        """The pane called ``name``, made now if it was not yet (it may not be mounted)."""
        pane = self._panes.get(name)
        if pane is None:
            pane = self._panes[name] = _new_pane(name)
            if name == "tenant" and "tenant" in self._pending_customer:
                # Which customer is selected is known before the pane exists ("i" prefills
                # from it, as _customer_selected says).
                cast("TenantPane", pane).customer_id = self._pending_customer["tenant"]
        return pane

    def panes(self) -> list[Pane]:
        """The panes mounted so far (all four, a moment after the first frame)."""
        return [pane for pane in self._panes.values() if pane.is_mounted]

    def _pane_mounted(self, pane: Pane) -> None:
        """A pane mounted after the first frame: shown as the others are, and given what it
        was spared meanwhile if it is on screen now."""
        name = pane.id or ""
        pane.set_class(name == self.active_pane, "-active")
        if self.is_shown(name):
            self._load_hidden_work(name)
        if self._focus_when_mounted == name:
            self._focus_when_mounted = None
            if name == self.active_pane:
                self.focus_pane_now(name)

    def is_shown(self, name: str) -> bool:
        """Whether the pane is on screen: all four are when wide, only the active one else
        (and none before it is mounted)."""
        pane = self._panes.get(name)
        return pane is not None and pane.is_mounted and (self.is_wide
                                                         or name == self.active_pane)

    def _activate(self, name: str) -> None:
        if name == self.active_pane and self.pane(name).has_class("-active"):
            return
        self.active_pane = name
        for pane in self.panes():
            pane.set_class(pane.id == name, "-active")
        for row in self.query(".pane-row"):
            row.set_class(name in _ROW_PANES.get(row.id or "", ()), "-active")
        self.query_one(TabStrip).activate(name)
        self._load_hidden_work(name)

    def _load_hidden_work(self, name: str) -> None:
        """What a pane was spared while it was not on screen, now that it is."""
        pane = self.pane(name)
        if not pane.is_mounted:
            return  # done when it is (_pane_mounted)
        reloaded = False
        if name in self._pending_customer:
            customer_id = self._pending_customer.pop(name)
            if name == "tenant":
                cast("TenantPane", pane).show_customer(customer_id)
                reloaded = True
            elif name == "subscriptions":
                subscriptions = cast("SubscriptionsPane", pane)
                # A new customer re-reads the list, unless it shows every customer's.
                reloaded = (customer_id != subscriptions.customer_id
                            and not subscriptions.show_all)
                subscriptions.set_customer(customer_id)
        if name in self._stale:
            tables = self._stale.pop(name)
            if not reloaded:
                pane.refresh_data(tables)

    def focus_pane(self, name: str) -> None:
        self._activate(name)
        # At once, not after the next refresh: the keys typed next are for this pane, and
        # the pane hidden by a narrow layout must not keep the focus until it is hidden.
        self.focus_pane_now(name)
        if name in {"tenant", "subscriptions"}:
            customer_id = cast("TenantPane", self.pane("tenant")).customer_id
            if customer_id:
                self.console.backend.request_customer_refresh(customer_id)

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
        # The panes not made yet (a narrow screen's first frame) are not made for this.
        tenant = self._panes.get("tenant")
        subscriptions = self._panes.get("subscriptions")
        if tenant is not None and self.is_shown("tenant"):
            cast("TenantPane", tenant).show_customer(event.customer_id)
        else:
            # Which customer is selected is known at once ("i" prefills from it); its
            # details are read when the pane is shown.
            if tenant is not None:
                cast("TenantPane", tenant).customer_id = event.customer_id
            self._pending_customer["tenant"] = event.customer_id
        if subscriptions is not None and self.is_shown("subscriptions"):
            cast("SubscriptionsPane", subscriptions).set_customer(event.customer_id)
        else:
            self._pending_customer["subscriptions"] = event.customer_id

    def refresh_data(self, tables: Tables = None) -> None:
        """The cache changed: re-read the panes on screen (at most every
        SYNC_REFRESH_SECONDS while a sync runs) and mark the others stale."""
        if not self._ready:
            return
        self._queued.append(tables)
        if self._syncing():
            wait = self._refreshed_at + SYNC_REFRESH_SECONDS - time.monotonic()
            if wait > 0:
                if self._refresh_timer is None:
                    self._refresh_timer = self.set_timer(wait, self._apply_queued)
                return
        self._apply_queued()

    def _syncing(self) -> bool:
        return self.console.status_snapshot.sync_state == "running"

    def _apply_queued(self) -> None:
        if self._refresh_timer is not None:
            self._refresh_timer.stop()
            self._refresh_timer = None
        if not self._queued:
            return
        tables: Tables = frozenset()
        for changed in self._queued:
            tables = _merge(tables, changed)
        self._queued = []
        for pane in self.panes():
            name = pane.id or ""
            if self.is_shown(name):
                pane.refresh_data(tables)
            else:
                self._stale[name] = _merge(self._stale.get(name, frozenset()), tables)
        # Measured from the end: a slow refresh does not eat into the pause after it.
        self._refreshed_at = time.monotonic()

    def clock_moved(self) -> None:
        if not self._ready:
            return
        for pane in self.panes():
            pane.clock_moved()

    def show_status(self, status: BackendStatus) -> None:
        if not self._ready:
            return  # on_mount shows the status once the status bar exists
        if not self._syncing():
            # The sync is over (or never ran): its last changes are drawn now.
            self._apply_queued()
        self._status_wanted = status
        shown = self._status_shown
        if (shown is not None and status.sync_state == "running"
                and dataclasses.replace(shown, progress=status.progress) == status):
            # Only the progress moved: draw it at most every SYNC_PROGRESS_SECONDS.
            wait = self._progress_at + SYNC_PROGRESS_SECONDS - time.monotonic()
            if wait > 0:
                if self._status_timer is None:
                    self._status_timer = self.set_timer(wait, self._draw_progress)
                return
            self._progress_at = time.monotonic()
        self._draw_status()

    def _draw_progress(self) -> None:
        self._progress_at = time.monotonic()
        self._draw_status()

    def _draw_status(self) -> None:
        if self._status_timer is not None:
            self._status_timer.stop()
            self._status_timer = None
        status = self._status_wanted
        if status is None:
            return
        app = self.console
        self.query_one(StatusBar).show(status, profile=app.settings.profile.name,
                                       read_only=app.read_only, now=app.now())
        self._status_shown = status
        for pane in self.panes():
            if isinstance(pane, ListPane):
                pane.update_empty_text()

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

    async def action_command_line(self) -> None:
        await self._mount_command_line()  # at once if ":" came before the first frame did
        assert self._command_line is not None
        self._command_line.open()

    @on(CommandLine.Submitted)
    async def _command_submitted(self, event: CommandLine.Submitted) -> None:
        event.stop()
        # The keys go back to the pane before the command runs: ":help" lists the keys of
        # what has the focus, which must be the pane, not the closed command line.
        self.focus_pane_now(self.active_pane)
        await self.console.execute_command(event.text)

    def focus_pane_now(self, name: str) -> None:
        """Put the focus in the pane at once (``Widget.focus`` waits for the app's queue)."""
        pane = self.pane(name)
        if not pane.is_mounted:
            self._focus_when_mounted = name  # a moment after the first frame (_pane_mounted)
            return
        target: Widget | None
        if isinstance(pane, ListPane):
            target = pane.filter_input if pane.filter_input.display else pane.table
        else:
            target = next((widget for widget in pane.query("*")
                           if isinstance(widget, Widget) and widget.focusable), None)
        if target is not None:
            self.set_focus(target)

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
        self.console.show_subscription_view(name)

    def action_command_log(self) -> None:
        self.console.action_command_log()
