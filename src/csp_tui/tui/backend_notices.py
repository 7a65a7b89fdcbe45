"""What the console tells the person when the back end reports something, and the status line.

The app receives every back-end event (``tui/messages.BackendEvent``); the list refreshes it
triggers stay in the app, the words it deserves are chosen here: an outbox entry sent or
refused (a refusal explained in words, not as a code), a lost password a reset can replace,
an invitation accepted.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.tui.backend import BackendStatus

if TYPE_CHECKING:
    from csp_tui.services import events as ev
    from csp_tui.tui.console import Console

# The first frame needs only status_after, and no event has arrived by then: the events, the
# outbox and the password reset are imported by the functions that meet them.

#: How long a refusal explained in words stays (it is longer than a notice, and the entry
#: stays in the outbox and the command log after it is gone).
ERROR_SECONDS = 12


def outbox_updated(console: Console, event: ev.OutboxUpdated) -> None:
    """An outbox entry was sent, or refused: say so."""
    subject = safe_text(event.subject, 120)
    if event.state == "done":
        console.notify(t("tui.notify.outbox_done", subject=subject))
        offer_password_reset(console, event.entry_id)
    elif event.state in {"failed", "needs_attention"}:
        explain_outbox_failure(console, event, subject)


def invitation_accepted(console: Console, event: ev.InvitationAccepted) -> None:
    console.notify(t("tui.notify.invitation_accepted",
                     company=safe_text(event.company_name, 120)))
    console.schedule_refresh(frozenset({"invitations", "customers"}))


def offer_password_reset(console: Console, entry_id: str) -> None:
    """A tenant created while nobody could see its password (a crash mid-create): say so,
    with the way to a new one."""
    from csp_tui.services import password_reset  # none before the first event (see the top)
    from csp_tui.state import outbox  # none before the first event (see the top)

    entry = outbox.get(console.backend.state, entry_id)
    if entry is not None and password_reset.credentials_lost(entry):
        from csp_tui.tui.password_reset_flow import console_offer_text  # onboarding: lazy

        console.notify(console_offer_text(entry), severity="warning", timeout=60)
    elif entry is not None and entry.kind == password_reset.KIND_RESET_PASSWORD:
        # A reset this console's worker sent (queued here or by the CLI): shown here, once.
        from csp_tui.tui.password_reset_flow import show_new_password  # as above

        show_new_password(console, entry)


def explain_outbox_failure(console: Console, event: ev.OutboxUpdated, subject: str) -> None:
    """Partner Center refused a queued change: say why in words, not as a code."""
    from csp_tui.state import outbox  # none before the first event (see the top)

    entry = outbox.get(console.backend.state, event.entry_id)
    if entry is not None and entry.kind in {"patch_subscription", "create_qualification"}:
        # The subscription screens' words bring the use cases with them: lazy.
        from csp_tui.tui.screens.subscription_words import explain_entry

        console.notify(explain_entry(console, entry),
                       title=t("subs.notify.refused", subject=subject),
                       severity="error", timeout=ERROR_SECONDS)
        return
    console.notify(t("tui.notify.outbox_failed", subject=subject,
                     error=safe_text(event.error or t("tui.unknown"), 200)),
                   severity="error")


def status_after(status: BackendStatus, event: ev.Event | None, now: datetime,
                 start_error: str | None) -> BackendStatus:
    """What the status line shows: the back end's status, moved on by ``event`` (which may be
    newer than what ``status()`` reports: it is published first)."""
    if event is not None:
        status = _moved_on(status, event, now)
    if start_error and status.sync_state != "running":
        # The back end never started: say so until it does something.
        status = replace(status, sync_state="error", last_error=start_error)
    return status


def _moved_on(status: BackendStatus, event: ev.Event, now: datetime) -> BackendStatus:
    from csp_tui.services import events as ev  # none before the first event (see the top)

    if isinstance(event, ev.SyncStarted):
        status = replace(status, sync_state="running", progress=None)
    elif isinstance(event, ev.SyncProgress):
        status = replace(status, sync_state="running", progress=(event.done, event.total))
    elif isinstance(event, ev.SyncFinished) and status.sync_state == "running":
        status = replace(
            status, sync_state="idle" if event.ok else "error", progress=None,
            last_error=None if event.ok else event.error,
            last_success_at=(event.finished_at or now) if event.ok
            else status.last_success_at)
    return status
