"""The form on its own: ARES prefill (diff first, dissolved flagged, never in the way), hints,
the live tenant-name check, drafts, the reseller choice and its fallback."""

from __future__ import annotations

import httpx

from csp_tui import sandbox_identity as identity
from csp_tui.ares import AresClient
from csp_tui.partner_center.errors import ServerError
from csp_tui.services import onboarding
from csp_tui.tui.screens.new_tenant import DraftOfferScreen, NewTenantScreen
from csp_tui.tui.widgets.form_ares import AresOffer
from csp_tui.tui.widgets.form_review import TenantConfirmScreen

from . import new_tenant_support as support
from .conftest import screen_text
from .new_tenant_support import (
    VALID,
    fill,
    fill_all,
    form,
    settled,
    wait_until,
)

form_console = support.form_console  # the fixture, used by name

SIZE = (100, 60)


async def open_form(pilot) -> NewTenantScreen:
    await pilot.press("n")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, NewTenantScreen),
                     what="the form")
    await settled(pilot)
    return form(pilot)


# --- ARES -------------------------------------------------------------------------------------


async def test_a_valid_ico_offers_the_ares_diff_and_f3_fills_it_in(form_console):
    console = form_console("indirect-provider")
    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await fill(pilot, "street", "Jiná 1")
        await fill(pilot, "ico", "26147319", typed=True)
        await settled(pilot)
        offer = screen.query_one(AresOffer)
        assert offer.is_open
        changes = {name: (old, new) for name, old, new in offer.changes}
        # Exactly what will change, the person's own street included; the country already
        # matches and is not listed.
        assert changes == {
            "company_name": ("", "Vltavská datová s.r.o."),
            "dic": ("", "CZ26147319"),
            "street": ("Jiná 1", "Komunardů 894/32b"),
            "city": ("", "Praha 7"),
            "postal_code": ("", "17000"),
        }
        text = screen_text(console.app)
        assert "Street and number: Jiná 1 → Komunardů 894/32b" in text
        assert "DISSOLVED" not in text
        # Nothing changed before the person says so.
        assert screen.values()["company_name"] == ""

        await pilot.press("f3")
        await settled(pilot)
        values = screen.values()
        assert values["company_name"] == "Vltavská datová s.r.o."
        assert values["street"] == "Komunardů 894/32b" and values["postal_code"] == "17000"
        assert values["domain_prefix"] == "vltavskadatova"  # follows the filled-in name
        assert not offer.is_open
        assert "the form already matches" in screen.query_one("#message-ico").text


async def test_a_dissolved_company_is_flagged_loudly_up_to_the_confirmation(form_console):
    console = form_console("indirect-provider")
    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await fill_all(pilot, {**VALID, "ico": "72103841", "dic": ""})
        await settled(pilot)
        assert "DISSOLVED" in screen.query_one("#ares-dissolved").render().plain
        await pilot.press("f3")
        await settled(pilot)
        message = screen.query_one("#message-ico")
        assert "DISSOLVED" in message.text and "30 Jun 2023" in message.text
        assert message.has_class("-error")
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TenantConfirmScreen))
        assert "DISSOLVED" in screen_text(console.app)


async def test_an_answer_about_an_old_ico_is_not_applied(form_console):
    console = form_console("indirect-provider")
    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await fill(pilot, "ico", "04570120")
        await settled(pilot)
        assert screen.query_one(AresOffer).company.name == "Kemp Pod Hradem s.r.o."
        # A late answer for the IČO typed before: dropped, the offer stays for the current one.
        screen._ask_ares("26147319")
        await wait_until(pilot, lambda: not any(
            w.group == "tenant-ares" and w.is_running for w in pilot.app.workers))
        assert screen.query_one(AresOffer).company.name == "Kemp Pod Hradem s.r.o."
        assert screen.ares_ico == "04570120"
        # Another IČO in the field: the offer about the previous one goes away.
        await fill(pilot, "ico", "0457012")
        await settled(pilot)
        assert not screen.query_one(AresOffer).is_open
        assert screen.check_action("ares_fill", ()) is False


async def test_ares_down_never_blocks_typing(form_console):
    console = form_console("indirect-provider")

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("ARES is down", request=request)

    async def break_ares(session) -> None:
        session._ares = AresClient(transport=httpx.MockTransport(refuse))

    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await wait_until(pilot, lambda: console.backend._session is not None)
        console.backend.submit(break_ares).result(timeout=5)
        await fill(pilot, "ico", "26147319")
        await fill(pilot, "company_name", "Vltavská", typed=True)
        await settled(pilot)
        assert screen.values()["company_name"] == "Vltavská"
        assert "ARES is not available" in screen.query_one("#message-ico").text
        assert not screen.query_one(AresOffer).is_open


