"""The outbox: lifecycle, dedupe, claiming across connections, crash recovery, no secrets.

On both engines (``state``: state.db, then a team's PostgreSQL), except the recovery of a
crashed sender by its process id, which is state.db's (a team's database uses leases:
tests/state/test_team_outbox.py)."""

from __future__ import annotations

import os
import socket
import threading

import pytest

from csp_tui.state import NotFoundError, SecretRejectedError, outbox
from csp_tui.state.db import open_state
from csp_tui.state.outbox import OutboxError, OutboxState

T0 = "2025-03-01T08:00:00.000000Z"
PAYLOAD = {"company_name": "Šumavská pekárna s.r.o.", "domain": "pekarnasumava.onmicrosoft.com",
           "address": {"city": "Český Krumlov", "postal_code": "381 01"}}


@pytest.fixture
def path(tmp_path):
    return tmp_path / "state.db"


@pytest.fixture
def state(store):
    return store


@pytest.fixture
def sqlite_state(path):
    db = open_state(path)
    yield db
    db.close()


def enqueue(state, n: int = 0, *, dedupe_key: str | None = None, now: str = T0):
    return outbox.enqueue(state, kind="create_customer", payload=dict(PAYLOAD, n=n),
                          subject=f"Nový tenant {n}", customer_id=None, dedupe_key=dedupe_key,
                          now=now)


def test_enqueue_creates_a_queued_entry(state):
    entry = enqueue(state)
    assert entry.state is OutboxState.QUEUED
    assert entry.attempts == 0
    assert entry.payload == dict(PAYLOAD, n=0)
    assert entry.id != entry.idempotency_key
    assert entry.created_at == entry.updated_at == T0
    assert outbox.get(state, entry.id) == entry
    assert outbox.pending_count(state) == 1
    other = enqueue(state, 1)
    assert len({entry.id, entry.idempotency_key, other.id, other.idempotency_key}) == 4


def test_full_lifecycle_with_a_retry(state):
    entry = enqueue(state)
    claimed = outbox.claim_next(state, now="2025-03-01T08:00:01Z")
    assert claimed is not None and claimed.id == entry.id
    assert claimed.state is OutboxState.SENDING and claimed.attempts == 1
    assert outbox.claim_next(state, now="2025-03-01T08:00:01Z") is None

    outbox.mark_retry(state, entry.id, next_attempt_at="2025-03-01T08:05:00Z", code="429",
                      message="throttled", now="2025-03-01T08:00:02Z")
    waiting = outbox.get(state, entry.id)
    assert waiting.state is OutboxState.QUEUED and waiting.error_code == "429"
    assert outbox.next_due_at(state) == "2025-03-01T08:05:00.000000Z"
    assert outbox.claim_next(state, now="2025-03-01T08:04:59.999999Z") is None
    again = outbox.claim_next(state, now="2025-03-01T08:05:00Z")
    assert again.id == entry.id and again.attempts == 2
    assert again.idempotency_key == entry.idempotency_key

    done = outbox.mark_done(state, entry.id, {"customer_id": "c-1", "user_name": "admin@x",
                                              "credentials_delivered": True})
    assert done.state is OutboxState.DONE
    assert done.result == {"customer_id": "c-1", "user_name": "admin@x",
                           "credentials_delivered": True}
    assert done.error_code is None and done.next_attempt_at is None
    assert outbox.pending_count(state) == 0


def test_claim_takes_the_oldest_due_entry(state):
    late = enqueue(state, 1, now="2025-03-01T09:00:00Z")
    early = enqueue(state, 2, now="2025-03-01T08:00:00Z")
    assert outbox.claim_next(state, now="2025-03-01T10:00:00Z").id == early.id
    assert outbox.claim_next(state, now="2025-03-01T10:00:00Z").id == late.id


