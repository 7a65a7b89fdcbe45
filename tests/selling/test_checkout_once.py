"""A checkout whose outcome is unknown — the process killed between sending it and recording
the answer, or the answer lost to a timeout — is looked up before anything is resent, and
Partner Center ends up with exactly one order."""

from __future__ import annotations

import socket
import subprocess
import sys

import httpx

from csp_tui.config.profiles import Role
from csp_tui.services import orders
from csp_tui.services.catalog import refresh_catalog
from csp_tui.services.order_sending import send
from csp_tui.services.outbox_runner import UNKNOWN_OUTCOME, OutboxRunner
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxState

from .shop import BUSINESS_STANDARD, FROZEN_AT, Shop, open_shop


async def _queued(shop: Shop) -> str:
    async with shop.client() as client:
        await refresh_catalog(client, shop.cache, "CZ", now=FROZEN_AT)
    draft = orders.prepare(shop.cache, shop.profile, shop.customer.id, BUSINESS_STANDARD,
                           quantity=10, term="P1Y", billing="monthly", now=FROZEN_AT)
    return orders.enqueue(shop.state, draft, "en").id


async def test_a_crash_between_checkout_and_record_makes_one_order(tmp_path) -> None:
    shop = open_shop(tmp_path, Role.INDIRECT_PROVIDER)
    entry_id = await _queued(shop)
    # The process claims the entry and the checkout reaches Partner Center; the process dies
    # before it records the answer (the entry stays "sending", claimed by a dead owner).
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    claimed = outbox.claim_next(shop.state, owner=f"{socket.gethostname()}:{dead}:gone")
    assert claimed is not None and claimed.id == entry_id
    async with shop.client() as client:
        await send(client, claimed)
    assert len(shop.customer.orders) == 1
    # Orders are missing from the customer's list for 15 minutes: the look-up must not rely
    # on it alone.
    shop.world.clock.advance(60)

    seen: list[str] = []

    async def watch(request: httpx.Request) -> None:
        seen.append(f"{request.method} {request.url.path}")

    async with shop.client() as client:
        client._http.event_hooks["request"].append(watch)  # type: ignore[attr-defined]
        runner = OutboxRunner(client, shop.state, cache=shop.cache)
        stale = outbox.recover_stale_sending(shop.state)
        assert [e.id for e in stale] == [entry_id]
        for entry in stale:
            await runner._execute(entry, checking=True)

    done = outbox.get(shop.state, entry_id)
    assert done is not None and done.state is OutboxState.DONE
    assert len(shop.customer.orders) == 1
    assert done.result is not None and done.result["order_ids"] == [shop.customer.orders[0].id]
    # Looked up first: the orders list, then the cart (found Ordered), and the checkout only
    # replayed under its first MS-RequestId.
    assert seen[0].endswith("/orders")
    assert any(s.startswith("GET") and "/carts/" in s for s in seen)


async def test_a_timeout_after_the_checkout_is_checked_before_a_resend(tmp_path) -> None:
    shop = open_shop(tmp_path, Role.DIRECT)
    entry_id = await _queued(shop)

    class LoseTheCheckoutAnswer(httpx.AsyncBaseTransport):
        """The checkout is acted on, and its answer never arrives (once)."""

        def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
            self.inner = inner
            self.lost = 0

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await self.inner.handle_async_request(request)
            if request.url.path.endswith("/checkout") and not self.lost:
                self.lost += 1
                await response.aread()
                raise httpx.ReadTimeout("the answer was lost", request=request)
            return response

    lossy = LoseTheCheckoutAnswer(shop.transport)
    shop.transport = lossy  # type: ignore[assignment]
    keys: list[str] = []

    async def watch(request: httpx.Request) -> None:
        if request.url.path.endswith("/checkout"):
            keys.append(request.headers["MS-RequestId"])

    async with shop.client() as client:
        client._http.event_hooks["request"].append(watch)  # type: ignore[attr-defined]
        runner = OutboxRunner(client, shop.state, cache=shop.cache)
        await runner.run_once()
    assert lossy.lost == 1
    # The checkout was resent under the same MS-RequestId and answered from the first one.
    assert len(keys) == 2 and keys[0] == keys[1]
    done = outbox.get(shop.state, entry_id)
    assert done is not None and done.state is OutboxState.DONE
    assert len(shop.customer.orders) == 1
    assert len(shop.customer.carts) == 1


async def test_an_unknown_outcome_left_in_the_queue_is_looked_up_first(tmp_path) -> None:
    """An entry that a timeout sent back to the queue (error "timeout") is checked before it
    is sent again: the order is found and nothing is sent a second time."""
    shop = open_shop(tmp_path, Role.INDIRECT_PROVIDER)
    entry_id = await _queued(shop)
    claimed = outbox.claim_next(shop.state)
    assert claimed is not None
    async with shop.client() as client:
        await send(client, claimed)
    outbox.mark_retry(shop.state, entry_id, next_attempt_at="2000-01-01T00:00:00Z",
                      code=UNKNOWN_OUTCOME, message="timed out")
    shop.world.clock.advance(20 * 60)  # now also in the customer's order list
    sent: list[str] = []

    async def watch(request: httpx.Request) -> None:
        if request.method == "POST":
            sent.append(request.url.path)

    async with shop.client() as client:
        client._http.event_hooks["request"].append(watch)  # type: ignore[attr-defined]
        await OutboxRunner(client, shop.state, cache=shop.cache).run_once()
    done = outbox.get(shop.state, entry_id)
    assert done is not None and done.state is OutboxState.DONE
    assert sent == []  # found in the orders list: no cart, no checkout sent again
    assert len(shop.customer.orders) == 1


async def test_a_resend_under_the_same_key_is_answered_from_the_first_checkout(tmp_path) -> None:
    """Without any look-up, the cart and the checkout are replayed by their MS-RequestId."""
    shop = open_shop(tmp_path, Role.INDIRECT_PROVIDER)
    entry_id = await _queued(shop)
    entry = outbox.get(shop.state, entry_id)
    assert entry is not None
    async with shop.client() as client:
        first = await send(client, entry)
        again = await send(client, entry)
    assert first["order_ids"] == again["order_ids"]
    assert len(shop.customer.orders) == 1 and len(shop.customer.carts) == 1
