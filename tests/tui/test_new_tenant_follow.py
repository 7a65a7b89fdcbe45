"""The permanent tenant name follows the company name until the person types their own (then
it stays theirs, and a note says what the company name would suggest); ARES fill keeps the
keys where the person was typing."""

from __future__ import annotations

from csp_tui.tui.screens.new_tenant import NewTenantScreen
from csp_tui.tui.widgets.form_ares import AresOffer

from . import new_tenant_support as support
from .conftest import screen_text
from .new_tenant_support import form, settled, type_text, wait_until

form_console = support.form_console  # the fixture, used by name

SIZE = (100, 60)


async def open_form(pilot) -> NewTenantScreen:
    await pilot.press("n")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, NewTenantScreen),
                     what="the form")
    await settled(pilot)
    return form(pilot)


async def test_the_tenant_name_follows_every_change_of_the_company_name(form_console):
    console = form_console("indirect-reseller")
    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        company = screen.query_one("#field-company_name")
        # Changes faster than the form handles them: each suggestion's own "changed" arrives
        # after the next suggestion replaced it, and must not count as the person's choice.
        for text in ("E", "Ek", "Eko", "Ekofarma"):
            company.value = text
        await settled(pilot)
        assert screen.values()["domain_prefix"] == "ekofarma"
        company.value = "Kemp Pod Hradem s.r.o."
        await settled(pilot)
        assert screen.values()["domain_prefix"] == "kemppodhradem"
        assert "Suggested from the company name" in screen_text(pilot.app)


async def test_a_name_the_person_typed_stays_with_a_note_when_the_company_changes(
        form_console):
    console = form_console("indirect-reseller")
    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await type_text(pilot, "Ekofarma")
        await settled(pilot)
        domain = screen.query_one("#field-domain_prefix")
        screen.set_focus(domain)
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "ekofarmanovak")
        await settled(pilot)
        screen.query_one("#field-company_name").value = "Kemp Pod Hradem s.r.o."
        await settled(pilot)
        assert screen.values()["domain_prefix"] == "ekofarmanovak"
        text = screen_text(pilot.app)
        assert "Kept as you typed it; the company name now suggests kemppodhradem" in text
        # Emptying the field hands it back to the company name.
        await pilot.press("end", "ctrl+u")
        await settled(pilot)
        screen.query_one("#field-company_name").value = "Kemp Pod Hradem a.s."
        await settled(pilot)
        assert screen.values()["domain_prefix"] == "kemppodhradem"


async def _ares_offer(pilot, screen: NewTenantScreen) -> AresOffer:
    await type_text(pilot, "Ekofarma")
    await pilot.press("tab")
    await type_text(pilot, "26147319")
    await settled(pilot)
    offer = screen.query_one(AresOffer)
    assert offer.is_open
    return offer


async def test_ares_fill_keeps_the_keys_in_the_field_and_the_name_follows(form_console):
    console = form_console("indirect-reseller")
    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await _ares_offer(pilot, screen)
        assert pilot.app.focused.id == "field-ico"
        await pilot.press("f3")
        await settled(pilot)
        assert screen.values()["company_name"] == "Vltavská datová s.r.o."
        assert screen.values()["domain_prefix"] == "vltavskadatova"
        assert pilot.app.focused.id == "field-ico"


async def test_ares_fill_from_its_button_goes_on_to_the_first_field_needing_input(
        form_console):
    console = form_console("indirect-reseller")
    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await _ares_offer(pilot, screen)
        await pilot.press("tab")
        assert pilot.app.focused.id == "ares-fill"
        await pilot.press("enter")
        await settled(pilot)
        assert not screen.query_one(AresOffer).display
        # Company and address came from ARES; the contact is the first thing still missing.
        assert pilot.app.focused is not None
        assert pilot.app.focused.id == "field-first_name"
