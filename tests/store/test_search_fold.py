"""The customer search text (``customers.search_fold``): every write path keeps it current,
and the customer filter finds what it holds — a name without accents, any domain, the id."""

from __future__ import annotations

import sqlite3

import pytest

from csp_tui.cache import store, views
from csp_tui.cache.db import open_cache
from csp_tui.cache.schema import CACHE_APP_ID, CACHE_MIGRATIONS
from csp_tui.cache.store import CustomerDetail, CustomerRow
from csp_tui.db import Transaction, reads

T0 = "2025-03-01T08:00:00.000000Z"
T1 = "2025-03-02T08:00:00.000000Z"
CID = "6f1e2d3c-0000-4000-8000-000000000001"


@pytest.fixture
def cache(tmp_path):
    db = open_cache(tmp_path / "cache.db")
    yield db
    db.close()


def stored(cache, customer_id: str = CID) -> str:
    return cache.execute("SELECT search_fold FROM customers WHERE id = ?",
                              (customer_id,)).fetchone()[0]


def found(cache, needle: str) -> list[str]:
    rows = views.customer_rows(cache, filter=needle, limit=100)
    assert views.count_customers(cache, needle) == len(rows)
    return [row.id for row in rows]


def listing(cache, name: str = "Šumavská pekárna s.r.o.", domain: str = "Pekarna.cz",
            customer_id: str = CID, now: str = T0) -> None:
    run = store.start_run(cache, "full", now=now)
    store.upsert_customer_page(cache, [CustomerRow(customer_id, name, domain, "reseller")],
                               run_id=run, now=now)


def details(cache, *, domains: list[tuple[str, bool]], partial: frozenset[str] = frozenset(),
            customer: dict | None = None) -> None:
    run = store.start_run(cache, "customer", now=T1)
    store.write_customer_detail(cache, CustomerDetail(
        customer_id=CID, customer=customer, domains=domains, partial=partial), run_id=run, now=T1)


def test_the_search_text_is_folded_one_part_a_line() -> None:
    text = store.search_fold("Šumavská Pekárna", "pekarna.cz",
                             ["PEKARNA.cz", "žďár.cz", "a.onmicrosoft.com"], CID.upper())
    assert text.split("\n") == ["sumavska pekarna", "pekarna.cz", "a.onmicrosoft.com",
                                "zdar.cz", CID]


def test_a_listing_writes_it_and_a_rename_rewrites_it(cache) -> None:
    listing(cache)
    assert stored(cache) == f"sumavska pekarna s.r.o.\npekarna.cz\n{CID}"
    assert found(cache, "sumavska") == found(cache, "ŠUMAVSKÁ") == [CID]
    assert found(cache, "pekarna.cz") == [CID]
    assert found(cache, CID[:13]) == [CID]
    listing(cache, name="Krkonošská pekárna a.s.", domain="krkonose.cz", now=T1)
    assert found(cache, "sumavska") == [] and found(cache, "pekarna.cz") == []
    assert found(cache, "krkonosska") == found(cache, "krkonose.cz") == [CID]


def test_details_add_every_domain_and_a_later_read_removes_them(cache) -> None:
    listing(cache)
    details(cache, domains=[("pekarna.onmicrosoft.com", True), ("Sumava-Chleba.CZ", False)])
    assert found(cache, "sumava-chleba") == [CID]
    assert found(cache, "pekarna.onmicrosoft") == [CID]
    # The listing that follows keeps the domains the details found.
    listing(cache, now=T1)
    assert found(cache, "sumava-chleba") == [CID]
    details(cache, domains=[("pekarna.onmicrosoft.com", True)])
    assert found(cache, "sumava-chleba") == []


def test_details_change_name_and_domain_in_the_search_text(cache) -> None:
    listing(cache)
    details(cache, domains=[], customer={"company_name": "Nová Pekárna s.r.o.",
                                         "primary_domain": "Nova-Pekarna.cz"})
    assert found(cache, "nova pekarna") == found(cache, "nova-pekarna.cz") == [CID]
    assert found(cache, "sumavska") == []


