"""Serving the sandbox over HTTP on loopback (``csp-tui sandbox serve``), and for tests.

Loopback only: the sandbox is demo data with controls anybody who reaches the port can use, so it
must never be reachable from another machine. A non-loopback host is refused before anything
listens.

A served sandbox honours only tokens it issued (:mod:`csp_tui.sandbox.tokens`): the one given
as ``token`` (``csp-tui sandbox serve --token``; generated when not given), acting as the
world's default caller, and those issued through ``/_emulator/auth`` to a holder of it.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csp_tui.domain.hosts import is_loopback
from csp_tui.i18n import t
from csp_tui.sandbox.faults import FaultConfig
from csp_tui.sandbox.tokens import TokenBook, new_secret_token
from csp_tui.sandbox_identity import DEFAULT_CUSTOMERS

if TYPE_CHECKING:
    import uvicorn
    from starlette.applications import Starlette


class NotLoopbackError(ValueError):
    """The sandbox was asked to listen on an address other machines could reach."""

    def __init__(self, host: str) -> None:
        super().__init__(t("sandbox.server.not_loopback", host=host))
        self.host = host


def check_loopback(host: str) -> str:
    """``host`` (without brackets) if it is a loopback address, else :class:`NotLoopbackError`."""
    name = host.strip().strip("[]")
    if not is_loopback(name.lower()):
        raise NotLoopbackError(host)
    return name


class _HideInjectedDrops(logging.Filter):
    """A ``drop`` fault is deliberate: uvicorn need not print its traceback as an error."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Lazy, as every Starlette-side import here: ``csp-tui sandbox reset`` loads this
        # module to delete a file and needs neither the app nor uvicorn.
        from csp_tui.sandbox.middleware import DroppedConnection

        return not (record.exc_info and isinstance(record.exc_info[1], DroppedConnection))


def _quiet_injected_drops() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _HideInjectedDrops) for f in logger.filters):
        logger.addFilter(_HideInjectedDrops())


def _config(app: Starlette, host: str, port: int, **extra: Any) -> uvicorn.Config:
    import uvicorn

    _quiet_injected_drops()
    return uvicorn.Config(app, host=host, port=port, lifespan="off", log_level="warning",
                          access_log=False, **extra)


def _app(*, customers: int, latency_ms: int, seed: int, state_path: Path | None,
         rate_limit: int, token: str, faults: FaultConfig | dict[str, Any] | None = None
         ) -> Starlette:
    # Starlette's side, lazy as above: `csp-tui sandbox reset` needs only reset().
    from csp_tui.sandbox.app import create_sandbox, sandbox_context

    if faults is None:
        faults = FaultConfig(latency_ms=latency_ms)
    app, _ = create_sandbox(state_path, seed=seed, customers=customers, faults=faults,
                            rate_limit=rate_limit, tokens=TokenBook(issued_only=True))
    # Like a sign-in done before the server started: approved with MFA.
    sandbox_context(app).issue_token(token=token, mfa=True)
    return app


def served_faults(*, latency_ms: int, seed: int, variation: bool = True) -> FaultConfig:
    """The fault settings ``csp-tui sandbox serve`` starts with."""
    return FaultConfig(latency_ms=latency_ms, seed=seed, variation=variation)


def served_token(token: str | None) -> str:
    """The token a served sandbox honours: the given one, else a new one nobody can guess."""
    token = (token or "").strip()
    if token.lower().startswith("bearer "):
        token = token[7:].strip()
    return token or new_secret_token()


def serve(
    *,
    host: str = "127.0.0.1",
    port: int,
    customers: int = DEFAULT_CUSTOMERS,
    latency_ms: int = 0,
    seed: int = 7,
    state_path: Path | None = None,
    rate_limit: int = 500,
    variation: bool = True,
    token: str | None = None,
) -> None:
    """Serve the sandbox until interrupted (Ctrl+C); only ``token`` (and tokens issued to its
    holder) is honoured.

    Served, it answers with Partner Center's documented variation by default (202 + Location,
    PascalCase bodies, 409 around renewals; seeded by ``seed``; ``POST /_emulator/faults
    {"variation": false}`` turns it off)."""
    import uvicorn

    host = check_loopback(host)
    app = _app(customers=customers, latency_ms=latency_ms, seed=seed, state_path=state_path,
               rate_limit=rate_limit, faults=served_faults(latency_ms=latency_ms, seed=seed,
                                                           variation=variation),
               token=served_token(token))
    uvicorn.Server(_config(app, host, port)).run()


def start_background_server(
    port: int = 0,
    *,
    host: str = "127.0.0.1",
    customers: int = DEFAULT_CUSTOMERS,
    latency_ms: int = 0,
    seed: int = 7,
    state_path: Path | None = None,
    rate_limit: int = 500,
    faults: FaultConfig | dict[str, Any] | None = None,
    startup_timeout: float = 10.0,
    token: str | None = None,
) -> tuple[str, Callable[[], None]]:
    """Serve in a daemon thread: ``(base_url, stop)``. ``port=0`` picks a free port.
    ``token``: the one token honoured from the start (without it, none can be used: pass one
    to call ``/v1``)."""
    import uvicorn

    host = check_loopback(host)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host if host != "localhost" else "127.0.0.1", port))
    actual_port = sock.getsockname()[1]
    app = _app(customers=customers, latency_ms=latency_ms, seed=seed, state_path=state_path,
               rate_limit=rate_limit, faults=faults, token=served_token(token))
    # A request hanging on a ``timeout`` fault must not keep the server from stopping.
    server = uvicorn.Server(_config(app, host, actual_port, timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                              name=f"csp-sandbox-{actual_port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError(t("sandbox.server.start_timeout", seconds=startup_timeout))
        time.sleep(0.01)

    def stop() -> None:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()

    shown = f"[{host}]" if family == socket.AF_INET6 else host
    return f"http://{shown}:{actual_port}", stop


def reset(state_path: Path) -> bool:
    """Delete the world file (``csp-tui sandbox reset``); True if there was one."""
    path = Path(state_path)
    existed = path.exists()
    path.unlink(missing_ok=True)
    Path(str(path) + ".damaged").unlink(missing_ok=True)
    return existed
