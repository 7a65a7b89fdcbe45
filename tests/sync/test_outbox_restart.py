"""Outbox entries survive restarts and are never sent twice — against the sandbox."""

from __future__ import annotations

import socket

import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.config import load_settings
from csp_tui.domain.tenant import to_customer_create_payload, validate_request
from csp_tui.partner_center.models import CustomerCreate
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.services.outbox_runner import KIND_CREATE_CUSTOMER, OutboxRunner
from csp_tui.services.session import open_session
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxState

from .conftest import FAST_PROFILE, frozen_world_file

DEAD_OWNER = f"{socket.gethostname()}:999999999:crashed"

PROVIDER_PROFILE = FAST_PROFILE.replace("[profiles.sandbox]", "[profiles.distributor]") + \
    'role = "indirect-provider"\n'


@pytest.fixture
def provider(isolated_home):
    (isolated_home / "config.toml").write_text(PROVIDER_PROFILE, encoding="utf-8")
    settings = load_settings("distributor")
    frozen_world_file(settings.locations.sandbox_state)
    return settings


def _payload(prefix: str) -> dict:
    request, results = validate_request({
        "company_name": "Pekárna U Lípy s.r.o.", "ico": "27082440", "street": "Husova 12/3",
        "city": "Tábor", "postal_code": "390 02", "country": "CZ", "first_name": "Jana",
        "last_name": "Nováková", "email": "jana@pekarna-lipa.cz", "phone": "+420 602 123 456",
        "domain_prefix": prefix, "culture": "cs-CZ",
    })
    assert request is not None, {k: r.message_key for k, r in results.items() if not r.ok}
    return to_customer_create_payload(request, associated_partner_id=identity.RESELLER_TENANT_ID)


def _owners_of(transport, domain: str) -> list[str]:
    return [c.id for c in transport.world.customers if c.domain == domain]


def _session(settings, transport):
    return open_session(settings, transport=transport)


async def test_queued_entry_survives_a_restart_and_is_sent_once(provider):
    transport = sandbox_transport(provider.locations.sandbox_state, rate_limit=100000)
    session = _session(provider, transport)
    entry = outbox.enqueue(session.state, kind=KIND_CREATE_CUSTOMER,
                           payload=_payload("pekarnaulipy"), subject="Pekárna U Lípy s.r.o.",
                           dedupe_key="tenant:pekarnaulipy.onmicrosoft.com")
    await session.aclose()  # the console quits before the worker sent it

    session = _session(provider, transport)  # a later start
    secrets: dict[str, dict] = {}
    runner = OutboxRunner(session.client, session.state,
                          secret_sink=lambda entry_id, cred: secrets.update({entry_id: cred}))
    assert await runner.recover() == 0
    assert await runner.run_once() == 1
    assert await runner.run_once() == 0  # nothing left: never sent twice
    stored = outbox.get(session.state, entry.id)
    await session.aclose()

    assert stored.state is OutboxState.DONE
    assert _owners_of(transport, "pekarnaulipy.onmicrosoft.com") == [stored.result["customer_id"]]
    assert secrets[entry.id]["password"], "the one-time password reached the sink"
    # ... and nowhere else: not in the stored result, not in state.db at all.
    assert "password" not in stored.result
    assert secrets[entry.id]["password"].encode() not in \
        provider.locations.state_db.read_bytes()


async def test_crash_before_the_request_left_resends_with_the_same_key(provider):
    transport = sandbox_transport(provider.locations.sandbox_state, rate_limit=100000)
    session = _session(provider, transport)
    entry = outbox.enqueue(session.state, kind=KIND_CREATE_CUSTOMER,
                           payload=_payload("vinarstvijih"), subject="x")
    outbox.claim_next(session.state, owner=DEAD_OWNER)  # claimed, then the process died
    await session.aclose()

    session = _session(provider, transport)
    runner = OutboxRunner(session.client, session.state)
    assert await runner.recover() == 1
    stored = outbox.get(session.state, entry.id)
    await session.aclose()
    assert stored.state is OutboxState.DONE
    assert len(_owners_of(transport, "vinarstvijih.onmicrosoft.com")) == 1
    # Resent by a run that shows nobody anything: the password is lost, and said to be.
    assert stored.result["credentials_delivered"] is False
    assert stored.result["credentials_lost"] is True


