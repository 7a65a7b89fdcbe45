"""The invitation form and the pending requests' actions, on the fake back ends.

Partner Center work goes through ``backend.submit`` into the real ``invitations`` service with a
stub client (see ``invite_support.LoopBackend``); the ledger in state.db is the real one.
"""

from __future__ import annotations

import dataclasses
import stat
from typing import Any

import pytest

from csp_tui.config import ProfileKind
from csp_tui.services import events as ev
from csp_tui.services import invitations
from csp_tui.state import invitations as ledger
from csp_tui.tui import invitation_keys
from csp_tui.tui.screens.help import HelpScreen
from csp_tui.tui.screens.invitation_actions import LedgerSession
from csp_tui.tui.screens.invitation_modals import (
    ConfirmCancelScreen,
    InvitationMenuScreen,
    NoteScreen,
)
from csp_tui.tui.screens.invitation_result import InvitationResultScreen
from csp_tui.tui.screens.invite import InviteScreen
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.widgets.lists import InvitationsPane

from .conftest import CLOCK_NOW, Console, ConsoleFactory, screen_text
from .invite_support import LINK, type_text, with_loop_backend

PANE_ACTIONS = set(invitation_keys.ROW_ACTIONS) | {"cancel_invitation"}
TODAY = CLOCK_NOW.strftime("%Y-%m-%d")


def notifications(app: Any) -> list[str]:
    return [str(note.message) for note in app._notifications]


def pane(app: Any) -> InvitationsPane:
    found = app.main_screen.pane("invitations")
    assert isinstance(found, InvitationsPane)
    return found


def pending(console: Console) -> list[ledger.Invitation]:
    return ledger.list_invitations(console.state, status=ledger.PENDING)


def fill(screen: Any, **values: str) -> None:
    """Put text into the form's fields (tests where typing is not the point)."""
    assert isinstance(screen, InviteScreen)
    for field, value in values.items():
        screen.field(field).value = value


async def focus_invitation(pilot: Any, console: Console, invitation_id: str) -> InvitationsPane:
    """Show the pending pane with the cursor on one invitation (keyboard: 4, then j…)."""
    await pilot.press("4")
    await pilot.pause()
    found = pane(console.app)
    for _ in range(found.table.row_count):
        if found.table.cursor_row.id == invitation_id:
            return found
        await pilot.press("j")
    raise AssertionError("invitation not in the pane")


# ------------------------------------------------------------------------------ the form


async def test_the_form_names_every_bad_field_and_sends_nothing(
        make_console: ConsoleFactory) -> None:
    console = with_loop_backend(make_console(invitations=3))
    before = ledger.list_invitations(console.state)
    async with console.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "i")  # from the pending pane: nothing to prefill
        screen = console.app.screen
        assert isinstance(screen, InviteScreen)
        assert screen.values()["company_name"] == "" and screen.values()["language"] == "cs"
        await pilot.press("tab", "tab")
        await type_text(pilot, "not-an-address")
        await pilot.press("f2")
        text = screen_text(console.app)
        assert "Enter the customer's organisation name." in text
        assert "The address is missing the @" in text
        assert "Enter a domain of the customer's tenant" in text
        for field in ("company", "contact-email", "domain"):
            assert screen.query_one(f"#invite-{field}-error").display, field
        assert not screen.query_one("#invite-contact-name-error").display
        # The first bad field has the focus, so the person can fix it at once.
        assert console.app.focused is screen.field("company_name")
    assert console.backend.submitted == 0
    assert console.backend.client.link_requests == []
    assert ledger.list_invitations(console.state) == before


