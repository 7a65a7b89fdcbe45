"""A full sync against the sandbox served on loopback, and the console's event loop meanwhile.

The sandbox answers like Partner Center: ``latency_ms`` per request and a token bucket of
``rate`` requests per minute per partner (429 above it). The profile is an ordinary
``partner-center`` profile pointed at it, paced a little below the server's limit as production
profiles are (450/min against Partner Center's 500/min). The floor of a sync is the requests it
needs divided by the server's rate; 429s are counted by the sandbox itself.

Each run gets its own copy of one generated world and its own server, so the second run does
not start with a bucket the first one drained.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from common import BENCH_DIR, child_env, ratio, rounded
from pty_session import PtySession

FROZEN_AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
PROFILE = "loop"


SUBSCRIPTIONS_PER_CUSTOMER = 5


def generate_world(path: Path, customers: int, seed: int = 7) -> dict[str, int]:
    """A world in which the benchmark's reseller lists exactly ``customers`` customers with
    exactly five subscriptions each, as the goal is stated (2,000 × 5).

    The demo generator spreads customers over two resellers and gives each one to six
    subscriptions; the world is generated a little larger, the reseller's own customers beyond
    ``customers`` are removed, and each kept customer's subscriptions are trimmed or topped up
    from the same offer catalogue and scenarios the generator uses.
    """
    import random

    from csp_tui import sandbox_identity as identity
    from csp_tui.sandbox import demo_catalog
    from csp_tui.sandbox.entities import ROLE_RESELLER, Caller
    from csp_tui.sandbox.world import World

    caller = Caller(ROLE_RESELLER, identity.RESELLER_TENANT_ID)
    size = customers
    while True:
        world = World.generate(seed, size, now=FROZEN_AT, frozen=True)
        mine = [c for c in world.customers if world.listed(caller, c, FROZEN_AT)]
        if len(mine) >= customers:
            break
        size = int(size * customers / max(len(mine), 1)) + 10
    dropped = {id(c) for c in mine[customers:]}
    world.customers = [c for c in world.customers if id(c) not in dropped]
    rng = random.Random(f"benchmark:{seed}:subscriptions")
    offers = [demo_catalog.OFFERS[key] for key in sorted(demo_catalog.OFFERS)
              if key != "m365bp_trial"]
    for customer in mine[:customers]:
        subs = customer.subscriptions[:SUBSCRIPTIONS_PER_CUSTOMER]
        while len(subs) < SUBSCRIPTIONS_PER_CUSTOMER:
            subs.append(demo_catalog.make_subscription(
                rng, rng.choice(offers), "normal", FROZEN_AT, identity.RESELLER_MPN_ID))
        customer.subscriptions = subs
    world.save(path)
    listed = [c for c in world.customers if world.listed(caller, c, FROZEN_AT)]
    return {"customers": len(world.customers),
            "customers_listed": len(listed),
            "subscriptions": sum(len(customer.subscriptions) for customer in world.customers),
            "subscriptions_listed": sum(len(customer.subscriptions) for customer in listed)}


def profile_config(base_url: str, client_rate: int) -> str:
    from csp_tui import sandbox_identity as identity

    return f"""\
