"""The onboarding service against the in-process sandbox (frozen clock)."""

from __future__ import annotations

import json
import stat
import uuid

import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.domain.tenant import FIELDS, validate_request
from csp_tui.partner_center.models import CustomerCreate
from csp_tui.sandbox.faults import FaultConfig
from csp_tui.services import onboarding
from csp_tui.services.invitations import ReadOnlyError
from csp_tui.services.outbox_runner import OutboxRunner
from csp_tui.state import SecretRejectedError, outbox
from csp_tui.state.outbox import OutboxState

from . import files_containing, make_session, profile_settings, recording_transport, valid_request


@pytest.fixture
def provider(isolated_home):
    return profile_settings(isolated_home, "distributor", "indirect-provider")


@pytest.fixture
def reseller(isolated_home):
    return profile_settings(isolated_home, "partner", "indirect-reseller")


@pytest.fixture
async def provider_session(provider):
    transport = recording_transport(provider)
    session = make_session(provider, transport)
    yield session, transport
    await session.aclose()


def _domains(transport, domain: str) -> list[str]:
    return [customer.id for customer in transport.world.customers if customer.domain == domain]


class Sink:
    def __init__(self) -> None:
        self.received: dict[str, dict[str, str]] = {}

    def __call__(self, entry_id: str, credentials: dict[str, str]) -> None:
        self.received[entry_id] = credentials


# --- who may do what ------------------------------------------------------------------------


def test_capability_follows_role_and_read_only(isolated_home):
    provider = profile_settings(isolated_home, "p", "indirect-provider").profile
    direct = profile_settings(isolated_home, "d", "direct").profile
    reseller = profile_settings(isolated_home, "r", "indirect-reseller").profile
    locked = profile_settings(isolated_home, "ro", "indirect-provider", "read_only = true").profile
    assert onboarding.capability(provider) == "create"
    assert onboarding.capability(direct) == "create"
    assert onboarding.capability(reseller) == "request_distributor"
    assert onboarding.capability(locked) == "read_only"


# --- prepare ----------------------------------------------------------------------------------


async def test_every_wrong_field_is_reported(provider_session):
    session, _ = provider_session
    data = {
        "company_name": "", "ico": "1234567", "dic": "CZ999", "street": "Husova", "city": "123",
        "postal_code": "3900", "country": "UK", "first_name": "J4na", "last_name": "",
        "email": "jana@@firma.cz", "phone": "12345", "domain_prefix": "pekárna u lípy",
        "culture": "xx", "reseller_id": "not-a-guid", "compnay_name": "Typo s.r.o.",
    }
    prepared = await onboarding.prepare(session, data)

    assert prepared.request is None and not prepared.ok
    assert prepared.summary == [] and prepared.dedupe_key is None
    errors = prepared.errors("en")
    assert set(FIELDS) <= set(errors), set(FIELDS) - set(errors)
    assert all(errors[name] for name in FIELDS)
    # The unknown key is reported with the field it was probably meant to be.
    assert "company_name" in errors["compnay_name"]
    # Czech messages exist for every field too, and differ from the English ones.
    czech = prepared.errors("cs")
    assert all(czech[name] and czech[name] != errors[name] for name in ("ico", "email", "phone"))


async def test_a_taken_domain_is_a_field_error_that_warns_it_is_forever(provider_session):
    session, transport = provider_session
    taken = next(c.domain for c in transport.world.customers
                 if c.domain.endswith(".onmicrosoft.com"))
    prefix = taken.split(".")[0]
    prepared = await onboarding.prepare(session, valid_request(prefix))

    assert prepared.request is None
    assert set(prepared.errors("en")) == {"domain_prefix"}
    message = prepared.errors("en")["domain_prefix"]
    assert taken in message and "never be changed" in message
    assert "nikdy" in prepared.errors("cs")["domain_prefix"]
    # A free name passes the same check.
    assert (await onboarding.check_domain(session, "pekarnaulipy")).severity == "ok"