async def test_ico_hint_offers_the_leading_zeros(form_console):
    console = form_console("indirect-provider", language="cs")
    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await fill(pilot, "ico", "4570120", typed=True)
        await settled(pilot)
        message = screen.query_one("#message-ico").text
        assert "04570120" in message and "IČO" in message
        assert screen.query_one("#row-ico").has_class("-invalid")


# --- the tenant name --------------------------------------------------------------------------


async def test_the_tenant_name_is_checked_live_and_a_typed_one_is_kept(form_console):
    console = form_console("indirect-provider")
    taken = next(c.domain for c in console.transport.world.customers
                 if c.domain.endswith(".onmicrosoft.com"))
    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await fill(pilot, "company_name", "Pekárna U Lípy s.r.o.")
        await settled(pilot)
        assert screen.values()["domain_prefix"] == "pekarnaulipy"
        assert "Suggested from the company name" in screen.query_one(
            "#message-domain_prefix").text

        await fill(pilot, "domain_prefix", taken.split(".")[0])
        await settled(pilot)
        message = screen.query_one("#message-domain_prefix")
        assert f"{taken} is taken" in message.text and message.has_class("-error")
        # The person chose the name: a new company name no longer replaces it.
        await fill(pilot, "company_name", "Jiná firma a.s.")
        await settled(pilot)
        assert screen.values()["domain_prefix"] == taken.split(".")[0]

        await fill(pilot, "domain_prefix", "Pekárna!")
        await settled(pilot)
        assert "pekarna" in screen.query_one("#message-domain_prefix").text  # did you mean


# --- drafts -----------------------------------------------------------------------------------


async def test_a_draft_is_offered_when_the_form_is_opened_again(form_console):
    console = form_console("indirect-provider")
    async with console.app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        await fill(pilot, "email", "jana@pekarna-lipa.cz", typed=True)
        await fill(pilot, "company_name", "Pekárna U Lípy s.r.o.")
        await settled(pilot)
        saved = onboarding.load_form_draft(console.backend.state)
        assert saved is not None and saved[0]["email"] == "jana@pekarna-lipa.cz"
        assert "Draft saved" in screen_text(console.app)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DraftOfferScreen))
        await pilot.pause()
        assert "An unfinished new tenant" in screen_text(console.app)
        assert "(Pekárna U Lípy" in screen_text(console.app)
        await pilot.press("enter")  # continue the draft
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, NewTenantScreen))
        screen = form(pilot)
        await settled(pilot)
        assert screen.values()["company_name"] == "Pekárna U Lípy s.r.o."
        assert screen.values()["email"] == "jana@pekarna-lipa.cz"
        assert screen.values()["domain_prefix"] == "pekarnaulipy"
        await pilot.press("escape")
        await pilot.pause()

        # "Start empty" forgets the draft.
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DraftOfferScreen))
        await pilot.press("tab", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, NewTenantScreen))
        await settled(pilot)
        assert form(pilot).values()["company_name"] == ""
        assert onboarding.load_form_draft(console.backend.state) is None


# --- the reseller -----------------------------------------------------------------------------


async def test_a_provider_picks_one_of_its_resellers(form_console):
    console = form_console("indirect-provider")
    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        assert screen.reseller_mode == "select"
        assert set(screen.resellers) == {identity.RESELLER_TENANT_ID,
                                         identity.OTHER_RESELLER_TENANT_ID}
        choice = screen.query_one("#field-reseller_id")
        choice.focus()
        await pilot.press("enter")  # open the list
        await wait_until(pilot, lambda: choice.expanded, what="the list to open")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: screen.values()["reseller_id"] in screen.resellers,
                         what="a reseller to be chosen")
        await settled(pilot)
        assert not screen.query_one("#row-reseller_id").has_class("-invalid")


async def test_resellers_that_cannot_be_listed_fall_back_to_a_typed_tenant_id(
        form_console, monkeypatch):
    console = form_console("indirect-provider")

    async def unavailable(session):
        raise ServerError("Service Unavailable", status=503)

    monkeypatch.setattr(onboarding, "provider_resellers", unavailable)
    monkeypatch.setattr(onboarding.resellers, "provider_resellers", unavailable)
    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        assert screen.reseller_mode == "input"
        assert "could not be loaded" in screen.query_one("#message-reseller_id").text
        # typing elsewhere revalidates the form, and the explanation stays
        await fill(pilot, "company_name", "Pekárna U Lípy s.r.o.")
        await settled(pilot)
        assert "could not be loaded" in screen.query_one("#message-reseller_id").text
        await fill(pilot, "reseller_id-typed", "not-a-guid")
        await settled(pilot)
        assert screen.query_one("#row-reseller_id").has_class("-invalid")
        await fill(pilot, "reseller_id-typed", identity.RESELLER_TENANT_ID.upper())
        await settled(pilot)
        assert screen.values()["reseller_id"] == identity.RESELLER_TENANT_ID.upper()
        assert not screen.query_one("#row-reseller_id").has_class("-invalid")
