"""A small fake Partner Center for hostile answers: customers and their parts from plain
dicts, served through an httpx transport, and a sync of a partner-center profile against it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from csp_tui.cache import store
from csp_tui.config import load_settings
from csp_tui.services.session import open_session
from csp_tui.services.sync import SyncEngine
from csp_tui.services.sync_run import SyncResult

PROFILE = """
[profiles.hostile]
kind = "partner-center"
base_url = "https://pc.hostile.test"
role = "direct"
tenant_id = "00000000-0000-0000-0000-00000000beef"
auth = "env-token"
rate_limit_per_minute = 100000
request_timeout_seconds = {timeout}
sync_concurrency = 2
"""


class StaticTokens:
    async def get_token(self, *, force_refresh: bool = False) -> str:
        return "hostile-test-token"


def customer(customer_id: str, name: str | None = None) -> dict[str, Any]:
    return {"id": customer_id,
            "companyProfile": {"companyName": name or f"Firma {customer_id}",
                               "domain": f"{customer_id}.onmicrosoft.com"},
            "relationshipToPartner": "reseller"}


def subscription(subscription_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": subscription_id, "offerId": "CFQ7TTC0LH18:0001", "offerName": "Microsoft 365",
            "quantity": 5, "status": "active", **fields}


@dataclass
class FakePartnerCenter:
    """``customers``: the listing items (any JSON); ``subscriptions``: customer id -> items."""

    customers: list[Any]
    subscriptions: dict[str, list[Any]] = field(default_factory=dict)
    # path -> handler overriding the default answer (for paging loops, drips, ...)
    routes: dict[str, Callable[[httpx.Request], httpx.Response]] = field(default_factory=dict)
    requests: int = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        path = request.url.path.rstrip("/")
        if path in self.routes:
            return self.routes[path](request)
        parts = path.split("/")
        if path == "/v1/customers":
            return _json({"totalCount": len(self.customers), "items": self.customers})
        if len(parts) == 4 and parts[2] == "customers":
            found = next((c for c in self.customers
                          if isinstance(c, dict) and str(c.get("id")) == parts[3]), None)
            return _json(found) if found else httpx.Response(404)
        if len(parts) == 5 and parts[4] == "subscriptions":
            items = self.subscriptions.get(parts[3], [])
            return _json({"totalCount": len(items), "items": items})
        if len(parts) == 5 and parts[4] in ("entitlements", "relationships", "subscribedskus"):
            return _json({"totalCount": 0, "items": []})
        if len(parts) == 5 and parts[4] == "qualifications":
            return _json([])
        return httpx.Response(404)

    def transport(self) -> httpx.AsyncBaseTransport:
        return httpx.MockTransport(self.handle)


def _json(body: Any) -> httpx.Response:
    return httpx.Response(200, content=json.dumps(body).encode(),
                          headers={"content-type": "application/json"})


def hostile_settings(home, *, timeout: float = 0.5) -> Any:
    """A partner-center profile for the fake; the deadline of one call is 4 x ``timeout``."""
    (home / "config.toml").write_text(PROFILE.format(timeout=timeout), encoding="utf-8")
    return load_settings("hostile")


async def sync_against(settings, fake: FakePartnerCenter) -> tuple[SyncResult, dict, dict]:
    """(result, cache snapshot, the run's row) after one full sync."""
    session = open_session(settings, transport=fake.transport(), token_provider=StaticTokens())
    try:
        engine = SyncEngine(session.client, session.cache, session.state, settings.profile)
        result = await engine.full_sync()
        run = session.cache.execute(
            "SELECT status, error FROM sync_runs WHERE id = ?", (result.run_id,)).fetchone()
        return result, store.snapshot(session.cache), {"status": run[0], "error": run[1]}
    finally:
        await session.aclose()
