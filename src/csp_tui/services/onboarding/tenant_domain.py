"""Whether the new tenant's ``….onmicrosoft.com`` name is free — or already this profile's own
request, which is then reused, never sent twice."""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from csp_tui.domain import validation as v
from csp_tui.partner_center.errors import PartnerCenterError
from csp_tui.services.onboarding.capability import capability
from csp_tui.services.onboarding.errors import short_error
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxEntry, OutboxState

if TYPE_CHECKING:
    from csp_tui.services.work_session import WorkSession

log = logging.getLogger(__name__)

DEDUPE_PREFIX = "tenant:"


def existing_entry(state: sqlite3.Connection, domain: str) -> OutboxEntry | None:
    """The outbox entry (queued, sending, waiting for a person, or done) for the tenant
    ``domain``, if this profile already has one. A failed entry does not count: the tenant may
    be requested again."""
    row = state.execute(
        "SELECT id FROM outbox WHERE dedupe_key = ? AND state != ? "
        "ORDER BY created_at DESC, rowid DESC LIMIT 1",
        (dedupe_key_for(domain), OutboxState.FAILED.value),
    ).fetchone()
    return outbox.get(state, row[0]) if row else None


def dedupe_key_for(domain: str) -> str:
    return DEDUPE_PREFIX + domain.strip().lower()


async def check_domain_verdict(session: WorkSession, value: object
                               ) -> tuple[v.FieldResult, OutboxEntry | None]:
    """The ``domain_prefix`` field's verdict and this profile's own entry for the name, if any."""
    local = v.validate_domain_prefix(value)
    if not local.ok:
        return local, None
    prefix = local.value
    domain = prefix + v.ONMICROSOFT_SUFFIX
    mine = existing_entry(session.state, domain)
    if mine is not None:
        # Taken by our own request: not a mistake of the person, the same request is reused.
        if mine.state is OutboxState.DONE:
            tenant_id = (mine.result or {}).get("customer_id") or "?"
            return v.FieldResult(True, prefix, "onboarding.domain.created_here",
                                 {"domain": domain, "tenant_id": tenant_id}), mine
        return v.FieldResult(True, prefix, "onboarding.domain.queued",
                             {"domain": domain,
                              "state_key": f"state.outbox.state.{mine.state.value}"}), mine
    try:
        taken = await session.client.domain_exists(domain)
    except PartnerCenterError as exc:
        log.info("domain availability of %s unknown: %s", domain, exc)
        key = ("onboarding.domain.unchecked_distributor"
               if capability(session.settings.profile) == "request_distributor"
               else "onboarding.domain.unchecked")
        return v.FieldResult(True, prefix, key,
                             {"domain": domain, "error": short_error(exc)}), None
    if taken:
        return v.FieldResult(False, prefix, "onboarding.domain.taken", {"domain": domain}), None
    return local, None


async def check_domain(session: WorkSession, value: object) -> v.FieldResult:
    """The ``domain_prefix`` field's verdict: the local rules, then whether the name is free
    (``HEAD /v1/domains``). A name this profile already queued or created is not an error
    (the same request is reused); a network failure is a warning, not an error."""
    result, _ = await check_domain_verdict(session, value)
    return result
