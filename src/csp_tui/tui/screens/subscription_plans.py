"""A planned subscription change, from the rules' answer to the outbox (or the distributor).

:func:`make_plan` asks the rules (``services.subscriptions.plan_action``) what a change would
do; :func:`confirm_plan_screen` is its confirmation; a confirmed plan is queued and followed
(:func:`queue_plan`) or, for a role whose distributor makes the change, saved as a complete
request and shown (:func:`prepare_request`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from csp_tui.domain import roles
from csp_tui.domain.text import safe_text
from csp_tui.i18n import get_language, t
from csp_tui.services import commerce_rules as rules
from csp_tui.services.subscriptions import (
    ActionNotAllowedError,
    Plan,
    ReadOnlyError,
    distributor_request,
    plan_action,
    queue_action,
)
from csp_tui.services.writer import WriteSession
from csp_tui.state import NotFoundError
from csp_tui.state.outbox import OutboxEntry
from csp_tui.tui.console import Console
from csp_tui.tui.screens.change_follow import follow_outbox, reload_queued_views
from csp_tui.tui.screens.confirm_change import ConfirmChangeScreen
from csp_tui.tui.screens.distributor_request import show_request
from csp_tui.tui.screens.subscription_words import zone_of
from csp_tui.tui.writes import write_then


def queue_plan(console: Console, plan: Plan,
               queued: Callable[[OutboxEntry], object] | None = None) -> None:
    """Write a confirmed plan to the outbox (on the writer thread), send it now, and follow
    it; ``queued(entry)`` once it is in the outbox."""
    profile = console.settings.profile

    def write(session: WriteSession) -> OutboxEntry:
        return queue_action(session.state, plan, customer_id=plan.customer_id,
                            subscription_id=plan.subscription_id, profile=profile)

    def written(entry: OutboxEntry) -> None:
        if entry.payload.get("changes") != plan.changes:
            # An earlier change of the same kind still waits: that one goes first, not this.
            console.notify(t("subs.notify.already_waiting",
                             subject=safe_text(entry.subject, 120)), severity="warning")
        else:
            console.notify(t("subs.notify.queued", subject=safe_text(entry.subject, 120)))
        console.backend.kick_outbox()
        console.refresh_status()
        follow_outbox(console, entry.id)
        reload_queued_views(console)
        if queued is not None:
            queued(entry)

    def refused(exc: Exception) -> None:
        if not isinstance(exc, ReadOnlyError | ActionNotAllowedError):
            raise exc
        console.notify(safe_text(str(exc), 300), severity="warning")

    write_then(console, write, written, refused)


def prepare_request(console: Console, plan: Plan) -> None:
    """For a role whose distributor makes the change: save the complete request (on the writer
    thread) and show it. Nothing is queued or sent. Said why when the rules or the profile
    refuse."""
    now = console.now()
    settings = console.settings
    language = get_language()

    def write(session: WriteSession) -> Any:
        return distributor_request(
            session.cache, plan, profile=settings.profile,
            exports_dir=settings.locations.exports_dir, now=now,
            language=language, zone=zone_of(now))

    def refused(exc: Exception) -> None:
        if isinstance(exc, ReadOnlyError | ActionNotAllowedError | NotFoundError):
            console.notify(safe_text(str(exc), 300), severity="warning")
        elif isinstance(exc, OSError):
            console.notify(t("roles.request.failed",
                             error=safe_text(str(exc.strerror or exc), 200)), severity="error")
        else:
            raise exc

    write_then(console, write, lambda request: show_request(console, request, plan.subject),
               refused)


def make_plan(console: Console, subscription_id: str, action: str, value: Any = None, *,
              customer_id: str | None = None) -> Plan | None:
    now = console.now()
    try:
        return plan_action(console.backend.cache, subscription_id, action, value, now=now,
                           profile=console.settings.profile, zone=zone_of(now),
                           customer_id=customer_id)
    except NotFoundError:
        console.notify(t("tui.notify.record_gone"), severity="warning")
        return None




def confirm_plan_screen(plan: Plan, sub: rules.SubscriptionFacts, now: datetime
                        ) -> ConfirmChangeScreen:
    """The confirmation of a planned change: which subscription, whose, and exactly what
    happens (the plan's effect without the product and customer, named just above it)."""
    effect = rules.effect_only(sub, plan.action, plan.value, now, None, zone_of(now))
    rows = [(t("subs.confirm.subscription"), sub.product),
            (t("subs.confirm.customer"), plan.customer_name),
            (t("subs.confirm.effect"), effect)]
    if plan.route is roles.Access.DISTRIBUTOR:
        return ConfirmChangeScreen(t("roles.confirm.title"), rows,
                                   [t("roles.confirm.nothing_sent"), *plan.notes],
                                   final=plan.action == rules.CANCEL, distributor=True)
    return ConfirmChangeScreen(t("subs.confirm.title"), rows, list(plan.notes),
                               final=plan.action == rules.CANCEL)
