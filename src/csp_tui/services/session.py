"""Everything one profile needs to do work: the databases, the REST client, the rate limiter.

Demo and production share every line here except the transport: for a ``sandbox`` profile the
client talks to the emulator mounted in-process; for ``partner-center`` it talks to the real
endpoint with real credentials.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from csp_tui.cache import db as dbmod
from csp_tui.config import Settings
from csp_tui.sandbox_identity import SANDBOX_BASE_URL
from csp_tui.services.state_access import open_profile_state, profile_state_target
from csp_tui.state.db import open_state

if TYPE_CHECKING:
    # The REST stack (httpx, the client and its models) is imported by open_session only:
    # open_databases serves the console's first frame and the listing commands, which read
    # the cache and never talk to Partner Center.
    import httpx

    from csp_tui.partner_center.calls import CallRecord
    from csp_tui.partner_center.client import PartnerCenterClient
    from csp_tui.partner_center.ratelimit import RateLimiter

log = logging.getLogger(__name__)

#: How long a read of the console waits for another process's lock before giving up (it then
#: keeps what it showed and reads again at the next refresh): a frame, not the 15 s a writer
#: waits.
CONSOLE_BUSY_TIMEOUT_MS = 250
#: When the console reads again after giving up on a lock.
CONSOLE_BUSY_RETRY_SECONDS = 0.5


def database_busy(error: BaseException) -> bool:
    """Whether ``error`` is a read that met another process's lock (SQLITE_BUSY/LOCKED) — the
    console keeps what it shows and reads again — rather than a fault to report."""
    text = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def sandbox_transport_for(settings: Settings, **kwargs: Any) -> httpx.AsyncBaseTransport:
    """The in-process emulator, keeping its world in the profile's data directory."""
    # The emulator (Starlette, its world) loads only when a sandbox profile asks for it.
    from csp_tui.sandbox.transport import sandbox_transport

    settings.locations.ensure_profile_dir()
    # The emulator's limit sits a little above the client's own pacing, as Partner Center's
    # documented 500/min sits above the 450/min production profiles use.
    kwargs.setdefault("rate_limit", max(500, int(settings.profile.rate_limit_per_minute * 1.1)))
    return sandbox_transport(settings.locations.sandbox_state, **kwargs)


@dataclass
class Session:
    settings: Settings
    cache: sqlite3.Connection
    state: sqlite3.Connection
    client: PartnerCenterClient
    limiter: RateLimiter
    # The in-process emulator for sandbox profiles (its /_emulator controls are reached
    # through it); None when the client talks to a real endpoint.
    transport: httpx.AsyncBaseTransport | None = None
    notices: list[str] = field(default_factory=list)
    _ares: Any = None

    @property
    def ares(self) -> Any:
        """The ARES (Czech business register) client; in the sandbox it answers from demo data
        — the sandbox's own customers and a few built-in subjects — never from the network."""
        if self._ares is None:
            # httpx and the emulator, on first use: the console's first frame needs neither.
            from csp_tui.ares import AresClient
            from csp_tui.sandbox.ares_emulator import ares_subject_for, sandbox_ares_transport

            if self.settings.profile.is_sandbox:
                subjects = []
                world = getattr(self.transport, "world", None)
                for customer in getattr(world, "customers", ()):
                    if getattr(customer, "ico", None):
                        subjects.append(ares_subject_for(
                            ico=customer.ico, name=customer.company_name, street=customer.street,
                            city=customer.city, postal_code=customer.postal_code))
                self._ares = AresClient(transport=sandbox_ares_transport(subjects))
            else:
                self._ares = AresClient()
        return self._ares

    async def aclose(self) -> None:
        await self.client.aclose()
        if self._ares is not None:
            await self._ares.aclose()
        for database in (self.cache, self.state):
            # Closing twice or after a failed open is harmless.
            with contextlib.suppress(Exception):
                database.close()


def open_databases(settings: Settings) -> tuple[sqlite3.Connection, sqlite3.Connection,
                                                 list[str]]:
    """(cache, state, notices). A corrupt cache is rebuilt (and said so); state never is. The
    state is the profile's engine's: a team's PostgreSQL connects here (not the console's
    thread's to call: it reads a mirror, :func:`open_console_databases`)."""
    cache, notices = _open_cache(settings)
    try:
        state = open_profile_state(settings)
    except BaseException:
        cache.close()
        raise
    return cache, state, notices


def _open_cache(settings: Settings) -> tuple[sqlite3.Connection, list[str]]:
    settings.locations.ensure_profile_dir()
    cache = dbmod.open_cache(settings.locations.cache_db)
    notices = []
    notice = dbmod.last_rebuild_notice()
    if notice:
        notices.append(notice)
    return cache, notices


