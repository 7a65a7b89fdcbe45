"""Helpers for the sandbox tests: a sandbox on a frozen clock and raw httpx clients to it."""

from __future__ import annotations

import json
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox.app import create_sandbox
from csp_tui.sandbox.transport import SandboxTransport
from csp_tui.sandbox.world import World

BASE_URL = "https://sandbox.local"
# A Monday morning, so "three business days" is plain arithmetic in the tests.
FROZEN_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

RESELLER = identity.sandbox_token("indirect-reseller", identity.RESELLER_TENANT_ID)
OTHER_RESELLER = identity.sandbox_token("indirect-reseller", identity.OTHER_RESELLER_TENANT_ID)
PROVIDER = identity.sandbox_token("indirect-provider", identity.PROVIDER_TENANT_ID)


def make_sandbox(state_path: Path | None = None, **kwargs: Any) -> tuple[SandboxTransport, World]:
    kwargs.setdefault("frozen_at", FROZEN_AT)
    app, world = create_sandbox(state_path, **kwargs)
    return SandboxTransport(app), world


def client(transport: httpx.AsyncBaseTransport, token: str | None = RESELLER,
           **kwargs: Any) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.AsyncClient(transport=transport, base_url=BASE_URL, headers=headers, **kwargs)


def customer_filter(field: str, value: str) -> str:
    return json.dumps({"Field": field, "Value": value, "Operator": "starts_with"})


def encoded_filter(field: str, value: str) -> str:
    return urllib.parse.quote(customer_filter(field, value))


async def advance(http: httpx.AsyncClient, **amount: float) -> dict[str, Any]:
    response = await http.post("/_emulator/clock/advance", json=amount)
    assert response.status_code == 200, response.text
    return response.json()


async def list_all_ids(http: httpx.AsyncClient, size: int = 500) -> list[str]:
    """Every customer id, following ``links.next`` the documented way."""
    ids: list[str] = []
    response = await http.get("/v1/customers", params={"size": size})
    while True:
        assert response.status_code == 200, response.text
        body = response.json()
        ids += [item["id"] for item in body["items"]]
        following = body.get("links", {}).get("next")
        if not following:
            return ids
        headers = {h["key"]: h["value"] for h in following["headers"]}
        response = await http.get(following["uri"], headers=headers)


def new_customer_body(prefix: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "enableGDAPByDefault": True,
        "companyProfile": {"domain": f"{prefix}.onmicrosoft.com"},
        "billingProfile": {
            "culture": "cs-CZ",
            "email": "jana.novakova@pekarna-lhota.cz",
            "language": "cs",
            "companyName": "Pekárna Lhota s.r.o.",
            "defaultAddress": {
                "firstName": "Jana", "lastName": "Nováková",
                "addressLine1": "Husova 12/3", "city": "Tábor", "postalCode": "390 02",
                "country": "CZ", "phoneNumber": "+420602123456",
            },
        },
    }
    body.update(overrides)
    return body
