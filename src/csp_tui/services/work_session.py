"""What the use cases need of a session, as Protocols.

The use cases (invitations, onboarding, the emulator's controls …) depend on these, not on
services/session.py: that module is the session *factory*, the one production module that
mounts the emulator, and it may reach the sandbox's own code (the demo invitations) that in
turn uses the use cases. Its ``Session`` satisfies both Protocols.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import sqlite3

    import httpx

    from csp_tui.config import Settings
    from csp_tui.partner_center.client import PartnerCenterClient


class LedgerAccess(Protocol):
    """What the ledger's own use cases (cancel, note) need: no network, only the profile and
    state.db — a session, or the console's reading handles."""

    @property
    def settings(self) -> Settings: ...

    @property
    def state(self) -> sqlite3.Connection: ...


class WorkSession(LedgerAccess, Protocol):
    """A profile's databases and its REST client (and, for a sandbox profile, the transport of
    the emulator mounted in-process; None when the client talks to a real endpoint)."""

    @property
    def cache(self) -> sqlite3.Connection: ...

    @property
    def client(self) -> PartnerCenterClient: ...

    @property
    def transport(self) -> httpx.AsyncBaseTransport | None: ...