async def test_the_form_is_prefilled_from_the_selected_customer(
        make_console: ConsoleFactory) -> None:
    console = make_console()
    async with console.app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j")
        await pilot.pause()
        customer_id = console.app.main_screen.pane("customers").table.cursor_row.id
        await pilot.press("i")
        screen = console.app.screen
        assert isinstance(screen, InviteScreen)
        from csp_tui.cache import views

        detail = views.customer_detail(console.cache, customer_id)
        assert screen.values()["company_name"] == detail.company_name
        assert screen.values()["domain"] == (next(iter(detail.other_domains), "")
                                             or detail.primary_domain)
        # The organisation is known: the admin's name is the next thing to type.
        assert console.app.focused is screen.field("contact_name")
        await pilot.press("escape")
        assert isinstance(console.app.screen, MainScreen)


async def test_command_line_invite_opens_the_form(make_console: ConsoleFactory) -> None:
    console = make_console(invitations=0)
    async with console.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon", *"invite", "enter")
        await pilot.pause()
        assert isinstance(console.app.screen, InviteScreen)


async def test_sending_shows_the_link_and_the_email_and_copies_or_saves_them(
        make_console: ConsoleFactory) -> None:
    console = with_loop_backend(make_console(invitations=0))
    app = console.app
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "i")
        fill(app.screen, company_name="Pekárna U Mlýna s.r.o.", contact_name="Jana Veselá",
             contact_email="jana@pekarna-mlyn.cz", domain="pekarna-mlyn.cz")
        app.screen.field("domain").focus()
        await pilot.press("tab")  # the language: English this time
        await pilot.press("enter", "down", "enter")
        await pilot.press("f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InvitationResultScreen)
        result = screen.result
        assert result.link == LINK and not result.duplicate
        assert result.email_subject == ("Request to become your Microsoft reseller – "
                                        "Pekárna U Mlýna s.r.o.")
        assert "Global administrator" in result.email_body  # English, as chosen
        text = screen_text(app)
        assert "Recorded as pending" in text and "jana@pekarna-mlyn.cz" in text

        await pilot.press("c")
        assert app.clipboard == LINK
        await pilot.press("e")
        assert app.clipboard == result.email_body
        await pilot.press("t")
        assert app.clipboard == result.email_subject
        assert sum("to the terminal (OSC 52)" in note for note in notifications(app)) == 3

        await pilot.press("w")
        (saved,) = console.backend.settings.locations.exports_dir.glob("invitation-*.txt")
        content = saved.read_text(encoding="utf-8")
        assert "jana@pekarna-mlyn.cz" in content and LINK in content
        assert result.email_subject in content
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        assert any(str(saved) in note for note in notifications(app))

        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.pause()
        assert pane(app).table.row_count == 1
    (invitation,) = ledger.list_invitations(console.state)
    assert (invitation.company_name, invitation.contact_name, invitation.domain,
            invitation.language, invitation.status) == (
        "Pekárna U Mlýna s.r.o.", "Jana Veselá", "pekarna-mlyn.cz", "en", ledger.PENDING)
    assert invitation.created_at.startswith(TODAY)  # the console's (frozen) clock
    assert console.backend.client.link_requests == [
        {"indirect_csp_id": console.backend.settings.profile.indirect_provider_id}]


async def test_a_second_invitation_for_the_same_domain_shows_the_first(
        make_console: ConsoleFactory) -> None:
    console = with_loop_backend(make_console(invitations=0))
    first = ledger.record(console.state, company_name="Kovárna Hrubý s.r.o.",
                          contact_name="Petr Hrubý", contact_email="petr@kovarna.cz",
                          domain="kovarna.cz", link=LINK, now="2026-11-20T10:00:00Z")
    async with console.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "i")
        fill(console.app.screen, company_name="Kovárna", contact_email="jiny@kovarna.cz",
             domain="Kovarna.CZ")
        await pilot.press("f2")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, InvitationResultScreen)
        assert screen.result.duplicate and screen.result.invitation.id == first.id
        text = screen_text(console.app)
        assert "already pending" in text and "20 Nov 2026" in text
    assert [inv.id for inv in ledger.list_invitations(console.state)] == [first.id]