async def test_reseller_must_be_one_of_the_providers_own(provider_session):
    session, transport = provider_session
    stranger = str(uuid.uuid4())
    prepared = await onboarding.prepare(session, valid_request(reseller_id=stranger))

    assert set(prepared.errors("en")) == {"reseller_id"}
    result = prepared.results["reseller_id"]
    assert stranger in (result.message("en") or "")
    # The hint lists who the resellers are, so the person can pick the right one.
    assert identity.RESELLER_NAME in (result.hint("en") or "")

    ours = await onboarding.prepare(session, valid_request(
        reseller_id=identity.OTHER_RESELLER_TENANT_ID.upper()))
    assert ours.ok
    assert ours.request.reseller_id == identity.OTHER_RESELLER_TENANT_ID
    assert ("onboarding.summary.reseller", identity.OTHER_RESELLER_NAME) in ours.summary
    # The reseller list is asked for once per session, not on every check.
    relationship_calls = [c for c in transport.calls if c.path == "/v1/relationships"]
    assert len(relationship_calls) == 1


async def test_without_a_reseller_the_provider_is_warned_it_becomes_its_own_customer(
        provider_session):
    session, _ = provider_session
    prepared = await onboarding.prepare(session, valid_request(reseller_id=""))
    assert prepared.ok
    assert "reseller_id" in prepared.warnings("en")


async def test_partner_center_unreachable_turns_remote_checks_into_warnings(provider):
    transport = recording_transport(provider)
    session = make_session(provider, transport, max_retries=0)
    transport.faults.configure(FaultConfig(forced=["503", "503"]))
    try:
        prepared = await onboarding.prepare(session, valid_request())
    finally:
        await session.aclose()
    assert prepared.ok, prepared.errors("en")
    warnings = prepared.warnings("en")
    assert set(warnings) == {"reseller_id", "domain_prefix"}
    assert "refuse" in warnings["domain_prefix"]


async def test_a_direct_partner_names_no_reseller(isolated_home):
    direct = profile_settings(isolated_home, "direct", "direct")
    session = make_session(direct, recording_transport(direct))
    try:
        prepared = await onboarding.prepare(session, valid_request())
    finally:
        await session.aclose()
    assert set(prepared.errors("en")) == {"reseller_id"}


# --- create -----------------------------------------------------------------------------------


async def test_create_end_to_end_delivers_the_password_only_to_the_sink(provider_session,
                                                                       isolated_home):
    session, transport = provider_session
    prepared = await onboarding.prepare(session, valid_request())
    assert prepared.ok
    assert prepared.dedupe_key == "tenant:pekarnaulipy.onmicrosoft.com"
    sink = Sink()
    entry = onboarding.submit(session, prepared, secret_sink=sink)
    assert entry.state is OutboxState.QUEUED
    assert entry.subject == "Pekárna U Lípy s.r.o. (pekarnaulipy.onmicrosoft.com)"

    done = await onboarding.run_until_settled(session, entry.id, secret_sink=sink, timeout=10)

    assert done.state is OutboxState.DONE
    owners = _domains(transport, "pekarnaulipy.onmicrosoft.com")
    assert owners == [done.result["customer_id"]]
    created = next(c for c in transport.world.customers if c.id == owners[0])
    assert created.reseller_id == identity.RESELLER_TENANT_ID  # associatedPartnerId was sent
    password = sink.received[entry.id]["password"]
    assert password

    view = onboarding.result_view(done, sink.received[entry.id], language="en")
    assert view.tenant_id == owners[0]
    assert view.admin_user == "admin@pekarnaulipy.onmicrosoft.com"
    assert view.password == password
    assert password not in repr(view)
    assert any("Billing" in step and "Your products" in step for step in view.next_steps)
    assert any("shown only this once" in step for step in view.next_steps)
    czech = onboarding.result_view(done, sink.received[entry.id], language="cs")
    assert any("Vaše produkty" in step for step in czech.next_steps)

    await session.aclose()
    # Stored nowhere: not in state.db, cache.db, the sandbox's file or anything else.
    assert files_containing(isolated_home, password) == []


