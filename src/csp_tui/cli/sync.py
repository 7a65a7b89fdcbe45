"""``csp-tui sync``: refresh the cache (and send queued writes) without the console."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Coroutine
from typing import Any, TypeVar

from csp_tui.cache.store import PARTS
from csp_tui.cli.sync_progress import SyncProgressView
from csp_tui.config import AuthMethod, Settings
from csp_tui.i18n import t
from csp_tui.i18n.formatting import format_number
from csp_tui.partner_center import errors as pce
from csp_tui.services import password_reset, refresh_words
from csp_tui.services.outbox_runner import OutboxRunner
from csp_tui.services.part_words import part_name, why
from csp_tui.services.session import open_session, seed_sandbox_demo
from csp_tui.services.state_access import open_profile_state
from csp_tui.services.sync import SyncEngine
from csp_tui.services.sync_run import PartProblem, SyncResult
from csp_tui.signals import cancel_on_ending_signals
from csp_tui.world_clock import world_clock_for

T = TypeVar("T")

EXIT_FAILURE = 1
EXIT_USAGE = 2
# The sync finished, but some parts of some customers could not be read (a role's refusal,
# a route it cannot use, a read still failing after retries): the cache kept what it had for
# them. Distinct from a failure, so a script can tell "stale in places" from "not synced".
EXIT_INCOMPLETE = 3


def _summary(result: SyncResult) -> list[str]:
    counts: dict[str, int] = {}
    for change in result.changes:
        counts[change.kind] = counts.get(change.kind, 0) + 1
    lines = [t("sync.summary", customers=result.customers_listed, done=result.customers_done)]
    if result.added is not None:
        # A first fill announces no change one by one: say what arrived instead.
        lines.append(t("sync_parts.summary.added", **{
            key: format_number(value) for key, value in result.added.items()}))
    elif result.first_read:
        # Parts read whole for the first time (a new customer, a part refused until now).
        lines.append(t("sync_parts.summary.first_read",
                       subscriptions=format_number(result.first_read.get("subscriptions", 0)),
                       perpetual=format_number(result.first_read.get("perpetual", 0))))
    for kind in sorted(counts):
        lines.append(t("sync.change_line", kind=t(f"change.{kind}"), count=counts[kind]))
    # "No changes" only when everything was read: otherwise a change may be in what was not.
    if not counts and result.added is None and not result.first_read and result.ok:
        lines.append(t("sync.no_changes"))
    lines += _incomplete_lines(result)
    for customer_id, error in sorted(result.failed_customers.items())[:10]:
        lines.append(t("sync.customer_failed", customer=customer_id, error=error))
    return lines


def _incomplete_lines(result: SyncResult) -> list[str]:
    """The parts not read, grouped by part and answer: "subscriptions of 3 customer(s): not
    available to this role (Partner Center refused: … (HTTP 403))"."""
    if not result.incomplete:
        return []
    groups: dict[tuple[str, str, int | None, str | None], list[PartProblem]] = {}
    for problem in result.incomplete:
        key = (problem.part, problem.state, problem.status, problem.code)
        groups.setdefault(key, []).append(problem)
    customers = {problem.customer_id for problem in result.incomplete}
    lines = [t("sync_parts.summary.incomplete", parts=len(result.incomplete),
               customers=len(customers))]
    order = {part: index for index, part in enumerate(PARTS)}
    for (part, state, status, code), problems in sorted(
            groups.items(), key=lambda item: (order.get(item[0][0], len(order)), item[0][1],
                                              -len(item[1]))):
        # The role's view: a part refused everywhere was never there to read (the cache knows
        # per customer whether it was; the tenant pane says so).
        lines.append(t("sync_parts.summary.group", part=part_name(part),
                       count=len({p.customer_id for p in problems}),
                       why=why(state, status, code, problems[0].message, read_before=False)))
    return lines


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    session = open_session(settings)
    progress = SyncProgressView(sys.stderr, quiet=args.quiet)
    try:
        for notice in session.notices:
            print(notice, file=sys.stderr)
        publish = progress.publish
        if settings.profile.is_sandbox:
            await seed_sandbox_demo(session)
        runner = OutboxRunner(session.client, session.state, read_only=settings.profile.read_only,
                              cache=session.cache)
        await runner.recover()
        await runner.run_once()
        clock = world_clock_for(settings).now
        engine = SyncEngine(session.client, session.cache, session.state, settings.profile,
                            clock=clock, publish=publish)
        if args.customer:
            result = await engine.sync_customer(args.customer)
        else:
            result = await engine.refresh(full=bool(getattr(args, "full", False)))
    finally:
        progress.close()
        await session.aclose()
    for line in [*_summary(result), *refresh_words.summary_lines(result, clock())]:
        print(line)
    for line in lost_password_lines(settings):
        print(line, file=sys.stderr)
    if result.partial:
        print(t("sync_parts.finished_incomplete", error=result.error or "?"), file=sys.stderr)
        return EXIT_INCOMPLETE
    if not result.ok:
        print(t("sync.failed", error=result.error or "?"), file=sys.stderr)
        return EXIT_FAILURE
    return 0


async def _cancellable(work: Coroutine[Any, Any, T]) -> T:
    task = asyncio.ensure_future(work)
    cancel_on_ending_signals(task)
    return await task


def lost_password_lines(settings: Settings) -> list[str]:
    """One line per created tenant whose administrator's password nobody saw, offering the
    reset (repeated after every sync until one is made)."""
    state = open_profile_state(settings)
    try:
        return [password_reset.offer_text(entry)
                for entry in password_reset.lost_credentials(state)]
    finally:
        state.close()


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.customer is not None:
        args.customer = args.customer.strip()
        if not args.customer:  # `--customer ""`: no id to ask Partner Center about
            print(t("sync.cli.customer_blank"), file=sys.stderr)
            return EXIT_USAGE
    try:
        return asyncio.run(_cancellable(_run(args, settings)))
    except asyncio.CancelledError:
        # SIGTERM/SIGHUP: the run was recorded as interrupted before it ended.
        print(t("cli.interrupted"), file=sys.stderr)
        return 143
    except Exception as exc:
        if isinstance(exc, pce.AuthenticationError) or type(exc).__name__ == "SignInRequiredError":
            # A token from the environment is renewed outside csp-tui: `login` cannot help,
            # and the error itself says how to get a new one.
            key = ("sync.sign_in_required_env" if settings.profile.auth is AuthMethod.ENV_TOKEN
                   else "sync.sign_in_required")
            print(t(key, error=str(exc).rstrip(".")), file=sys.stderr)
            return 1
        raise
