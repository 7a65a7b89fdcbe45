"""``kill -9`` of ``csp-tui order`` with the checkout on the wire: the next process looks the
order up before sending anything again, and Partner Center ends up with exactly one order.
A real ``csp-tui`` process against the sandbox on loopback (slow answers, so the kill lands
between "claimed for sending" and "answer recorded")."""

from __future__ import annotations

import time

import pytest

from csp_tui.sandbox.world import World

from .conftest import PROVIDER, loopback_home, make_world, serve
from .test_crash import _csp_tui, _eventually, _kill, _query, _wait_until

pytestmark = pytest.mark.slow

ITEM = "CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM"  # Microsoft 365 Business Standard


def _carts_and_orders(world_path, customer_id: str) -> tuple[list[str], int]:
    try:
        world = World.load(world_path)
    except Exception:  # being written this very moment: ask again
        return [], 0
    customer = world.customer(customer_id)
    assert customer is not None
    return [cart.status for cart in customer.carts], len(customer.orders)


@pytest.mark.parametrize("restart", ["order", "sync"])
def test_order_killed_mid_checkout_makes_one_order(tmp_path, secret_registry,
                                                   restart: str) -> None:
    world_path = make_world(tmp_path / "world" / "sandbox.json", customers=12, role=PROVIDER)
    with serve(world_path) as sandbox:
        home, settings = loopback_home(tmp_path, sandbox.url, name="dist", role=PROVIDER,
                                       timeout=10)
        token = secret_registry.new("env-token")
        state_db = settings.locations.state_db
        synced = _csp_tui(home, token, "sync", "--profile", "dist", "--quiet")
        _, err = synced.communicate(timeout=120)
        assert synced.returncode == 0, err
        (customer_id,) = _query(settings.locations.cache_db,
                                "SELECT id FROM customers ORDER BY sort_key LIMIT 1")[0]
        sandbox.faults(latency_ms=400)
        order = ("order", "--customer", customer_id, "--item", ITEM, "--quantity", "10",
                 "--term", "P1Y", "--billing", "monthly", "--profile", "dist")
        first = _csp_tui(home, token, *order)
        _wait_until(lambda: _query(state_db, "SELECT state FROM outbox") == [("sending",)],
                    first, "the order claimed for sending", timeout=120)
        # The cart is made; the checkout follows (its read of the cart, then the POST, each
        # 400 ms): kill while the checkout is on the wire.
        _wait_until(lambda: _carts_and_orders(world_path, customer_id)[0] != [], first,
                    "the cart made", timeout=60)
        time.sleep(0.6)
        _kill(first)
        assert _query(state_db, "SELECT state FROM outbox") == [("sending",)]
        # The checkout outlives its sender (or never left): either way, at most one order.
        _eventually(lambda: _carts_and_orders(world_path, customer_id)[1] > 0, seconds=2)
        sandbox.faults(latency_ms=0)

        # The same command again (it resumes the waiting order) or the next sync.
        again = (_csp_tui(home, token, *order) if restart == "order"
                 else _csp_tui(home, token, "sync", "--profile", "dist", "--quiet"))
        _, err = again.communicate(timeout=120)
        assert "Traceback" not in err, err
        if restart == "order":
            assert "it is resumed, not placed twice" in err
        if _query(state_db, "SELECT state FROM outbox") != [("done",)]:
            # A checkout still being processed answers 409 800064: the entry waits a little.
            time.sleep(6)
            later = _csp_tui(home, token, "sync", "--profile", "dist", "--quiet")
            later.communicate(timeout=120)
        carts, orders = _carts_and_orders(world_path, customer_id)
        assert _query(state_db, "SELECT kind, state FROM outbox") == [("place_order", "done")]
        assert orders == 1
        assert carts == ["Ordered"]