def open_reading_databases(settings: Settings) -> tuple[sqlite3.Connection,
                                                         sqlite3.Connection, list[str]]:
    """(cache, state, notices) for a command that only reads and lists: in a team, the state
    is the local copy of the shared rows, refreshed from PostgreSQL first (the lists read it
    with SQLite's window queries)."""
    if not profile_state_target(settings).team:
        return open_databases(settings)
    # A team's copy (hashlib, the operator's name) only for a team's profile: the console's
    # start path of a single operator never loads it.
    from csp_tui.state.mirror import Mirror, mirror_path

    cache, notices = _open_cache(settings)
    copy = open_state(mirror_path(settings.locations.state_db))
    try:
        team = open_profile_state(settings)
        try:
            Mirror(copy).refresh(team)
        finally:
            team.close()
    except BaseException:
        cache.close()
        copy.close()
        raise
    return cache, copy, notices


def open_console_databases(settings: Settings) -> tuple[sqlite3.Connection,
                                                         sqlite3.Connection, list[str]]:
    """The console's own connections: opened (and migrated) as :func:`open_databases` does,
    then read-only (``query_only``: a write through them is an error, never a lock taken on
    the UI thread) and impatient (a short busy timeout: a read never freezes the screen).

    In a team the console's state is the local mirror of the shared rows (kept fresh by the
    worker's watcher): no call across the network on the console's thread."""
    if profile_state_target(settings).team:
        # As in open_reading_databases: the copy's module only for a team's profile.
        from csp_tui.state.mirror import mirror_path

        cache, notices = _open_cache(settings)
        state = open_state(mirror_path(settings.locations.state_db))
    else:
        cache, state, notices = open_databases(settings)
    for database in (cache, state):
        database.execute("PRAGMA query_only = ON")
        database.execute(f"PRAGMA busy_timeout = {CONSOLE_BUSY_TIMEOUT_MS}")
    return cache, state, notices


def open_session(
    settings: Settings,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    token_provider: Any = None,
) -> Session:
    # The REST stack (httpx, MSAL, pydantic models) and the call log load on the worker's
    # thread, after the console's first frame: open_console_databases above is all the start
    # path needs.
    from csp_tui.partner_center.auth import token_provider_for
    from csp_tui.partner_center.client import PartnerCenterClient
    from csp_tui.partner_center.ratelimit import RateLimiter
    from csp_tui.state import command_log

    cache, state, notices = open_databases(settings)
    profile = settings.profile
    if transport is None and profile.is_sandbox:
        transport = sandbox_transport_for(settings)
    base_url = SANDBOX_BASE_URL if profile.is_sandbox else profile.base_url
    limiter = RateLimiter(profile.rate_limit_per_minute)

    def record(call: CallRecord) -> None:
        command_log.append(
            state,
            at=call.at.isoformat().replace("+00:00", "Z"),
            method=call.method,
            path=call.path,
            status=call.status,
            duration_ms=call.duration_ms,
            request_id=call.request_id,
            correlation_id=call.correlation_id,
            error=call.error,
        )

    provider = token_provider or token_provider_for(settings)
    if profile_state_target(settings).team:
        _name_the_operator(provider)
    client = PartnerCenterClient(
        base_url,
        provider,
        transport=transport,
        locale=profile.locale,
        timeout=profile.request_timeout_seconds,
        rate_limiter=limiter,
        on_call=record,
    )
    return Session(settings=settings, cache=cache, state=state, client=client, limiter=limiter,
                   transport=transport, notices=notices)


def _name_the_operator(provider: Any) -> None:
    """A team's shared rows carry the signed-in user's UPN where the token cache knows it
    (read locally, no network); else ``user@host`` (``state/operator.py``)."""
    # The operator's name (getpass) is the worker's business: on its thread, after the first
    # frame.
    from csp_tui.state.operator import set_signed_in

    account = getattr(provider, "signed_in_account", None)
    if account is None:
        return
    try:
        set_signed_in(account())
    except Exception:  # an unreadable token cache: the operator is user@host meanwhile
        log.debug("no signed-in account for the team's rows", exc_info=True)


async def seed_sandbox_demo(session: Session) -> int:
    """The sandbox demo's invitations, recorded once per state.db (sandbox profiles only; 0
    otherwise): the emulator's demo story, handed by this factory to the use case that records
    it. Imported when a sandbox session asks: neither is on the console's start path."""
    # The emulator's story and the invitations use case (the REST stack): sandbox only, late.
    from csp_tui.sandbox.demo_invitations import demo_invitations
    from csp_tui.services.sandbox_demo import record_demo_invitations

    return await record_demo_invitations(session, demo_invitations)
