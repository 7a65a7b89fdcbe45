"""A planned subscription change, from the rules' answer to the outbox (or the distributor).

:func:`make_plan` asks the rules (``services.subscriptions.plan_action``) what a change would
do; :func:`confirm_plan_screen` is its confirmation; a confirmed plan is queued and followed
(:func:`queue_plan`) or, for a role whose distributor makes the change, saved as a complete
request and shown (:func:`prepare_request`).
"""

from __future__ import annotations

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
from csp_tui.state import NotFoundError
from csp_tui.state.outbox import OutboxEntry
from csp_tui.tui.console import Console
from csp_tui.tui.screens.change_follow import follow_outbox, reload_queued_views
from csp_tui.tui.screens.confirm_change import ConfirmChangeScreen
from csp_tui.tui.screens.distributor_request import show_request
from csp_tui.tui.screens.subscription_words import zone_of


def queue_plan(console: Console, plan: Plan) -> OutboxEntry | None:
    """Write a confirmed plan to the outbox, send it now, and follow it."""
    try:
        entry = queue_action(console.backend.state, plan, customer_id=plan.customer_id,
                             subscription_id=plan.subscription_id,
                             profile=console.settings.profile)
    except (ReadOnlyError, ActionNotAllowedError) as exc:
        console.notify(safe_text(str(exc), 300), severity="warning")
        return None
    if entry.payload.get("changes") != plan.changes:
        # An earlier change of the same kind still waits: that one goes first, not this one.
        console.notify(t("subs.notify.already_waiting", subject=safe_text(entry.subject, 120)),
                       severity="warning")
    else:
        console.notify(t("subs.notify.queued", subject=safe_text(entry.subject, 120)))
    console.backend.kick_outbox()
    console.refresh_status()
    follow_outbox(console, entry.id)
    reload_queued_views(console)
    return entry


def prepare_request(console: Console, plan: Plan) -> bool:
    """For a role whose distributor makes the change: save the complete request and show it.
    Nothing is queued or sent. False (and said why) when the rules or the profile refuse."""
    now = console.now()
    try:
        request = distributor_request(
            console.backend.cache, plan, profile=console.settings.profile,
            exports_dir=console.settings.locations.exports_dir, now=now,
            language=get_language(), zone=zone_of(now))
    except (ReadOnlyError, ActionNotAllowedError, NotFoundError) as exc:
        console.notify(safe_text(str(exc), 300), severity="warning")
        return False
    except OSError as exc:
        console.notify(t("roles.request.failed", error=safe_text(str(exc.strerror or exc), 200)),
                       severity="error")
        return False
    show_request(console, request, plan.subject)
    return True


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