def test_unread_domains_keep_what_the_cache_had(cache) -> None:
    listing(cache)
    details(cache, domains=[("stara-domena.cz", False)])
    details(cache, domains=[], partial=frozenset({"domains", "customer"}))
    assert found(cache, "stara-domena") == [CID]


def test_removed_customers_are_not_found(cache) -> None:
    listing(cache)
    run = store.start_run(cache, "full", now=T1)
    store.mark_missing_removed(cache, set(), run_id=run, now=T1)
    assert found(cache, "sumavska") == []


def test_a_cache_from_before_the_column_is_filled_when_opened(tmp_path) -> None:
    path = tmp_path / "cache.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(CACHE_MIGRATIONS[0])
    conn.execute("INSERT INTO meta(key, value) VALUES ('app_id', ?)", (CACHE_APP_ID,))
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO customers (id, company_name, name_fold, sort_key, primary_domain, "
        "domain_fold, first_seen_at, listed_at) VALUES (?, 'Šumavská pekárna', "
        "'sumavska pekarna', 'x', 'pekarna.cz', 'pekarna.cz', 'x', 'x')", (CID,))
    conn.executemany("INSERT INTO domains (customer_id, domain, is_initial) VALUES (?, ?, ?)",
                     [(CID, "pekarna.onmicrosoft.com", 1), (CID, "pekarna.cz", 0),
                      (CID, "chleba.eu", 0)])
    conn.close()

    cache = open_cache(path, rebuild_if_unusable=False)
    try:
        assert cache.execute("PRAGMA user_version").fetchone()[0] == len(CACHE_MIGRATIONS)
        # The same text a sync writes.
        assert stored(cache) == store.search_fold(
            "Šumavská pekárna", "pekarna.cz", ["pekarna.onmicrosoft.com", "pekarna.cz",
                                               "chleba.eu"], CID)
        assert found(cache, "chleba.eu") == found(cache, "sumavska") == [CID]
    finally:
        cache.close()


def test_a_filter_reads_the_same_rows_by_either_plan(tmp_path, monkeypatch) -> None:
    """Few matches are sorted, many are read along the sort index: the rows are the same."""
    cache = open_cache(tmp_path / "cache.db")
    names = [f"{prefix} {word} s.r.o." for prefix in ("Šumavská", "Pražská", "Brněnská")
             for word in ("pekárna", "tiskárna", "mlékárna", "strojírna", "lékárna")]
    run = store.start_run(cache, "full")
    store.upsert_customer_page(cache, [
        CustomerRow(f"id-{index:02d}", name, f"firma{index}.cz", "reseller")
        for index, name in enumerate(names)], run_id=run)
    with Transaction(cache) as conn:
        conn.execute("UPDATE customers SET subscription_count = length(id) % 3")

    def windows() -> list[list[str]]:
        result = []
        for needle in ("arna", "sumav", "firma1", "s.r.o", "nic"):
            total = views.count_customers(cache, needle)
            for sort in views.CUSTOMER_SORTS:
                for descending in (False, True):
                    for offset in (0, 2, total - 3):
                        result.append([row.id for row in views.customer_rows(
                            cache, filter=needle, sort=sort, descending=descending,
                            offset=offset, limit=4, total=total)])
        return result

    try:
        monkeypatch.setattr(reads, "SPARSE_MATCHES_PER_ROW", 0)  # always the index walk
        walked = windows()
        monkeypatch.setattr(reads, "SPARSE_MATCHES_PER_ROW", 10**9)  # always sorted
        sorted_ = windows()
        assert walked == sorted_
        assert any(walked) and not all(walked)
    finally:
        cache.close()


# -- the subscriptions' search text (product name, then the customer's name) -------------------

SUB = "a1b2c3d4-0000-4000-8000-00000000000a"


def sub_text(cache, sub_id: str = SUB) -> str:
    return cache.execute("SELECT search_fold FROM subscriptions WHERE id = ?",
                              (sub_id,)).fetchone()[0]


