"""``csp-tui sandbox …``: the emulator on loopback, and its controls for the embedded one."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from csp_tui.config import Settings
from csp_tui.i18n import t
from csp_tui.sandbox.server import reset, serve, served_token
from csp_tui.services.emulator_controls import SANDBOX_BASE_URL, EmulatorControls
from csp_tui.services.session import sandbox_transport_for


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    given = getattr(args, "token", None)
    token = served_token(given)
    print(t("sandbox.serving", url=f"http://127.0.0.1:{args.port}"), file=sys.stderr)
    if given:
        print(t("sandbox.serve.token_given"), file=sys.stderr)
    else:
        # Shown here once, on the terminal that started the server, and nowhere else: the
        # sandbox honours no other token (see csp_tui.sandbox.tokens).
        print(t("sandbox.serve.token_generated", token=token), file=sys.stderr)
    try:
        serve(host="127.0.0.1", port=args.port, customers=args.customers,
              latency_ms=args.latency_ms, seed=args.seed,
              state_path=Path(args.state) if args.state else None,
              rate_limit=args.rate_limit, token=token)
    except OSError as exc:
        print(t("sandbox.serve_failed", error=exc.strerror or str(exc)), file=sys.stderr)
        return 1
    return 0


def _require_sandbox(settings: Settings) -> bool:
    if not settings.profile.is_sandbox:
        print(t("sandbox.not_sandbox", profile=settings.profile.name), file=sys.stderr)
        return False
    return True


def run_reset(args: argparse.Namespace, settings: Settings) -> int:
    if not _require_sandbox(settings):
        return 2
    locations = settings.locations
    reset(locations.sandbox_state)
    # The cache describes the old world; it is rebuildable, so it goes too. state.db (the
    # ledger, drafts, the command log) is the user's and stays.
    for suffix in ("", "-wal", "-shm"):
        Path(str(locations.cache_db) + suffix).unlink(missing_ok=True)
    print(t("sandbox.reset_done", path=str(locations.sandbox_state)))
    return 0


def _emulator(settings: Settings) -> EmulatorControls:
    """The controls of the profile's embedded emulator."""
    return EmulatorControls(sandbox_transport_for(settings), SANDBOX_BASE_URL)


def run_accept(args: argparse.Namespace, settings: Settings) -> int:
    if not _require_sandbox(settings):
        return 2
    response = asyncio.run(_emulator(settings).accept_invitation(args.domain))
    if response.status_code >= 400:
        print(t("sandbox.accept_failed", domain=args.domain, status=response.status_code),
              file=sys.stderr)
        return 1
    print(t("sandbox.accepted", domain=args.domain))
    return 0


def run_advance(args: argparse.Namespace, settings: Settings) -> int:
    if not _require_sandbox(settings):
        return 2
    seconds = args.days * 86400 + args.hours * 3600
    response = asyncio.run(_emulator(settings).advance_clock(seconds=seconds))
    if response.status_code >= 400:
        print(response.text, file=sys.stderr)
        return 1
    try:
        now = json.loads(response.text).get("now", "")
    except ValueError:
        now = ""
    print(t("sandbox.advanced", now=now))
    return 0