def test_dedupe_returns_the_live_entry(state):
    first = enqueue(state, 1, dedupe_key="pekarnasumava.onmicrosoft.com")
    second = enqueue(state, 2, dedupe_key="pekarnasumava.onmicrosoft.com")
    assert second.id == first.id and second.payload["n"] == 1
    assert len(outbox.list_entries(state)) == 1
    # Done still holds the key: the same tenant is never created twice.
    outbox.claim_next(state)
    outbox.mark_done(state, first.id, {"customer_id": "c-1"})
    assert enqueue(state, 3, dedupe_key="pekarnasumava.onmicrosoft.com").id == first.id


def test_a_failed_entry_releases_its_dedupe_key(state):
    first = enqueue(state, 1, dedupe_key="novak.onmicrosoft.com")
    outbox.claim_next(state)
    outbox.mark_failed(state, first.id, code="400", message="Bad address")
    second = enqueue(state, 2, dedupe_key="novak.onmicrosoft.com")
    assert second.id != first.id and second.state is OutboxState.QUEUED
    # Re-queueing the failed one now would make two live entries for one tenant.
    with pytest.raises(OutboxError):
        outbox.requeue(state, first.id)
    assert outbox.get(state, first.id).state is OutboxState.FAILED


def test_requeue_keeps_the_idempotency_key_and_resets_attempts(state):
    entry = enqueue(state)
    outbox.claim_next(state)
    outbox.mark_needs_attention(state, entry.id, message="timeout, outcome unknown")
    assert outbox.pending_count(state) == 1
    assert outbox.claim_next(state) is None  # waits for a person
    requeued = outbox.requeue(state, entry.id, now="2025-03-02T00:00:00Z")
    assert requeued.state is OutboxState.QUEUED
    assert requeued.idempotency_key == entry.idempotency_key
    assert requeued.attempts == 0
    assert outbox.claim_next(state).id == entry.id


def test_discard_keeps_the_entry_as_failed(state):
    entry = enqueue(state, dedupe_key="x.onmicrosoft.com")
    outbox.claim_next(state)
    outbox.mark_needs_attention(state, entry.id, message="check in Partner Center")
    discarded = outbox.discard(state, entry.id)
    assert discarded.state is OutboxState.FAILED
    assert outbox.pending_count(state) == 0
    assert [e.id for e in outbox.list_entries(state, states=[OutboxState.FAILED])] == [entry.id]


@pytest.mark.parametrize(("prepare", "action"), [
    ("queued", lambda s, i: outbox.mark_done(s, i, {})),
    ("queued", lambda s, i: outbox.mark_retry(s, i, next_attempt_at=T0)),
    ("queued", lambda s, i: outbox.requeue(s, i)),
    ("queued", lambda s, i: outbox.discard(s, i)),
    ("done", lambda s, i: outbox.requeue(s, i)),
    ("done", lambda s, i: outbox.mark_failed(s, i, code=None, message="x")),
    ("done", lambda s, i: outbox.discard(s, i)),
    ("sending", lambda s, i: outbox.discard(s, i)),
])
def test_illegal_transitions_are_refused(state, prepare, action):
    entry = enqueue(state)
    if prepare in ("sending", "done"):
        outbox.claim_next(state)
    if prepare == "done":
        outbox.mark_done(state, entry.id, {})
    with pytest.raises(OutboxError):
        action(state, entry.id)
    assert outbox.get(state, entry.id).state.value == prepare


def test_unknown_entry(state):
    with pytest.raises(NotFoundError):
        outbox.mark_failed(state, "missing", code=None, message="x")
    assert outbox.get(state, "missing") is None


