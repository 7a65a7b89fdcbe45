"""What can be done with one sent invitation, from the pending relationship requests pane.

``m`` opens a small menu; each entry also has its own key on the pane: ``e`` resend (a fresh
e-mail text to copy; the ledger counts the reminder), ``c`` copy the link, ``a`` add a note,
``x`` cancel (confirmed, naming the organisation). Sandbox profiles add the emulator's
controls: ``A`` "the customer accepts now" and ``D`` "advance the clock one day"; the sync
that follows notices the acceptance the way it would with Partner Center.

Every action changes the ledger or the sandbox, so a read-only profile sees none of them
(``mutating=True``), and the services refuse as well.

Cancelling and notes only touch state.db, so they run here and work even when Partner Center
is out of reach; resending asks Partner Center for partner names, so it goes through the back
end's worker like the invitation itself.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from csp_tui.config import Role, Settings
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.i18n.formatting import count_days, datetime_text
from csp_tui.services import invitations
from csp_tui.services.emulator_controls import EmulatorAnswer, EmulatorControls
from csp_tui.state import invitations as ledger
from csp_tui.state import timestamp
from csp_tui.state.invitations import Invitation
from csp_tui.tui.console import Console
from csp_tui.tui.invitation_keys import (
    CANCEL,
    COPY_LINK,
    NOTE,
    RESEND,
    SANDBOX_ACCEPT,
    SANDBOX_ADVANCE,
)
from csp_tui.tui.screens.invitation_modals import (
    ConfirmCancelScreen,
    InvitationMenuScreen,
    NoteScreen,
    invitation_name,
)
from csp_tui.tui.screens.invitation_result import InvitationResultScreen
from csp_tui.tui.screens.invite import describe_error
from csp_tui.tui.writes import write_then

log = logging.getLogger(__name__)

# The keys, which of them a row offers and the pane's side live in csp_tui.tui.invitation_keys:
# the pane imports that at start, and this module (screens, network) when a key is first used.


def is_open(invitation: Invitation) -> bool:
    """Pending or stale: the only states an invitation can be resent, cancelled or accepted in."""
    return invitation.status == ledger.PENDING


@dataclass
class LedgerSession:
    """What the ledger services need when no network is involved."""

    settings: Settings
    state: sqlite3.Connection


def _invitation(app: Console, invitation_id: str) -> Invitation | None:
    invitation = ledger.get(app.backend.state, invitation_id)
    if invitation is None:
        app.notify(t("tui.notify.record_gone"), severity="warning")
    return invitation


def _now(app: Console) -> str:
    return timestamp(app.now())


def _changed(app: Console) -> None:
    app.schedule_refresh(frozenset({"invitations"}))


# --------------------------------------------------------------------------------- actions


def run_action(app: Console, action: str, invitation_id: str) -> None:
    """Do ``action`` for one invitation (from a pane key or the menu)."""
    handlers: dict[str, Callable[[Console, str], None]] = {
        RESEND: resend,
        COPY_LINK: copy_link,
        NOTE: ask_note,
        CANCEL: confirm_cancel,
        SANDBOX_ACCEPT: sandbox_accept,
        SANDBOX_ADVANCE: lambda console, _id: sandbox_advance_clock(console),
    }
    handlers[action](app, invitation_id)


def open_menu(app: Console, invitation_id: str) -> None:
    """``m``: the menu of one invitation; the chosen entry runs as its own key would."""
    invitation = ledger.get(app.backend.state, invitation_id)
    if invitation is None:
        return

    def chosen(action: str | None) -> None:
        if action:
            run_action(app, action, invitation.id)

    app.push_screen(InvitationMenuScreen(invitation), chosen)


def copy_link(app: Console, invitation_id: str) -> None:
    invitation = _invitation(app, invitation_id)
    if invitation is not None and not app.read_only:
        app.copy_text(invitation.link)


def confirm_cancel(app: Console, invitation_id: str) -> None:
    """Ask first, naming the organisation and what cancelling does (and does not do)."""
    invitation = _invitation(app, invitation_id)
    if invitation is None or app.read_only:
        return
    if not is_open(invitation):
        app.notify(t("tui.invitations.not_open", company=invitation_name(invitation),
                     status=t(f"state.invitation.status.{invitation.status}")),
                   severity="warning")
        return

    def answered(confirmed: bool | None) -> None:
        if confirmed:
            cancel_now(app, invitation.id)

    app.push_screen(ConfirmCancelScreen(invitation), answered)


def cancel_now(app: Console, invitation_id: str) -> None:
    """Cancel on the writer thread; the list and the notice follow when it is done."""
    now = _now(app)

    def cancelled(invitation: Invitation) -> None:
        _changed(app)
        app.notify(t("tui.invitations.cancelled", company=invitation_name(invitation),
                     domain=safe_text(invitation.domain, 120)))

    write_then(app, lambda session: invitations.cancel(session, invitation_id, now=now),
               cancelled, lambda exc: _refused(app, exc))


def _refused(app: Console, exc: Exception) -> None:
    """The ledger or the profile refused a change (or the disk did): say why."""
    if not isinstance(exc, ledger.InvitationError | LookupError | invitations.ReadOnlyError):
        log.error("changing an invitation failed", exc_info=exc)
    app.notify(safe_text(str(exc), 300), severity="error")


def ask_note(app: Console, invitation_id: str) -> None:
    invitation = _invitation(app, invitation_id)
    if invitation is None or app.read_only:
        return

    def answered(note: str | None) -> None:
        if note:
            add_note_now(app, invitation.id, note)

    app.push_screen(NoteScreen(invitation), answered)


def add_note_now(app: Console, invitation_id: str, note: str) -> None:
    """Keep the note on the writer thread; the list and the notice follow when it is done."""
    now = _now(app)

    def noted(invitation: Invitation) -> None:
        _changed(app)
        app.notify(t("tui.invitations.noted", company=invitation_name(invitation)))

    write_then(app, lambda session: invitations.add_note(session, invitation_id, note, now=now),
               noted, lambda exc: _refused(app, exc))


def resend(app: Console, invitation_id: str) -> None:
    """A reminder: the ledger counts it and the e-mail text is shown again to copy and send."""
    invitation = _invitation(app, invitation_id)
    if invitation is None or app.read_only:
        return
    if not is_open(invitation):
        app.notify(t("tui.invitations.not_open", company=invitation_name(invitation),
                     status=t(f"state.invitation.status.{invitation.status}")),
                   severity="warning")
        return
    app.run_worker(_resend(app, invitation.id), group="invitation-resend", exclusive=True,
                   exit_on_error=False)


async def _resend(app: Console, invitation_id: str) -> None:
    now = _now(app)

    async def job(session: Any) -> invitations.InviteResult:
        return await invitations.resend(session, invitation_id, now=now)

    try:
        result = await asyncio.wrap_future(app.backend.submit(job))
    except Exception as exc:
        app.notify(describe_error(exc), severity="error")
        return
    _changed(app)
    app.push_screen(InvitationResultScreen(result, kind="resent"))


# --------------------------------------------------------------------------------- sandbox


def _emulator(session: Any) -> EmulatorControls:
    """The embedded emulator's controls (a sandbox profile's only)."""
    if not session.settings.profile.is_sandbox or session.transport is None:
        raise RuntimeError(t("tui.invitations.sandbox.only"))
    return EmulatorControls.of_session(session)


def sandbox_accept(app: Console, invitation_id: str) -> None:
    invitation = _invitation(app, invitation_id)
    if invitation is None or app.read_only or not app.settings.profile.is_sandbox:
        return
    if not is_open(invitation):
        app.notify(t("tui.invitations.not_open", company=invitation_name(invitation),
                     status=t(f"state.invitation.status.{invitation.status}")),
                   severity="warning")
        return
    app.run_worker(_sandbox_accept(app, invitation), group="sandbox-control",
                   exit_on_error=False)


async def _sandbox_accept(app: Console, invitation: Invitation) -> None:
    reseller_id = (invitation.reseller_id
                   if app.settings.profile.role is Role.INDIRECT_PROVIDER else None)

    async def job(session: Any) -> EmulatorAnswer:
        return await _emulator(session).accept_invitation(invitation.domain,
                                                          reseller_id=reseller_id)

    try:
        response = await asyncio.wrap_future(app.backend.submit(job))
    except Exception as exc:
        app.notify(describe_error(exc), severity="error")
        return
    if response.status_code == 404:
        app.notify(t("tui.invitations.sandbox.no_prospect",
                     domain=safe_text(invitation.domain, 120)), severity="warning")
        return
    if response.status_code >= 400:
        app.notify(t("tui.invitations.sandbox.failed", status=response.status_code),
                   severity="error")
        return
    app.notify(t("tui.invitations.sandbox.accepted", company=invitation_name(invitation)))
    # The ledger changes only when a sync finds the new customer, as with Partner Center.
    app.backend.request_sync()


def sandbox_advance_clock(app: Console, days: int = 1) -> None:
    if app.read_only or not app.settings.profile.is_sandbox:
        return
    app.run_worker(_sandbox_advance(app, days), group="sandbox-control", exit_on_error=False)


async def _sandbox_advance(app: Console, days: int) -> None:
    async def job(session: Any) -> EmulatorAnswer:
        return await _emulator(session).advance_clock(days=days)

    try:
        response = await asyncio.wrap_future(app.backend.submit(job))
    except Exception as exc:
        app.notify(describe_error(exc), severity="error")
        return
    if response.status_code >= 400:
        app.notify(t("tui.invitations.sandbox.failed", status=response.status_code),
                   severity="error")
        return
    try:
        moment = str(response.json().get("now", ""))
    except ValueError:
        moment = ""
    # The sandbox's virtual clock, written like every other time on screen (NOTHING if absent).
    moment = datetime_text(moment) if moment else ""
    app.notify(t("tui.invitations.sandbox.advanced", span=count_days(days), now=moment or "?"))
    app.backend.request_sync()
