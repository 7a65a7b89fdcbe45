"""One subscription (or perpetual licence) on a screen of its own (``enter`` on a row).

:class:`SubscriptionDetailScreen` says what a reseller needs before touching a subscription
(the facts in words: ``subscription_facts.py``), what can be changed now and why not, and the
changes sent lately with Partner Center's answer explained. ``m`` opens the changes, ``e`` the
customer's Education qualification, both through the console.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from csp_tui.cache import views
from csp_tui.domain import roles, terms
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.services import commerce_rules as rules
from csp_tui.services import events as ev
from csp_tui.services.record_dates import record_moment
from csp_tui.state.outbox import OutboxState
from csp_tui.tui.bindings import GuardedActions, KeySpec, TranslatedBindings, bindings, register
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.role_words import word_manage_for_role
from csp_tui.tui.screens.change_follow import ShowsQueuedChanges
from csp_tui.tui.screens.subscription_facts import (
    LABEL_WIDTH,
    action_lines,
    facts_block,
    is_perpetual,
    perpetual_facts,
    recent_changes,
    subscription_facts,
    waiting_text,
)
from csp_tui.tui.screens.subscription_words import explain_entry, routes
from csp_tui.tui.stylesheets import with_sheets

register(
    KeySpec("subs-detail-back", "escape", "sub_back", "tui.key.back", "tui.keyhelp.back",
            "subscription-detail"),
    KeySpec("subs-detail-manage", "m", "sub_manage", "tui.key.manage", "tui.keyhelp.manage",
            "subscription-detail", mutating=True),
    KeySpec("subs-detail-copy-link", "c", "sub_copy_link", "subs.key.copy_link",
            "subs.keyhelp.copy_link", "subscription-detail"),
    KeySpec("subs-detail-copy-id", "i", "sub_copy_id", "subs.key.copy_id",
            "subs.keyhelp.copy_id", "subscription-detail"),
    KeySpec("subs-detail-education", "e", "sub_education", "subs.key.education",
            "subs.keyhelp.education", "subscription-detail"),
    KeySpec("subs-detail-fields", "f", "sub_fields", "subs.key.fields", "subs.keyhelp.fields",
            "subscription-detail"),
)


class SubscriptionBody(VerticalScroll):
    """Scrolls with the arrow keys (it takes the focus)."""


@with_sheets("subscriptions")
class SubscriptionDetailScreen(ShowsQueuedChanges, GuardedActions, TranslatedBindings,
                               Screen[None]):
    """``enter`` on a subscription: everything about it in words; ``esc`` goes back."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("subscription-detail", "app")

    class Changed(Message):
        """Something this screen shows may have changed (posted from the back end)."""

    def __init__(self, subscription_id: str, customer_id: str | None = None) -> None:
        super().__init__(classes="subs-detail")
        self.subscription_id = subscription_id
        #: Whose subscription the person selected (the same id may exist under two customers).
        self.customer_id = customer_id
        self.record: dict[str, Any] | None = None
        self.record_title = ""
        self.link = ""
        self._unsubscribe: Any = None
        self.routes: dict[str, Any] = {}

    def _read_routes(self) -> None:
        """What this role may change, and how (``m`` is worded and offered accordingly)."""
        self.routes = routes(self.console)
        word_manage_for_role(self, "sub_manage")

    @property
    def console(self) -> Console:
        return console_of(self.app)

    @property
    def perpetual(self) -> bool:
        return self.record is not None and is_perpetual(self.record)

    def compose(self) -> ComposeResult:
        self._read_routes()
        yield Static(classes="screen-title", id="subs-detail-title")
        yield Static(classes="subs-kind", id="subs-detail-kind")
        with SubscriptionBody(classes="record-body subs-detail-body"):
            yield Static(id="subs-detail-facts")
            yield Static(Text(t("subs.detail.actions_title"), style="bold"),
                         classes="subs-section", id="subs-detail-actions-title")
            yield Static(id="subs-detail-actions")
            yield Static(Text(t("subs.detail.history_title"), style="bold"),
                         classes="subs-section", id="subs-detail-history-title")
            yield Static(id="subs-detail-history")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.load()
        self.query_one(SubscriptionBody).focus()
        screen = self

        def on_event(event: ev.Event) -> None:
            # From the back end's thread: posting a message is the thread-safe way in.
            if isinstance(event, ev.CacheChanged | ev.OutboxUpdated):
                screen.post_message(SubscriptionDetailScreen.Changed())

        self._unsubscribe = self.console.backend.subscribe(on_event)

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    @on(Changed)
    def _changed(self, event: Changed) -> None:
        event.stop()
        self.load()

    def load(self) -> None:
        """(Re)read the record and draw every part."""
        console = self.console
        now = console.now()
        self.record = views.subscription_record(console.backend.cache, self.subscription_id,
                                                customer_id=self.customer_id)
        title = self.query_one("#subs-detail-title", Static)
        kind_line = self.query_one("#subs-detail-kind", Static)
        facts = self.query_one("#subs-detail-facts", Static)
        if self.record is None:
            self.record_title = t("tui.notify.record_gone")
            title.update(Text(self.record_title, style="bold"))
            kind_line.display = False
            facts.update(Text(t("tui.notify.record_gone")))
            self.refresh_bindings()
            return
        record = self.record
        customer_id = str(record.get("customer_id") or "")
        customer = safe_text(console.customer_name(customer_id) or customer_id, 120)
        sub = rules.facts(record)
        kind = sub.kind if sub.kind in ("online", "software", "perpetual") else "online"
        self.record_title = t(f"subs.detail.title.{kind}", product=sub.product)
        title.update(Text(self.record_title, style="bold"))
        kind_line.update(Text(t("subs.detail.kind_line", kind=terms.kind_in_words(kind),
                                hint=t(f"subs.kind_hint.{kind}"))))
        for name in ("online", "software", "perpetual"):
            kind_line.set_class(name == kind, f"-{name}")
        rows = (perpetual_facts(record, customer, now) if self.perpetual
                else subscription_facts(record, customer, now))
        self.link = terms.where_customer_sees(kind).url
        # The body's width less its padding and scrollbar.
        facts.update(facts_block(rows, max(20, self.app.size.width - 4)))
        self._show_actions(record, now)
        self._show_history(now)
        self.refresh_bindings()

    def _show_actions(self, record: dict[str, Any], now: datetime) -> None:
        # A perpetual licence has nothing anyone can change: no distributor to ask either.
        distributor = not self.perpetual and any(
            route is roles.Access.DISTRIBUTOR for route in self.routes.values())
        self.query_one("#subs-detail-actions-title", Static).update(
            Text(t("roles.detail.actions_title" if distributor
                   else "subs.detail.actions_title"), style="bold"))
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(no_wrap=True, width=1)
        grid.add_column(no_wrap=True, style="bold", min_width=LABEL_WIDTH - 2)
        grid.add_column(ratio=1, overflow="fold")
        for possible, label, text in action_lines(record, now, self.routes):
            grid.add_row(Text("✓" if possible else "✗", style="bold" if possible else "dim"),
                         Text(label, style="" if possible else "dim"),
                         Text(safe_text(text, 400), style="" if possible else "italic"))
        self.query_one("#subs-detail-actions", Static).update(grid)

    def _show_history(self, now: datetime) -> None:
        entries = [] if self.perpetual else recent_changes(self.console.backend.state,
                                                           self.subscription_id,
                                                           customer_id=self.customer_id)
        history = self.query_one("#subs-detail-history", Static)
        self.query_one("#subs-detail-history-title").display = bool(entries)
        history.display = bool(entries)
        lines: list[Text] = []
        for entry in entries:
            when = terms.moment_in_words(record_moment(entry.created_at), None, now.tzinfo,
                                         now)
            line = Text(f"{when} · ")
            line.append(t(f"subs.outbox.{entry.state.value}"),
                        style="bold" if entry.state is OutboxState.FAILED else "")
            line.append(f" · {safe_text(entry.subject, 200)}")
            lines.append(line)
            if entry.state is OutboxState.FAILED:
                lines.append(Text("  " + safe_text(explain_entry(self.console, entry), 600),
                                  style="italic"))
            elif entry.state is OutboxState.QUEUED and entry.next_attempt_at \
                    and entry.error_message:
                lines.append(Text("  " + safe_text(waiting_text(entry, now), 600),
                                  style="italic"))
        history.update(Group(*lines))

    # -- actions
    def action_available(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sub_manage":
            # A perpetual licence has nothing to change, nor has a role no change leads to for:
            # the key is not offered at all.
            if self.perpetual or (self.routes and all(
                    str(route) == "refused" for route in self.routes.values())):
                return False
            return True if self.record is not None else None
        if action in {"sub_copy_link", "sub_copy_id", "sub_education", "sub_fields"}:
            return True if self.record is not None else None
        return True

    def action_sub_back(self) -> None:
        self.dismiss()

    def action_sub_manage(self) -> None:
        self.console.open_subscription_actions(self.subscription_id, self.customer_id)

    def action_sub_copy_link(self) -> None:
        if self.link:
            self.console.copy_text(self.link)

    def action_sub_copy_id(self) -> None:
        if self.record is not None:
            self.console.copy_text(str(self.record.get("id") or self.subscription_id))

    def action_sub_education(self) -> None:
        if self.record is not None:
            self.console.open_education(str(self.record.get("customer_id") or ""))

    def action_sub_fields(self) -> None:
        self.console.open_record("subscription", self.subscription_id,
                                 customer_id=self.customer_id)


def open_subscription_detail(console: Console, subscription_id: str,
                             customer_id: str | None = None) -> None:
    """``enter`` on a subscription or perpetual licence (``customer_id``: whose row)."""
    console.push_screen(SubscriptionDetailScreen(subscription_id, customer_id))
