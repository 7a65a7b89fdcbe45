"""Ordering for one customer (``o`` on a customer, ``:order``): the catalog, the order form, the
review, and the result.

1. **Catalog** — the profile's country's catalog from the cache (read from Partner Center at
   most daily; the back end reads it when it is missing or old), filtered with the lists'
   accent-free filter; online services, software subscriptions and perpetual licences told
   apart; an Education availability the customer may not buy is shown with the reason.
2. **Form** — only the terms and billing the availability sells, the quantity, auto-renew.
3. **Review** — the effect in words (``services/orders.review_lines``); ``y`` places it.
4. **Result** — a distributor or direct partner: queued in the outbox and sent at once (the new
   subscriptions show as provisioning in the subscriptions pane); an indirect reseller: the
   complete order request for the distributor (``distributor_request.py``).
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from csp_tui.cache.views.catalog import count_catalog_items
from csp_tui.domain import catalog as rules
from csp_tui.domain import terms
from csp_tui.domain.text import safe_text
from csp_tui.i18n import get_language, t
from csp_tui.services import orders
from csp_tui.services.catalog import (
    catalog_is_fresh,
    gate_words,
    offered_to,
    profile_country,
    refresh_catalog,
)
from csp_tui.services.writer import WriteSession
from csp_tui.tui.bindings import GuardedActions, KeySpec, TranslatedBindings, bindings, register
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.screens.change_follow import follow_outbox
from csp_tui.tui.screens.distributor_request import show_request
from csp_tui.tui.stylesheets import with_sheets
from csp_tui.tui.writes import write_then

register(
    KeySpec("order-catalog-choose", "enter", "choose", "selling.tui.key.choose",
            "selling.tui.keyhelp.choose", "order-catalog", priority=True),
    KeySpec("order-catalog-close", "escape", "close", "tui.key.close",
            "selling.tui.keyhelp.close", "order-catalog"),
    KeySpec("order-form-review", "ctrl+r", "review", "selling.tui.key.review",
            "selling.tui.keyhelp.review", "order-form", priority=True),
    KeySpec("order-form-back", "escape", "back", "tui.key.back", "selling.tui.keyhelp.back",
            "order-form"),
    KeySpec("order-review-place", "y", "place", "selling.tui.key.place",
            "selling.tui.keyhelp.place", "order-review", mutating=True),
    KeySpec("order-review-back", "n,escape", "back", "tui.key.back",
            "selling.tui.keyhelp.back", "order-review"),
    KeySpec("order-result-close", "escape,enter", "close", "tui.key.close",
            "selling.tui.keyhelp.close", "order-result"),
)


#: The catalog list shows at most this many matches (typing narrows the rest).
SHOWN_AT_MOST = 200
_MOVES = {"up": "cursor_up", "down": "cursor_down", "pageup": "page_up",
          "pagedown": "page_down"}


def _kind_badge(kind: str) -> Text:
    return Text(f" {terms.kind_in_words(kind)} ", style="reverse")


def _choice_words(choice: rules.Choice) -> str:
    if not choice.term:
        return terms.billing_in_words(choice.billing)
    return f"{terms.term_in_words(choice.term)}, {terms.billing_in_words(choice.billing)}"


def _terms_summary(item: rules.CatalogItem) -> str:
    """The terms it is sold on, short enough for one line ("1 month · 1 year")."""
    durations = list(dict.fromkeys(c.term for c in item.choices if c.term))
    if not durations:
        return terms.billing_in_words(rules.ONE_TIME)
    return " · ".join(terms.term_in_words(term) for term in durations)


# -- 1. the catalog --------------------------------------------------------------------------------


@with_sheets("subscriptions", "order")
class OrderCatalogScreen(GuardedActions, TranslatedBindings, Screen[None]):
    """What can be ordered for this customer."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("order-catalog", "app")

    def __init__(self, customer_id: str, customer_name: str) -> None:
        super().__init__(classes="order-screen")
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.offered: list[Any] = []
        self.matching = 0
        self.reading = False

    @property
    def console(self) -> Console:
        return console_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(Text(t("selling.tui.catalog_title",
                            customer=safe_text(self.customer_name, 120)), style="bold"),
                     classes="screen-title")
        yield Input(placeholder=t("selling.tui.filter"), id="order-filter")
        yield OptionList(id="order-catalog")
        yield Static("", id="order-catalog-note", classes="subs-note")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self._fill()
        settings = self.console.settings
        country = profile_country(settings.profile)
        if not catalog_is_fresh(self.console.backend.cache, country, self.console.now()):
            self._read_catalog(country)
        self.query_one("#order-filter", Input).focus()

    def _read_catalog(self, country: str) -> None:
        """Missing or older than a day: the back end reads it (off the console's thread)."""
        try:
            future = self.console.backend.submit(
                lambda session: refresh_catalog(session.client, session.cache, country))
        except RuntimeError:  # no worker (offline console): the cache is what there is
            return
        self.reading = True
        self._say()

        async def wait() -> None:
            try:
                await asyncio.wrap_future(future)
            except Exception as exc:  # shown, the cached catalog stays usable
                self.reading = False
                if self.is_mounted:
                    self.query_one("#order-catalog-note", Static).update(Text(
                        t("selling.tui.not_read", error=safe_text(str(exc), 200))))
                return
            self.reading = False
            if self.is_mounted:
                self._fill()

        self.run_worker(wait(), group="order-catalog", exit_on_error=False)

    def _fill(self) -> None:
        text = self.query_one("#order-filter", Input).value
        country = profile_country(self.console.settings.profile)
        cache = self.console.backend.cache
        # The first few hundred: typing narrows the rest (a whole catalog is thousands).
        self.offered = offered_to(cache, country, self.customer_id, text=text,
                                  limit=SHOWN_AT_MOST)
        self.matching = (len(self.offered) if len(self.offered) < SHOWN_AT_MOST
                         else count_catalog_items(cache, country, text=text))
        options = self.query_one("#order-catalog", OptionList)
        options.clear_options()
        language = get_language()
        for index, offered in enumerate(self.offered):
            item = offered.item
            line = Text.assemble(
                (safe_text(item.title, 70), "bold" if offered.gate is None else "dim"), "  ",
                _kind_badge(item.kind), "  ", (_terms_summary(item), "dim"))
            if offered.gate:
                line.append("\n  " + gate_words(offered.gate, language), style="italic")
            options.add_option(Option(line, id=str(index)))
        if self.offered:
            options.highlighted = 0
        self._say()

    def _say(self) -> None:
        note = self.query_one("#order-catalog-note", Static)
        if self.reading:
            note.update(Text(t("selling.tui.reading")))
        elif not self.offered:
            note.update(Text(t("selling.tui.empty")))
        elif self.matching > len(self.offered):
            note.update(Text(t("selling.tui.count_more", shown=len(self.offered),
                               count=self.matching)))
        else:
            note.update(Text(t("selling.tui.count", count=len(self.offered),
                               country=profile_country(self.console.settings.profile))))

    @on(Input.Changed, "#order-filter")
    def _filtered(self) -> None:
        self._fill()

    @on(Input.Submitted, "#order-filter")
    def _submitted(self) -> None:
        self.action_choose()

    @on(OptionList.OptionSelected, "#order-catalog")
    def _selected(self) -> None:
        self.action_choose()

    def on_key(self, event: Any) -> None:
        # Up and down move in the list while the filter keeps the focus (type, move, enter).
        move = _MOVES.get(event.key)
        options = self.query_one("#order-catalog", OptionList)
        if move is not None and self.focused is not options:
            getattr(options, f"action_{move}")()
            event.stop()

    def action_choose(self) -> None:
        options = self.query_one("#order-catalog", OptionList)
        index = options.highlighted
        if index is None or index >= len(self.offered):
            return
        offered = self.offered[index]
        if offered.gate is not None:
            self.console.notify(gate_words(offered.gate, get_language()), severity="warning")
            return
        self.app.push_screen(OrderFormScreen(self.customer_id, self.customer_name,
                                             offered.item))

    def action_close(self) -> None:
        self.dismiss(None)


