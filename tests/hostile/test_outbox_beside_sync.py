"""A queued write is sent while a sync is stuck on a slow read, not after it."""

from __future__ import annotations

import asyncio
import threading

import httpx

from csp_tui.services.worker import WorkerBackend
from csp_tui.state import outbox

from .fake_pc import FakePartnerCenter, StaticTokens, customer, hostile_settings


async def test_the_outbox_is_served_while_the_listing_is_stuck(isolated_home):
    listing_started = threading.Event()
    release = threading.Event()
    listing_finished = threading.Event()
    posted = threading.Event()

    async def stuck():
        listing_started.set()
        yield b'{"items": ['
        try:
            while not release.is_set():  # a byte now and then: no read ever times out
                await asyncio.sleep(0.02)
                yield b" "
            yield b"]}"
        finally:
            listing_finished.set()

    def qualification(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            posted.set()
            return httpx.Response(201, json={"qualification": "Education",
                                             "vettingStatus": "InReview"})
        return httpx.Response(200, json=[])

    fake = FakePartnerCenter(customers=[customer("c1")])
    fake.routes["/v1/customers"] = lambda request: httpx.Response(200, content=stuck())
    fake.routes["/v1/customers/c1/qualifications"] = qualification
    # The deadline is far away: only serving the outbox beside the sync can send the write.
    settings = hostile_settings(isolated_home, timeout=30)
    backend = WorkerBackend(settings, transport=fake.transport(), token_provider=StaticTokens(),
                            periodic=False)
    await backend.start()
    try:
        backend.request_sync()
        assert await asyncio.to_thread(listing_started.wait, 30)
        # Queued as the console queues it: through the back end's writer.
        await asyncio.wrap_future(backend.write(lambda session: outbox.enqueue(
            session.state, kind=outbox.KIND_CREATE_QUALIFICATION,
            payload={"customer_id": "c1", "body": {"qualification": "Education"}},
            subject="Education", customer_id="c1")))
        backend.kick_outbox()
        assert await asyncio.to_thread(posted.wait, 30)
        assert not listing_finished.is_set(), "the write waited for the sync"
    finally:
        release.set()
        await backend.stop()