async def test_without_a_worker_the_form_says_so(make_console: ConsoleFactory) -> None:
    console = make_console(invitations=0)  # FakeBackend.submit raises like an offline console
    async with console.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "i")
        fill(console.app.screen, company_name="Firma s.r.o.", contact_email="it@firma.cz",
             domain="firma.cz")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(console.app.screen, InviteScreen)
        assert "without a connection to Partner Center" in screen_text(console.app)
    assert ledger.list_invitations(console.state) == []


# ------------------------------------------------------------------------------ pane actions


async def test_cancel_asks_naming_the_organisation_then_cancels(
        make_console: ConsoleFactory) -> None:
    console = make_console(invitations=6)
    target = pending(console)[0]
    async with console.app.run_test(size=(80, 24)) as pilot:
        await focus_invitation(pilot, console, target.id)
        await pilot.press("x")
        assert isinstance(console.app.screen, ConfirmCancelScreen)
        text = screen_text(console.app)
        assert f"Cancel the invitation for {target.company_name}" in text
        assert "cannot be withdrawn" in text
        await pilot.press("n")  # keep it
        assert isinstance(console.app.screen, MainScreen)
        assert ledger.get(console.state, target.id).status == ledger.PENDING
        await pilot.press("x")
        await pilot.press("enter")  # the focused button is the harmless one
        assert ledger.get(console.state, target.id).status == ledger.PENDING
        await pilot.press("x", "y")
        await pilot.pause()
        cancelled = ledger.get(console.state, target.id)
        assert cancelled.status == ledger.CANCELLED
        assert cancelled.status_changed_at.startswith(TODAY)
        assert any(f"Invitation for {target.company_name}" in note and "cancelled" in note
                   for note in notifications(console.app))
        # The row now says so, and nothing more can be done with it but notes and the link.
        found = pane(console.app)
        assert found.table.cursor_row.status == ledger.CANCELLED
        assert found.check_action("cancel_invitation", ()) is None
        assert found.check_action("resend_invitation", ()) is None
        assert found.check_action("note_invitation", ()) is True


async def test_a_note_is_added_through_the_input(make_console: ConsoleFactory) -> None:
    console = make_console(invitations=4)
    target = pending(console)[0]
    async with console.app.run_test(size=(80, 24)) as pilot:
        await focus_invitation(pilot, console, target.id)
        await pilot.press("a")
        assert isinstance(console.app.screen, NoteScreen)
        await pilot.press("enter")  # empty: refused, the modal stays
        assert isinstance(console.app.screen, NoteScreen)
        await type_text(pilot, "Přijme v pondělí")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(console.app.screen, MainScreen)
        await pilot.press("a", *"x", "escape")  # esc drops a second one
    notes = ledger.get(console.state, target.id).notes.splitlines()
    assert notes[-1] == f"[{TODAY}] Přijme v pondělí"
    assert not any(line.endswith("] x") for line in notes)


async def test_resend_counts_a_reminder_and_shows_the_email_again(
        make_console: ConsoleFactory) -> None:
    console = with_loop_backend(make_console(invitations=6))
    target = pending(console)[0]
    async with console.app.run_test(size=(80, 24)) as pilot:
        await focus_invitation(pilot, console, target.id)
        await pilot.press("e")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, InvitationResultScreen) and screen.kind == "resent"
        assert target.link in screen.result.email_body
        assert f"sent {target.send_count + 1}×" in screen_text(console.app)
        await pilot.press("escape")
    resent = ledger.get(console.state, target.id)
    assert resent.send_count == target.send_count + 1
    assert resent.last_sent_at.startswith(TODAY) and resent.status == ledger.PENDING


