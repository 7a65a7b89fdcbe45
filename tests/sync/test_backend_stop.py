"""Quitting the console never waits for a running sync."""

from __future__ import annotations

import asyncio
import sqlite3
import time

from csp_tui.sandbox.faults import FaultConfig
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.services import events
from csp_tui.services.worker import WorkerBackend


async def test_stop_interrupts_a_running_sync_promptly(settings):
    # Every request takes 80 ms: a full sync of 60 customers would take many seconds.
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000,
                                  faults=FaultConfig(latency_ms=80))
    backend = WorkerBackend(settings, transport=transport, periodic=False)
    progressed = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_event(event):
        if isinstance(event, events.SyncProgress) and event.phase == "details" and event.done:
            loop.call_soon_threadsafe(progressed.set)

    backend.subscribe(on_event)
    await backend.start()
    backend.request_sync()
    await asyncio.wait_for(progressed.wait(), 30)
    started = time.monotonic()
    await backend.stop()
    assert time.monotonic() - started < 3
    conn = sqlite3.connect(settings.locations.cache_db)
    try:
        runs = conn.execute("SELECT status FROM sync_runs").fetchall()
        done = conn.execute(
            "SELECT count(*) FROM customers WHERE detail_synced_at IS NOT NULL").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert runs == [("interrupted",)]
    assert 0 < done < 60
