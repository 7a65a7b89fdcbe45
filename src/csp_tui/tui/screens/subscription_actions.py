"""Changing a subscription from the console: choose, check, confirm, queue, follow.

``m`` on a subscription opens :class:`SubscriptionActionsScreen`: every change with, next to
it, whether it is possible now and why not (the new-commerce rules of
:mod:`~csp_tui.services.commerce_rules`), so a refused change is explained before anything is
queued. A possible change is planned (:func:`~csp_tui.services.subscriptions.plan_action`),
confirmed on a screen that names the subscription, the customer and the exact effect
("12 → 10 seats, allowed until 27 Nov 14:02"), written to the outbox and followed: when
Partner Center refuses it after all, the refusal is told as an explanation
(:func:`~csp_tui.services.pc_explain.explain`), not as a code.

Every action here is registered ``mutating``: a read-only profile never sees them, and the
services refuse on their own as well.

The role matrix (:mod:`csp_tui.domain.roles`) decides what "queue" means. An indirect reseller
may not change subscriptions through Partner Center: it sees the same changes labelled as
requests to its distributor ("q  Ask the distributor to change seats"), checked by the same
rules; its confirmation says nothing will be sent to Partner Center, and "y" saves a complete
request (e-mail + JSON) and shows it instead of queueing. A change a role cannot get done at
all is not offered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from csp_tui.cache import views
from csp_tui.domain import roles, terms
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.services import commerce_rules as rules
from csp_tui.services.subscriptions import Plan
from csp_tui.state.outbox import OutboxEntry
from csp_tui.tui.bindings import GuardedActions, KeySpec, TranslatedBindings, bindings, register
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.role_words import reword_bindings
from csp_tui.tui.screens.subscription_plans import (
    confirm_plan_screen,
    make_plan,
    prepare_request,
    queue_plan,
)
from csp_tui.tui.screens.subscription_words import (
    action_label,
    allowed_text,
    offered,
    routes,
)
from csp_tui.tui.stylesheets import with_sheets
from csp_tui.tui.widgets.narrow_safe import NarrowSafeOptionList

register(
    KeySpec("subs-actions-quantity", "q", "sub_quantity", "subs.key.quantity",
            "subs.keyhelp.quantity", "subscription-actions", mutating=True),
    KeySpec("subs-actions-auto-renew", "a", "sub_auto_renew", "subs.key.auto_renew",
            "subs.keyhelp.auto_renew", "subscription-actions", mutating=True),
    KeySpec("subs-actions-suspend", "s", "sub_suspend", "subs.key.suspend",
            "subs.keyhelp.suspend", "subscription-actions", mutating=True),
    KeySpec("subs-actions-reactivate", "r", "sub_reactivate", "subs.key.reactivate",
            "subs.keyhelp.reactivate", "subscription-actions", mutating=True),
    KeySpec("subs-actions-cancel", "x", "sub_cancel", "subs.key.cancel",
            "subs.keyhelp.cancel", "subscription-actions", mutating=True),
    KeySpec("subs-actions-close", "escape", "sub_close", "tui.key.back", "subs.keyhelp.close",
            "subscription-actions"),
    KeySpec("subs-quantity-close", "escape", "sub_close", "tui.key.back", "subs.keyhelp.close",
            "subscription-quantity"),
)

#: Action -> the key that starts it (the same order as :data:`rules.ACTIONS`).
ACTION_KEYS: dict[str, str] = {
    rules.CHANGE_QUANTITY: "q",
    rules.TOGGLE_AUTO_RENEW: "a",
    rules.SUSPEND: "s",
    rules.REACTIVATE: "r",
    rules.CANCEL: "x",
}


class QuantityInput(Input):
    """The new number of seats."""


@with_sheets("subscriptions")
class QuantityScreen(GuardedActions, TranslatedBindings, ModalScreen[Plan | None]):
    """Type the new number of seats; the rules answer before anything is confirmed."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("subscription-quantity")

    def __init__(self, subscription_id: str, sub: rules.SubscriptionFacts, hint: str) -> None:
        super().__init__(classes="subs-modal")
        self.subscription_id = subscription_id
        self.sub = sub
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="subs-box subs-quantity"):
            yield Static(Text(t("subs.quantity.title"), style="bold"), classes="subs-box-title")
            yield Static(Text(t("subs.quantity.current", product=self.sub.product,
                                seats=terms.plural(self.sub.quantity, "seat"))),
                         classes="subs-value")
            yield Static(Text(self.hint), classes="subs-note")
            field = QuantityInput(placeholder=str(self.sub.quantity), type="integer",
                                  compact=True, id="subs-quantity-input")
            field.cursor_blink = getattr(self.app, "cursor_blink", True)
            yield field
            yield Static(Text(""), classes="subs-message")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(QuantityInput).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        try:
            value: Any = int(text)
        except ValueError:
            value = text
        if not isinstance(value, int):
            self._say(t("subs.quantity.not_number"))
            return
        plan = make_plan(console_of(self.app), self.subscription_id, rules.CHANGE_QUANTITY, value,
                         customer_id=self.sub.customer_id)
        if plan is None:
            self.dismiss(None)
            return
        if not plan.allowed:
            self._say(plan.reason)
            return
        self.dismiss(plan)

    def _say(self, text: str) -> None:
        message = self.query_one(".subs-message", Static)
        message.update(Text(safe_text(text, 400)))
        message.display = bool(text)

    def action_sub_close(self) -> None:
        self.dismiss(None)