# -- 2. the form -----------------------------------------------------------------------------------


@with_sheets("subscriptions", "order")
class OrderFormScreen(GuardedActions, TranslatedBindings, Screen[None]):
    """Term and billing (only what the availability sells), quantity, auto-renew."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("order-form", "app")

    def __init__(self, customer_id: str, customer_name: str, item: rules.CatalogItem) -> None:
        super().__init__(classes="order-screen")
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.item = item

    @property
    def console(self) -> Console:
        return console_of(self.app)

    def compose(self) -> ComposeResult:
        item = self.item
        yield Static(Text(t("selling.tui.form_title", product=safe_text(item.title, 100),
                            customer=safe_text(self.customer_name, 80)), style="bold"),
                     classes="screen-title")
        with Vertical(classes="record-body"):
            yield Static(Text.assemble(_kind_badge(item.kind), "  ", item.catalog_item_id),
                         id="order-item")
            yield Static(Text(t("selling.tui.choices"), style="bold"), classes="subs-section")
            yield OptionList(*[Option(_choice_words(c), id=str(i))
                               for i, c in enumerate(item.choices)], id="order-choices")
            with Horizontal(id="order-line"):
                yield Static(t("selling.tui.quantity", min=item.min_quantity,
                               max=item.max_quantity), classes="subs-label")
                yield Input(value=str(item.min_quantity), id="order-quantity",
                            restrict=r"[0-9]*", max_length=6)
                yield Checkbox(t("selling.tui.auto_renew"),
                               value=item.kind != rules.KIND_PERPETUAL, id="order-auto-renew",
                               disabled=item.kind == rules.KIND_PERPETUAL)
            yield Static("", id="order-problems")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        choices = self.query_one("#order-choices", OptionList)
        choices.highlighted = 0
        choices.focus()
        self._check()

    def _choice(self) -> rules.Choice | None:
        index = self.query_one("#order-choices", OptionList).highlighted
        return self.item.choices[index] if index is not None else None

    def _draft(self) -> orders.OrderDraft | None:
        choice = self._choice()
        text = self.query_one("#order-quantity", Input).value.strip()
        try:
            return orders.prepare(
                self.console.backend.cache, self.console.settings.profile, self.customer_id,
                self.item.catalog_item_id, quantity=int(text or "0"),
                term=choice.term if choice else None,
                billing=choice.billing if choice else None,
                auto_renew=self.query_one("#order-auto-renew", Checkbox).value,
                now=self.console.now())
        except orders.OrderError as exc:
            self.query_one("#order-problems", Static).update(Text(str(exc)))
            return None

    def _check(self) -> orders.OrderDraft | None:
        draft = self._draft()
        if draft is not None:
            language = get_language()
            words = [orders.problem_words(p, language) for p in draft.problems]
            self.query_one("#order-problems", Static).update(
                Text("\n".join(words)) if words else Text(t("selling.tui.ready"), style="dim"))
        return draft

    @on(OptionList.OptionHighlighted, "#order-choices")
    @on(Input.Changed, "#order-quantity")
    @on(Checkbox.Changed, "#order-auto-renew")
    def _changed(self) -> None:
        self._check()

    @on(Input.Submitted, "#order-quantity")
    @on(OptionList.OptionSelected, "#order-choices")
    def _next(self) -> None:
        self.action_review()

    def action_review(self) -> None:
        draft = self._check()
        if draft is None or not draft.valid:
            self.app.bell()
            return
        self.app.push_screen(OrderReviewScreen(draft))

    def action_back(self) -> None:
        self.dismiss(None)


# -- 3. the review ---------------------------------------------------------------------------------


@with_sheets("subscriptions", "order")
class OrderReviewScreen(GuardedActions, TranslatedBindings, Screen[None]):
    """The effect in words; ``y`` places it (or prepares the request for the distributor)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("order-review", "app")

    def __init__(self, draft: orders.OrderDraft) -> None:
        super().__init__(classes="order-screen")
        self.draft = draft
        self.sending = False

    @property
    def console(self) -> Console:
        return console_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(Text(t("selling.tui.review_title"), style="bold"), classes="screen-title")
        with Vertical(classes="record-body", id="order-review"):
            for line in orders.review_lines(self.draft, get_language()):
                yield Static(Text(safe_text(line, 400)), classes="order-review-line")
            question = ("selling.tui.read_only" if self.console.read_only
                        else "selling.tui.question_distributor"
                        if self.draft.via == orders.VIA_DISTRIBUTOR else "selling.tui.question")
            yield Static(Text(t(question), style="bold"), classes="subs-question")
            yield Static("", id="order-review-message")
        yield Footer(show_command_palette=False)

    def action_place(self) -> None:
        if self.sending:
            return
        self.sending = True
        console, draft, language = self.console, self.draft, get_language()
        settings = console.settings

        if draft.via == orders.VIA_DISTRIBUTOR:
            def prepare(session: WriteSession) -> Any:
                return orders.distributor_request(
                    session.cache, settings.profile, draft, language=language,
                    exports_dir=settings.locations.exports_dir)

            def prepared(request: Any) -> None:
                self._leave()
                show_request(console, request, orders.subject(draft, language))

            write_then(console, prepare, prepared, self._refused)
            return

        def queue(session: WriteSession) -> Any:
            return orders.enqueue(session.state, draft, language)

        def queued(entry: Any) -> None:
            console.backend.kick_outbox()
            console.refresh_status()
            follow_outbox(console, entry.id)
            self._leave()
            console.push_screen(OrderResultScreen(draft, entry.id))

        write_then(console, queue, queued, self._refused)

    def _leave(self) -> None:
        """Back to where the order started: the review, form and catalog close."""
        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, OrderReviewScreen | OrderFormScreen | OrderCatalogScreen):
                screen.dismiss(None)

    def _refused(self, exc: Exception) -> None:
        self.sending = False
        if not isinstance(exc, orders.OrderError | OSError):
            raise exc
        if self.is_mounted:
            self.query_one("#order-review-message", Static).update(Text(str(exc)))
        else:
            self.console.notify(safe_text(str(exc), 400), severity="warning")

    def action_back(self) -> None:
        self.dismiss(None)


