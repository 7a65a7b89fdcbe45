"""``csp-tui subscription set-quantity|auto-renew|suspend|reactivate|cancel``: the console's
subscription changes without the console.

The same path as the console's `m` menu, step for step: the plan (``plan_action``: the
new-commerce rules, the profile's read-only flag and the role matrix) says the exact effect,
printed first; ``--what-if`` stops there. Otherwise, after a yes (``--yes`` for scripts), the
role matrix decides where the change goes: through the outbox to Partner Center (queued, then
sent at once, the outcome explained in words), or — for an indirect reseller — as the same
complete request for the distributor the console saves. A refusal is the console's own words.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from datetime import datetime
from typing import Any, TextIO

from csp_tui.cache import views
from csp_tui.cli.output import json_text
from csp_tui.config import Settings
from csp_tui.domain import roles
from csp_tui.domain.text import safe_text
from csp_tui.i18n import get_language, t
from csp_tui.services import commerce_rules as rules
from csp_tui.services.outbox_runner import OutboxRunner
from csp_tui.services.pc_explain import explain
from csp_tui.services.session import open_databases, open_session
from csp_tui.services.subscriptions import (
    ActionNotAllowedError,
    Plan,
    ReadOnlyError,
    distributor_request,
    plan_action,
    queue_action,
)
from csp_tui.services.sync import SyncEngine
from csp_tui.state import NotFoundError, outbox
from csp_tui.state.outbox import OutboxEntry, OutboxState
from csp_tui.world_clock import world_clock_for

EXIT_OK = 0
#: The rules, the role or the profile refuse the change, or Partner Center did.
EXIT_REFUSED = 1
EXIT_USAGE = 2
#: Queued, but Partner Center asked to wait (a renewal or an operation in progress): the
#: console or the next `csp-tui sync` sends it when the time comes.
EXIT_WAITING = 3

#: The sub-command as typed -> the rules' action.
ACTIONS: dict[str, str] = {
    "set-quantity": rules.CHANGE_QUANTITY,
    "auto-renew": rules.TOGGLE_AUTO_RENEW,
    "suspend": rules.SUSPEND,
    "reactivate": rules.REACTIVATE,
    "cancel": rules.CANCEL,
}


def _value(args: argparse.Namespace) -> Any:
    if args.subscription_command == "set-quantity":
        return args.quantity
    if args.subscription_command == "auto-renew":
        return args.setting == "on"
    return None


def _print_plan(cache: sqlite3.Connection, plan: Plan, now: datetime, out: TextIO) -> None:
    """The exact effect, as the console's confirmation shows it: the subscription, whose,
    and what happens (the effect without the product and customer, named just above it)."""
    record = views.subscription_record(cache, plan.subscription_id.lower(),
                                       customer_id=plan.customer_id)
    if record is None:  # pragma: no cover - the plan was just made from it
        return
    sub = rules.facts(record)
    effect = rules.effect_only(sub, plan.action, plan.value, now, None, now.astimezone().tzinfo)
    rows = [(t("subs.confirm.subscription"), sub.product),
            (t("subs.confirm.customer"), plan.customer_name),
            (t("subs.confirm.effect"), effect)]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label.ljust(width)}  {safe_text(value)}", file=out)
    notes = list(plan.notes)
    if plan.route is roles.Access.DISTRIBUTOR:
        notes.insert(0, t("roles.confirm.nothing_sent"))
    for note in notes:
        print(f"  • {safe_text(note)}", file=out)


def _confirmed(args: argparse.Namespace, plan: Plan) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        # Nobody to ask: a script says --yes (or --what-if) on purpose.
        print(t("cli_subs.error.needs_yes"), file=sys.stderr)
        return False
    key = ("cli_subs.question.distributor" if plan.route is roles.Access.DISTRIBUTOR
           else "cli_subs.question.final" if plan.action == rules.CANCEL
           else "cli_subs.question.change")
    try:
        answer = input(t(key) + " ")
    except EOFError:
        return False
    return answer.strip().lower() in {t("cli_subs.answer.yes"), "y", "yes"}


class _Report:
    """How the command ended. With ``--json`` one object on stdout for scripts (the person's
    lines go to stderr then); without it, nothing more."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.as_json = bool(getattr(args, "json", False))
        self.human: TextIO = sys.stderr if self.as_json else sys.stdout
        self.data: dict[str, Any] = {"command": args.subscription_command,
                                     "subscription_id": args.subscription_id.strip().lower()}

    def plan(self, plan: Plan) -> None:
        self.data.update(
            action=plan.action, customer_id=plan.customer_id.lower(), value=plan.value,
            allowed=plan.allowed, reason=plan.reason or None, route=plan.route.value,
            changes=plan.changes, effect=plan.effect_text, notes=list(plan.notes))

    def end(self, outcome: str, status: int, **extra: Any) -> int:
        if self.as_json:
            self.data.update(outcome=outcome, **extra)
            print(json_text(self.data))
        return status


