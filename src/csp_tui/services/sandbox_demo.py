"""The sandbox demo's invitations, recorded in the ledger once per state.db.

Which prospects and how long ago is the emulator's demo story (csp_tui.sandbox.demo_invitations,
handed in by the session factory: production code does not import the emulator); the prospects
come from the emulator over its ``/_emulator/prospects`` control, and each invitation is
recorded with the same link and ledger code as one sent by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from csp_tui import sandbox_identity as identity
from csp_tui.config import Profile, Role
from csp_tui.db import Transaction
from csp_tui.services import invitations
from csp_tui.services.emulator_controls import EmulatorControls
from csp_tui.state import invitations as ledger
from csp_tui.timestamps import stamp
from csp_tui.world_clock import world_clock_for

if TYPE_CHECKING:
    import sqlite3

    from csp_tui.services.work_session import WorkSession

DEMO_SEEDED_KEY = "demo_invitations_seeded"


class DemoInvitation(Protocol):
    """One prospect of the demo as an invitation sent ``age`` before the world's now."""

    @property
    def company_name(self) -> str: ...
    @property
    def contact_name(self) -> str: ...
    @property
    def contact_email(self) -> str: ...
    @property
    def custom_domains(self) -> tuple[str, ...]: ...
    @property
    def initial_domain(self) -> str: ...
    @property
    def age(self) -> timedelta: ...


class DemoPlan(Protocol):
    """The demo's story: the prospects (as the emulator serves them) and the profile's stale
    limit in days -> the invitations to record, one per prospect in order."""

    def __call__(self, prospects: Iterable[Mapping[str, Any]], *,
                 stale_days: int) -> Sequence[DemoInvitation]: ...


def _demo_meta(state: sqlite3.Connection) -> str | None:
    row = state.execute("SELECT value FROM meta WHERE key = ?",
                             (DEMO_SEEDED_KEY,)).fetchone()
    return row[0] if row else None


async def record_demo_invitations(session: WorkSession, plan: DemoPlan, *,
                                  now: datetime | None = None) -> int:
    """Record the demo's invitations for a sandbox profile, once per state.db.

    Returns how many were recorded (0 when already seeded, or not a writable sandbox profile).
    """
    profile: Profile = session.settings.profile
    if not profile.is_sandbox or profile.read_only or _demo_meta(session.state) is not None:
        return 0
    reseller_id = identity.RESELLER_TENANT_ID if profile.role is Role.INDIRECT_PROVIDER else None
    # Through the session's own emulator (a sandbox session always has one), not a second
    # copy of the world.
    prospects = await EmulatorControls.of_session(session).prospects()
    link = await invitations.relationship_link(session.client, profile, reseller_id=reseller_id)
    moment = now or world_clock_for(session.settings).now()
    recorded = 0
    for planned in plan(prospects, stale_days=profile.invitation_stale_days):
        # The domain a person would type is the company's own (custom) one; the initial
        # onmicrosoft.com domain only when the tenant has no other.
        custom = [value for value in planned.custom_domains if invitations.check_domain(value)]
        domain = invitations.check_domain(custom[0] if custom else planned.initial_domain)
        if domain is None or not planned.company_name \
                or invitations.find_pending(session.state, domain, reseller_id):
            continue
        ledger.record(
            session.state,
            company_name=planned.company_name,
            contact_name=planned.contact_name,
            contact_email=invitations.check_email(planned.contact_email) or "",
            domain=domain,
            link=link,
            language="cs",
            reseller_id=reseller_id,
            now=stamp(moment - planned.age),
        )
        recorded += 1
    with Transaction(session.state) as conn:
        # An upsert both engines accept (a team's state may be PostgreSQL).
        conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     (DEMO_SEEDED_KEY, stamp(moment)))
    return recorded
