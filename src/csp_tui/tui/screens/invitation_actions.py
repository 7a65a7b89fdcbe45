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
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from csp_tui.config import Role, Settings
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.i18n.formatting import count_days, datetime_text
from csp_tui.services import invitations
from csp_tui.services.emulator_controls import EmulatorAnswer, EmulatorControls
from csp_tui.state import invitations as ledger
from csp_tui.state import timestamp
from csp_tui.state.invitations import Invitation
from csp_tui.tui.bindings import (
    GuardedActions,
    TranslatedBindings,
    bindings,
)
from csp_tui.tui.invitation_keys import (
    CANCEL,
    COPY_LINK,
    MENU_ENTRIES,
    NOTE,
    RESEND,
    SANDBOX_ACCEPT,
    SANDBOX_ADVANCE,
    available,
)
from csp_tui.tui.screens.invite import InvitationResultScreen, describe_error
from csp_tui.tui.widgets.narrow_safe import NarrowSafeOptionList

if TYPE_CHECKING:
    from csp_tui.tui.app import CspApp


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


def _invitation(app: CspApp, invitation_id: str) -> Invitation | None:
    invitation = ledger.get(app.backend.state, invitation_id)
    if invitation is None:
        app.notify(t("tui.notify.record_gone"), severity="warning")
    return invitation


def _now(app: CspApp) -> str:
    return timestamp(app.now())


def _changed(app: CspApp) -> None:
    app.schedule_refresh(frozenset({"invitations"}))


def _name(invitation: Invitation) -> str:
    return safe_text(invitation.company_name, 120)


# --------------------------------------------------------------------------------- actions


def run_action(app: CspApp, action: str, invitation_id: str) -> None:
    """Do ``action`` for one invitation (from a pane key or the menu)."""
    handlers: dict[str, Callable[[CspApp, str], None]] = {
        RESEND: resend,
        COPY_LINK: copy_link,
        NOTE: ask_note,
        CANCEL: confirm_cancel,
        SANDBOX_ACCEPT: sandbox_accept,
        SANDBOX_ADVANCE: lambda console, _id: sandbox_advance_clock(console),
    }
    handlers[action](app, invitation_id)


def copy_link(app: CspApp, invitation_id: str) -> None:
    invitation = _invitation(app, invitation_id)
    if invitation is not None and not app.read_only:
        app.copy_text(invitation.link)


def confirm_cancel(app: CspApp, invitation_id: str) -> None:
    """Ask first, naming the organisation and what cancelling does (and does not do)."""
    invitation = _invitation(app, invitation_id)
    if invitation is None or app.read_only:
        return
    if not is_open(invitation):
        app.notify(t("tui.invitations.not_open", company=_name(invitation),
                     status=t(f"state.invitation.status.{invitation.status}")),
                   severity="warning")
        return

    def answered(confirmed: bool | None) -> None:
        if confirmed:
            cancel_now(app, invitation.id)

    app.push_screen(ConfirmCancelScreen(invitation), answered)


def cancel_now(app: CspApp, invitation_id: str) -> Invitation | None:
    try:
        cancelled = invitations.cancel(LedgerSession(app.settings, app.backend.state),
                                       invitation_id, now=_now(app))
    except (ledger.InvitationError, LookupError, invitations.ReadOnlyError) as exc:
        app.notify(safe_text(str(exc), 300), severity="error")
        return None
    _changed(app)
    app.notify(t("tui.invitations.cancelled", company=_name(cancelled),
                 domain=safe_text(cancelled.domain, 120)))
    return cancelled


def ask_note(app: CspApp, invitation_id: str) -> None:
    invitation = _invitation(app, invitation_id)
    if invitation is None or app.read_only:
        return

    def answered(note: str | None) -> None:
        if note:
            add_note_now(app, invitation.id, note)

    app.push_screen(NoteScreen(invitation), answered)


def add_note_now(app: CspApp, invitation_id: str, note: str) -> Invitation | None:
    try:
        updated = invitations.add_note(LedgerSession(app.settings, app.backend.state),
                                       invitation_id, note, now=_now(app))
    except (ledger.InvitationError, LookupError, invitations.ReadOnlyError) as exc:
        app.notify(safe_text(str(exc), 300), severity="error")
        return None
    _changed(app)
    app.notify(t("tui.invitations.noted", company=_name(updated)))
    return updated


def resend(app: CspApp, invitation_id: str) -> None:
    """A reminder: the ledger counts it and the e-mail text is shown again to copy and send."""
    invitation = _invitation(app, invitation_id)
    if invitation is None or app.read_only:
        return
    if not is_open(invitation):
        app.notify(t("tui.invitations.not_open", company=_name(invitation),
                     status=t(f"state.invitation.status.{invitation.status}")),
                   severity="warning")
        return
    app.run_worker(_resend(app, invitation.id), group="invitation-resend", exclusive=True,
                   exit_on_error=False)


async def _resend(app: CspApp, invitation_id: str) -> None:
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


def sandbox_accept(app: CspApp, invitation_id: str) -> None:
    invitation = _invitation(app, invitation_id)
    if invitation is None or app.read_only or not app.settings.profile.is_sandbox:
        return
    if not is_open(invitation):
        app.notify(t("tui.invitations.not_open", company=_name(invitation),
                     status=t(f"state.invitation.status.{invitation.status}")),
                   severity="warning")
        return
    app.run_worker(_sandbox_accept(app, invitation), group="sandbox-control",
                   exit_on_error=False)