async def test_double_submit_returns_the_same_entry_and_creates_once(provider_session):
    session, transport = provider_session
    prepared = await onboarding.prepare(session, valid_request("dvojklik"))
    first = onboarding.submit(session, prepared)
    second = onboarding.submit(session, prepared)
    assert second.id == first.id
    assert len(outbox.list_entries(session.state)) == 1

    await onboarding.run_until_settled(session, first.id, secret_sink=None, timeout=10)
    again = await onboarding.prepare(session, valid_request("dvojklik"))
    # The name is now taken — by our own tenant: not an error, the done entry is found.
    assert again.ok and again.already_created
    third = onboarding.submit(session, again)
    assert third.id == first.id and third.state is OutboxState.DONE
    await onboarding.run_until_settled(session, third.id, secret_sink=None, timeout=10)
    assert len(transport.posts()) == 1
    assert len(_domains(transport, "dvojklik.onmicrosoft.com")) == 1


async def test_a_timed_out_create_is_retried_with_the_same_key_and_creates_one_tenant(
        provider_session):
    session, transport = provider_session
    prepared = await onboarding.prepare(session, valid_request("nejistota"))
    sink = Sink()
    entry = onboarding.submit(session, prepared)
    # Partner Center creates the tenant, but the answer never arrives in time.
    transport.faults.configure(FaultConfig(forced=["timeout"], hang_seconds=30))

    done = await onboarding.run_until_settled(session, entry.id, secret_sink=sink, timeout=20)

    assert done.state is OutboxState.DONE
    posts = transport.posts()
    assert len(posts) == 2
    assert {call.request_id for call in posts} == {entry.idempotency_key}
    assert _domains(transport, "nejistota.onmicrosoft.com") == [done.result["customer_id"]]
    assert sink.received[entry.id]["password"]


async def test_a_restart_after_an_unknown_outcome_finishes_the_same_request(provider):
    transport = recording_transport(provider)
    # The first process: no retries of its own, so the timeout is left to the outbox.
    first = make_session(provider, transport, max_retries=0)
    prepared = await onboarding.prepare(first, valid_request("restart"))
    entry = onboarding.submit(first, prepared)
    transport.faults.configure(FaultConfig(forced=["timeout"], hang_seconds=30))
    waiting = await onboarding.run_until_settled(first, entry.id, secret_sink=None, timeout=0)
    await first.aclose()
    assert waiting.state is OutboxState.QUEUED and waiting.error_code == "timeout"
    assert len(_domains(transport, "restart.onmicrosoft.com")) == 1  # it did happen

    # The retry is due later; the test moves that moment to now instead of waiting for it.
    second = make_session(provider, transport)
    second.state.execute("UPDATE outbox SET next_attempt_at = NULL WHERE id = ?",
                              (entry.id,))
    try:
        again = await onboarding.prepare(second, valid_request("restart"))
        # The name is taken on Partner Center by our own unfinished request: not an error.
        assert again.ok, again.errors("en")
        assert again.existing is not None and again.existing.id == entry.id
        resubmitted = onboarding.submit(second, again)
        assert resubmitted.id == entry.id
        sink = Sink()
        done = await onboarding.run_until_settled(second, entry.id, secret_sink=sink,
                                                  timeout=10)
    finally:
        await second.aclose()
    assert done.state is OutboxState.DONE and done.attempts == 2
    assert _domains(transport, "restart.onmicrosoft.com") == [done.result["customer_id"]]
    assert {call.request_id for call in transport.posts()} == {entry.idempotency_key}
    assert sink.received[entry.id]["password"]  # replayed by Partner Center with the answer


