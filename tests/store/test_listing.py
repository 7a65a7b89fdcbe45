"""Customer listing pages, removals, returns and sync runs in cache.db."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csp_tui.cache import store
from csp_tui.cache.db import open_cache
from csp_tui.cache.store import CustomerDetail, CustomerRow
from csp_tui.domain.text import czech_sort_key, fold

T0 = "2025-03-01T08:00:00.000000Z"
T1 = "2025-03-02T08:00:00.000000Z"
T2 = "2025-03-03T08:00:00.000000Z"


@pytest.fixture
def cache(tmp_path):
    db = open_cache(tmp_path / "cache.db")
    yield db
    db.close()


def row(customer_id: str, name: str, domain: str = "", relationship: str = "reseller",
        raw: str | None = None) -> CustomerRow:
    return CustomerRow(id=customer_id, company_name=name,
                       primary_domain=domain or f"{customer_id}.onmicrosoft.com",
                       relationship=relationship, raw_json=raw)


def customers(cache) -> dict[str, dict]:
    cursor = cache.execute("SELECT * FROM customers")
    names = [c[0] for c in cursor.description]
    return {r[0]: dict(zip(names, r, strict=True)) for r in cursor.fetchall()}


def complete_listing(cache, rows: list[CustomerRow], *, now: str) -> list:
    run = store.start_run(cache, "full", now=now)
    changes = store.upsert_customer_page(cache, rows, run_id=run, now=now)
    changes += store.mark_missing_removed(cache, {r.id for r in rows}, run_id=run, now=now)
    store.finish_run(cache, run, "ok", now=now)
    return changes


def test_page_insert_stores_fold_and_czech_sort_columns(cache):
    run = store.start_run(cache, "full", now=T0)
    names = ["Zdeněk Hruška", "Šumavská pekárna s.r.o.", "Chmelař a syn", "Čedok a.s.",
             "Hanák spol.", "Cihelna Kravsko", "Řeznictví U Nováků"]
    rows = [row(f"c{i}", name, domain=f"FIRMA{i}.CZ") for i, name in enumerate(names)]
    store.upsert_customer_page(cache, rows, run_id=run, now=T0)

    stored = customers(cache)
    sumava = stored["c1"]
    assert sumava["name_fold"] == "sumavska pekarna s.r.o."
    assert sumava["primary_domain"] == "firma1.cz"
    assert sumava["domain_fold"] == "firma1.cz"
    assert sumava["first_seen_at"] == T0 and sumava["listed_at"] == T0
    assert sumava["removed_at"] is None
    ordered = [r[0] for r in cache.execute(
        "SELECT company_name FROM customers ORDER BY sort_key, id")]
    # Czech alphabet: C < Č, H < CH, R < Ř, S < Š.
    assert ordered == ["Cihelna Kravsko", "Čedok a.s.", "Hanák spol.", "Chmelař a syn",
                       "Řeznictví U Nováků", "Šumavská pekárna s.r.o.", "Zdeněk Hruška"]
    # A filter for the folded text finds the accented name through the indexed column.
    found = cache.execute("SELECT id FROM customers WHERE name_fold LIKE ?",
                               ("%sumavska%",)).fetchall()
    assert found == [("c1",)]


def test_first_sync_of_empty_cache_reports_no_additions(cache):
    changes = complete_listing(cache, [row("a", "Alfa"), row("b", "Beta")], now=T0)
    assert changes == []
    assert set(customers(cache)) == {"a", "b"}


def test_new_customer_after_a_complete_listing_is_reported_and_recorded(cache):
    complete_listing(cache, [row("a", "Alfa")], now=T0)
    run = store.start_run(cache, "full", now=T1)
    changes = store.upsert_customer_page(
        cache, [row("a", "Alfa"), row("B", "Bedřich s.r.o.", domain="bedrich.cz")],
        run_id=run, now=T1)
    assert [(c.kind, c.customer_id) for c in changes] == [("customer_added", "b")]
    assert changes[0].detail == {"company_name": "Bedřich s.r.o.", "domain": "bedrich.cz"}
    assert store.events_for_run(cache, run) == changes
    stored = cache.execute(
        "SELECT run_id, at, kind, customer_id, detail FROM sync_events").fetchall()
    assert stored == [(run, T1, "customer_added", "b",
                       json.dumps({"company_name": "Bedřich s.r.o.", "domain": "bedrich.cz"},
                                  ensure_ascii=False, sort_keys=True))]


def test_update_changes_name_domain_relationship_and_keeps_first_seen(cache):
    complete_listing(cache, [row("a", "Stará firma", domain="stara.cz")], now=T0)
    run = store.start_run(cache, "full", now=T1)
    changes = store.upsert_customer_page(
        cache, [row("a", "Nová Čistírna", domain="nova.cz", relationship="advisor")],
        run_id=run, now=T1)
    assert changes == []
    stored = customers(cache)["a"]
    assert stored["company_name"] == "Nová Čistírna"
    assert stored["name_fold"] == "nova cistirna"
    assert stored["sort_key"] == czech_sort_key("Nová Čistírna")
    assert stored["primary_domain"] == "nova.cz" and stored["domain_fold"] == "nova.cz"
    assert stored["relationship"] == "advisor"
    assert stored["first_seen_at"] == T0
    assert stored["listed_at"] == T1


def test_a_page_without_a_customer_does_not_remove_it(cache):
    complete_listing(cache, [row("a", "Alfa"), row("b", "Beta")], now=T0)
    run = store.start_run(cache, "full", now=T1)
    store.upsert_customer_page(cache, [row("a", "Alfa")], run_id=run, now=T1)
    assert customers(cache)["b"]["removed_at"] is None


def test_mark_missing_removed_after_complete_listing(cache):
    complete_listing(cache, [row("a", "Alfa"), row("b", "Beta")], now=T0)
    run = store.start_run(cache, "full", now=T1)
    store.upsert_customer_page(cache, [row("a", "Alfa")], run_id=run, now=T1)
    changes = store.mark_missing_removed(cache, {"A"}, run_id=run, now=T1)
    assert [(c.kind, c.customer_id) for c in changes] == [("customer_removed", "b")]
    stored = customers(cache)
    assert stored["b"]["removed_at"] == T1  # the row is kept, only marked
    assert stored["a"]["removed_at"] is None
    assert [c.kind for c in store.events_for_run(cache, run)] == ["customer_removed"]
    # Already removed: not reported again.
    assert store.mark_missing_removed(cache, {"a"}, run_id=run, now=T2) == []
    assert customers(cache)["b"]["removed_at"] == T1


def test_customer_that_comes_back_is_restored_and_reported(cache):
    complete_listing(cache, [row("a", "Alfa"), row("b", "Beta")], now=T0)
    complete_listing(cache, [row("a", "Alfa")], now=T1)
    assert customers(cache)["b"]["removed_at"] == T1

    changes = complete_listing(cache, [row("a", "Alfa"), row("b", "Beta")], now=T2)
    assert [(c.kind, c.customer_id, c.detail.get("returned")) for c in changes] == [
        ("customer_added", "b", True)]
    stored = customers(cache)["b"]
    assert stored["removed_at"] is None
    assert stored["first_seen_at"] == T0 and stored["listed_at"] == T2


def test_listing_does_not_replace_the_full_record_read_by_the_detail(cache):
    complete_listing(cache, [row("a", "Alfa", raw='{"thin": true}')], now=T0)
    assert customers(cache)["a"]["raw_json"] == '{"thin": true}'
    run = store.start_run(cache, "full", now=T1)
    store.write_customer_detail(cache, CustomerDetail(
        "a", {"company_name": "Alfa", "raw_json": '{"full": true}'}), run_id=run, now=T1)
    store.upsert_customer_page(cache, [row("a", "Alfa", raw='{"thin": true}')], run_id=run,
                               now=T2)
    assert customers(cache)["a"]["raw_json"] == '{"full": true}'


def test_interrupted_runs_are_found_and_closed(cache):
    finished = store.start_run(cache, "full", now=T0)
    store.finish_run(cache, finished, "ok", customers_listed=3, customers_done=3, requests=9,
                     throttled=1, now=T1)
    killed = store.start_run(cache, "full", now=T1)
    killed_too = store.start_run(cache, "customer", now=T1)

    assert store.interrupted_runs(cache) == [killed, killed_too]
    assert store.mark_interrupted(cache, now=T2) == 2
    assert store.interrupted_runs(cache) == []
    runs = {r[0]: r[1:] for r in cache.execute(
        "SELECT id, status, finished_at, customers_listed, requests, throttled FROM sync_runs")}
    assert runs[finished] == ("ok", T1, 3, 9, 1)
    assert runs[killed] == ("interrupted", T2, 0, 0, 0)
    assert runs[killed_too][0] == "interrupted"
    assert store.mark_interrupted(cache, now=T2) == 0


def test_sql_order_of_stored_names_is_czech_order_for_any_text(tmp_path):
    db = open_cache(tmp_path / "prop.db")
    run = store.start_run(db, "full", now=T0)

    @settings(max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.text(max_size=20), min_size=1, max_size=12))
    def check(names: list[str]) -> None:
        db.execute("DELETE FROM customers")
        rows = [row(f"id{i:02d}", name) for i, name in enumerate(names)]
        store.upsert_customer_page(db, rows, run_id=run, now=T0)
        stored = {r[0]: r[1:] for r in db.execute(
            "SELECT id, company_name, name_fold, sort_key FROM customers")}
        for r in rows:
            assert stored[r.id] == (r.company_name, fold(r.company_name),
                                    czech_sort_key(r.company_name))
        sql_order = [r[0] for r in db.execute(
            "SELECT id FROM customers ORDER BY sort_key, id")]
        python_order = [r.id for r in sorted(rows, key=lambda r: (czech_sort_key(r.company_name),
                                                                    r.id))]
        assert sql_order == python_order

    try:
        check()
    finally:
        db.close()
