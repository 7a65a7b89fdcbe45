"""A full sync and a one-customer sync end the same way, whatever stops them (one function,
``SyncEngine._run``): a cancelled run is recorded as interrupted *with its message*, and its
``SyncFinished`` says so — the one-customer sync used to record none."""

from __future__ import annotations

import asyncio

import pytest

from csp_tui.sandbox.faults import FaultConfig
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.sandbox.world import World
from csp_tui.services import events
from csp_tui.services.session import open_session
from csp_tui.services.sync import SyncEngine


@pytest.mark.parametrize("kind", ["full", "customer"])
async def test_a_cancelled_sync_records_why(settings, kind: str) -> None:
    # Every request takes 200 ms: the run is surely still reading when it is cancelled.
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000,
                                  faults=FaultConfig(latency_ms=200))
    customer_id = World.load(settings.locations.sandbox_state).customers[0].id
    session = open_session(settings, transport=transport)
    seen: list[events.Event] = []
    try:
        engine = SyncEngine(session.client, session.cache, session.state, settings.profile,
                            publish=seen.append)
        run = engine.full_sync() if kind == "full" else engine.sync_customer(customer_id)
        task = asyncio.ensure_future(run)
        while not any(isinstance(event, events.SyncStarted) for event in seen):
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        rows = session.cache.execute(
            "SELECT kind, status, error FROM sync_runs").fetchall()
    finally:
        await session.aclose()
    assert rows == [(kind, "interrupted", "cancelled")]
    (finished,) = [event for event in seen if isinstance(event, events.SyncFinished)]
    assert (finished.kind, finished.ok, finished.error) == (kind, False, "cancelled")
