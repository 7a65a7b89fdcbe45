"""A refresh cycle at a distributor's scale: what 50 changes by another operator cost.

A sandbox world where the reseller lists N customers with five subscriptions each
(``--customers``; 20,000 is the goal's size). The sync reads it once in full; then another
operator (the distributor, through Partner Center's REST API) makes 50 changes to 50
customers' subscriptions; then one refresh cycle runs. The bench prints the requests of both
(counted by the client), their ratio (goal: <= 2 %), both times, whether every change is in
the cache, and the full read's time against the rate-limit floor: the requests it needs at
Partner Center's documented 500 requests a minute.

The sandbox runs in-process (no network, no pacing): the times are this machine's work, the
floor is what Partner Center's limit would make of the same requests. The refresh's sweep
budget is the profile's (5 % of 500 requests a minute over a 30-minute interval).

    python benchmarks/refresh_bench.py --customers 2000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ensure_import_paths

ensure_import_paths()

from sync_bench import FROZEN_AT, generate_world  # noqa: E402

DOCUMENTED_RATE = 500  # Partner Center: requests per minute per tenant
CHANGES = 50
GOAL_RATIO = 0.02

PROFILE = """
[profiles.sandbox]
kind = "sandbox"
rate_limit_per_minute = 1000000
request_timeout_seconds = 30
sync_concurrency = 8
sync_interval_minutes = 30
"""


async def _operator_changes(transport: Any, world: Any, count: int) -> dict[str, dict[str, Any]]:
    """Another operator changes ``count`` subscriptions of ``count`` customers (seats,
    auto-renew, suspension in turn) through the REST API; returns what each is now."""
    import httpx

    from csp_tui import sandbox_identity as identity
    from csp_tui.services.session import SANDBOX_BASE_URL

    token = identity.sandbox_token("indirect-provider", identity.PROVIDER_TENANT_ID)
    targets = []
    for customer in world.customers:
        if customer.state != "customer" or customer.reseller_id != identity.RESELLER_TENANT_ID:
            continue
        sub = next((s for s in customer.subscriptions if s.status == "active"
                    and not s.is_trial and not s.is_software), None)
        if sub is not None:
            targets.append((customer.id, sub.id))
        if len(targets) == count:
            break
    expected: dict[str, dict[str, Any]] = {}
    async with httpx.AsyncClient(transport=transport, base_url=SANDBOX_BASE_URL,
                                 headers={"Authorization": f"Bearer {token}"}) as http:
        for index, (customer_id, sub_id) in enumerate(targets):
            path = f"/v1/customers/{customer_id}/subscriptions/{sub_id}"
            body = (await http.get(path)).json()
            if index % 3 == 0:
                body["quantity"] = int(body["quantity"]) + 1
            elif index % 3 == 1:
                body["autoRenewEnabled"] = not body.get("autoRenewEnabled", False)
            else:
                body["status"] = "suspended"
            answer = await http.patch(path, json=body)
            if answer.status_code not in (200, 202):
                raise RuntimeError(f"the change was refused: {answer.text}")
            now = (await http.get(path)).json()
            expected[sub_id.lower()] = {"quantity": int(now["quantity"]),
                                        "status": now["status"],
                                        "auto_renew": bool(now.get("autoRenewEnabled"))}
    return expected


def _all_in_cache(cache: Any, expected: dict[str, dict[str, Any]]) -> int:
    shown = 0
    for sub_id, wanted in expected.items():
        row = cache.execute("SELECT quantity, status, auto_renew FROM subscriptions "
                            "WHERE lower(id) = ?", (sub_id,)).fetchone()
        if row and {"quantity": row[0], "status": row[1], "auto_renew": bool(row[2])} == wanted:
            shown += 1
    return shown


async def _run(customers: int, workdir: Path, changes: int = CHANGES) -> dict[str, Any]:
    from csp_tui.config import load_settings
    from csp_tui.sandbox.transport import sandbox_transport
    from csp_tui.services import refresh
    from csp_tui.services.session import open_session
    from csp_tui.services.sync import SyncEngine

    os.environ["CSP_TUI_HOME"] = str(workdir)
    (workdir / "config.toml").write_text(PROFILE, encoding="utf-8")
    settings = load_settings("sandbox")
    started = time.perf_counter()
    world_counts = generate_world(settings.locations.sandbox_state, customers)
    generated_s = time.perf_counter() - started
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=10**9)
    world = transport.world

    async def cycle() -> tuple[Any, float]:
        session = open_session(settings, transport=transport)
        try:
            engine = SyncEngine(session.client, session.cache, session.state, settings.profile,
                                clock=world.now)
            begin = time.perf_counter()
            result = await engine.refresh()
            return result, time.perf_counter() - begin
        finally:
            await session.aclose()

    full, full_s = await cycle()
    if full.cycle != refresh.FULL or not full.completed:
        raise RuntimeError(f"the first read was not a complete full read: {full.error}")
    begin = time.perf_counter()
    expected = await _operator_changes(transport, world, changes)
    changes_s = time.perf_counter() - begin
    cycle_result, cycle_s = await cycle()
    session = open_session(settings, transport=transport)
    try:
        shown = _all_in_cache(session.cache, expected)
    finally:
        await session.aclose()
    floor_s = full.requests / DOCUMENTED_RATE * 60
    sweep = refresh.sweep_size(settings.profile)
    interval = settings.profile.sync_interval_minutes
    return {
        "customers": world_counts["customers_listed"],
        "subscriptions": world_counts["subscriptions_listed"],
        "world_generated_s": round(generated_s, 1),
        "full_read": {"requests": full.requests, "seconds": round(full_s, 1),
                      "floor_at_500_per_minute_s": round(floor_s, 1),
                      "floor_at_500_per_minute_h": round(floor_s / 3600, 2)},
        "changes": {"made": len(expected), "seconds": round(changes_s, 1)},
        "refresh": {"kind": cycle_result.cycle, "requests": cycle_result.requests,
                    "seconds": round(cycle_s, 1), "reread": cycle_result.reread,
                    "changes_in_cache": shown,
                    "floor_at_500_per_minute_s": round(
                        cycle_result.requests / DOCUMENTED_RATE * 60, 1)},
        "ratio": round(cycle_result.requests / max(full.requests, 1), 4),
        "goal_ratio": GOAL_RATIO,
        "sweep_per_cycle": sweep,
        "max_age_hours": round(math.ceil(world_counts["customers_listed"] / sweep)
                               * interval / 60, 1),
        "frozen_at": FROZEN_AT.isoformat(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--changes", type=int, default=CHANGES,
                        help="changes another operator makes (default 50)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="refresh-bench-") as workdir:
        figures = asyncio.run(_run(args.customers, Path(workdir), args.changes))
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0 if figures["refresh"]["changes_in_cache"] == figures["changes"]["made"] else 1
    full, cycle = figures["full_read"], figures["refresh"]
    print(f"world: {figures['customers']} customers, {figures['subscriptions']} subscriptions")
    print(f"full read: {full['requests']} requests in {full['seconds']} s "
          f"(floor at {DOCUMENTED_RATE}/min: {full['floor_at_500_per_minute_s']} s = "
          f"{full['floor_at_500_per_minute_h']} h)")
    print(f"{figures['changes']['made']} changes by another operator")
    print(f"refresh ({cycle['kind']}): {cycle['requests']} requests in {cycle['seconds']} s "
          f"(floor {cycle['floor_at_500_per_minute_s']} s); re-read {cycle['reread']}; "
          f"{cycle['changes_in_cache']}/{figures['changes']['made']} changes in the cache")
    verdict = "meets" if figures["ratio"] <= GOAL_RATIO else "misses"
    print(f"ratio: {figures['ratio']:.2%} of the full read ({verdict} the goal of "
          f"{GOAL_RATIO:.0%})")
    print(f"sweep: {figures['sweep_per_cycle']} customers a cycle; oldest data at most "
          f"{figures['max_age_hours']} h old")
    return 0 if cycle["changes_in_cache"] == figures["changes"]["made"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
