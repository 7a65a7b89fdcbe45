"""The invite use case against the in-process sandbox: links per role, ledger, refusals."""

from __future__ import annotations

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.services import invitations as service
from csp_tui.services.invitations import (
    InvitationInputError,
    ReadOnlyError,
    invite,
)
from csp_tui.services.session import seed_sandbox_demo
from csp_tui.state import invitations as ledger

from .sandbox_session import LINK_PATH, settings_for

PROVIDER = identity.PROVIDER_TENANT_ID
RESELLER = identity.RESELLER_TENANT_ID


def _params(link: str) -> dict[str, str]:
    return {key.lower(): values[0] for key, values in parse_qs(urlsplit(link).query).items()}


async def _invite(session, **overrides):
    fields = {"company_name": "Pekařství U Bílé labutě s.r.o.", "contact_name": "Eva Dvořáková",
              "contact_email": "eva@labut-pekarstvi.cz", "domain": "Labut-Pekarstvi.cz",
              "language": "cs"}
    fields.update(overrides)
    return await invite(session, **fields)


async def test_reseller_invitation_carries_the_distributor_and_is_recorded(sessions) -> None:
    session, recorder = await sessions(settings_for("sandbox"))
    result = await _invite(session)

    (request,) = recorder.calls_to(LINK_PATH)
    assert dict(request.url.params) == {"indirectCloudSolutionProviderId": PROVIDER}
    assert _params(result.link)["indirectcspid"] == PROVIDER
    assert result.duplicate is False

    stored = ledger.get(session.state, result.invitation.id)
    assert stored is not None
    assert stored.status == "pending" and stored.send_count == 1
    assert stored.domain == "labut-pekarstvi.cz"
    assert stored.link == result.link
    assert stored.company_name == "Pekařství U Bílé labutě s.r.o."
    assert stored.language == "cs" and stored.reseller_id is None

    assert result.link in result.email_body
    assert "Pekařství U Bílé labutě s.r.o." in result.email_subject
    assert "„Globální správce“" in result.email_body
    # Names: our own from the sandbox identity, the distributor's from Partner Center.
    assert identity.RESELLER_NAME in result.email_body
    assert identity.PROVIDER_NAME in result.email_body


async def test_second_pending_invitation_for_a_domain_is_not_recorded(sessions) -> None:
    session, recorder = await sessions(settings_for("sandbox"))
    first = await _invite(session)
    again = await _invite(session, domain="LABUT-pekarstvi.CZ", company_name="Jiný název",
                          language="en")
    assert again.duplicate is True
    assert again.invitation.id == first.invitation.id
    assert again.link == first.link
    assert "Pekařství U Bílé labutě s.r.o." in again.email_body  # the recorded invitation
    assert "Global administrator" in again.email_body  # in the language asked for now
    assert len(ledger.list_invitations(session.state)) == 1
    assert len(recorder.calls_to(LINK_PATH)) == 1

    # Once cancelled, the domain may be invited again.
    service.cancel(session, first.invitation.id)
    fresh = await _invite(session)
    assert fresh.duplicate is False and fresh.invitation.id != first.invitation.id
    assert len(ledger.list_invitations(session.state, status="pending")) == 1


async def test_read_only_profile_refuses_every_change(sessions) -> None:
    session, recorder = await sessions(settings_for("sandbox", read_only=True))
    existing = ledger.record(session.state, company_name="Firma", contact_name="",
                             contact_email="a@firma.cz", domain="firma.cz", link="https://x")
    with pytest.raises(ReadOnlyError, match="read-only"):
        await _invite(session)
    with pytest.raises(ReadOnlyError):
        await service.resend(session, existing.id)
    with pytest.raises(ReadOnlyError):
        service.cancel(session, existing.id)
    with pytest.raises(ReadOnlyError):
        service.add_note(session, existing.id, "called them")
    assert recorder.requests == []
    assert ledger.list_invitations(session.state) == [existing]
    assert await seed_sandbox_demo(session) == 0


async def test_provider_needs_a_reseller_and_links_for_it(sessions) -> None:
    session, recorder = await sessions(settings_for("sandbox-provider"))
    with pytest.raises(InvitationInputError) as caught:
        await _invite(session)
    assert set(caught.value.problems) == {"reseller_id"}
    assert recorder.requests == []

    result = await _invite(session, reseller_id=RESELLER)
    (request,) = recorder.calls_to(LINK_PATH)
    assert dict(request.url.params) == {"indirectResellerId": RESELLER}
    assert RESELLER in result.link
    assert result.invitation.reseller_id == RESELLER
    assert identity.RESELLER_NAME in result.email_body
    assert identity.PROVIDER_NAME in result.email_body

    # The same domain for the other reseller is a different request.
    other = await _invite(session, reseller_id=identity.OTHER_RESELLER_TENANT_ID)
    assert other.duplicate is False
    assert identity.OTHER_RESELLER_NAME in other.email_body


async def test_provider_cannot_invite_for_a_stranger(sessions) -> None:
    session, recorder = await sessions(settings_for("sandbox-provider"))
    stranger = str(uuid.UUID(int=42))
    with pytest.raises(InvitationInputError) as caught:
        await _invite(session, reseller_id=stranger)
    assert stranger in caught.value.problems["reseller_id"]
    assert recorder.calls_to(LINK_PATH) == []
    assert ledger.list_invitations(session.state) == []


async def test_direct_partner_gets_the_plain_link(sessions) -> None:
    settings = settings_for("sandbox", role="direct", indirect_provider_id="")
    session, recorder = await sessions(settings)
    result = await _invite(session, language="en")
    (request,) = recorder.calls_to(LINK_PATH)
    assert dict(request.url.params) == {}
    assert "indirectcspid" not in _params(result.link)
    assert "distributor" not in result.email_body
    assert "Global administrator" in result.email_body


async def test_resend_cancel_and_note(sessions) -> None:
    session, _ = await sessions(settings_for("sandbox"))
    first = await _invite(session, language="en", now="2026-01-05T10:00:00Z")
    again = await service.resend(session, first.invitation.id, now="2026-01-20T08:00:00Z")
    assert again.invitation.send_count == 2
    assert again.invitation.last_sent_at.startswith("2026-01-20")
    assert again.link == first.link
    assert "Dear Eva Dvořáková," in again.email_body  # the invitation's own language

    noted = service.add_note(session, first.invitation.id, "Zavolat v pondělí")
    assert noted.notes.endswith("Zavolat v pondělí")

    cancelled = service.cancel(session, first.invitation.id)
    assert cancelled.status == "cancelled"
    with pytest.raises(ledger.InvitationError):
        await service.resend(session, first.invitation.id)
    with pytest.raises(KeyError):
        service.cancel(session, "no-such-invitation")