def run(args: argparse.Namespace, settings: Settings) -> int:
    action = ACTIONS[args.subscription_command]
    report = _Report(args)
    customer = args.customer.strip().lower() if args.customer else None
    cache, state, notices = open_databases(settings)
    for notice in notices:
        print(notice, file=sys.stderr)
    now = world_clock_for(settings).now()
    zone = now.astimezone().tzinfo
    try:
        plan = plan_action(cache, args.subscription_id.strip(), action, _value(args), now=now,
                           profile=settings.profile, zone=zone, customer_id=customer)
    except NotFoundError as exc:
        print(safe_text(str(exc)), file=sys.stderr)
        return report.end("not_found", EXIT_REFUSED, error=str(exc))
    report.plan(plan)
    _print_plan(cache, plan, now, report.human)
    if not plan.allowed:
        print(safe_text(plan.reason), file=sys.stderr)
        return report.end("refused", EXIT_REFUSED)
    if args.what_if:
        print(t("cli_subs.what_if"), file=report.human)
        return report.end("what_if", EXIT_OK)
    if not _confirmed(args, plan):
        print(t("cli_subs.not_done"), file=sys.stderr)
        return report.end("not_confirmed", EXIT_REFUSED)
    try:
        if plan.route is roles.Access.DISTRIBUTOR:
            request = distributor_request(
                cache, plan, profile=settings.profile,
                exports_dir=settings.locations.exports_dir, now=now, language=get_language(),
                zone=zone)
            print(request.email_text, file=report.human)
            print(t("roles.request.ready", path=safe_text(str(request.saved_path), 300)),
                  file=report.human)
            return report.end("requested", EXIT_OK, request_file=str(request.saved_path))
        entry = queue_action(state, plan, customer_id=plan.customer_id,
                             subscription_id=plan.subscription_id, profile=settings.profile)
    except (ReadOnlyError, ActionNotAllowedError, NotFoundError) as exc:
        print(safe_text(str(exc), 300), file=sys.stderr)
        return report.end("refused", EXIT_REFUSED, error=str(exc))
    finally:
        cache.close()
    state.close()
    if entry.payload.get("changes") != plan.changes:
        print(t("subs.notify.already_waiting", subject=safe_text(entry.subject, 120)),
              file=sys.stderr)
        return report.end("already_waiting", EXIT_WAITING, outbox_entry=entry.id)
    print(t("subs.notify.queued", subject=safe_text(entry.subject, 120)), file=report.human)
    return _send_and_report(settings, entry.id, now, report)


async def _send(settings: Settings, entry_id: str) -> None:
    session = open_session(settings)
    try:
        runner = OutboxRunner(session.client, session.state, read_only=settings.profile.read_only,
                              cache=session.cache)
        await runner.recover()
        await runner.run_once()
        entry = outbox.get(session.state, entry_id)
        if entry is not None and entry.state is OutboxState.DONE and entry.customer_id:
            # As the console does after a change: read the customer again, so the listings
            # show the new state at once.
            engine = SyncEngine(session.client, session.cache, session.state, settings.profile,
                                clock=world_clock_for(settings).now)
            await engine.sync_customer(entry.customer_id)
    finally:
        await session.aclose()


def _send_and_report(settings: Settings, entry_id: str, now: datetime,
                     report: _Report) -> int:
    """Send what is due now (this change first among equals), then say how it ended."""
    asyncio.run(_send(settings, entry_id))
    cache, state, _ = open_databases(settings)
    try:
        entry = outbox.get(state, entry_id)
        if entry is None:  # pragma: no cover - the outbox keeps its entries
            return EXIT_REFUSED
        if entry.state is OutboxState.DONE:
            print(t("cli_subs.done", subject=safe_text(entry.subject, 120)), file=report.human)
            return report.end("done", EXIT_OK, outbox_entry=entry.id)
        if entry.state is OutboxState.FAILED:
            print(t("subs.notify.refused", subject=safe_text(entry.subject, 120)),
                  file=sys.stderr)
            explained = _explain(cache, entry, now)
            print(explained, file=sys.stderr)
            return report.end("failed", EXIT_REFUSED, outbox_entry=entry.id, error=explained)
        print(t("cli_subs.waiting", subject=safe_text(entry.subject, 120),
                error=safe_text(entry.error_message or "", 300)), file=sys.stderr)
        return report.end("waiting", EXIT_WAITING, outbox_entry=entry.id,
                          next_attempt_at=entry.next_attempt_at,
                          error=entry.error_message or None)
    finally:
        cache.close()
        state.close()


def _explain(cache: sqlite3.Connection, entry: OutboxEntry, now: datetime) -> str:
    """Partner Center's refusal in words, with the subscription's dates (as the console)."""
    code = (entry.error_code or "").strip() or None
    status = int(code) if code and code.isdigit() and 400 <= int(code) <= 599 else None
    subscription_id = entry.payload.get("subscription_id")
    owner = entry.payload.get("customer_id") or entry.customer_id
    record = views.subscription_record(cache, str(subscription_id),
                                       customer_id=str(owner) if owner else None) \
        if subscription_id else None
    error: tuple[Any, ...] = (code, entry.error_message or "")
    if status is not None:
        error = (*error, status)
    return safe_text(explain(error, subscription=record, zone=now.astimezone().tzinfo, now=now))