async def test_timeout_leaves_the_entry_queued_for_the_background_worker(provider):
    transport = recording_transport(provider)
    session = make_session(provider, transport, max_retries=0)
    try:
        prepared = await onboarding.prepare(session, valid_request("pozdeji"))
        entry = onboarding.submit(session, prepared)
        # Partner Center is down; the outbox's retry is due seconds later than the caller waits.
        transport.faults.configure(FaultConfig(forced=["503"]))
        waiting = await onboarding.run_until_settled(session, entry.id, secret_sink=None,
                                                     timeout=0.2)
    finally:
        await session.aclose()
    assert waiting.state is OutboxState.QUEUED
    assert waiting.next_attempt_at is not None
    assert _domains(transport, "pozdeji.onmicrosoft.com") == []  # a 503 did nothing


async def test_a_refused_create_fails_with_partner_centers_reason(provider_session):
    session, transport = provider_session
    prepared = await onboarding.prepare(session, valid_request("predbehnuto"))
    entry = onboarding.submit(session, prepared)
    # Someone takes the name between the check and the create.
    payload = dict(entry.payload, associated_partner_id=None)
    await session.client.create_customer(CustomerCreate(**payload), request_id=str(uuid.uuid4()))

    failed = await onboarding.run_until_settled(session, entry.id, secret_sink=None, timeout=10)

    assert failed.state is OutboxState.FAILED
    reason = onboarding.explain_failure(failed, "en")
    assert "predbehnuto.onmicrosoft.com" in reason and failed.error_code in reason
    with pytest.raises(onboarding.OnboardingError):
        onboarding.result_view(failed, None)
    assert len(_domains(transport, "predbehnuto.onmicrosoft.com")) == 1


async def test_credentials_reach_the_submitter_through_a_background_worker(provider_session):
    session, _ = provider_session
    prepared = await onboarding.prepare(session, valid_request("pozadi"))
    sink = Sink()
    entry = onboarding.submit(session, prepared, secret_sink=sink)
    # The console's worker sends it, routing credentials to whoever submitted the entry.
    worker = OutboxRunner(session.client, session.state,
                          secret_sink=onboarding.route_credentials)
    assert await worker.run_once() == 1
    assert sink.received[entry.id]["password"]
    # Handed over once: a second delivery finds nobody waiting.
    assert onboarding.route_credentials(entry.id, {"password": "x"}) is False


async def test_result_without_credentials_says_how_to_reset_the_password(provider_session):
    session, _ = provider_session
    prepared = await onboarding.prepare(session, valid_request("bezhesla"))
    entry = onboarding.submit(session, prepared)
    done = await onboarding.run_until_settled(session, entry.id, secret_sink=None, timeout=10)
    view = onboarding.result_view(done, None, language="cs")
    assert view.password is None
    assert view.admin_user == "admin@bezhesla.onmicrosoft.com"
    assert any("Resetovat heslo" in step for step in view.next_steps)


# --- the reseller's way -----------------------------------------------------------------------


async def test_reseller_gets_a_package_for_the_distributor_and_nothing_is_sent(reseller):
    transport = recording_transport(reseller)
    session = make_session(reseller, transport)
    try:
        prepared = await onboarding.prepare(session, valid_request("novypekar", reseller_id=""))
        assert prepared.ok and prepared.capability == "request_distributor"
        with pytest.raises(onboarding.NotAllowedError):
            onboarding.submit(session, prepared)
        czech = onboarding.distributor_package(session, prepared, language="cs")
        english = onboarding.distributor_package(session, prepared, language="en")
        entries = outbox.list_entries(session.state)
    finally:
        await session.aclose()

    assert transport.posts() == []  # never attempted: it would be a 403
    assert entries == []
    assert czech.email_text.startswith("Předmět:") and "Dobrý den" in czech.email_text
    assert "Hello" in english.email_text and "Dobrý den" not in english.email_text
    for package in (czech, english):
        assert package.saved_path.parent == reseller.locations.exports_dir
        assert stat.S_IMODE(package.saved_path.stat().st_mode) == 0o600
        document = json.loads(package.saved_path.read_text(encoding="utf-8"))
        assert document == json.loads(package.json_text)
        parsed, _ = validate_request(document["customer"])
        assert parsed == prepared.request
        assert document["partner_center"]["body"]["associatedPartnerId"] == \
            identity.RESELLER_TENANT_ID
    assert czech.saved_path != english.saved_path
    # The distributor opens the same file and gets the request linked to this reseller.
    loaded = onboarding.load_request_file(czech.saved_path)
    assert loaded["reseller_id"] == identity.RESELLER_TENANT_ID
    assert loaded["domain_prefix"] == "novypekar"


