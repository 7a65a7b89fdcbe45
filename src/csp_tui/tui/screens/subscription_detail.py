"""One subscription (or perpetual licence) in words, and the named views across customers.

:class:`SubscriptionDetailScreen` says what a reseller needs before touching a subscription:
what it is (online service, software subscription or perpetual licence — shown distinctly),
its term and billing explained, when it renews, how long it can still be cancelled or reduced
(with the time left), the seats that can be refunded, where the customer's admin finds it in
the Microsoft 365 admin center (the link copyable), what can be changed now and why not, and
the changes sent lately with Partner Center's answer explained.

The named views ("renewing within 30 days", "inside the cancellation window", …) are presets
of the subscriptions pane across every customer: :func:`show_preset` switches the pane to one,
:func:`run_subscriptions_command` understands ``:subscriptions <view>``, and
:class:`SubscriptionViewsProvider` offers them in the command palette.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from csp_tui.cache import views
from csp_tui.domain import terms
from csp_tui.domain.text import fold, safe_text
from csp_tui.i18n import t
from csp_tui.partner_center.dates import parse_pc_datetime
from csp_tui.services import commerce_rules as rules
from csp_tui.services import events as ev
from csp_tui.services import subscriptions as service
from csp_tui.state.outbox import OutboxEntry, OutboxState
from csp_tui.tui.bindings import GuardedActions, KeySpec, TranslatedBindings, bindings, register

if TYPE_CHECKING:
    from csp_tui.tui.app import CspApp

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

LABEL_WIDTH = 20
#: The label of a row whose value is an address: drawn on its own line, never wrapped (a
#: wrapped address cannot be selected and pasted).
LINK = "\x00link"
HISTORY_LIMIT = 5
_TERM_EXPLAINED = ("P1M", "P1Y", "P3Y")


def _console(app: Any) -> CspApp:
    return app  # type: ignore[no-any-return]


def is_perpetual(record: dict[str, Any]) -> bool:
    """An entitlements row (a perpetual licence) rather than a subscription."""
    return "product_name" in record and "offer_name" not in record


# -- the facts, in words --------------------------------------------------------------------


def _moment_with_left(moment: datetime | None, now: datetime) -> str:
    return t("subs.detail.until_left",
             when=terms.moment_in_words(moment, None, now.tzinfo, now),
             left=terms.time_left(moment, now))


def term_text(term: str | None, kind: str = "online") -> str:
    """"1 year — a one-year commitment: …" (the code itself in words, then what it means)."""
    words = terms.term_in_words(term)
    code = (term or "").strip().upper()
    if kind == "software" and code:
        # Software subscriptions cannot grow: more cores mean another subscription.
        return t("subs.detail.term_explained", term=words, meaning=t("subs.term.software"))
    if code in _TERM_EXPLAINED:
        return t("subs.detail.term_explained", term=words, meaning=t(f"subs.term.{code}"))
    return words


def renewal_text(sub: rules.SubscriptionFacts, now: datetime) -> str:
    zone = now.tzinfo
    end = terms.date_in_words(sub.term_end, None, zone)
    if sub.term_end is None:
        return terms.NOTHING
    if sub.status == "active" and sub.auto_renew:
        renews = sub.renews_at
        days = max(0, (renews - now).days) if renews else 0
        return t("subs.detail.renews", date=terms.date_in_words(renews, None, zone),
                 term=terms.term_in_words(sub.term_duration),
                 days=terms.plural(days, "day"))
    if sub.status == "suspended":
        return t("subs.detail.renews_not_suspended", end=end)
    if sub.status in ("expired", "disabled", "deleted"):
        return t("subs.detail.renews_over", end=end)
    return t("subs.detail.renews_off", end=end)


def cancellation_text(sub: rules.SubscriptionFacts, now: datetime) -> str:
    if sub.cancel_until is None:
        return terms.NOTHING
    if sub.cancel_until > now:
        return t("subs.detail.cancel_open", until=_moment_with_left(sub.cancel_until, now))
    return t("subs.detail.cancel_closed",
             closed=terms.moment_in_words(sub.cancel_until, None, now.tzinfo, now))


def removable_text(sub: rules.SubscriptionFacts, now: datetime) -> str:
    removable, until = rules.removable_seats(sub, now)
    if removable:
        return t("subs.detail.removable", seats=terms.plural(removable, "seat"),
                 until=_moment_with_left(until, now))
    if sub.refundable_closed_at is not None:
        return t("subs.detail.removable_closed",
                 closed=terms.moment_in_words(sub.refundable_closed_at, None, now.tzinfo, now))
    return t("subs.detail.removable_none")


def refundable_text(record: dict[str, Any], sub: rules.SubscriptionFacts, now: datetime) -> str:
    """Partner Center's ``refundableQuantity``: every batch of seats with its own deadline."""
    if not sub.refundable:
        total = record.get("refundable_quantity")
        return str(total) if total else "0"
    parts = [t("subs.detail.refundable_batch", seats=terms.plural(batch.quantity, "seat"),
               until=_moment_with_left(batch.until, now) if batch.until > now
               else t("subs.detail.closed_at", closed=terms.moment_in_words(
                   batch.until, None, now.tzinfo, now)))
             for batch in sub.refundable]
    return "; ".join(parts)


