"""The sandbox emulator's controls (``/_emulator/…``), over HTTP, for every caller.

The emulator is spoken to the way Partner Center is: over the transport the session's client
uses (the in-process emulator of a sandbox profile), never by importing it. The console's
sandbox keys, ``csp-tui sandbox accept|advance`` and the demo invitations all use this client.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

# Where the emulator answers: one of the sandbox's fixed identities, named here too for the
# controls' callers.
from csp_tui.sandbox_identity import SANDBOX_BASE_URL as SANDBOX_BASE_URL

if TYPE_CHECKING:
    import httpx

    from csp_tui.services.work_session import WorkSession

ACCEPT_INVITATION = "/_emulator/invitations/accept"
ADVANCE_CLOCK = "/_emulator/clock/advance"
PROSPECTS = "/_emulator/prospects"


@dataclass(frozen=True)
class EmulatorAnswer:
    """The emulator's answer to a control: its status and body (callers need no HTTP types)."""

    status_code: int
    text: str

    def json(self) -> Any:
        """The body as JSON (``ValueError`` when it is not)."""
        return json.loads(self.text)


class EmulatorControls:
    """The controls of one emulator, reached through ``transport`` at ``base_url``.

    The transport is only lent: whoever made it (the session) closes it.
    """

    def __init__(self, transport: httpx.AsyncBaseTransport, base_url: httpx.URL | str) -> None:
        self._transport = transport
        self._base_url = base_url

    @classmethod
    def of_session(cls, session: WorkSession,
                   transport: httpx.AsyncBaseTransport | None = None) -> EmulatorControls:
        """The controls of the emulator the session's client talks to (``transport`` when the
        session has none of its own)."""
        lent = transport if transport is not None else session.transport
        if lent is None:
            raise ValueError("the session talks to no emulator")
        return cls(lent, session.client.base_url)

    def _http(self) -> httpx.AsyncClient:
        # httpx is imported on first use: the console loads this module with the invitations
        # pane, and the REST stack stays off its start path (tests/tui/test_start_imports.py).
        import httpx

        from csp_tui.services.borrowed_transport import BorrowedTransport

        return httpx.AsyncClient(transport=BorrowedTransport(self._transport),
                                 base_url=self._base_url)

    async def post(self, path: str, body: dict[str, Any]) -> EmulatorAnswer:
        async with self._http() as http:
            response = await http.post(path, json=body)
            return EmulatorAnswer(response.status_code, response.text)

    async def accept_invitation(self, domain: str, *,
                                reseller_id: str | None = None) -> EmulatorAnswer:
        """The customer that owns ``domain`` accepts the relationship request (for a
        distributor: the one made on behalf of ``reseller_id``)."""
        body: dict[str, Any] = {"domain": domain}
        if reseller_id:
            body["indirectResellerId"] = reseller_id
        return await self.post(ACCEPT_INVITATION, body)

    async def advance_clock(self, *, days: float | None = None,
                            seconds: float | None = None) -> EmulatorAnswer:
        """Move the emulator's virtual clock on by ``days`` or by ``seconds``."""
        body: dict[str, Any] = {"days": days} if days is not None else {"seconds": seconds}
        return await self.post(ADVANCE_CLOCK, body)

    async def prospects(self) -> list[dict[str, Any]]:
        """The organisations the emulator's demo invites (and when each accepts)."""
        async with self._http() as http:
            response = await http.get(PROSPECTS)
            response.raise_for_status()
            payload = response.json()
        items = payload.get("items", payload.get("prospects", [])) if isinstance(payload, dict) \
            else payload
        return [item for item in items or [] if isinstance(item, dict)]
