"""Tokens that stop working in the middle of a sync: expired (refresh and go on) and revoked
(stop with "sign in", lose nothing), against the sandbox on loopback through its
``/_emulator/auth`` control."""

from __future__ import annotations

import asyncio
from datetime import UTC

import httpx
import pytest

from csp_tui import cli
from csp_tui.partner_center import errors as pce
from csp_tui.sandbox.world import World
from csp_tui.services import events
from csp_tui.services.outbox_runner import OutboxRunner
from csp_tui.services.session import open_session
from csp_tui.services.subscriptions import plan_action, queue_action
from csp_tui.services.sync import SyncEngine
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxState

from .conftest import (
    FROZEN_AT,
    PROVIDER,
    RotatingTokenProvider,
    cache_snapshot,
    integrity_problems,
    loopback_home,
    make_world,
    rows_changed,
    run_sync,
    serve,
    snapshot_loss,
    state_rows,
)


def _expire_at(sandbox, provider: RotatingTokenProvider, done: int, fired: list[str]):
    def publish(event: events.Event) -> None:
        if isinstance(event, events.SyncProgress) and event.phase == "details" \
                and event.done == done and not fired:
            fired.append(provider.current)
            sandbox.control("/_emulator/auth", {"expire": [provider.current]})
    return publish


async def test_emulator_refuses_expired_and_revoked_tokens_until_sign_in(sandbox,
                                                                          secret_registry):
    old, new = secret_registry.new("tok"), secret_registry.new("tok")

    def status(token: str) -> int:
        return httpx.get(sandbox.url + "/v1/customers?size=1", timeout=10,
                         headers={"Authorization": f"Bearer {token}"}).status_code

    assert (status(old), status(new)) == (200, 200)
    state = sandbox.control("/_emulator/auth", {"expire": [old]})
    assert old not in str(state), "the control never echoes a token"
    assert (status(old), status(new)) == (401, 200)
    sandbox.control("/_emulator/auth", {"revoke": [new]})
    assert status(secret_registry.new("tok")) == 401  # every token of that caller
    sandbox.control("/_emulator/auth", {"sign_in": True})
    assert (status(old), status(new)) == (401, 200)  # expired stays expired
    bad = httpx.post(sandbox.url + "/_emulator/auth", json={"expire": "x"}, timeout=10)
    assert bad.status_code == 400
    assert sandbox.control("/_emulator/auth")["counters"]["refused"] == 3


async def test_expired_token_mid_sync_is_refreshed_and_the_sync_completes(
        sandbox, clean_snapshot, tmp_path, secret_registry, reliability):
    _home, settings = loopback_home(tmp_path, sandbox.url)
    provider = RotatingTokenProvider(secret_registry)
    fired: list[str] = []
    refused_before = sandbox.control("/_emulator/auth")["counters"]["refused"]

    result = await run_sync(settings, provider, publish=_expire_at(sandbox, provider, 8, fired))

    refused = reliability.auth_refusals(
        refused_before, sandbox.control("/_emulator/auth")["counters"]["refused"])
    after = cache_snapshot(settings.locations.cache_db)
    lost = snapshot_loss(clean_snapshot, after)
    reliability.record("sync: access token expires mid-sync (refreshed)", lost=lost)
    assert fired, "the token was expired while the details were being read"
    assert refused >= 1 and provider.refreshes >= 1
    assert result.ok, result.error
    assert integrity_problems(settings.locations.cache_db) == []
    assert after == clean_snapshot
    assert lost == 0


def _quantity_plan(settings, cache):  # type: ignore[no-untyped-def]
    """A planned quantity increase the new-commerce rules allow."""
    rows = cache.execute(
        "SELECT id, quantity FROM subscriptions WHERE status = 'active' AND kind = 'online' "
        "ORDER BY id").fetchall()
    for sub_id, quantity in rows:
        plan = plan_action(cache, sub_id, "change_quantity", quantity + 1, now=FROZEN_AT,
                           profile=settings.profile, zone=UTC)
        if plan.allowed:
            return plan
    raise AssertionError("no subscription accepts a quantity increase")