async def test_a_lost_password_is_offered_a_reset_through_the_outbox(provider):
    from csp_tui.services import password_reset

    transport = sandbox_transport(provider.locations.sandbox_state, rate_limit=100000)
    session = _session(provider, transport)
    entry = outbox.enqueue(session.state, kind=KIND_CREATE_CUSTOMER,
                           payload=_payload("sklarnahora"), subject="Sklárna")
    await OutboxRunner(session.client, session.state).run_once()  # nobody to show it to
    created = outbox.get(session.state, entry.id)
    [lost] = password_reset.lost_credentials(session.state)
    customer = created.result["customer_id"]
    assert lost.id == entry.id
    offer = password_reset.offer_text(lost)
    assert "admin@sklarnahora.onmicrosoft.com" in offer
    assert f"tenant reset-password --customer {customer}" in offer

    transport.world.clock.advance(120)  # the new tenant is visible everywhere by now
    reset = password_reset.queue_reset(session.state, customer_id=customer,
                                       user_name="admin@sklarnahora.onmicrosoft.com",
                                       company_name="Sklárna")
    assert "password" not in str(reset.payload).lower()
    shown: dict[str, dict] = {}
    runner = OutboxRunner(session.client, session.state,
                          secret_sink=lambda entry_id, cred: shown.update({entry_id: cred}))
    assert await runner.run_once() == 1
    done = outbox.get(session.state, reset.id)
    await session.aclose()
    assert done.state is OutboxState.DONE, done.error_message
    assert shown[reset.id]["user_name"] == "admin@sklarnahora.onmicrosoft.com"
    new_password = shown[reset.id]["password"]
    assert len(new_password) == 16
    assert new_password.encode() not in provider.locations.state_db.read_bytes()
    session = _session(provider, transport)
    assert password_reset.lost_credentials(session.state) == []  # settled: offered no more
    await session.aclose()


async def test_crash_after_partner_center_acted_does_not_create_a_second_tenant(provider):
    transport = sandbox_transport(provider.locations.sandbox_state, rate_limit=100000)
    session = _session(provider, transport)
    payload = _payload("kovarnaslavik")
    entry = outbox.enqueue(session.state, kind=KIND_CREATE_CUSTOMER, payload=payload,
                           subject="x")
    outbox.claim_next(session.state, owner=DEAD_OWNER)
    # The request reached Partner Center and the tenant was created, but the process died
    # before it could record the answer.
    created = await session.client.create_customer(CustomerCreate(**payload),
                                                   request_id=entry.idempotency_key)
    await session.aclose()

    session = _session(provider, transport)
    runner = OutboxRunner(session.client, session.state)
    assert await runner.recover() == 1
    stored = outbox.get(session.state, entry.id)
    log = session.state.execute(
        "SELECT request_id FROM command_log WHERE method = 'POST' AND path LIKE '/v1/customers%'"
    ).fetchall()
    await session.aclose()

    assert stored.state is OutboxState.DONE
    assert stored.result["customer_id"] == str(created.id).lower()
    assert _owners_of(transport, "kovarnaslavik.onmicrosoft.com") == [created.id]
    # Every attempt carried the entry's idempotency key, so Partner Center replayed.
    assert {row[0] for row in log} == {entry.idempotency_key}


async def test_business_refusal_ends_failed_with_the_reason_and_is_not_retried(isolated_home):
    (isolated_home / "config.toml").write_text(FAST_PROFILE, encoding="utf-8")
    reseller = load_settings("sandbox")  # an indirect reseller: Partner Center says 403
    frozen_world_file(reseller.locations.sandbox_state)
    transport = sandbox_transport(reseller.locations.sandbox_state, rate_limit=100000)
    session = _session(reseller, transport)
    entry = outbox.enqueue(session.state, kind=KIND_CREATE_CUSTOMER,
                           payload=_payload("stolarstvibures"), subject="x")
    runner = OutboxRunner(session.client, session.state)
    await runner.run_once()
    stored = outbox.get(session.state, entry.id)
    await session.aclose()
    assert stored.state is OutboxState.FAILED
    assert stored.error_code == "1002"
    assert stored.attempts == 1
    assert _owners_of(transport, "stolarstvibures.onmicrosoft.com") == []
