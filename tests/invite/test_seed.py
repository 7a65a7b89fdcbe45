"""The sandbox's demo invitations: recorded once per state.db, accepted as the demo unfolds."""

from __future__ import annotations

from datetime import UTC, datetime

from csp_tui import sandbox_identity as identity
from csp_tui.services.session import seed_sandbox_demo
from csp_tui.services.sync import SyncEngine
from csp_tui.state import invitations as ledger

from .sandbox_session import emulator, settings_for


async def test_prospects_are_recorded_once(sessions) -> None:
    settings = settings_for("sandbox")
    session, recorder = await sessions(settings)
    prospects = (await emulator(recorder.inner, "GET", "/_emulator/prospects"))["items"]
    assert len(prospects) >= 4

    assert await seed_sandbox_demo(session) == len(prospects)
    # Read through the session's own emulator, not a second copy of the world.
    assert len(recorder.calls_to("/_emulator/prospects")) == 1
    recorded = {inv.domain: inv for inv in ledger.list_invitations(session.state)}
    assert set(recorded) == {p["customDomains"][0] for p in prospects}
    now = datetime.now(UTC)
    stale_days = settings.profile.invitation_stale_days
    for prospect in prospects:
        invitation = recorded[prospect["customDomains"][0]]
        assert invitation.company_name == prospect["companyName"]
        assert invitation.contact_email == prospect["contactEmail"]
        assert f"indirectCSPId={identity.PROVIDER_TENANT_ID}" in invitation.link
        # The prospect that never accepts shows as stale; the others as pending.
        expected = "stale" if prospect["acceptsAfter"] is None else "pending"
        assert invitation.effective_status(now, stale_days) == expected

    assert await seed_sandbox_demo(session) == 0
    # Remembered in state.db, not in memory: a later start does not seed again either.
    again, _ = await sessions(settings)
    assert await seed_sandbox_demo(again) == 0
    assert len(ledger.list_invitations(again.state)) == len(prospects)


async def test_provider_demo_invitations_name_the_reseller(sessions) -> None:
    session, _ = await sessions(settings_for("sandbox-provider"))
    assert await seed_sandbox_demo(session) > 0
    for invitation in ledger.list_invitations(session.state):
        assert invitation.reseller_id == identity.RESELLER_TENANT_ID
        assert identity.RESELLER_TENANT_ID in invitation.link


async def test_not_seeded_outside_the_sandbox(sessions) -> None:
    settings = settings_for("sandbox")
    session, recorder = await sessions(settings)
    session.settings = settings_for("sandbox", kind="partner-center")
    assert await seed_sandbox_demo(session) == 0
    assert recorder.requests == []


async def test_an_accepting_prospect_closes_its_invitation_at_the_next_sync(sessions) -> None:
    # A small world keeps the full sync quick; the prospects are the same in every world.
    settings = settings_for("sandbox")
    session, recorder = await sessions(settings, customers=6)
    await seed_sandbox_demo(session)
    prospects = (await emulator(recorder.inner, "GET", "/_emulator/prospects"))["items"]
    # The one accepting last (days of virtual time away) accepts now, through the control.
    chosen = max((p for p in prospects if p["acceptsAfter"] is not None),
                 key=lambda p: p["acceptsAfter"])
    never = next(p for p in prospects if p["acceptsAfter"] is None)
    await emulator(recorder.inner, "POST", "/_emulator/invitations/accept",
                   {"domain": chosen["customDomains"][0]})

    result = await SyncEngine(session.client, session.cache, session.state,
                              settings.profile).full_sync()
    assert result.ok, result.error
    by_domain = {inv.domain: inv for inv in ledger.list_invitations(session.state)}
    accepted = by_domain[chosen["customDomains"][0]]
    assert accepted.status == "accepted"
    assert accepted.customer_id == chosen["tenantId"].lower()
    assert by_domain[never["customDomains"][0]].status == "pending"
    assert any(change.kind == "invitation_accepted" for change in result.changes)