async def test_revoked_sign_in_mid_sync_asks_for_sign_in_and_loses_nothing(
        tmp_path, secret_registry, reliability):
    # Its own sandbox: the queued change is sent at the end and changes that world. The
    # distributor's profile, because Partner Center refuses subscription changes to an
    # indirect reseller.
    world_path = make_world(tmp_path / "world" / "sandbox.json", role=PROVIDER)
    with serve(world_path) as sandbox:
        _home, settings = loopback_home(tmp_path, sandbox.url, role=PROVIDER)
        provider = RotatingTokenProvider(secret_registry)
        first = await run_sync(settings, provider)
        assert first.ok, first.error
        clean_snapshot = cache_snapshot(settings.locations.cache_db)
        reliability.begin()  # the scenario starts with a synced profile
        refused_before = sandbox.control("/_emulator/auth")["counters"]["refused"]

        # A change waits in the outbox when the sign-in is revoked.
        session = open_session(settings, token_provider=provider)
        plan = _quantity_plan(settings, session.cache)
        customer_id, sub_id, quantity = plan.customer_id, plan.subscription_id, plan.value
        entry = queue_action(session.state, plan, customer_id=customer_id,
                             subscription_id=sub_id, profile=settings.profile)
        state_before = state_rows(settings.locations.state_db)
        revoked: list[int] = []

        def revoke(event: events.Event) -> None:
            if isinstance(event, events.SyncProgress) and event.phase == "details" \
                    and event.done == 8 and not revoked:
                revoked.append(event.done)
                sandbox.control("/_emulator/auth", {"revoke_all": True})

        engine = SyncEngine(session.client, session.cache, session.state, settings.profile,
                            publish=revoke)
        runner = OutboxRunner(session.client, session.state)
        try:
            with pytest.raises(pce.AuthenticationError):
                await engine.full_sync()
            # No detail reader is left running once the sync has given up.
            leftovers = [task for task in asyncio.all_tasks()
                         if "_read_details" in repr(task.get_coro()) and not task.done()]
            with pytest.raises(pce.AuthenticationError):
                await runner.run_once()
            waiting = outbox.get(session.state, entry.id)
            run_status = session.cache.execute(
                "SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1").fetchone()[0]
        finally:
            await session.aclose()
        refused = reliability.auth_refusals(
            refused_before, sandbox.control("/_emulator/auth")["counters"]["refused"])
        problems = (integrity_problems(settings.locations.cache_db)
                    + integrity_problems(settings.locations.state_db))
        state_after_revoke = state_rows(settings.locations.state_db)
        partial = cache_snapshot(settings.locations.cache_db)

        # The person signs in again: the next sync and the outbox finish the job.
        sandbox.control("/_emulator/auth", {"sign_in": True})
        again = await run_sync(settings, provider)
        after = cache_snapshot(settings.locations.cache_db)
        session = open_session(settings, token_provider=provider)
        try:
            # The entry backs off instead of knocking again at once; its retry comes due.
            session.state.execute("UPDATE outbox SET next_attempt_at = NULL WHERE id = ?",
                                       (entry.id,))
            sent = await OutboxRunner(session.client, session.state).run_once()
            done = outbox.get(session.state, entry.id)
            patches = session.state.execute(
                "SELECT status FROM command_log WHERE method = 'PATCH'").fetchall()
        finally:
            await session.aclose()
        world = World.load(sandbox.world_path)

    owner = world.customer(customer_id)
    assert owner is not None
    quantity_now = next(s.quantity for s in owner.subscriptions if s.id.lower() == sub_id)
    lost = (snapshot_loss(clean_snapshot, partial) + snapshot_loss(clean_snapshot, after)
            + len(problems) + rows_changed(state_before, state_after_revoke)
            + (0 if done.state is OutboxState.DONE else 1))
    reliability.record("sync + outbox: sign-in revoked mid-sync", lost=lost)

    assert revoked and refused >= 1
    assert leftovers == []
    assert run_status == "failed"  # recorded as finished, not left "running"
    assert waiting.state is OutboxState.QUEUED and waiting.idempotency_key == entry.idempotency_key
    assert waiting.next_attempt_at > waiting.updated_at  # later, not in a tight loop
    assert problems == []
    assert rows_changed(state_before, state_after_revoke) == 0
    assert partial == clean_snapshot  # the cache kept every row it had
    assert again.ok and after == clean_snapshot
    assert sent == 1 and done.state is OutboxState.DONE
    assert patches == [(200,)]  # sent once, and only after signing in again
    assert quantity_now == quantity
    assert lost == 0


def test_cli_sync_with_a_revoked_token_says_sign_in_and_exits_1(
        sandbox, tmp_path, secret_registry, monkeypatch, capsys, reliability):
    home, settings = loopback_home(tmp_path, sandbox.url)
    token = secret_registry.new("env-token")
    monkeypatch.setenv("CSP_TUI_HOME", str(home))
    monkeypatch.setenv("CSP_TUI_ACCESS_TOKEN", token)
    sandbox.control("/_emulator/auth", {"revoke": [token]})
    refused_before = sandbox.control("/_emulator/auth")["counters"]["refused"]

    code = cli.main(["sync", "--profile", "loop", "--quiet"])
    reliability.auth_refusals(refused_before,
                              sandbox.control("/_emulator/auth")["counters"]["refused"])
    refused = capsys.readouterr()
    sandbox.control("/_emulator/auth", {"sign_in": True})
    again = cli.main(["sync", "--profile", "loop", "--quiet"])
    out_again = capsys.readouterr()
    traceback = int("Traceback" in refused.err)
    reliability.record("CLI sync: revoked env token", lost=traceback + int(again != 0))

    assert code == 1
    # The profile's token comes from the environment: the way forward is a new one there.
    assert "Sign-in required" in refused.err and "CSP_TUI_ACCESS_TOKEN" in refused.err
    assert traceback == 0
    assert token not in refused.err + refused.out
    assert again == 0, out_again.err
    assert integrity_problems(settings.locations.cache_db) == []
