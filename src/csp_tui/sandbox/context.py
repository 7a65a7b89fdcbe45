"""One sandbox's shared state: its world, where it is saved, the tokens it honours, its rate
limiter, its faults and its memory of idempotent replays.

Replays of writes are remembered in memory with the full response; the world file keeps a copy
*without* ``userCredentials.password``. After a restart, retrying a create with the same
``MS-RequestId`` still creates nothing and answers 201 with the customer and the user name, but
the temporary password is gone (it was shown once)."""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from pathlib import Path

from csp_tui.sandbox.entities import Caller
from csp_tui.sandbox.faults import AuthFaults, FaultInjector
from csp_tui.sandbox.ratelimit import RateLimiter
from csp_tui.sandbox.tokens import IssuedToken, TokenBook
from csp_tui.sandbox.world import World, WorldFileError

log = logging.getLogger(__name__)


MEMORY_REPLAYS = 2000
PERSISTED_REPLAYS = 500


def bearer(authorization: str | None) -> str:
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


class SandboxContext:
    """One sandbox: its world, where it is saved, its limiter, faults and replay memory."""

    def __init__(self, world: World, *, state_path: Path | None, faults: FaultInjector,
                 limiter: RateLimiter, auth: AuthFaults | None = None,
                 tokens: TokenBook | None = None) -> None:
        self.world = world
        #: The tokens this sandbox honours (embedded by default: no setup).
        self.tokens = tokens or TokenBook()
        self.state_path = Path(state_path) if state_path else None
        self.faults = faults
        self.limiter = limiter
        self.auth = auth or AuthFaults()
        self.replays: OrderedDict[str, tuple[int, list[tuple[bytes, bytes]], bytes]] = (
            OrderedDict())
        self._file_signature: tuple[int, int, int] | None = self._signature()

    def _signature(self) -> tuple[int, int, int] | None:
        if self.state_path is None:
            return None
        try:
            stat = self.state_path.stat()
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def refresh_from_disk(self) -> None:
        """Another process (``csp-tui sandbox accept``) may have changed the file: adopt it."""
        if self.state_path is None:
            return
        signature = self._signature()
        if signature is None or signature == self._file_signature:
            return
        try:
            newer = World.load(self.state_path)
        except WorldFileError as exc:
            log.warning("ignoring an unreadable sandbox world file: %s", exc)
            self._file_signature = signature
            return
        self.world.adopt(newer)
        self._file_signature = signature

    def persist(self) -> None:
        if self.state_path is None or not self.world.dirty:
            return
        self.world.save(self.state_path)
        self.world.dirty = False
        self._file_signature = self._signature()

    def token_for(self, authorization: str | None) -> IssuedToken | None:
        """The issued token behind an ``Authorization`` header; None: no token, or one this
        sandbox did not issue (Partner Center answers 401 to both)."""
        return self.tokens.lookup(bearer(authorization))

    def issue_token(self, caller: Caller | None = None, *, mfa: bool = True,
                    token: str | None = None) -> str:
        """Honour ``token`` (a new one when None) for ``caller`` (default: the world's)."""
        return self.tokens.issue(caller or self.world.default_caller, mfa=mfa, token=token)

    # -- idempotency ----------------------------------------------------------------------

    def replay(self, key: str) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        with self.world.lock:
            if key in self.replays:
                return self.replays[key]
            self.refresh_from_disk()
            for entry in self.world.replays:
                if entry.get("key") == key:
                    body = str(entry.get("body", "")).encode()
                    headers = [(b"content-type", b"application/json")]
                    return int(entry.get("status", 200)), headers, body
        return None

    def remember(self, key: str, status: int, headers: list[tuple[bytes, bytes]],
                 body: bytes) -> None:
        # The persisted copy never holds a password.
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = None
        if isinstance(parsed, dict) and isinstance(parsed.get("userCredentials"), dict):
            parsed["userCredentials"].pop("password", None)
        text = json.dumps(parsed, ensure_ascii=False) if parsed is not None else ""
        with self.world.lock:
            self.replays[key] = (status, headers, body)
            while len(self.replays) > MEMORY_REPLAYS:
                self.replays.popitem(last=False)
            self.world.replays = [e for e in self.world.replays if e.get("key") != key]
            self.world.replays.append({"key": key, "status": status, "body": text})
            del self.world.replays[:-PERSISTED_REPLAYS]
            self.world.dirty = True