def subs_found(cache, needle: str) -> list[str]:
    total = views.count_subscriptions(cache, filter=needle)
    rows = views.subscription_rows(cache, filter=needle, limit=100, total=total)
    assert total == len(rows)
    return [row.id for row in rows]


def with_subscription(cache, *, customer: dict | None = None,
                      partial: frozenset[str] = frozenset(), now: str = T1) -> None:
    run = store.start_run(cache, "customer", now=now)
    store.write_customer_detail(cache, CustomerDetail(
        customer_id=CID, customer=customer, partial=partial,
        subscriptions=[{"id": SUB.upper(), "offer_name": "Microsoft 365 Business Basic",
                        "friendly_name": "Kancelář", "quantity": 3, "status": "active"}],
    ), run_id=run, now=now)


def test_a_subscription_carries_its_customer_name_and_renames_rewrite_it(cache) -> None:
    listing(cache)
    with_subscription(cache)
    assert sub_text(cache) == ("microsoft 365 business basic kancelar\n"
                               "sumavska pekarna s.r.o.")
    assert subs_found(cache, "šumavská") == subs_found(cache, "kancelar") == [SUB]
    # Renamed by a listing: the subscription is found by the new name only.
    listing(cache, name="Krkonošská pekárna a.s.", now=T1)
    assert sub_text(cache).endswith("\nkrkonosska pekarna a.s.")
    assert subs_found(cache, "sumavska") == [] and subs_found(cache, "krkonosska") == [SUB]
    # Renamed by a detail read that could not read the subscriptions themselves.
    details(cache, domains=[], customer={"company_name": "Nová Pekárna s.r.o."},
            partial=frozenset({"subscriptions"}))
    assert sub_text(cache) == "microsoft 365 business basic kancelar\nnova pekarna s.r.o."
    assert subs_found(cache, "krkonosska") == [] and subs_found(cache, "nova pek") == [SUB]
    # A needle never spans the product and the customer name.
    assert subs_found(cache, "kancelar nova") == []


def test_subscriptions_of_removed_customers_are_not_found_by_either_plan(
        cache, monkeypatch) -> None:
    listing(cache)
    with_subscription(cache)
    run = store.start_run(cache, "full", now=T1)
    store.mark_missing_removed(cache, set(), run_id=run, now=T1)
    for matches_per_row in (0, 10**9):  # walking the sort index, then sorting the matches
        monkeypatch.setattr(reads, "SPARSE_MATCHES_PER_ROW", matches_per_row)
        assert subs_found(cache, "microsoft") == subs_found(cache, "sumavska") == []


def test_a_cache_from_before_the_subscription_search_text_is_filled(tmp_path) -> None:
    path = tmp_path / "cache.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in CACHE_MIGRATIONS[:2]:
        conn.executescript(migration)
    conn.execute("INSERT INTO meta(key, value) VALUES ('app_id', ?)", (CACHE_APP_ID,))
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO customers (id, company_name, name_fold, sort_key, primary_domain, "
        "domain_fold, first_seen_at, listed_at) VALUES (?, 'Šumavská pekárna', "
        "'sumavska pekarna', 'x', 'pekarna.cz', 'pekarna.cz', 'x', 'x')", (CID,))
    conn.execute(
        "INSERT INTO subscriptions (id, customer_id, offer_name, name_fold, synced_at) "
        "VALUES (?, ?, 'Exchange Online (Plan 1)', 'exchange online (plan 1)', 'x')",
        (SUB, CID))
    conn.close()

    cache = open_cache(path, rebuild_if_unusable=False)
    try:
        assert cache.execute("PRAGMA user_version").fetchone()[0] == len(CACHE_MIGRATIONS)
        # The same text a sync writes.
        assert sub_text(cache) == store.subscription_search_fold("exchange online (plan 1)",
                                                                 "sumavska pekarna")
        assert subs_found(cache, "šumavská") == subs_found(cache, "plan 1") == [SUB]
    finally:
        cache.close()
