"""What the processes of the team tests run (importable by name: they are spawned)."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from typing import Any

import httpx

VALID = {
    "company_name": "Pekárna U Lípy s.r.o.", "ico": "27082440", "street": "Husova 12/3",
    "city": "Tábor", "postal_code": "390 02", "first_name": "Jana", "last_name": "Nováková",
    "email": "jana@pekarna-lipa.cz", "phone": "+420 602 123 456", "country": "CZ",
    "culture": "cs-CZ",
}


def tenant_payload(prefix: str) -> dict[str, Any]:
    from csp_tui import sandbox_identity as identity
    from csp_tui.domain.tenant import to_customer_create_payload, validate_request

    request, results = validate_request({**VALID, "domain_prefix": prefix})
    assert request is not None, {k: r.message_key for k, r in results.items() if not r.ok}
    return to_customer_create_payload(request, associated_partner_id=identity.RESELLER_TENANT_ID)


class Tokens:
    async def get_token(self, *, force_refresh: bool = False) -> str:
        return "token"


async def _no_sleep(seconds: float) -> None:
    return None


def partner_center(posts: list[str], delay: float = 0.0) -> httpx.MockTransport:
    """Partner Center creating tenants: records each POST's domain."""

    def handle(request: httpx.Request) -> httpx.Response:
        import json

        body = json.loads(request.content or b"{}")
        domain = body.get("companyProfile", {}).get("domain") or "?"
        posts.append(domain)
        if delay:
            time.sleep(delay)
        return httpx.Response(201, json={
            "id": str(uuid.uuid4()),
            "companyProfile": {"domain": domain, "companyName": "x"},
            "userCredentials": {"userName": "admin", "password": "Pw-1"},
        })

    return httpx.MockTransport(handle)


def operator(url: str, name: str, prefixes: list[str], barrier: Any, results: Any) -> None:
    """One operator: queue a tenant for each prefix (the same ones as the other operators, at
    the same moment), then run the outbox. Reports the domains this process POSTed and the
    entries its queueing returned (id, by)."""
    os.environ["CSP_TUI_OPERATOR"] = name
    from csp_tui.partner_center.client import PartnerCenterClient
    from csp_tui.services.outbox_runner import KIND_CREATE_CUSTOMER, OutboxRunner
    from csp_tui.state import outbox
    from csp_tui.state.store import open_team_state

    db = open_team_state(url)
    payloads = {prefix: tenant_payload(prefix) for prefix in prefixes}
    barrier.wait(30)
    queued = []
    for prefix in prefixes:
        entry = outbox.enqueue(db, kind=KIND_CREATE_CUSTOMER, payload=payloads[prefix],
                               subject=prefix, dedupe_key=f"{prefix}.onmicrosoft.com")
        queued.append((entry.id, entry.by))
    posts: list[str] = []
    client = PartnerCenterClient("https://pc.test", Tokens(), transport=partner_center(posts),
                                 sleep=_no_sleep)
    asyncio.run(OutboxRunner(client, db).run_once())
    db.close()
    results.put((name, posts, queued))


def die_mid_send(url: str, ready: Any) -> None:
    """Claims the entry and hangs "sending" it until killed (kill -9)."""
    os.environ["CSP_TUI_OPERATOR"] = "doomed@host"
    from csp_tui.state import outbox
    from csp_tui.state.store import open_team_state

    db = open_team_state(url)
    entry = outbox.claim_next(db)
    ready.put(entry.id if entry else None)
    time.sleep(600)