async def test_a_reseller_may_only_name_itself(reseller):
    session = make_session(reseller, recording_transport(reseller))
    try:
        other = await onboarding.prepare(session, valid_request(
            reseller_id=identity.OTHER_RESELLER_TENANT_ID))
        itself = await onboarding.prepare(session, valid_request(
            reseller_id=identity.RESELLER_TENANT_ID))
    finally:
        await session.aclose()
    assert set(other.errors("en")) == {"reseller_id"}
    assert itself.ok


async def test_a_provider_does_not_write_distributor_packages(provider_session):
    session, _ = provider_session
    prepared = await onboarding.prepare(session, valid_request())
    with pytest.raises(onboarding.NotAllowedError):
        onboarding.distributor_package(session, prepared, language="cs")


async def test_read_only_profile_refuses_every_write(isolated_home):
    locked = profile_settings(isolated_home, "ro", "indirect-provider", "read_only = true")
    session = make_session(locked, recording_transport(locked))
    try:
        prepared = await onboarding.prepare(session, valid_request())
        assert prepared.capability == "read_only"
        with pytest.raises(ReadOnlyError):
            onboarding.submit(session, prepared)
        with pytest.raises(ReadOnlyError):
            onboarding.distributor_package(session, prepared, language="cs")
        assert outbox.list_entries(session.state) == []
    finally:
        await session.aclose()


async def test_submit_refuses_an_invalid_request(provider_session):
    session, _ = provider_session
    prepared = await onboarding.prepare(session, valid_request(ico="123"))
    with pytest.raises(onboarding.InvalidRequestError) as refused:
        onboarding.submit(session, prepared)
    assert "ico" in refused.value.results
    assert outbox.list_entries(session.state) == []


# --- the form's draft -------------------------------------------------------------------------


async def test_form_draft_round_trip_and_no_secrets(provider_session):
    session, _ = provider_session
    assert onboarding.load_form_draft(session.state) is None
    onboarding.save_form_draft(session.state, {"company_name": "Pekárna", "ico": "2708"})
    data, saved_at = onboarding.load_form_draft(session.state)
    assert data == {"company_name": "Pekárna", "ico": "2708"} and saved_at
    with pytest.raises(SecretRejectedError):
        onboarding.save_form_draft(session.state, {"password": "Heslo123!"})
    assert onboarding.clear_form_draft(session.state) is True
    assert onboarding.load_form_draft(session.state) is None


async def test_an_unresolved_create_is_never_resent_by_a_second_submit(provider_session):
    session, transport = provider_session
    prepared = await onboarding.prepare(session, valid_request("nevime"))
    entry = onboarding.submit(session, prepared)
    outbox.claim_next(session.state)
    outbox.mark_needs_attention(session.state, entry.id, message="connection lost")

    again = await onboarding.prepare(session, valid_request("nevime"))
    assert again.ok and again.existing.id == entry.id
    assert "nevime.onmicrosoft.com" in again.warnings("en")["domain_prefix"]
    resubmitted = onboarding.submit(session, again)
    settled = await onboarding.run_until_settled(session, resubmitted.id, secret_sink=None,
                                                 timeout=10)

    assert resubmitted.id == entry.id
    assert settled.state is OutboxState.NEEDS_ATTENTION
    assert transport.posts() == []  # a person decides; nothing is sent behind their back
    reason = onboarding.explain_failure(settled, "en")
    assert "connection lost" in reason and "nevime.onmicrosoft.com" in reason
