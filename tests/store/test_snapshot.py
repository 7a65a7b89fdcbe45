"""snapshot(): the same data gives the same dump whatever the order and timing of the writes."""

from __future__ import annotations

import pytest

from csp_tui.cache import store
from csp_tui.cache.db import open_cache
from csp_tui.cache.store import CustomerDetail, CustomerRow

IDS = ["c-alfa", "c-beta", "c-cedok", "c-gone"]


def rows(ids: list[str]) -> list[CustomerRow]:
    names = {"c-alfa": "Alfa Brno", "c-beta": "Beta Ostrava", "c-cedok": "Čedok a.s.",
             "c-gone": "Zaniklá s.r.o."}
    return [CustomerRow(id=i, company_name=names[i], primary_domain=f"{i}.cz",
                        relationship="reseller") for i in ids]


def details(customer_id: str, quantity: int = 5) -> CustomerDetail:
    return CustomerDetail(
        customer_id=customer_id,
        customer={"company_name": None, "email": f"it@{customer_id}.cz",
                  "allow_delegated_access": True},
        domains=[(f"{customer_id}.onmicrosoft.com", True), (f"{customer_id}.cz", False)],
        relationships=[{"partner_id": "p1", "name": "Distributor", "relationship_type": "x"}],
        subscriptions=[{"id": f"{customer_id}-s{n}", "offer_name": f"Offer {n}",
                        "quantity": quantity + n, "status": "active", "auto_renew": True}
                       for n in range(3)],
        entitlements=[{"id": f"{customer_id}:e1", "product_name": "SQL Server", "quantity": 1}],
        qualifications=[{"qualification": "education", "vetting_status": "approved"}],
    )


@pytest.fixture
def open_db(tmp_path):
    opened = []

    def factory(name: str):
        db = open_cache(tmp_path / name)
        opened.append(db)
        return db

    yield factory
    for db in opened:
        db.close()


def clean_sync(db, now: str) -> None:
    run = store.start_run(db, "full", now=now)
    store.upsert_customer_page(db, rows(IDS[:3]), run_id=run, now=now)
    store.mark_missing_removed(db, set(IDS[:3]), run_id=run, now=now)
    for customer_id in IDS[:3]:
        store.write_customer_detail(db, details(customer_id), run_id=run, now=now)
    store.finish_run(db, run, "ok", now=now)


def with_gone_customer(db, now: str) -> None:
    run = store.start_run(db, "full", now=now)
    store.upsert_customer_page(db, rows(IDS), run_id=run, now=now)
    store.mark_missing_removed(db, set(IDS), run_id=run, now=now)
    store.finish_run(db, run, "ok", now=now)


def test_write_order_and_times_do_not_change_the_snapshot(open_db):
    first, second = open_db("first.db"), open_db("second.db")
    with_gone_customer(first, "2025-01-01T00:00:00.000000Z")
    with_gone_customer(second, "2025-02-01T00:00:00.000000Z")
    clean_sync(first, "2025-03-01T00:00:00.000000Z")

    # The second cache gets the same data in another order, page by page, at other times.
    run = store.start_run(second, "full", now="2025-03-05T00:00:00.000000Z")
    for customer_row in reversed(rows(IDS[:3])):
        store.upsert_customer_page(second, [customer_row], run_id=run,
                                   now="2025-03-05T00:00:00.000000Z")
    store.mark_missing_removed(second, set(IDS[:3]), run_id=run,
                               now="2025-03-05T00:01:00.000000Z")
    for customer_id in reversed(IDS[:3]):
        store.write_customer_detail(second, details(customer_id), run_id=run,
                                    now="2025-03-05T00:02:00.000000Z")

    assert store.snapshot(first) == store.snapshot(second)
    dump = store.snapshot(first)
    assert [c["id"] for c in dump["customers"]] == sorted(IDS)
    assert [c["removed"] for c in dump["customers"]] == [False, False, False, True]
    # The details carried no name: the listing's names stay.
    assert [c["company_name"] for c in dump["customers"]] == [
        "Alfa Brno", "Beta Ostrava", "Čedok a.s.", "Zaniklá s.r.o."]
    assert len(dump["subscriptions"]) == 9
    assert all("synced_at" not in s for s in dump["subscriptions"])
    assert all("listed_at" not in c and "removed_at" not in c for c in dump["customers"])


def test_interrupted_then_resumed_sync_equals_a_clean_one(open_db):
    clean, resumed = open_db("clean.db"), open_db("resumed.db")
    clean_sync(clean, "2025-03-01T00:00:00.000000Z")

    # A run killed after the listing and one detail ...
    run = store.start_run(resumed, "full", now="2025-03-01T00:00:00.000000Z")
    store.upsert_customer_page(resumed, rows(IDS[:3]), run_id=run,
                               now="2025-03-01T00:00:00.000000Z")
    store.mark_missing_removed(resumed, set(IDS[:3]), run_id=run,
                               now="2025-03-01T00:00:00.000000Z")
    store.write_customer_detail(resumed, details("c-beta"), run_id=run,
                                now="2025-03-01T00:00:01.000000Z")
    assert store.snapshot(resumed) != store.snapshot(clean)
    # ... is closed by the next run, which then does the whole job.
    assert store.mark_interrupted(resumed, now="2025-03-01T01:00:00.000000Z") == 1
    clean_sync(resumed, "2025-03-01T01:00:00.000000Z")

    assert store.snapshot(resumed) == store.snapshot(clean)


def test_a_real_difference_shows_in_the_snapshot(open_db):
    first, second = open_db("first.db"), open_db("second.db")
    clean_sync(first, "2025-03-01T00:00:00.000000Z")
    clean_sync(second, "2025-03-01T00:00:00.000000Z")
    assert store.snapshot(first) == store.snapshot(second)
    run = store.start_run(second, "customer", now="2025-03-02T00:00:00.000000Z")
    store.write_customer_detail(second, details("c-alfa", quantity=6), run_id=run,
                                now="2025-03-02T00:00:00.000000Z")
    assert store.snapshot(first) != store.snapshot(second)