async def test_the_menu_offers_the_actions_and_runs_the_chosen_one(
        make_console: ConsoleFactory) -> None:
    console = make_console(invitations=6)
    target = pending(console)[0]
    async with console.app.run_test(size=(80, 24)) as pilot:
        await focus_invitation(pilot, console, target.id)
        await pilot.press("m")
        menu = console.app.screen
        assert isinstance(menu, InvitationMenuScreen)
        offered = [action for action, _, _ in menu.entries()]
        assert offered == ["resend_invitation", "copy_invitation_link", "note_invitation",
                           "cancel_invitation", "sandbox_accept_invitation",
                           "sandbox_advance_clock"]
        await pilot.press("down", "down")  # copy the link
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(console.app.screen, MainScreen)
        assert console.app.clipboard == target.link
        await pilot.press("m", "down", "down", "down", "down", "enter")  # cancel…
        assert isinstance(console.app.screen, ConfirmCancelScreen)
        await pilot.press("escape")
        assert ledger.get(console.state, target.id).status == ledger.PENDING


async def test_the_menu_letters_do_what_they_say_and_enter_alone_does_nothing(
        make_console: ConsoleFactory) -> None:
    console = make_console(invitations=6)
    target = pending(console)[0]
    async with console.app.run_test(size=(80, 24)) as pilot:
        await focus_invitation(pilot, console, target.id)
        await pilot.press("m", "enter")  # nothing chosen yet: no reminder sent
        await pilot.pause()
        assert isinstance(console.app.screen, InvitationMenuScreen)
        assert ledger.get(console.state, target.id).send_count == target.send_count
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(console.app.screen, MainScreen)
        assert console.app.clipboard == target.link
        await pilot.press("m", "x")
        assert isinstance(console.app.screen, ConfirmCancelScreen)
        await pilot.press("escape", "m", "a")
        assert isinstance(console.app.screen, NoteScreen)
        await pilot.press("escape")
        assert ledger.get(console.state, target.id).status == ledger.PENDING


async def test_an_accepted_invitation_turns_accepted_in_the_pane(
        make_console: ConsoleFactory) -> None:
    console = make_console(invitations=6)
    target = pending(console)[0]
    async with console.app.run_test(size=(80, 24)) as pilot:
        await focus_invitation(pilot, console, target.id)
        assert pane(console.app).table.cursor_row.status == ledger.PENDING
        # What a sync does when the invited domain shows up among the customers.
        (accepted,) = ledger.accept_matching(
            console.state, [{"id": "c-1", "company_name": target.company_name,
                             "domains": [target.domain]}], now="2026-11-24T09:44:00Z")
        console.backend.emit(ev.InvitationAccepted(accepted.id, accepted.company_name, "c-1"))
        await pilot.pause()
        await pilot.pause()
        row = pane(console.app).table.cursor_row
        assert row.id == target.id and row.status == ledger.ACCEPTED
        assert "accepted" in screen_text(console.app)
        assert f"{target.company_name} accepted the reseller relationship." in \
            notifications(console.app)


# ------------------------------------------------------------------------------ read-only


async def test_read_only_profiles_see_no_invitation_actions(
        make_console: ConsoleFactory) -> None:
    console = make_console(invitations=6, read_only=True)
    target = pending(console)[0]
    async with console.app.run_test(size=(80, 24)) as pilot:
        await focus_invitation(pilot, console, target.id)
        found = pane(console.app)
        for action in PANE_ACTIONS:
            assert found.check_action(action, ()) is False, action
        enabled = {active.binding.action for active in console.app.screen.active_bindings
                   .values() if active.enabled}
        assert not enabled & PANE_ACTIONS
        bound = {binding.action for items in found._bindings.key_to_bindings.values()
                 for binding in items}
        assert bound >= PANE_ACTIONS  # bound, but hidden
        await pilot.press("m", "e", "c", "a", "x", "A", "D", "i")
        assert isinstance(console.app.screen, MainScreen)
        console.app.cancel_invitation(target.id)  # the hook refuses too
        console.app.open_invite()
        await pilot.pause()
        assert isinstance(console.app.screen, MainScreen)
        assert console.app.clipboard == ""
    assert ledger.get(console.state, target.id) == target
    # … and so do the services, for any other caller.
    session = LedgerSession(console.backend.settings, console.state)
    with pytest.raises(invitations.ReadOnlyError):
        invitations.cancel(session, target.id)
    with pytest.raises(invitations.ReadOnlyError):
        invitations.add_note(session, target.id, "x")
    assert ledger.get(console.state, target.id) == target


