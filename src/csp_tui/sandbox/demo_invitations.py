"""The sandbox's demo invitations: the emulator's prospects recorded in the ledger, once.

A sandbox profile's invitations pane has something to show at first start, and the demo
shows them being accepted as the sandbox's clock passes each prospect's acceptance time. The
prospects come from the emulator over its ``/_emulator/prospects`` control; the invitations
are recorded with the production ledger and link code, as an invitation sent by hand would be.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from csp_tui.cache.db import Transaction, stamp
from csp_tui.config import Profile, Role
from csp_tui.sandbox import identity
from csp_tui.services import invitations
from csp_tui.services.emulator_controls import EmulatorControls
from csp_tui.state import invitations as ledger
from csp_tui.world_clock import world_clock_for

if TYPE_CHECKING:
    import sqlite_utils

    from csp_tui.services.work_session import WorkSession

DEMO_SEEDED_KEY = "demo_invitations_seeded"


async def _fetch_prospects(session: WorkSession) -> list[dict[str, Any]]:
    # Through the session's own emulator (a sandbox session always has one), not a second
    # copy of the world.
    return await EmulatorControls.of_session(session).prospects()


def _field(item: dict[str, Any], *names: str) -> str:
    lowered = {str(key).lower().replace("_", ""): value for key, value in item.items()}
    for name in names:
        value = lowered.get(name.lower().replace("_", ""))
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _demo_meta(state: sqlite_utils.Database) -> str | None:
    row = state.conn.execute("SELECT value FROM meta WHERE key = ?",
                             (DEMO_SEEDED_KEY,)).fetchone()
    return row[0] if row else None


async def seed_sandbox_demo(session: WorkSession, *, now: datetime | None = None) -> int:
    """Record invitations for the sandbox's prospects, once per state.db.

    The pending pane then has something to show at first start, and the demo shows the
    invitations being accepted as the sandbox's clock passes the prospects' acceptance times.
    A prospect that never accepts is dated back past the stale limit, so the stale state is
    visible too. Returns how many invitations were recorded (0 when already seeded or not a
    sandbox profile).
    """
    profile: Profile = session.settings.profile
    if not profile.is_sandbox or profile.read_only or _demo_meta(session.state) is not None:
        return 0
    reseller_id = identity.RESELLER_TENANT_ID if profile.role is Role.INDIRECT_PROVIDER else None
    prospects = await _fetch_prospects(session)
    link = await invitations.relationship_link(session.client, profile, reseller_id=reseller_id)
    moment = now or world_clock_for(session.settings).now()
    recorded = 0
    for index, prospect in enumerate(prospects):
        # The domain a person would type is the company's own (custom) one; the initial
        # onmicrosoft.com domain only when the tenant has no other.
        custom = [value for value in prospect.get("customDomains") or []
                  if isinstance(value, str) and invitations.check_domain(value)]
        domain = invitations.check_domain(custom[0] if custom else _field(prospect, "domain"))
        company = _field(prospect, "companyName", "company_name", "name")
        if domain is None or not company \
                or invitations.find_pending(session.state, domain, reseller_id):
            continue
        never = prospect.get("acceptsAfter", prospect.get("accepts_after", 0)) is None
        age = (timedelta(days=profile.invitation_stale_days + 3) if never
               else timedelta(hours=2 * index + 1))
        ledger.record(
            session.state,
            company_name=company,
            contact_name=_field(prospect, "contactName", "contact_name", "contact"),
            contact_email=invitations.check_email(_field(prospect, "contactEmail", "email")) or "",
            domain=domain,
            link=link,
            language="cs",
            reseller_id=reseller_id,
            now=stamp(moment - age),
        )
        recorded += 1
    with Transaction(session.state) as conn:
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                     (DEMO_SEEDED_KEY, stamp(moment)))
    return recorded
