"""The invitations pane's keys, which of them a row offers, and the pane's side of them.

Imported with the pane at start: it registers the keys the pane's bindings are built from.
A key asks the console (``Console.invitation_action``): the screens and the network they need
(``screens/invitation_actions.py``) load when a key is first used.
"""

from __future__ import annotations

from typing import Any

from csp_tui.config import Settings
from csp_tui.state import invitations as ledger
from csp_tui.tui.bindings import KeySpec, register
from csp_tui.tui.console import Console

# Pane actions -> what they do; the menu offers the same list in this order.
RESEND = "resend_invitation"
COPY_LINK = "copy_invitation_link"
NOTE = "note_invitation"
CANCEL = "cancel_invitation"  # the pane's own ``x`` binding, defined with the pane
SANDBOX_ACCEPT = "sandbox_accept_invitation"
SANDBOX_ADVANCE = "sandbox_advance_clock"
MENU = "invitation_menu"

register(
    # Not in the footer (the pane's footer is full at 80 columns): ``?`` lists it.
    KeySpec("invitation-menu", "m", MENU, "tui.invitations.key.menu",
            "tui.invitations.keyhelp.menu", "invitations", show=False, mutating=True),
    KeySpec("invitation-resend", "e", RESEND, "tui.invitations.key.resend",
            "tui.invitations.keyhelp.resend", "invitations", show=False, mutating=True),
    KeySpec("invitation-copy-link", "c", COPY_LINK, "tui.invitations.key.copy_link",
            "tui.invitations.keyhelp.copy_link", "invitations", show=False, mutating=True),
    KeySpec("invitation-note", "a", NOTE, "tui.invitations.key.note",
            "tui.invitations.keyhelp.note", "invitations", show=False, mutating=True),
    KeySpec("invitation-sandbox-accept", "A", SANDBOX_ACCEPT,
            "tui.invitations.key.sandbox_accept", "tui.invitations.keyhelp.sandbox_accept",
            "invitations", show=False, mutating=True),
    KeySpec("invitation-sandbox-advance", "D", SANDBOX_ADVANCE,
            "tui.invitations.key.sandbox_advance", "tui.invitations.keyhelp.sandbox_advance",
            "invitations", show=False, mutating=True),
    # The modals
    KeySpec("invitation-modal-close", "escape", "close", "tui.key.close", "tui.keyhelp.close",
            "invitation-modal"),
    KeySpec("invitation-confirm-yes", "y", "confirm", "tui.invitations.key.confirm",
            "tui.invitations.keyhelp.confirm", "invitation-confirm"),
    KeySpec("invitation-confirm-no", "n", "close", "tui.invitations.key.keep",
            "tui.invitations.keyhelp.keep", "invitation-confirm"),
)

PENDING_ONLY = frozenset({RESEND, CANCEL, SANDBOX_ACCEPT})
SANDBOX_ONLY = frozenset({SANDBOX_ACCEPT, SANDBOX_ADVANCE})
ROW_ACTIONS: tuple[str, ...] = (MENU, RESEND, COPY_LINK, NOTE, SANDBOX_ACCEPT, SANDBOX_ADVANCE)

#: (action, key shown, label) — the menu, in the order a person needs them.
MENU_ENTRIES: tuple[tuple[str, str, str], ...] = (
    (RESEND, "e", "tui.invitations.menu.resend"),
    (COPY_LINK, "c", "tui.invitations.menu.copy_link"),
    (NOTE, "a", "tui.invitations.menu.note"),
    (CANCEL, "x", "tui.invitations.menu.cancel"),
    (SANDBOX_ACCEPT, "A", "tui.invitations.menu.sandbox_accept"),
    (SANDBOX_ADVANCE, "D", "tui.invitations.menu.sandbox_advance"),
)


# --------------------------------------------------------------------------------- rules


def available(action: str, status: str | None, settings: Settings,
              read_only: bool) -> bool | None:
    """``True`` offered, ``None`` greyed out (not for this row), ``False`` hidden.

    ``status`` is the stored one of the invitation under the cursor (``None``: no row).
    """
    if read_only:
        return False
    if action in SANDBOX_ONLY and not settings.profile.is_sandbox:
        return False
    if action == SANDBOX_ADVANCE:
        return True
    if status is None:
        return None
    if action in PENDING_ONLY and status != ledger.PENDING:
        return None
    return True


# --------------------------------------------------------------------------------- the pane


class InvitationPaneActions:
    """The pane's side: keys and their availability for the row under the cursor.

    Mixed into the invitations pane (``InvitationsPane(InvitationPaneActions, ListPane)``).
    """

    table: Any
    console: Console

    def action_available(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ROW_ACTIONS:
            app = self.console
            row = self.table.cursor_row
            return available(action, None if row is None else row.status, app.settings,
                             app.read_only)
        return super().action_available(action, parameters)  # type: ignore[misc]

    def _run(self, action: str) -> None:
        row = self.table.cursor_row
        self.console.invitation_action(action, None if row is None else row.id)

    def action_invitation_menu(self) -> None:
        self._run(MENU)

    def action_resend_invitation(self) -> None:
        self._run(RESEND)

    def action_copy_invitation_link(self) -> None:
        self._run(COPY_LINK)

    def action_note_invitation(self) -> None:
        self._run(NOTE)

    def action_sandbox_accept_invitation(self) -> None:
        self._run(SANDBOX_ACCEPT)

    def action_sandbox_advance_clock(self) -> None:
        self._run(SANDBOX_ADVANCE)