async def test_sandbox_controls_exist_only_for_sandbox_profiles(
        make_console: ConsoleFactory) -> None:
    console = make_console(invitations=4)
    settings = console.backend.settings
    real = dataclasses.replace(settings, profile=settings.profile.model_copy(
        update={"kind": ProfileKind.PARTNER_CENTER}))
    for action in ("sandbox_accept_invitation", "sandbox_advance_clock"):
        assert invitation_keys.available(action, "pending", settings, False) is True
        assert invitation_keys.available(action, "pending", real, False) is False
    assert invitation_keys.available("resend_invitation", "pending", real, False) is True
    assert invitation_keys.available("resend_invitation", "accepted", real, False) is None
    console.backend.settings = real
    target = pending(console)[0]
    async with console.app.run_test(size=(80, 24)) as pilot:
        await focus_invitation(pilot, console, target.id)
        found = pane(console.app)
        assert found.check_action("sandbox_accept_invitation", ()) is False
        assert found.check_action("resend_invitation", ()) is True
        await pilot.press("m")
        offered = [action for action, _, _ in console.app.screen.entries()]
        assert "sandbox_accept_invitation" not in offered and "resend_invitation" in offered


async def test_help_on_the_pending_pane_lists_the_invitation_keys(
        make_console: ConsoleFactory) -> None:
    console = make_console(invitations=4)
    async with console.app.run_test(size=(120, 40)) as pilot:
        await focus_invitation(pilot, console, pending(console)[0].id)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = console.app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = {label: key for key, label, _ in help_screen.keys}
    assert {label: keys.get(label) for label in (
        "Actions", "Resend", "Copy link", "Note", "Sandbox: accept", "Sandbox: +1 day",
        "Cancel invitation")} == {
        "Actions": "m", "Resend": "e", "Copy link": "c", "Note": "a", "Sandbox: accept": "A",
        "Sandbox: +1 day": "D", "Cancel invitation": "x"}


async def test_a_distributor_picks_the_reseller_the_customer_is_attached_to(
        make_console: ConsoleFactory) -> None:
    from csp_tui import sandbox_identity as identity
    from csp_tui.config import Role

    console = make_console(invitations=0)
    settings = console.backend.settings
    console.backend.settings = dataclasses.replace(settings, profile=settings.profile.model_copy(
        update={"role": Role.INDIRECT_PROVIDER, "tenant_id": identity.PROVIDER_TENANT_ID,
                "indirect_provider_id": ""}))
    console = with_loop_backend(console)
    console.backend.client.partners = [(identity.RESELLER_TENANT_ID, "Vltava IT Partner s.r.o.")]
    async with console.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "i")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, InviteScreen)
        assert screen.resellers == [("Vltava IT Partner s.r.o.", identity.RESELLER_TENANT_ID)]
        fill(screen, company_name="Truhlářství Dub s.r.o.", contact_email="it@dub.cz",
             domain="dub.cz")
        await pilot.press("f2")  # no reseller chosen yet
        assert screen.query_one("#invite-reseller-error").display
        assert isinstance(console.app.screen, InviteScreen)
        screen.field("reseller_id").focus()
        await pilot.press("enter", "down", "enter")  # open the list, take the first reseller
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(console.app.screen, InvitationResultScreen)
    (invitation,) = ledger.list_invitations(console.state)
    assert invitation.reseller_id == identity.RESELLER_TENANT_ID
    assert console.backend.client.link_requests == [
        {"indirect_reseller_id": identity.RESELLER_TENANT_ID}]
