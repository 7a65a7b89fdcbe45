"""``csp-tui tenant reset-password --customer ID``: a new temporary password for the
administrator of a tenant whose first password was lost (see services.password_reset).

The reset goes through the outbox like every write; the new password is printed once, on this
terminal, and kept nowhere.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from csp_tui.config import Settings
from csp_tui.i18n import t
from csp_tui.services import password_reset
from csp_tui.services.outbox_runner import OutboxRunner
from csp_tui.services.session import open_session
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxState

EXIT_FAILURE = 1


def run(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run(args.customer.strip().lower(), settings))


async def _run(customer_id: str, settings: Settings) -> int:
    session = open_session(settings)
    try:
        lost = [entry for entry in password_reset.lost_credentials(session.state)
                if str((entry.result or {}).get("customer_id") or entry.customer_id or "")
                == customer_id]
        if not lost:
            print(t("reset.cli.nothing_lost", customer=customer_id), file=sys.stderr)
            return EXIT_FAILURE
        source = lost[0]
        admin = str((source.result or {}).get("user_name") or "") \
            if source.kind == password_reset.KIND_RESET_PASSWORD \
            else password_reset.admin_user_name(source)
        company = str((source.result or {}).get("company_name")
                      or source.payload.get("company_name") or customer_id)
        entry = password_reset.queue_reset(session.state, customer_id=customer_id,
                                           user_name=admin, company_name=company)
        print(t("reset.cli.queued", admin=admin, company=company), file=sys.stderr)
        shown: dict[str, dict[str, str]] = {}
        runner = OutboxRunner(session.client, session.state,
                              secret_sink=_OwnResetSink(entry.id, shown),
                              read_only=settings.profile.read_only)
        await runner.run_once()
        done = outbox.get(session.state, entry.id)
        credentials = shown.get(entry.id)
        if done is None or done.state is not OutboxState.DONE or credentials is None:
            state = done.state.value if done is not None else "?"
            error = (done.error_message if done is not None else None) or "?"
            print(t("reset.cli.not_done", state=state, error=error), file=sys.stderr)
            return EXIT_FAILURE
        print(t("reset.cli.done", admin=credentials["user_name"],
                password=credentials["password"]))
        return 0
    finally:
        await session.aclose()


class _OwnResetSink:
    """Prints only the reset this command queued: another reset the same run may find due
    (queued by a console) waits for whoever queued it rather than be set unseen."""

    def __init__(self, entry_id: str, shown: dict[str, dict[str, str]]) -> None:
        self.entry_id = entry_id
        self.shown = shown

    def __call__(self, entry_id: str, credentials: dict[str, str]) -> None:
        self.shown[entry_id] = credentials

    def can_show(self, entry_id: str) -> bool:
        return entry_id == self.entry_id