def _status_text(sub: rules.SubscriptionFacts, trial: bool) -> str:
    words = terms.status_in_words(sub.status)
    if trial:
        words = t("subs.detail.trial", status=words)
    if sub.status in ("suspended", "expired", "disabled", "deleted", "pending"):
        return t("subs.detail.status_hint", status=words,
                 hint=t(f"subs.status_hint.{sub.status}"))
    return words


def subscription_facts(record: dict[str, Any], customer: str, now: datetime
                       ) -> list[tuple[str, str]]:
    """(label, value) rows for a subscription, every value plain text."""
    sub = rules.facts(record)
    zone = now.tzinfo
    place = terms.where_customer_sees(sub.kind)
    offer = safe_text(record.get("offer_name") or "", 120)
    rows = [
        (t("subs.detail.customer"), customer),
        (t("subs.detail.product"), sub.product),
    ]
    if offer and offer != sub.product:
        rows.append((t("subs.detail.offer"), offer))
    start = parse_pc_datetime(record.get("effective_start_date"))
    rows += [
        (t("subs.detail.status"), _status_text(sub, bool(record.get("is_trial")))),
        (t("subs.detail.quantity"), terms.plural(sub.quantity, "seat")),
        (t("subs.detail.term"), term_text(sub.term_duration, sub.kind)),
        (t("subs.detail.billing"), terms.billing_in_words(sub.billing_cycle)),
        (t("subs.detail.period"), t("subs.detail.period_value",
                                    start=terms.date_in_words(start, None, zone),
                                    end=terms.date_in_words(sub.term_end, None, zone))),
        (t("subs.detail.auto_renew"), terms.say("yes") if sub.auto_renew
         else terms.say("no") if sub.auto_renew is not None else terms.NOTHING),
        (t("subs.detail.renewal"), renewal_text(sub, now)),
        (t("subs.detail.cancellation"), cancellation_text(sub, now)),
        (t("subs.detail.removable_label"), removable_text(sub, now)),
        (t("subs.detail.refundable"), refundable_text(record, sub, now)),
        (t("subs.detail.where"), place.path),
        (LINK, place.url),
    ]
    if place.hint:
        rows.append(("", place.hint))
    rows += [
        (t("subs.detail.subscription_id"), safe_text(record.get("id") or "", 80)),
        (t("subs.detail.offer_id"), safe_text(record.get("offer_id") or "", 120)),
        (t("subs.detail.customer_id"), safe_text(record.get("customer_id") or "", 80)),
        (t("subs.detail.synced"), terms.moment_in_words(
            parse_pc_datetime(record.get("synced_at")), None, zone, now)),
    ]
    return rows


