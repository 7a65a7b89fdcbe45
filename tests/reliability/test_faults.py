"""The sync against a misbehaving Partner Center, over real HTTP on loopback.

``tests/sync/test_sync_sandbox.py`` covers the same fault kinds through the in-process
transport; here they travel through uvicorn and httpx's real connection pool (a real socket
closed mid-body, a real read timeout), and they are injected twice: on the first requests
(the listing) and again in the middle of the detail reads, while four workers are in flight.

After each run: both databases pass ``integrity_check``/``foreign_key_check``, the rows of
state.db are untouched, and the next clean sync leaves exactly the cache an undisturbed sync
leaves.
"""

from __future__ import annotations

from typing import Any

import pytest

from csp_tui.services import events
from csp_tui.state import invitations
from csp_tui.state.db import open_state

from .conftest import (
    RotatingTokenProvider,
    cache_snapshot,
    integrity_problems,
    loopback_home,
    rows_changed,
    run_sync,
    snapshot_loss,
    state_rows,
)

# (scenario, faults on the first requests, faults re-armed mid-sync, extra settings)
SCENARIOS: list[tuple[str, list[str], list[str], dict[str, Any]]] = [
    # Each 429 says "Retry-After: 1" and the client pauses every worker for it.
    ("429 burst (Retry-After honoured)", ["429"] * 2, ["429"] * 6, {"retry_after_seconds": 0}),
    ("500/503 answers", ["500", "503"], ["503", "500"] * 4, {"error_rate": 0.03, "seed": 5}),
    ("request timeouts", ["timeout"] * 2, ["timeout"] * 4, {"hang_seconds": 20}),
    ("connection dropped mid-body", ["drop"] * 2, ["drop"] * 6, {}),
    ("malformed JSON answers", ["malformed"] * 2, ["malformed"] * 6, {}),
]


def _seed_state(settings) -> None:
    """Something state.db must keep whatever happens to the network."""
    state = open_state(settings.locations.state_db)
    try:
        invitations.record(state, company_name="Nikde Nic s.r.o.", contact_name="Jana Nováková",
                           contact_email="jana@nikde.example", domain="nikde-nic.example",
                           link="https://admin.microsoft.com/Adminportal/x")
    finally:
        state.close()


@pytest.mark.parametrize(("scenario", "first", "again", "extra"), SCENARIOS,
                         ids=[s[0].split(" (")[0] for s in SCENARIOS])
async def test_sync_under_faults_loses_nothing(sandbox, clean_snapshot, tmp_path, secret_registry,
                                               reliability, scenario, first, again, extra):
    _home, settings = loopback_home(tmp_path, sandbox.url)
    _seed_state(settings)
    state_before = state_rows(settings.locations.state_db)
    before = sandbox.counters()
    sandbox.faults(forced=first, **extra)
    rearmed: list[int] = []

    def publish(event: events.Event) -> None:
        # Mid-sync, with four workers reading details in parallel: the same faults again.
        if isinstance(event, events.SyncProgress) and event.phase == "details" \
                and event.done == 10 and not rearmed:
            rearmed.append(event.done)
            sandbox.faults(forced=again)

    faulty = await run_sync(settings, RotatingTokenProvider(secret_registry), publish=publish)
    injected = reliability.sandbox_faults(before, sandbox.counters())
    problems = (integrity_problems(settings.locations.cache_db)
                + integrity_problems(settings.locations.state_db))
    sandbox.reset()

    again_result = await run_sync(settings, RotatingTokenProvider(secret_registry))
    after = cache_snapshot(settings.locations.cache_db)
    lost = snapshot_loss(clean_snapshot, after) + rows_changed(
        state_before, state_rows(settings.locations.state_db)) + len(problems)
    reliability.record(f"sync: {scenario}", lost=lost, notes=[f"faulty sync ok={faulty.ok}"])

    assert problems == []
    assert rearmed, "the faults were re-armed in the middle of the detail reads"
    assert injected >= len(first) + len(again)
    # Every kind asked for was really injected, as often as asked (500/503 also at random).
    for kind in set(first + again):
        assert reliability.faults[kind] >= (first + again).count(kind), reliability.faults
    assert reliability.operations == {"sync": 2}
    assert again_result.ok, again_result.error
    assert after == clean_snapshot
    assert lost == 0
    if faulty.ok:  # the client's retries absorbed everything: the same cache already
        assert faulty.customers_done == len(clean_snapshot["customers"])
