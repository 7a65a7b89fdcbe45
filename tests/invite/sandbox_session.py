"""Helpers for sessions on the in-process sandbox, recording every request the client sends."""

from __future__ import annotations

import dataclasses

import httpx

from csp_tui.config import Profile, Settings, load_settings


class RecordingTransport(httpx.AsyncBaseTransport):
    """Passes requests to the emulator and remembers them, to assert what was asked."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()

    def calls_to(self, path: str) -> list[httpx.Request]:
        return [request for request in self.requests if request.url.path == path]


LINK_PATH = "/v1/customers/relationshiprequests"


def settings_for(profile_name: str = "sandbox", **updates: object) -> Settings:
    """A built-in profile with some settings changed (validated like a config file's)."""
    base = load_settings(profile_name)
    profile = Profile.model_validate({**base.profile.model_dump(), **updates})
    return dataclasses.replace(base, profile=profile)


async def emulator(transport: httpx.AsyncBaseTransport, method: str, path: str,
                   body: dict | None = None) -> dict:
    """Call an emulator control through ``transport`` directly (no client that would close
    the transport the session still uses)."""
    from csp_tui.services.session import SANDBOX_BASE_URL

    request = httpx.Request(method, SANDBOX_BASE_URL + path, json=body)
    response = await transport.handle_async_request(request)
    await response.aread()
    assert response.status_code == 200, response.text
    return response.json()
