"""The new-tenant form driven by keys against the sandbox through the real worker back end:
type → errors → fix → review → confirm → result, and the ways it must refuse or fall back."""

from __future__ import annotations

from csp_tui import sandbox_identity as identity
from csp_tui.services import onboarding
from csp_tui.state import outbox
from csp_tui.tui.screens.new_tenant import NewTenantScreen
from csp_tui.tui.widgets.form_outcome import (
    MASK,
    DistributorRequestScreen,
    TenantResultScreen,
)
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


async def test_type_errors_fix_review_confirm_and_result(form_console):
    console = form_console("indirect-provider")
    copied: list[str] = []
    async with console.app.run_test(size=SIZE) as pilot:
        console.app.copy_to_clipboard = copied.append
        screen = await open_form(pilot)
        # Wrong values: every message says what to fix.
        await fill(pilot, "ico", "1234567", typed=True)
        await fill(pilot, "email", "jana@@firma.cz")
        await fill(pilot, "phone", "12345")
        await settled(pilot)
        assert "IČO has 8 digits" in screen.query_one("#message-ico").text
        assert "@" in screen.query_one("#message-email").text
        assert screen.query_one("#row-phone").has_class("-invalid")

        # Fix them and fill the rest in; the tenant name follows the company name.
        await fill_all(pilot, VALID)
        await settled(pilot)
        assert screen.values()["domain_prefix"] == "pekarnaulipy"
        assert "is free" in screen.query_one("#message-domain_prefix").text
        assert not any(row.has_class("-invalid") for row in screen.query(".form-field"))

        # The reseller is one of the provider's, chosen from the list loaded from Partner Center.
        assert screen.resellers is not None and identity.RESELLER_TENANT_ID in screen.resellers
        screen.query_one("#field-reseller_id").value = identity.RESELLER_TENANT_ID
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TenantConfirmScreen),
                         what="the confirmation")
        text = screen_text(console.app)
        assert "pekarnaulipy.onmicrosoft.com can never be changed" in text
        assert identity.RESELLER_NAME in text and "Pekárna U Lípy s.r.o." in text

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TenantResultScreen),
                         what="the result")
        result = pilot.app.screen
        created = console.customers_with_domain("pekarnaulipy.onmicrosoft.com")
        assert len(created) == 1
        assert created[0].reseller_id == identity.RESELLER_TENANT_ID
        text = screen_text(console.app)
        assert created[0].id in text and "admin@pekarnaulipy.onmicrosoft.com" in text
        assert MASK in text and "will NOT be shown again" in text
        assert result.has_password and result._password not in text

        await pilot.press("v")
        await pilot.pause()
        assert result._password in screen_text(console.app)
        await pilot.press("c")
        await pilot.pause()
        assert copied[-1] == result._password
        assert "Password copied" in screen_text(console.app)
        # Shown once: a single esc asks first, the second one closes.
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is result
        assert "will not be shown again. Press esc once more" in screen_text(console.app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, TenantResultScreen)
    # A successful create clears the draft; the password reached no file.
    assert onboarding.load_form_draft(console.backend.state) is None


async def test_review_is_refused_while_a_field_is_wrong_and_names_it(form_console):
    console = form_console("indirect-provider")
    async with console.app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_form(pilot)
        await fill_all(pilot, VALID)
        await fill(pilot, "postal_code", "9900")
        await settled(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(pilot.app.screen, NewTenantScreen)
        status = screen.query_one("#form-status").render()
        assert "Fix 1 field(s) first: Postal code" in str(status)
        assert pilot.app.focused is screen.query_one("#field-postal_code")
        # The Review button refuses the same way.
        screen.query_one("#form-review").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, NewTenantScreen)
        assert pilot.app.focused is screen.query_one("#field-postal_code")
        assert outbox.pending_count(console.backend.state) == 0


async def test_double_submit_creates_one_tenant(form_console):
    console = form_console("indirect-provider")
    async with console.app.run_test(size=SIZE) as pilot:
        screen = await open_form(pilot)
        await fill_all(pilot, {**VALID, "domain_prefix": "jednoujen"})
        await settled(pilot)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TenantConfirmScreen))
        confirm = pilot.app.screen
        confirm.action_create()
        confirm.action_create()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TenantResultScreen))
        await pilot.press("escape", "escape")

        # The same request again, later: the same outbox entry, no second tenant.
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, NewTenantScreen))
        screen = form(pilot)
        await fill_all(pilot, {**VALID, "domain_prefix": "jednoujen"})
        await settled(pilot)
        assert "already created from this profile" in screen.query_one(
            "#message-domain_prefix").text
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TenantConfirmScreen))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TenantResultScreen))
        assert not pilot.app.screen.has_password  # shown once, the first time only
    assert len(console.customers_with_domain("jednoujen.onmicrosoft.com")) == 1
    rows = console.backend.state.execute(
        "SELECT count(*) FROM outbox WHERE dedupe_key = 'tenant:jednoujen.onmicrosoft.com'"
    ).fetchone()
    assert rows[0] == 1


async def test_reseller_gets_a_request_for_the_distributor_and_nothing_is_queued(form_console):
    console = form_console("indirect-reseller")
    copied: list[str] = []
    async with console.app.run_test(size=SIZE) as pilot:
        console.app.copy_to_clipboard = copied.append
        screen = await open_form(pilot)
        assert "request for your distributor" in screen_text(console.app)
        assert not screen.query("#row-reseller_id")
        await fill_all(pilot, {**VALID, "domain_prefix": "lipaprosba"})
        await settled(pilot)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TenantConfirmScreen))
        assert "Nothing is sent" in screen_text(console.app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DistributorRequestScreen))
        request = pilot.app.screen
        assert request.package.saved_path.exists()
        await pilot.press("c")
        await pilot.press("p")
        await pilot.pause()
    assert copied[0] == request.package.email_text and "lipaprosba.onmicrosoft.com" in copied[0]
    assert copied[1] == str(request.package.saved_path)
    assert outbox.pending_count(console.backend.state) == 0
    assert console.backend.state.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    assert not console.customers_with_domain("lipaprosba.onmicrosoft.com")
    assert onboarding.load_form_draft(console.backend.state) is None


async def test_a_refused_create_is_explained_and_the_draft_is_kept(form_console, monkeypatch):
    console = form_console("indirect-provider")
    async with console.app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        await fill_all(pilot, {**VALID, "domain_prefix": "uzmizelo"})
        await settled(pilot)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TenantConfirmScreen))
        confirm = pilot.app.screen
        # Someone else takes the name between the review and the create.
        monkeypatch.setattr(console.transport.world, "is_domain_taken", lambda domain: True)
        await pilot.press("enter")
        await wait_until(pilot, lambda: confirm.settled, what="the create to settle")
        await pilot.pause()
        text = screen_text(console.app)
        assert "The tenant was not created." in text and "uzmizelo" in text
        assert isinstance(pilot.app.screen, TenantConfirmScreen)
        assert pilot.app.focused.id == "confirm-back"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, NewTenantScreen))
        assert form(pilot).values()["domain_prefix"] == "uzmizelo"
    assert not console.customers_with_domain("uzmizelo.onmicrosoft.com")
    assert onboarding.load_form_draft(console.backend.state) is not None
