"""The invitation flow on the real back end and the embedded sandbox, keyboard only.

A prospect of the (frozen) sandbox world is invited from the console, the link and e-mail are
shown and copied, the emulator control makes the customer accept, the sync that follows
notices it, and the pending pane shows the invitation accepted.
"""

from __future__ import annotations

from typing import Any

from csp_tui.services.worker import WorkerBackend
from csp_tui.state import invitations as ledger
from csp_tui.tui.app import CspApp
from csp_tui.tui.screens import invitation_actions  # noqa: F401  (the pane's keys)
from csp_tui.tui.screens.invite import InvitationResultScreen, InviteScreen
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.widgets.lists import InvitationsPane

from .conftest import frozen_clock, screen_text
from .invite_support import prospects, sandbox_settings, type_text, wait_for


def make_app(backend: WorkerBackend) -> CspApp:
    return CspApp(backend, clock=frozen_clock, theme="textual-dark", animation_level="none",
                  cursor_blink=False, tick_seconds=None, language="en")


def notifications(app: Any) -> list[str]:
    return [str(note.message) for note in app._notifications]


def invitations_pane(app: CspApp) -> InvitationsPane:
    pane = app.main_screen.pane("invitations")
    assert isinstance(pane, InvitationsPane)
    return pane


async def test_invite_a_prospect_accept_it_in_the_sandbox_and_see_it_accepted(
        isolated_home) -> None:
    settings = sandbox_settings(isolated_home)
    prospect = prospects(settings)[0]
    domain = prospect.web_domain
    backend = WorkerBackend(settings, periodic=False)
    app = make_app(backend)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: backend._session is not None, "the worker to start")
        # -- the form, from the pending requests pane (nothing to prefill there)
        await pilot.press("4", "i")
        assert isinstance(app.screen, InviteScreen)
        await type_text(pilot, prospect.company_name)
        await pilot.press("enter")
        await type_text(pilot, f"{prospect.first_name} {prospect.last_name}")
        await pilot.press("enter")
        await type_text(pilot, prospect.email)
        await pilot.press("enter")
        await type_text(pilot, domain.upper())  # domains compare case-insensitively
        await pilot.press("enter")  # enter on the last field sends
        await wait_for(pilot, lambda: isinstance(app.screen, InvitationResultScreen),
                       "the invitation's result")

        # -- the result: the link (with the distributor) and the e-mail, in Czech by default
        result = app.screen.result
        assert not result.duplicate
        assert f"indirectCSPId={settings.profile.indirect_provider_id}" in result.link
        assert result.link in result.email_body
        assert prospect.company_name in result.email_subject
        text = screen_text(app)
        assert "Recorded as pending" in text and prospect.email in text
        assert "Globální správce" in result.email_body
        await pilot.press("c")
        assert app.clipboard == result.link
        assert any("to the terminal (OSC 52)" in note for note in notifications(app))

        # -- the ledger holds exactly this pending invitation
        (recorded,) = ledger.list_invitations(backend.state)
        assert recorded.status == ledger.PENDING and recorded.domain == domain
        assert recorded.contact_email == prospect.email and recorded.language == "cs"

        # -- back on the pane, the emulator's "accepts now", then the sync notices it
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        pane = invitations_pane(app)
        await wait_for(pilot, lambda: pane.table.row_count == 1, "the pane to list it")
        assert pane.table.cursor_row.id == recorded.id
        assert "pending" in screen_text(app)
        await pilot.press("A")
        await wait_for(
            pilot, lambda: ledger.get(backend.state, recorded.id).status == ledger.ACCEPTED,
            "the sync to accept the invitation")
        await wait_for(pilot, lambda: pane.table.cursor_row.status == ledger.ACCEPTED,
                       "the pane to refresh")
        await pilot.pause()
        assert "accepted" in screen_text(app)
        assert any(f"{prospect.company_name} accepted the reseller relationship" in note
                   for note in notifications(app))
        accepted = ledger.get(backend.state, recorded.id)
        assert accepted.customer_id  # linked to the customer the sync found

        # -- a final invitation offers nothing more to do
        assert pane.check_action("sandbox_accept_invitation", ()) is None
        assert pane.check_action("resend_invitation", ()) is None
        await pilot.press("q")


async def test_demo_invitations_are_accepted_as_the_sandbox_clock_moves(isolated_home) -> None:
    """The seeded demo: prospects accept over virtual time; "+1 day" and a sync show it."""
    settings = sandbox_settings(isolated_home, demo_seeded=False)
    waiting = prospects(settings)
    due_within_a_day = {p.web_domain for p in waiting
                        if p.accepts_after is not None and p.accepts_after <= 86400}
    assert due_within_a_day  # the world has early acceptors (else this test proves nothing)
    backend = WorkerBackend(settings, periodic=False)
    app = make_app(backend)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: len(ledger.list_invitations(backend.state)) == len(waiting),
                       "the demo invitations to be recorded")
        await pilot.press("4")
        pane = invitations_pane(app)
        pane.refresh_data(None)
        await wait_for(pilot, lambda: pane.table.row_count == len(waiting), "the pane")

        # Inviting a prospect that already has a pending invitation shows that one.
        first = waiting[0]
        await pilot.press("i")
        await type_text(pilot, "Someone else")
        await pilot.press("tab", "tab")
        await type_text(pilot, "it@example.cz")
        await pilot.press("tab")
        await type_text(pilot, first.web_domain)
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, InvitationResultScreen),
                       "the result")
        assert app.screen.result.duplicate
        assert "already pending" in screen_text(app)
        assert len(ledger.list_invitations(backend.state)) == len(waiting)
        await pilot.press("escape")

        await pilot.press("D")  # Sandbox: advance the clock one day (then it syncs)

        def accepted() -> set[str]:
            return {inv.domain for inv in ledger.list_invitations(backend.state,
                                                                  status=ledger.ACCEPTED)}

        await wait_for(pilot, lambda: accepted() == due_within_a_day,
                       "the day's acceptances")
        await wait_for(pilot, lambda: screen_text(app).count("accepted") >= 1, "the pane")
        assert any("Sandbox clock moved 1 day" in note for note in notifications(app))
        still_pending = {inv.domain for inv in ledger.list_invitations(
            backend.state, status=ledger.PENDING)}
        assert still_pending == {p.web_domain for p in waiting} - due_within_a_day
        await pilot.press("q")
