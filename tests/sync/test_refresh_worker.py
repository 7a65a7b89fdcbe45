"""The worker's syncs are refresh cycles: the first reads everything, the next reads what
changed, and the status the console shows says which ran and how old the oldest data is."""

from __future__ import annotations

import asyncio
import sqlite3

from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.services import events
from csp_tui.services.worker import WorkerBackend


async def _until(condition) -> None:
    while not condition():
        await asyncio.sleep(0.02)


async def test_the_second_sync_of_the_worker_is_a_refresh(settings):
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)
    backend = WorkerBackend(settings, transport=transport, periodic=False)
    finished: asyncio.Queue[events.SyncFinished] = asyncio.Queue()
    loop = asyncio.get_running_loop()

    def on_event(event):
        if isinstance(event, events.SyncFinished):
            loop.call_soon_threadsafe(finished.put_nowait, event)

    backend.subscribe(on_event)
    await backend.start()
    try:
        backend.request_sync()
        first = await asyncio.wait_for(finished.get(), 60)
        # The status is set once the run has returned, just after its event.
        await asyncio.wait_for(_until(lambda: backend.status().cycle == "full"), 30)
        after_first = backend.status()
        backend.request_sync()
        second = await asyncio.wait_for(finished.get(), 60)
        await asyncio.wait_for(_until(lambda: backend.status().cycle == "refresh"), 30)
        after_second = backend.status()
    finally:
        await backend.stop()
    assert (first.kind, first.ok) == ("full", True)
    assert after_first.cycle == "full"
    assert (second.kind, second.ok) == ("refresh", True)
    assert after_second.cycle == "refresh"
    assert after_second.oldest_read is not None
    assert after_second.last_success_at is not None
    conn = sqlite3.connect(settings.locations.cache_db)
    try:
        kinds = [row[0] for row in conn.execute("SELECT kind FROM sync_runs ORDER BY id")]
    finally:
        conn.close()
    assert kinds == ["full", "refresh"]
