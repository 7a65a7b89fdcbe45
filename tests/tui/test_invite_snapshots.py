"""Pictures of the invitation form, its result and the pending requests' actions.

Each picture is paired with assertions on what it must show. Regenerate with
``pytest tests/tui/test_invite_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from csp_tui.state import invitations as ledger
from csp_tui.state import views as state_views
from csp_tui.tui.screens import invitation_actions  # noqa: F401  (the pane's keys)
from csp_tui.tui.screens.invitation_modals import ConfirmCancelScreen, InvitationMenuScreen
from csp_tui.tui.screens.invitation_result import InvitationResultScreen
from csp_tui.tui.screens.invite import InviteScreen

from .conftest import NARROW, WIDE, Console, ConsoleFactory, footer_keys, screen_text
from .invite_support import LINK, with_loop_backend


def shoot(snap_compare: Callable[..., bool], console: Console, size: tuple[int, int],
          keys: Sequence[str] = (), before: Callable[[Console], None] | None = None
          ) -> dict[str, Any]:
    """Drive the app with ``keys`` (``before`` runs first), compare the picture, return
    what was on screen for the assertions."""
    seen: dict[str, Any] = {}

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        for key in keys:
            if key == "<before>" and before is not None:
                before(console)
                await pilot.pause()
            else:
                await pilot.press(key)
        await pilot.pause()
        seen.update(screen=console.app.screen, text=screen_text(console.app),
                    footer=footer_keys(console.app))

    assert snap_compare(console.app, terminal_size=size, run_before=run_before)
    return seen


def fill_form(console: Console) -> None:
    screen = console.app.screen
    assert isinstance(screen, InviteScreen)
    for field, value in (("company_name", "Pekárna U Mlýna s.r.o."),
                         ("contact_name", "Jana Veselá"),
                         ("contact_email", "jana@pekarna-mlyn.cz"),
                         ("domain", "pekarna-mlyn.cz")):
        screen.field(field).value = value


def down_to_first_pending(console: Console) -> list[str]:
    """``j`` presses from the top of the pending pane (newest first) to the first pending row."""
    rows = state_views.invitation_rows(console.state)
    index = next(i for i, row in enumerate(rows) if row.status == ledger.PENDING)
    return ["j"] * index


def test_invite_form_empty(snap_compare: Callable[..., bool],
                           make_console: ConsoleFactory) -> None:
    seen = shoot(snap_compare, make_console(), NARROW, keys=["4", "i"])
    assert isinstance(seen["screen"], InviteScreen)
    for label in ("Organisation", "Admin's e-mail", "Tenant's domain", "E-mail language"):
        assert label in seen["text"]
    assert "Czech" in seen["text"]  # the e-mail's default language
    assert {"f2", "escape"} <= seen["footer"]


def test_invite_form_with_errors(snap_compare: Callable[..., bool],
                                 make_console: ConsoleFactory) -> None:
    console = make_console(invitations=2)
    seen = shoot(snap_compare, console, NARROW,
                 keys=["4", "i", "tab", "tab", *"jana@", "tab", *"http://x", "f2"])
    text = seen["text"]
    assert "Enter the customer's organisation name." in text
    assert "is not a domain name" in text
    assert len(ledger.list_invitations(console.state)) == 2  # nothing recorded


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_invite_result(snap_compare: Callable[..., bool], make_console: ConsoleFactory,
                       size: tuple[int, int]) -> None:
    console = with_loop_backend(make_console(invitations=0))
    seen = shoot(snap_compare, console, size, keys=["4", "i", "<before>", "f2"],
                 before=fill_form)
    assert isinstance(seen["screen"], InvitationResultScreen)
    text = seen["text"]
    assert "Recorded as pending" in text and "Subject:" in text
    # The link is folded over lines, never cut: every piece of it is on screen.
    assert LINK.split("&")[0] in "".join(line.strip() for line in text.splitlines())
    assert {"c", "e", "w", "escape"} <= seen["footer"]


def test_pending_pane_actions_menu(snap_compare: Callable[..., bool],
                                   make_console: ConsoleFactory) -> None:
    console = make_console(invitations=6)
    seen = shoot(snap_compare, console, NARROW, keys=["4", *down_to_first_pending(console), "m"])
    assert isinstance(seen["screen"], InvitationMenuScreen)
    text = seen["text"]
    for entry in ("Resend the e-mail", "Copy the link", "Add a note", "Cancel the invitation",
                  "Sandbox: the customer accepts now", "Sandbox: advance the clock one day"):
        assert entry in text


def test_cancel_confirmation(snap_compare: Callable[..., bool],
                             make_console: ConsoleFactory) -> None:
    console = make_console(invitations=6)
    seen = shoot(snap_compare, console, NARROW, keys=["4", *down_to_first_pending(console), "x"])
    assert isinstance(seen["screen"], ConfirmCancelScreen)
    company = seen["screen"].invitation.company_name
    assert f"Cancel the invitation for {company}" in seen["text"]
    assert "cannot be withdrawn" in seen["text"]