async def _sandbox_accept(app: CspApp, invitation: Invitation) -> None:
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
    app.notify(t("tui.invitations.sandbox.accepted", company=_name(invitation)))
    # The ledger changes only when a sync finds the new customer, as with Partner Center.
    app.backend.request_sync()


def sandbox_advance_clock(app: CspApp, days: int = 1) -> None:
    if app.read_only or not app.settings.profile.is_sandbox:
        return
    app.run_worker(_sandbox_advance(app, days), group="sandbox-control", exit_on_error=False)


async def _sandbox_advance(app: CspApp, days: int) -> None:
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


# --------------------------------------------------------------------------------- modals


def _describe(invitation: Invitation) -> Text:
    text = Text(_name(invitation), style="bold")
    text.append(f"  {safe_text(invitation.domain, 120)}")
    if invitation.contact_email:
        text.append(f"  {safe_text(invitation.contact_email, 120)}", style="dim")
    return text


class InvitationMenuScreen(GuardedActions, TranslatedBindings, ModalScreen[str | None]):
    """``m``: the actions for one invitation; returns the chosen action."""

    BINDINGS: ClassVar = bindings("invitation-modal")

    def __init__(self, invitation: Invitation) -> None:
        super().__init__(id="invitation-menu")
        self.invitation = invitation

    @property
    def console(self) -> CspApp:
        return self.app  # type: ignore[return-value]

    def entries(self) -> list[tuple[str, str, str]]:
        app = self.console
        return [(action, key, label) for action, key, label in MENU_ENTRIES
                if available(action, self.invitation.status, app.settings, app.read_only)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="invitation-box"):
            yield Static(Text(t("tui.invitations.menu.title"), style="bold"),
                         classes="invitation-box-title")
            yield Static(_describe(self.invitation), classes="invitation-subject")
            options = []
            for action, key, label in self.entries():
                prompt = Text(f"{key}  ", style="bold")
                prompt.append(t(label))
                options.append(Option(prompt, id=action))
            yield NarrowSafeOptionList(*options, id="invitation-menu-options")
            yield Static(Text(t("tui.invitations.menu.hint")), classes="invitation-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        # Nothing chosen until the person moves or presses a letter: an enter typed ahead (or
        # one too many) must not send a reminder, which the ledger would count.
        options.highlighted = None
        options.focus()

    def on_key(self, event: events.Key) -> None:
        # The letters shown beside the entries do what they say, as on the pane.
        for action, key, _label in self.entries():
            if event.character == key:
                event.stop()
                self.dismiss(action)
                return

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmCancelScreen(GuardedActions, TranslatedBindings, ModalScreen[bool]):
    """"Cancel the invitation for X?" with what that does; ``y`` yes, ``n``/``esc`` no."""

    BINDINGS: ClassVar = bindings("invitation-modal", "invitation-confirm")

    def __init__(self, invitation: Invitation) -> None:
        super().__init__(id="invitation-confirm")
        self.invitation = invitation

    def compose(self) -> ComposeResult:
        invitation = self.invitation
        with Vertical(classes="invitation-box"):
            yield Static(Text(t("tui.invitations.cancel.question", company=_name(invitation),
                                domain=safe_text(invitation.domain, 120)), style="bold"),
                         classes="invitation-box-title")
            yield Static(Text(t("tui.invitations.cancel.effect")), classes="invitation-effect")
            with Horizontal(classes="invitation-buttons"):
                yield Button(t("tui.invitations.cancel.yes"), id="invitation-confirm-yes",
                             variant="error", compact=True)
                yield Button(t("tui.invitations.cancel.no"), id="invitation-confirm-no",
                             compact=True)

    def on_mount(self) -> None:
        # The harmless answer has the focus: an extra enter keeps the invitation.
        self.query_one("#invitation-confirm-no", Button).focus()

    @on(Button.Pressed, "#invitation-confirm-yes")
    def _yes(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_confirm()

    @on(Button.Pressed, "#invitation-confirm-no")
    def _no(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)


class NoteScreen(GuardedActions, TranslatedBindings, ModalScreen[str | None]):
    """One line of note for an invitation; ``enter`` saves, ``esc`` drops it."""

    BINDINGS: ClassVar = bindings("invitation-modal")
    MAX_LENGTH = 500

    def __init__(self, invitation: Invitation) -> None:
        super().__init__(id="invitation-note")
        self.invitation = invitation

    def compose(self) -> ComposeResult:
        invitation = self.invitation
        with Vertical(classes="invitation-box"):
            yield Static(Text(t("tui.invitations.note.title"), style="bold"),
                         classes="invitation-box-title")
            yield Static(_describe(invitation), classes="invitation-subject")
            if invitation.notes:
                # The latest lines: enough to avoid writing the same thing twice.
                recent = "\n".join(invitation.notes.splitlines()[-3:])
                yield Static(Text(safe_text(recent, 600), style="dim"),
                             classes="invitation-notes")
            field = Input(placeholder=t("tui.invitations.note.placeholder"),
                          max_length=self.MAX_LENGTH, compact=True, id="invitation-note-input")
            field.cursor_blink = getattr(self.app, "cursor_blink", True)
            yield field
            yield Static(Text(t("tui.invitations.note.hint")), classes="invitation-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.notify(t("state.error.note_empty"), severity="warning")
            return
        self.dismiss(text)

    def action_close(self) -> None:
        self.dismiss(None)