# -- 4. the result ---------------------------------------------------------------------------------


@with_sheets("subscriptions", "order")
class OrderResultScreen(GuardedActions, TranslatedBindings, Screen[None]):
    """Queued and being sent; where the new subscriptions will show."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("order-result", "app")

    def __init__(self, draft: orders.OrderDraft, entry_id: str) -> None:
        super().__init__(classes="order-screen")
        self.draft = draft
        self.entry_id = entry_id

    def compose(self) -> ComposeResult:
        draft = self.draft
        yield Static(Text(t("selling.tui.result_title"), style="bold"), classes="screen-title")
        with Vertical(classes="record-body"):
            yield Static(Text(orders.subject(draft, get_language())), id="order-result-what")
            yield Static(Text(t("selling.tui.result_queued")), id="order-result-queued")
            if draft.item.kind != rules.KIND_PERPETUAL:
                yield Static(Text(t("selling.tui.result_provisioning")))
            else:
                yield Static(Text(t("selling.tui.result_licence")))
            if not draft.auto_renew and draft.item.kind != rules.KIND_PERPETUAL:
                yield Static(Text(t("selling.tui.result_auto_renew_off")))
            yield Static(Text(t("selling.tui.result_outbox"), style="dim"))
        yield Footer(show_command_palette=False)

    def action_close(self) -> None:
        self.dismiss(None)


def open_order(console: Console, customer_id: str | None) -> bool:
    """The catalog for ordering for ``customer_id`` (the customer selected in the panes)."""
    if not customer_id:
        console.notify(t("selling.tui.no_customer"), severity="warning")
        return False
    name = console.customer_name(customer_id)
    if name is None:
        console.notify(t("tui.notify.record_gone"), severity="warning")
        return False
    console.push_screen(OrderCatalogScreen(customer_id, name))
    return True