def perpetual_facts(record: dict[str, Any], customer: str, now: datetime
                    ) -> list[tuple[str, str]]:
    """(label, value) rows for a perpetual licence: what, when bought, refundable until."""
    zone = now.tzinfo
    bought = parse_pc_datetime(record.get("purchase_date"))
    refund_until = bought + timedelta(days=views.PERPETUAL_REFUND_DAYS) if bought else None
    if refund_until is None:
        refund = terms.NOTHING
    elif refund_until > now:
        refund = t("subs.detail.refund_open", until=_moment_with_left(refund_until, now),
                   days=views.PERPETUAL_REFUND_DAYS)
    else:
        refund = t("subs.detail.refund_closed",
                   closed=terms.date_in_words(refund_until, None, zone),
                   days=views.PERPETUAL_REFUND_DAYS)
    place = terms.where_customer_sees("perpetual")
    rows = [
        (t("subs.detail.customer"), customer),
        (t("subs.detail.product"), safe_text(record.get("product_name") or "", 120)),
        (t("subs.detail.quantity"), str(record.get("quantity") or 0)),
        (t("subs.detail.purchased"), terms.date_in_words(bought, None, zone)),
        (t("subs.detail.billing"), terms.billing_in_words("onetime")),
        (t("subs.detail.renewal"), t("subs.detail.never_renews")),
        (t("subs.detail.refund"), refund),
        (t("subs.detail.where"), place.path),
        (LINK, place.url),
        ("", place.hint),
        (t("subs.detail.order_id"), safe_text(record.get("order_id") or terms.NOTHING, 80)),
        (t("subs.detail.product_id"), safe_text(
            "/".join(part for part in (record.get("product_id"), record.get("sku_id")) if part)
            or terms.NOTHING, 80)),
        (t("subs.detail.customer_id"), safe_text(record.get("customer_id") or "", 80)),
    ]
    return rows


def action_lines(record: dict[str, Any], now: datetime,
                 routes: dict[str, Any] | None = None) -> list[tuple[bool, str, str]]:
    """(possible, action, what it does or why not) for every change, as the rules see it.
    ``routes`` (action -> the role matrix's answer): changes no route leads to are left out,
    those the distributor makes are labelled as requests to it."""
    from csp_tui.domain import roles
    from csp_tui.tui.screens.subscription_actions import action_label, allowed_text

    sub = rules.facts(record)
    if sub.kind == "perpetual":
        return [(False, t("subs.detail.no_changes"),
                 rules.reason_text(rules.Allowed(False, "sub.reason.perpetual")))]
    routes = routes or {}
    return [(allowed.ok,
             action_label(action, sub,
                          distributor=routes.get(action) is roles.Access.DISTRIBUTOR),
             allowed_text(action, allowed, sub, now))
            for action, allowed in rules.allowed_actions(sub, now).items()
            if routes.get(action) is not roles.Access.REFUSED]


def recent_changes(state: Any, subscription_id: str, limit: int = HISTORY_LIMIT, *,
                   customer_id: str | None = None) -> list[OutboxEntry]:
    """The latest changes sent (or waiting) for this subscription, newest first (only the
    given customer's when the same id exists under two)."""
    from csp_tui.state import outbox

    owner = "" if customer_id is None else (
        "AND lower(json_extract(payload, '$.customer_id')) = ? ")
    params: tuple[Any, ...] = (subscription_id.lower(),) + (
        () if customer_id is None else (customer_id.lower(),)) + (limit,)
    ids = [row[0] for row in state.execute(
        "SELECT id FROM outbox WHERE kind = 'patch_subscription' "
        "AND lower(json_extract(payload, '$.subscription_id')) = ? " + owner +
        "ORDER BY created_at DESC, rowid DESC LIMIT ?", params)]
    entries = [outbox.get(state, entry_id) for entry_id in ids]
    return [entry for entry in entries if entry is not None]