class ActionList(NarrowSafeOptionList):
    """The changes, each with what it would do or why it cannot be done."""


@with_sheets("subscriptions")
class SubscriptionActionsScreen(GuardedActions, TranslatedBindings, ModalScreen[None]):
    """Every change of one subscription, with the rules' answer next to it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("subscription-actions")

    def __init__(self, subscription_id: str, customer_id: str | None = None) -> None:
        super().__init__(classes="subs-modal")
        self.subscription_id = subscription_id
        #: Whose subscription (the same id may exist under two customers).
        self.customer_id = customer_id
        self.record: dict[str, Any] | None = None
        self.sub: rules.SubscriptionFacts | None = None
        self.allowed: dict[str, rules.Allowed] = {}
        self.routes: dict[str, roles.Access] = {}
        self.actions: list[str] = list(rules.ACTIONS)
        self.distributor = False

    def _read_routes(self) -> None:
        """Which changes this role gets done, and how (before the footer reads the keys)."""
        self.routes = routes(self.console)
        self.actions = [action for action in rules.ACTIONS
                        if self.routes[action] is not roles.Access.REFUSED]
        self.distributor = any(route is roles.Access.DISTRIBUTOR
                               for route in self.routes.values())
        if self.distributor:
            # The footer keeps its short labels (80 columns hold five "Ask the distributor"
            # nowhere); the list, the title and the help say it is a request.
            reword_bindings(self, {
                f"sub_{name}": (None, f"roles.keyhelp.{action}")
                for action, name in _ACTION_METHODS.items()
                if self.routes[action] is roles.Access.DISTRIBUTOR})

    @property
    def console(self) -> Console:
        return console_of(self.app)

    def _load(self) -> None:
        self.record = views.subscription_record(self.console.backend.cache,
                                                self.subscription_id,
                                                customer_id=self.customer_id)
        self.sub = rules.facts(self.record) if self.record else None
        self.allowed = rules.allowed_actions(self.sub, self.console.now()) if self.sub else {}

    def compose(self) -> ComposeResult:
        self._read_routes()
        self._load()
        with Vertical(classes="subs-box subs-actions"):
            yield Static(Text(t("roles.actions.title" if self.distributor
                                else "subs.actions.title"), style="bold"),
                         classes="subs-box-title")
            yield Static(self._heading(), classes="subs-value")
            if self.distributor:
                yield Static(Text(t("roles.actions.note")), classes="subs-note",
                             id="subs-actions-distributor")
            yield ActionList(*self._options(), id="subs-action-list")
            yield Static(Text(""), classes="subs-explain", id="subs-action-explain")
            yield Static(Text(""), classes="subs-message")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        if self.sub is None:
            self.app.notify(t("tui.notify.record_gone"), severity="warning")
            self.dismiss(None)
            return
        actions = self.query_one(ActionList)
        actions.focus()
        if self.actions:
            actions.highlighted = 0
            self._explain(self.actions[0])

    def _heading(self) -> Text:
        if self.sub is None:
            return Text("")
        customer = self.console.customer_name(self.sub.customer_id) or self.sub.customer_id
        return Text(t("subs.actions.heading", product=self.sub.product,
                      customer=safe_text(customer, 80),
                      seats=terms.plural(self.sub.quantity, "seat"),
                      status=terms.status_in_words(self.sub.status)))

    def _options(self) -> list[Option]:
        """One line per change: its key, what it is, and whether it is possible now (the
        highlighted one is explained below the list)."""
        if self.sub is None:
            return []
        options = []
        labels = {action: action_label(action, self.sub, distributor=self.routes[action]
                                       is roles.Access.DISTRIBUTOR)
                  for action in self.actions}
        width = max((len(label) for label in labels.values()), default=0)
        for action in self.actions:
            allowed = self.allowed[action]
            prompt = Text()
            prompt.append(f"{ACTION_KEYS[action]}  ", style="bold")
            prompt.append(labels[action].ljust(width + 2),
                          style="bold" if allowed.ok else "dim")
            prompt.append(t("subs.actions.possible") if allowed.ok
                          else t("subs.actions.not_possible"),
                          style="" if allowed.ok else "dim italic")
            options.append(Option(prompt, id=action))
        return options

    def _explain(self, action: str) -> None:
        if self.sub is None or action not in self.allowed:
            return
        text = allowed_text(action, self.allowed[action], self.sub, self.console.now())
        self.query_one("#subs-action-explain", Static).update(Text(safe_text(text, 600)))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self._explain(event.option.id)

    def _say(self, text: str) -> None:
        message = self.query_one(".subs-message", Static)
        message.update(Text(safe_text(text, 400)))
        message.display = bool(text)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.choose(event.option.id)

    def choose(self, action: str) -> None:
        """Start ``action``: refused ones say why; allowed ones go to the confirmation."""
        if self.console.read_only or self.sub is None or action not in self.actions:
            return
        self._load()  # the cache may have changed since the screen opened
        if self.sub is None:
            self.dismiss(None)
            return
        allowed = self.allowed[action]
        actions = self.query_one(ActionList)
        actions.highlighted = self.actions.index(action)
        self._explain(action)
        if not allowed.ok:
            # Nothing is queued: the reason is right above, and said once more here.
            self._say(t("subs.actions.refused", action=action_label(
                action, self.sub, distributor=self.routes[action] is roles.Access.DISTRIBUTOR)))
            self.app.bell()
            return
        self._say("")
        if action == rules.CHANGE_QUANTITY:
            hint = allowed_text(action, allowed, self.sub, self.console.now())
            self.app.push_screen(QuantityScreen(self.subscription_id, self.sub, hint),
                                 self._confirm)
            return
        self._confirm(make_plan(self.console, self.subscription_id, action,
                                customer_id=self.customer_id))

    def _confirm(self, plan: Plan | None) -> None:
        if plan is None:
            return
        if not plan.allowed:
            self._say(plan.reason)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if plan.route is roles.Access.DISTRIBUTOR:
                # Not queued: the request for the distributor is saved and shown instead.
                app = self.console
                self.dismiss(None)
                prepare_request(app, plan)
                return
            queue_plan(self.console, plan, self._queued)

        if self.sub is None:
            return
        self.app.push_screen(confirm_plan_screen(plan, self.sub, self.console.now()), answered)

    def _queued(self, entry: OutboxEntry) -> None:
        if self.is_active:  # (not closed while the change was being queued)
            self.dismiss(None)

    def action_available(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A change no route leads to for this role has no key either.
        wanted = _METHOD_ACTIONS.get(action)
        return wanted is None or not self.routes or wanted in self.actions

    def action_sub_quantity(self) -> None:
        self.choose(rules.CHANGE_QUANTITY)

    def action_sub_auto_renew(self) -> None:
        self.choose(rules.TOGGLE_AUTO_RENEW)

    def action_sub_suspend(self) -> None:
        self.choose(rules.SUSPEND)

    def action_sub_reactivate(self) -> None:
        self.choose(rules.REACTIVATE)

    def action_sub_cancel(self) -> None:
        self.choose(rules.CANCEL)

    def action_sub_close(self) -> None:
        self.dismiss(None)


#: The screen's action method of each change, and back.
_ACTION_METHODS: dict[str, str] = {
    rules.CHANGE_QUANTITY: "quantity",
    rules.TOGGLE_AUTO_RENEW: "auto_renew",
    rules.SUSPEND: "suspend",
    rules.REACTIVATE: "reactivate",
    rules.CANCEL: "cancel",
}
_METHOD_ACTIONS: dict[str, str] = {f"sub_{name}": action
                                   for action, name in _ACTION_METHODS.items()}


def open_subscription_actions(console: Console, subscription_id: str,
                              on_close: Callable[[None], Any] | None = None, *,
                              customer_id: str | None = None) -> bool:
    """Open the changes of one subscription (not for perpetual licences, not read-only, not
    for a role that can get none of them done)."""
    if console.read_only:
        return False
    if not offered(console):
        console.notify(t("roles.error.not_offered"), severity="warning")
        return False
    record = views.subscription_record(console.backend.cache, subscription_id,
                                       customer_id=customer_id)
    if record is None:
        console.notify(t("tui.notify.record_gone"), severity="warning")
        return False
    if rules.facts(record).kind == "perpetual":
        console.notify(rules.reason_text(rules.Allowed(False, "sub.reason.perpetual")),
                       severity="warning")
        return False
    console.push_screen(SubscriptionActionsScreen(subscription_id, customer_id), on_close)
    return True
