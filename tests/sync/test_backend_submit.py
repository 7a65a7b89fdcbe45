"""Work asked of the worker before it is up waits for it rather than failing: the console
paints before the worker starts, and a quick hand can open a screen that needs data first."""

from __future__ import annotations

import asyncio

import pytest

from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.services.worker import WorkerBackend


async def test_work_submitted_before_start_runs_once_the_worker_is_ready(settings):
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)
    backend = WorkerBackend(settings, transport=transport, periodic=False)

    async def customer_count(session):
        return len(await session.client.list_customers())

    early = backend.submit(customer_count)
    assert not early.done()
    await backend.start()
    try:
        first = await asyncio.wait_for(asyncio.wrap_future(early), 30)
        assert first > 0
        # and after start, the ordinary path still works and sees the same customers
        later = await asyncio.wait_for(asyncio.wrap_future(backend.submit(customer_count)), 30)
        assert later == first
    finally:
        await backend.stop()


async def test_a_failure_in_early_work_reaches_the_caller(settings):
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)
    backend = WorkerBackend(settings, transport=transport, periodic=False)

    async def broken(session):
        raise ValueError("no such thing")

    early = backend.submit(broken)
    await backend.start()
    try:
        with pytest.raises(ValueError, match="no such thing"):
            await asyncio.wait_for(asyncio.wrap_future(early), 30)
    finally:
        await backend.stop()


async def test_after_stop_work_is_refused_at_once(settings):
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)
    backend = WorkerBackend(settings, transport=transport, periodic=False)
    await backend.start()
    await backend.stop()
    with pytest.raises(RuntimeError, match="not running"):
        backend.submit(lambda session: asyncio.sleep(0))