@pytest.mark.parametrize("payload", [
    {"password": "Heslo123!"},
    {"user": {"Password": "x"}},
    {"users": [{"name": "a"}, {"temporaryPassword": "x"}]},
    {"refresh_token": "x"},
    {"client_secret": "x"},
    {"note": "Bearer abc.def"},
    {"note": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl"},
])
def test_payloads_with_secrets_are_refused(state, payload):
    with pytest.raises(SecretRejectedError):
        outbox.enqueue(state, kind="create_customer", payload=payload, subject="x")
    assert outbox.list_entries(state) == []


def test_results_with_secrets_are_refused(state):
    entry = enqueue(state)
    outbox.claim_next(state)
    with pytest.raises(SecretRejectedError, match="password"):
        outbox.mark_done(state, entry.id, {"user_name": "admin@x", "password": "Tajne-123"})
    assert outbox.get(state, entry.id).state is OutboxState.SENDING


def test_two_connections_interleaved_never_claim_the_same_entry(open_store, state):
    created = {enqueue(state, n).id for n in range(10)}
    other = open_store()
    try:
        claimed: list[str] = []
        for turn in range(12):
            entry = outbox.claim_next(state if turn % 2 else other)
            if entry is not None:
                claimed.append(entry.id)
        assert sorted(claimed) == sorted(created)
        assert len(set(claimed)) == len(claimed)
    finally:
        other.close()


def test_concurrent_claimers_never_claim_the_same_entry(open_store, state):
    created = {enqueue(state, n).id for n in range(40)}
    barrier = threading.Barrier(3)
    results: list[list[str]] = []
    errors: list[BaseException] = []

    connections = [open_store() for _ in range(3)]

    def claimer() -> None:
        db = connections.pop()
        mine: list[str] = []
        try:
            barrier.wait()
            while (entry := outbox.claim_next(db)) is not None:
                mine.append(entry.id)
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)
        finally:
            db.close()
            results.append(mine)

    threads = [threading.Thread(target=claimer) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    everything = [entry_id for mine in results for entry_id in mine]
    assert sorted(everything) == sorted(created)
    assert all(e.attempts == 1 for e in outbox.list_entries(state))


def test_recover_stale_sending_after_a_crash(path, sqlite_state):
    state = sqlite_state
    entry = enqueue(state)
    crashed = open_state(path)
    dead_owner = f"{socket.gethostname()}:999999999:gone"  # no such process
    outbox.claim_next(crashed, now="2025-03-01T08:00:00Z", owner=dead_owner)
    crashed.close()  # the process died while sending

    stale = outbox.recover_stale_sending(state)
    assert [e.id for e in stale] == [entry.id]
    # Left SENDING: the runner must check what happened before anything is resent.
    assert outbox.get(state, entry.id).state is OutboxState.SENDING
    assert outbox.claim_next(state) is None
    assert outbox.pending_count(state) == 1
    # Another live process may be mid-send: a minimum age leaves fresh claims alone.
    assert outbox.recover_stale_sending(state, now="2025-03-01T08:00:30Z",
                                        older_than_seconds=60) == []
    assert [e.id for e in outbox.recover_stale_sending(
        state, now="2025-03-01T08:01:00Z", older_than_seconds=60)] == [entry.id]


def test_entry_sent_by_a_live_process_is_not_recovered(path, sqlite_state):
    state = sqlite_state
    entry = enqueue(state)
    outbox.claim_next(state)  # this process is sending it right now
    assert outbox.recover_stale_sending(state) == []
    other_live = open_state(path)
    parent = f"{socket.gethostname()}:{os.getppid()}:other"  # a running process
    second = enqueue(state, 2)
    outbox.claim_next(other_live, owner=parent)
    assert [e.id for e in outbox.recover_stale_sending(state)] == []
    assert {entry.id, second.id} == {e.id for e in outbox.list_entries(state, states=["sending"])}


def test_list_entries_filters_and_limits(state):
    entries = [enqueue(state, n, now=f"2025-03-01T08:00:0{n}Z") for n in range(4)]
    outbox.claim_next(state)
    assert [e.id for e in outbox.list_entries(state)] == [e.id for e in reversed(entries)]
    assert [e.id for e in outbox.list_entries(state, limit=2)] == [entries[3].id, entries[2].id]
    assert [e.id for e in outbox.list_entries(state, states=["sending"])] == [entries[0].id]
    assert outbox.list_entries(state, states=[]) == []