[profiles.{PROFILE}]
kind = "partner-center"
base_url = "{base_url}"
role = "indirect-reseller"
tenant_id = "{identity.RESELLER_TENANT_ID}"
indirect_provider_id = "{identity.PROVIDER_TENANT_ID}"
auth = "env-token"
language = "en"
rate_limit_per_minute = {client_rate}
sync_interval_minutes = 0
"""


def _token_env(home: Path) -> dict[str, str]:
    from csp_tui import sandbox_identity as identity

    return child_env(home, CSP_TUI_ACCESS_TOKEN=identity.sandbox_token(
        "indirect-reseller", identity.RESELLER_TENANT_ID))


def _server_counters(base_url: str) -> dict[str, int]:
    import httpx

    answer = httpx.get(f"{base_url}/_emulator/faults", timeout=10)
    answer.raise_for_status()
    return dict(answer.json()["counters"])


def _last_run(home: Path) -> dict[str, Any]:
    conn = sqlite3.connect(f"file:{home / 'profiles' / PROFILE / 'cache.db'}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT status, requests, throttled, customers_listed, customers_done, started_at, "
            "finished_at FROM sync_runs WHERE kind = 'full' ORDER BY id DESC LIMIT 1"
        ).fetchone()
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM customers WHERE removed_at IS NULL), "
            "(SELECT count(*) FROM subscriptions)").fetchone()
    finally:
        conn.close()
    if row is None:
        return {"status": "missing"}
    return {"status": row[0], "client_requests": row[1], "client_throttled": row[2],
            "customers_listed": row[3], "customers_done": row[4],
            "customers_cached": counts[0], "subscriptions_cached": counts[1]}


class ServedWorld:
    """One copy of the world, one sandbox server, one profile home pointed at it."""

    def __init__(self, workdir: Path, name: str, world: Path, *, rate: int,
                 client_rate: int, latency_ms: int) -> None:
        from csp_tui.sandbox.server import start_background_server

        self.root = workdir / name
        self.home = self.root / "home"
        self.home.mkdir(parents=True)
        copy = self.root / "sandbox.json"
        shutil.copyfile(world, copy)
        self.rate = rate
        from csp_tui import sandbox_identity as identity

        # A served sandbox honours only the token it is given: the one _token_env passes on.
        self.base_url, self._stop = start_background_server(
            port=0, state_path=copy, latency_ms=latency_ms, rate_limit=rate,
            token=identity.sandbox_token("indirect-reseller", identity.RESELLER_TENANT_ID))
        (self.home / "config.toml").write_text(profile_config(self.base_url, client_rate),
                                              encoding="utf-8")
        self.env = _token_env(self.home)

    def stop(self) -> None:
        self._stop()

    def outcome(self, elapsed: float) -> dict[str, Any]:
        counters = _server_counters(self.base_url)
        needed = counters["requests"] - counters["throttled"]
        floor = needed / (self.rate / 60)
        return {
            "elapsed_s": rounded(elapsed),
            "floor_s": rounded(floor),
            "ratio_to_floor": ratio(elapsed, floor),
            "server_requests": counters["requests"],
            "server_429s": counters["throttled"],
            **_last_run(self.home),
        }


def headless_sync(served: ServedWorld, timeout: float) -> dict[str, Any]:
    """``csp-tui sync`` (the cron/CLI path) from process start to exit."""
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-m", "csp_tui", "sync", "--profile", PROFILE, "--quiet"],
        env=served.env, capture_output=True, text=True, timeout=timeout)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"csp-tui sync failed ({process.returncode}): "
                           f"{process.stderr[-2000:]}")
    return {"method": "python -m csp_tui sync --profile loop --quiet; process start to exit",
            **served.outcome(elapsed)}


def console_sync(served: ServedWorld, timeout: float,
                 log: Callable[[str], None] = print) -> dict[str, Any]:
    """The console in a pty: first paint, ``r`` (sync), then the probe's lag record."""
    import json

    from csp_tui.i18n import set_language, t

    set_language("en")
    out = served.root / "probe.json"
    argv = [sys.executable, str(BENCH_DIR / "console_probe.py"), "--profile", PROFILE,
            "--out", str(out)]
    with PtySession(argv, served.env) as session:
        session.until_text(t("tui.pane.customers") + " (0)", 60)
        session.settle()
        started = time.perf_counter()
        session.press("r", lambda s: True)
        status = session.wait_exit(timeout)
        elapsed = time.perf_counter() - started
        if status is None:
            raise RuntimeError(f"the console's sync did not finish within {timeout:.0f} s")
        log(f"  console sync finished in {elapsed:.1f} s (exit {status})")
    probe = json.loads(out.read_text(encoding="utf-8"))
    return {
        "method": "console_probe.py (CspApp + WorkerBackend) in an 80x24 pty; 'r' starts the "
                  "sync; an asyncio task on the UI loop sleeps 5 ms and records its lateness",
        "stall": probe,
        **served.outcome(probe["sync_seconds"]),
    }


def measure(workdir: Path, *, customers: int, rate: int, latency_ms: int,
            log: Callable[[str], None] = print) -> dict[str, Any]:
    world = workdir / "world.json"
    shape = generate_world(world, customers)
    client_rate = int(rate * 0.9)
    expected = (customers * 5 + customers // 500 + 1) / (rate / 60)
    timeout = max(120.0, expected * 4)
    result: dict[str, Any] = {
        "world": shape,
        "server_rate_per_minute": rate,
        "client_rate_per_minute": client_rate,
        "latency_ms": latency_ms,
    }
    served = ServedWorld(workdir, "headless", world, rate=rate, client_rate=client_rate,
                         latency_ms=latency_ms)
    try:
        result["headless"] = headless_sync(served, timeout)
    finally:
        served.stop()
    log(f"  headless sync: {result['headless']['elapsed_s']} s, "
        f"{result['headless']['ratio_to_floor']}x floor")
    served = ServedWorld(workdir, "console", world, rate=rate, client_rate=client_rate,
                         latency_ms=latency_ms)
    try:
        result["console"] = console_sync(served, timeout, log)
    finally:
        served.stop()
    return result