def _grid(rows: Iterable[tuple[str, str]]) -> Table:
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, style="bold", min_width=LABEL_WIDTH)
    grid.add_column(ratio=1, overflow="fold")
    for label, value in rows:
        grid.add_row(Text(label), Text(safe_text(value, 600)))
    return grid


def facts_block(rows: list[tuple[str, str]], width: int) -> Group:
    """The label/value rows; an address (:data:`LINK`) goes on a line of its own, under the
    values when it fits there, else from the left edge."""
    parts: list[Table | Text] = []
    pending: list[tuple[str, str]] = []
    for label, value in rows:
        if label != LINK:
            pending.append((label, value))
            continue
        if pending:
            parts.append(_grid(pending))
            pending = []
        url = safe_text(value, 300)
        indent = LABEL_WIDTH + 1 if LABEL_WIDTH + 1 + len(url) <= width else 0
        parts.append(Text(" " * indent + url, no_wrap=True, overflow="ignore"))
    if pending:
        parts.append(_grid(pending))
    return Group(*parts)


# -- the screen -----------------------------------------------------------------------------


class SubscriptionBody(VerticalScroll):
    """Scrolls with the arrow keys (it takes the focus)."""


def waiting_text(entry: OutboxEntry, now: datetime) -> str:
    """Why a queued change waits and when it is tried again ("Partner Center asked to wait:
    … Next attempt tomorrow 10:02."). The outbox schedules on the machine's clock; the time is
    shown in the world's, like every other time on this screen."""
    due = parse_pc_datetime(entry.next_attempt_at)
    if due is not None:
        due += now - datetime.now(UTC)
    return t("subs.outbox.waiting", reason=entry.error_message or "",
             when=terms.moment_in_words(due, None, now.tzinfo, now))


