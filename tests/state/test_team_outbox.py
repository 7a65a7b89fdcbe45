"""Exactly once across a team: several processes on one PostgreSQL outbox.

Real processes (spawned), a real PostgreSQL (tests/state_engines.py), a stand-in Partner Center
that records every POST /v1/customers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal

import httpx

from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.services.outbox_runner import KIND_CREATE_CUSTOMER, OutboxRunner
from csp_tui.state import outbox
from csp_tui.state.outbox import LEASE_SECONDS, OutboxState
from csp_tui.state.store import open_team_state
from csp_tui.timestamps import stamp, utcnow

from . import team_workers

PROCESSES = 4
TENANTS = 40


def _spawn() -> multiprocessing.context.SpawnContext:
    return multiprocessing.get_context("spawn")


def test_four_operators_queueing_the_same_tenants_at_once_send_each_once(pg_url):
    ctx = _spawn()
    barrier = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    prefixes = [f"pekarna{n:03d}" for n in range(TENANTS)]
    names = [f"operator{n}@desk" for n in range(PROCESSES)]
    processes = [ctx.Process(target=team_workers.operator,
                             args=(pg_url, name, prefixes, barrier, results))
                 for name in names]
    for process in processes:
        process.start()
    reports = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(30)
        assert process.exitcode == 0

    posted = [domain for _, posts, _ in reports for domain in posts]
    # Every tenant went to Partner Center, each exactly once, across all four processes.
    assert sorted(posted) == sorted(f"{p}.onmicrosoft.com" for p in prefixes)
    # Each operator asking for a tenant got the one entry the team has for it, and who queued
    # it (one of them).
    by_tenant: dict[int, set[tuple[str, str]]] = {}
    for _, _, queued in reports:
        for index, item in enumerate(queued):
            by_tenant.setdefault(index, set()).add(tuple(item))
    assert all(len(entries) == 1 for entries in by_tenant.values())
    assert {by for entries in by_tenant.values() for _, by in entries} <= set(names)
    db = open_team_state(pg_url)
    try:
        entries = outbox.list_entries(db, limit=1000)
        assert len(entries) == TENANTS
        assert all(e.state is OutboxState.DONE and e.attempts == 1 for e in entries)
    finally:
        db.close()


async def test_a_runner_killed_mid_send_is_taken_over_once_and_checked_first(pg_url):
    db = open_team_state(pg_url)
    try:
        entry = outbox.enqueue(db, kind=KIND_CREATE_CUSTOMER,
                               payload=team_workers.tenant_payload("sklarna"),
                               subject="Sklárna", dedupe_key="sklarna.onmicrosoft.com")
        ctx = _spawn()
        ready = ctx.Queue()
        doomed = ctx.Process(target=team_workers.die_mid_send, args=(pg_url, ready))
        doomed.start()
        assert ready.get(timeout=60) == entry.id
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.join(30)

        # While the lease runs, nobody else touches it (its sender might be alive).
        assert outbox.take_over_expired(db) == []
        assert outbox.claim_next(db) is None
        later = stamp_after(LEASE_SECONDS + 1)
        other = open_team_state(pg_url)
        try:
            taken = outbox.take_over_expired(db, now=later)
            assert [e.id for e in taken] == [entry.id]
            # Taken by one process only: the other finds nothing to take.
            assert outbox.take_over_expired(other, now=later) == []
        finally:
            other.close()

        # The runner that took it over looks the tenant up before sending: Partner Center
        # already has it (the killed sender's request got through), so nothing is resent.
        posts: list[str] = []

        def handle(request: httpx.Request) -> httpx.Response:
            if request.method == "POST":
                posts.append(request.url.path)
                return httpx.Response(500)
            if "domains" in request.url.path:
                return httpx.Response(200)  # HEAD /v1/domains/{domain}: it exists
            return httpx.Response(200, json={"totalCount": 1, "items": [{
                "id": "5d4f7a7e-0000-4000-8000-000000000001",
                "companyProfile": {"domain": "sklarna.onmicrosoft.com",
                                   "companyName": "Sklárna"}}]})

        client = PartnerCenterClient("https://pc.test", team_workers.Tokens(),
                                     transport=httpx.MockTransport(handle),
                                     sleep=team_workers._no_sleep)
        runner = OutboxRunner(client, db)
        await runner._execute(taken[0], checking=True)
        done = outbox.get(db, entry.id)
        assert done is not None and done.state is OutboxState.DONE
        assert done.result["customer_id"] == "5d4f7a7e-0000-4000-8000-000000000001"
        assert posts == []
    finally:
        db.close()


def stamp_after(seconds: float) -> str:
    from datetime import timedelta

    from csp_tui.timestamps import parse_timestamp

    moment = parse_timestamp(utcnow())
    assert moment is not None
    return stamp(moment + timedelta(seconds=seconds))
