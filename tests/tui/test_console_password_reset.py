"""A new tenant's password lost in a crash: the console offers the reset itself (``p`` on the
Tenant pane), sends it through the outbox and shows the new password once, on the same screen
as a created tenant's. A reset the console's worker finds without anyone listening waits; it
is never recorded as delivered unseen."""

from __future__ import annotations

from csp_tui import sandbox_identity as identity
from csp_tui.domain.tenant import to_customer_create_payload, validate_request
from csp_tui.services import password_reset
from csp_tui.services.outbox_runner import KIND_CREATE_CUSTOMER, OutboxRunner
from csp_tui.services.session import open_session
from csp_tui.services.sync import SyncEngine
from csp_tui.services.worker import WorkerBackend, _CredentialsSink
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxState
from csp_tui.tui.widgets.form_outcome import TenantResultScreen
from csp_tui.tui.widgets.tenant import TenantPane

from . import new_tenant_support as support
from .conftest import footer_keys, screen_text
from .new_tenant_support import wait_until

form_console = support.form_console  # the fixture, used by name

SIZE = (110, 40)
ADMIN = "admin@sklarnahora.onmicrosoft.com"


def _payload() -> dict:
    request, results = validate_request({**support.VALID, "country": "CZ",
                                         "phone": "+420 602 123 456",
                                         "domain_prefix": "sklarnahora", "culture": "cs-CZ"})
    assert request is not None, {k: r.message_key for k, r in results.items() if not r.ok}
    return to_customer_create_payload(request, associated_partner_id=identity.RESELLER_TENANT_ID)


async def _lost_tenant(console) -> str:  # type: ignore[no-untyped-def]
    """A tenant created by a run nobody watched (its password lost), then synced once the
    new tenant is listed everywhere."""
    session = open_session(console.settings, transport=console.transport)
    try:
        entry = outbox.enqueue(session.state, kind=KIND_CREATE_CUSTOMER, payload=_payload(),
                               subject="Sklárna")
        await OutboxRunner(session.client, session.state).run_once()
        created = outbox.get(session.state, entry.id)
        assert created is not None and password_reset.credentials_lost(created)
        console.transport.world.clock.advance(120)  # listed everywhere by now
        result = await SyncEngine(session.client, session.cache, session.state,
                                  console.settings.profile).full_sync()
        assert result.ok, result.error
    finally:
        await session.aclose()
    return str(created.result["customer_id"])


def _files_text(console) -> bytes:  # type: ignore[no-untyped-def]
    root = console.settings.locations.cache_db.parent
    return b"".join(path.read_bytes() for path in root.rglob("*")
                    if path.is_file() and not path.is_symlink())


async def test_p_on_the_tenant_pane_resets_and_shows_the_password_once(form_console):
    console = form_console("indirect-provider")
    customer = await _lost_tenant(console)
    async with console.app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: console.backend.status().sync_state == "idle",
                         what="the back end")
        await pilot.press("2")
        pane = console.app.screen.query_one(TenantPane)
        pane.show_customer(customer)
        await pilot.pause()
        assert "p" in footer_keys(console.app)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(console.app.screen, TenantResultScreen),
                         timeout=20, what="the new password")
        screen = console.app.screen
        password = screen._password
        assert password and len(password) == 16
        text = screen_text(console.app)
        assert "New temporary password" in text and ADMIN in text
        assert password not in text  # masked until v
        await pilot.press("v")
        await pilot.pause()
        assert password in screen_text(console.app)
        await pilot.press("c")
        await pilot.pause()
        assert console.app.clipboard == password
        await pilot.press("escape")
        await pilot.pause()
        assert console.app.screen is screen  # the first esc only warns
        assert "will not be shown again" in screen_text(console.app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(console.app.screen, TenantResultScreen)
        [reset] = [e for e in outbox.list_entries(console.backend.state, limit=50)
                   if e.kind == password_reset.KIND_RESET_PASSWORD]
        assert reset.state is OutboxState.DONE and reset.result["credentials_delivered"]
        assert password_reset.lost_credentials(console.backend.state) == []
        # Offered no more once settled.
        pane.show_customer(customer)
        await pilot.pause()
        assert "p" not in footer_keys(console.app)
    assert password.encode() not in _files_text(console)


async def test_a_reset_nobody_can_see_waits_instead_of_being_delivered(form_console):
    console = form_console("indirect-provider")
    customer = await _lost_tenant(console)
    backend = WorkerBackend(console.settings, transport=console.transport, periodic=False)
    session = open_session(console.settings, transport=console.transport)
    try:
        # Queued by `csp-tui tenant reset-password`, whose process ended before sending it.
        reset = password_reset.queue_reset(session.state, customer_id=customer,
                                           user_name=ADMIN, company_name="Sklárna")
        sink = _CredentialsSink(backend)
        assert not sink.can_show(reset.id)  # no console listens to this back end
        await OutboxRunner(session.client, session.state, secret_sink=sink).run_once()
        waiting = outbox.get(session.state, reset.id)
        assert waiting is not None and waiting.state is OutboxState.QUEUED
        assert not (waiting.result or {}).get("credentials_delivered")
        assert backend.take_credentials(reset.id) is None  # no password was set at all
        unsubscribe = backend.subscribe(lambda event: None)
        assert sink.can_show(reset.id)  # a console listening shows it
        unsubscribe()
    finally:
        await session.aclose()
        for database in (backend.cache, backend.state):
            database.close()