class SubscriptionDetailScreen(GuardedActions, TranslatedBindings, Screen[None]):
    """``enter`` on a subscription: everything about it in words; ``esc`` goes back."""

    BINDINGS: ClassVar = bindings("subscription-detail", "app")

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
        from csp_tui.tui.role_words import word_manage_for_role
        from csp_tui.tui.screens.subscription_actions import routes

        self.routes = routes(self.app)
        word_manage_for_role(self, "sub_manage")

    @property
    def console(self) -> CspApp:
        return self.app  # type: ignore[return-value]

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
        from csp_tui.domain import roles

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
        from csp_tui.tui.screens.subscription_actions import explain_entry

        entries = [] if self.perpetual else recent_changes(self.console.backend.state,
                                                           self.subscription_id,
                                                           customer_id=self.customer_id)
        history = self.query_one("#subs-detail-history", Static)
        self.query_one("#subs-detail-history-title").display = bool(entries)
        history.display = bool(entries)
        lines: list[Text] = []
        for entry in entries:
            when = terms.moment_in_words(parse_pc_datetime(entry.created_at), None, now.tzinfo,
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
        from csp_tui.tui.screens.subscription_actions import open_subscription_actions

        open_subscription_actions(self.app, self.subscription_id,
                                  customer_id=self.customer_id)

    def action_sub_copy_link(self) -> None:
        if self.link:
            self.console.copy_text(self.link)

    def action_sub_copy_id(self) -> None:
        if self.record is not None:
            self.console.copy_text(str(self.record.get("id") or self.subscription_id))

    def action_sub_education(self) -> None:
        from csp_tui.tui.screens.qualification import open_education

        if self.record is not None:
            open_education(self.app, str(self.record.get("customer_id") or ""))

    def action_sub_fields(self) -> None:
        self.console.open_record("subscription", self.subscription_id,
                                 customer_id=self.customer_id)


def open_subscription_detail(app: Any, subscription_id: str,
                             customer_id: str | None = None) -> None:
    """``enter`` on a subscription or perpetual licence (``customer_id``: whose row)."""
    _console(app).push_screen(SubscriptionDetailScreen(subscription_id, customer_id))


# -- named views across all customers -------------------------------------------------------

#: Our view names in the order the palette lists them (see services.subscriptions.PRESETS).
VIEW_ORDER: tuple[str, ...] = ("renewing", "in_window", "suspended", "auto_renew_off",
                               "software", "perpetual", "expired")
#: Words that name a view after ``:subscriptions`` (folded: no accents, lower case).
VIEW_WORDS: dict[str, tuple[str, ...]] = {
    "renewing": ("renewing", "renew", "renewals", "obnova", "obnovi", "obnovuje"),
    "in_window": ("window", "in-window", "in_window", "cancellable", "cancel", "lhuta",
                  "zrusit"),
    "suspended": ("suspended", "suspend", "pozastavene", "pozastavena"),
    "auto_renew_off": ("auto-renew-off", "autorenew-off", "auto_renew_off", "no-renew",
                       "norenew", "bez-obnovy"),
    "software": ("software", "sw"),
    "perpetual": ("perpetual", "perp", "trvale", "trvala"),
    "expired": ("expired", "vyprsele", "vyprsela"),
}
ALL_WORDS = ("all", "vse", "vsechna")
_BY_WORD = {word: name for name, words in VIEW_WORDS.items() for word in words}


def parse_view(argument: str) -> str | None:
    """``"renewing"`` -> ``"renewing"``, ``"Lhůta"`` -> ``"in_window"``; "" for ``all``;
    None when the text names no view (then it is a filter)."""
    word = fold(argument.strip())
    if word in ALL_WORDS:
        return ""
    return _BY_WORD.get(word)


def view_label(name: str) -> str:
    return service.preset_label(name)


def show_preset(app: Any, name: str | None) -> bool:
    """Show the subscriptions pane across all customers in the view ``name`` (None or "": no
    view). False when the console has no such pane or view."""
    from csp_tui.tui.widgets.lists import SubscriptionsPane

    console = _console(app)
    preset = service.PRESETS.get(name) if name else None
    if name and preset is None:
        return False
    console.action_show_pane("subscriptions")
    try:
        pane = console.main_screen.query_one(SubscriptionsPane)
    except LookupError:
        return False
    if preset not in pane.PRESETS:
        return False
    if not pane.show_all:
        pane.show_all = True
        pane.table.set_columns(pane.columns())
    pane.preset_index = pane.PRESETS.index(preset)
    if name == "renewing":
        # "What renews this month" reads best soonest first.
        sorts = [option.name for option in pane.sort_options]
        if "renewal" in sorts:
            pane.sort_index, pane.descending = sorts.index("renewal"), False
    if pane.filter_text:
        pane.filter_input.value = ""
        pane.filter_text = ""
    pane.apply_source(keep_cursor=False)
    return True


def run_subscriptions_command(app: Any, argument: str) -> bool:
    """``:subscriptions renewing`` and friends: True when ``argument`` named a view (and it is
    shown); False when it is filter text for the pane."""
    name = parse_view(argument)
    if name is None:
        return False
    return show_preset(app, name or None)


class SubscriptionViewsProvider(Provider):
    """The named views in the ``ctrl+p`` palette ("Renewing within 30 days  :subs renewing")."""

    def _hits(self) -> list[tuple[str, str, Any]]:
        return [(f"{view_label(name)}  :subs {VIEW_WORDS[name][0]}",
                 t(f"subs.view_help.{name}"), partial(show_preset, self.app, name))
                for name in VIEW_ORDER]

    async def discover(self) -> Hits:
        for text, help_text, run in self._hits():
            yield DiscoveryHit(text, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, run in self._hits():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), run, text=text, help=help_text)

