"""Customer details: replace per customer, change detection, partial reads, derived columns."""

from __future__ import annotations

import pytest

from csp_tui.cache import store
from csp_tui.cache.db import open_cache
from csp_tui.cache.store import CustomerDetail, CustomerRow
from csp_tui.domain.text import czech_sort_key

T0 = "2025-03-01T08:00:00.000000Z"
T1 = "2025-03-02T08:00:00.000000Z"
T2 = "2025-03-03T08:00:00.000000Z"
CID = "6f1e2d3c-0000-4000-8000-000000000001"


@pytest.fixture
def cache(tmp_path):
    db = open_cache(tmp_path / "cache.db")
    run = store.start_run(db, "full", now=T0)
    store.upsert_customer_page(db, [
        CustomerRow(id=CID, company_name="Novák s.r.o.", primary_domain="novak.cz",
                    relationship="reseller"),
    ], run_id=run, now=T0)
    store.mark_missing_removed(db, {CID}, run_id=run, now=T0)
    yield db
    db.close()


def sub(sub_id: str, **fields) -> dict:
    base = {
        "id": sub_id, "offer_id": "CFQ7TTC0LH18:0001", "offer_name": "Microsoft 365 Business Basic",
        "friendly_name": "", "product_type": "OnlineServicesNCE", "kind": "online",
        "quantity": 10, "unit_type": "Licenses", "status": "active", "term_duration": "P1Y",
        "billing_cycle": "monthly", "auto_renew": True, "is_trial": False,
        "creation_date": "2024-06-01T00:00:00Z", "effective_start_date": "2024-06-01T00:00:00Z",
        "commitment_end_date": "2025-05-31T00:00:00Z", "cancellation_allowed_until": None,
        "refundable_quantity": None, "refundable_until": None, "partner_id": None,
        "etag": "e1", "raw_json": "{}",
    }
    base.update(fields)
    return base


def detail(subscriptions: list[dict], **overrides) -> CustomerDetail:
    values = {
        "customer_id": CID,
        "customer": {"company_name": "Novák s.r.o.", "primary_domain": "novak.onmicrosoft.com",
                     "allow_delegated_access": True, "email": "it@novak.cz", "city": "Brno",
                     "country": "CZ", "culture": "cs-CZ", "associated_partner_id": None,
                     "raw_json": '{"id": "x"}'},
        "domains": [("novak.onmicrosoft.com", True), ("Novak.CZ", False)],
        "relationships": [{"partner_id": "P-1", "name": "Distributor a.s.",
                           "relationship_type": "isindirectcloudsolutionproviderof",
                           "mpn_id": "123"}],
        "subscriptions": subscriptions,
        "entitlements": [{"id": f"{CID}:DG7GMGF0D7FV:0002:o1:1", "product_id": "DG7GMGF0D7FV",
                          "sku_id": "0002", "product_name": "Windows Server 2022 Standard",
                          "quantity": 2, "entitlement_type": "software", "order_id": "o1",
                          "purchase_date": "2024-01-01", "expiry_date": None, "raw_json": None}],
        "qualifications": [{"qualification": "education", "vetting_status": "approved",
                            "vetting_reason": None, "vetting_created_at": None}],
    }
    values.update(overrides)
    return CustomerDetail(**values)


def table(cache, name: str) -> list[tuple]:
    return sorted(cache.execute(f"SELECT * FROM {name}").fetchall(), key=repr)


def customer(cache) -> dict:
    cursor = cache.execute("SELECT * FROM customers WHERE id = ?", (CID,))
    names = [c[0] for c in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def test_first_detail_fills_tables_without_reporting_changes(cache):
    run = store.start_run(cache, "full", now=T1)
    changes = store.write_customer_detail(
        cache, detail([sub("S1", friendly_name="Účetní oddělení"), sub("s2", status="deleted")]),
        run_id=run, now=T1)
    assert changes == []
    row = customer(cache)
    assert row["detail_synced_at"] == T1
    assert row["subscription_count"] == 1  # the deleted one does not count
    assert row["allow_delegated_access"] == 1
    assert (row["email"], row["city"], row["country"], row["culture"]) == (
        "it@novak.cz", "Brno", "CZ", "cs-CZ")
    assert row["primary_domain"] == "novak.onmicrosoft.com"
    assert table(cache, "domains") == [(CID, "novak.cz", 0), (CID, "novak.onmicrosoft.com", 1)]
    assert cache.execute("SELECT partner_id FROM customer_relationships").fetchall() == [
        ("p-1",)]
    s1 = cache.execute(
        "SELECT customer_id, name_fold, sort_key, auto_renew, is_trial, synced_at "
        "FROM subscriptions WHERE id = 's1'").fetchone()
    assert s1 == (CID, "microsoft 365 business basic ucetni oddeleni",
                  czech_sort_key("Microsoft 365 Business Basic"), 1, 0, T1)
    assert cache.execute("SELECT product_name, quantity, synced_at FROM entitlements"
                              ).fetchall() == [("Windows Server 2022 Standard", 2, T1)]
    assert cache.execute("SELECT qualification, vetting_status FROM qualifications"
                              ).fetchall() == [("education", "approved")]


def test_second_detail_reports_every_change_kind_and_deletes_vanished(cache):
    run = store.start_run(cache, "full", now=T1)
    store.write_customer_detail(cache, detail([
        sub("s1", quantity=10), sub("s2", status="active"), sub("s3", auto_renew=True),
        sub("gone"),
    ]), run_id=run, now=T1)

    run2 = store.start_run(cache, "full", now=T2)
    changes = store.write_customer_detail(cache, detail([
        sub("s1", quantity=12), sub("s2", status="suspended"), sub("s3", auto_renew=False),
        sub("s4", offer_name="Exchange Online (Plan 1)", quantity=3),
    ]), run_id=run2, now=T2)

    got = {(c.kind, c.subscription_id): c.detail for c in changes}
    assert set(got) == {("quantity_changed", "s1"), ("status_changed", "s2"),
                        ("auto_renew_changed", "s3"), ("subscription_added", "s4")}
    assert {k: got[("quantity_changed", "s1")][k] for k in ("old", "new")} == {"old": 10,
                                                                              "new": 12}
    assert {k: got[("status_changed", "s2")][k] for k in ("old", "new")} == {
        "old": "active", "new": "suspended"}
    assert {k: got[("auto_renew_changed", "s3")][k] for k in ("old", "new")} == {
        "old": True, "new": False}
    assert got[("subscription_added", "s4")]["quantity"] == 3
    assert all(c.customer_id == CID for c in changes)
    assert store.events_for_run(cache, run2) == changes
    ids = [r[0] for r in cache.execute("SELECT id FROM subscriptions ORDER BY id")]
    assert ids == ["s1", "s2", "s3", "s4"]  # "gone" was deleted
    assert customer(cache)["subscription_count"] == 4


def test_unchanged_detail_reports_nothing(cache):
    run = store.start_run(cache, "full", now=T1)
    subs = [sub("s1"), sub("s2", auto_renew=None)]
    store.write_customer_detail(cache, detail(subs), run_id=run, now=T1)
    assert store.write_customer_detail(cache, detail(subs), run_id=run, now=T2) == []


def test_partial_detail_leaves_unread_parts_untouched(cache):
    run = store.start_run(cache, "full", now=T1)
    store.write_customer_detail(cache, detail([sub("s1")]), run_id=run, now=T1)
    before = {name: table(cache, name) for name in
              ("customer_relationships", "entitlements", "qualifications", "domains")}

    store.write_customer_detail(cache, detail(
        [sub("s1", quantity=5)],
        customer=None, domains=[], relationships=[], entitlements=[], qualifications=[],
        partial=frozenset({"customer", "domains", "relationships", "entitlements",
                           "qualifications"}),
    ), run_id=run, now=T2)

    for name, rows in before.items():
        assert table(cache, name) == rows, name
    assert customer(cache)["email"] == "it@novak.cz"  # customer fields kept too
    assert cache.execute("SELECT quantity FROM subscriptions").fetchall() == [(5,)]
    assert customer(cache)["detail_synced_at"] == T2


def test_partial_subscriptions_keep_rows_and_report_nothing(cache):
    run = store.start_run(cache, "full", now=T1)
    store.write_customer_detail(cache, detail([sub("s1"), sub("s2")]), run_id=run, now=T1)
    changes = store.write_customer_detail(
        cache, detail([], partial=frozenset({"subscriptions"})), run_id=run, now=T2)
    assert changes == []
    assert [r[0] for r in cache.execute("SELECT id FROM subscriptions ORDER BY id")] == [
        "s1", "s2"]
    assert customer(cache)["subscription_count"] == 2


def test_detail_for_unknown_or_removed_customer_is_ignored(cache):
    run = store.start_run(cache, "full", now=T1)
    stray = detail([sub("s9")], customer_id="not-listed")
    assert store.write_customer_detail(cache, stray, run_id=run, now=T1) == []
    assert table(cache, "subscriptions") == []
    assert table(cache, "domains") == []

    store.mark_missing_removed(cache, set(), run_id=run, now=T1)
    assert store.write_customer_detail(cache, detail([sub("s1")]), run_id=run, now=T2) == []
    assert table(cache, "subscriptions") == []
    assert customer(cache)["detail_synced_at"] is None


def test_a_failing_detail_write_rolls_back_completely(cache):
    run = store.start_run(cache, "full", now=T1)
    store.write_customer_detail(cache, detail([sub("s1")]), run_id=run, now=T1)
    snapshot_before = store.snapshot(cache)
    # A qualification without its name is a bug of the caller (mapping always sets it): the
    # whole unit fails and nothing of it is written.
    broken = detail([sub("s1", quantity=99)], domains=[("x.cz", False)],
                    qualifications=[{"vetting_status": "approved"}])
    with pytest.raises(KeyError):
        store.write_customer_detail(cache, broken, run_id=run, now=T2)
    assert store.snapshot(cache) == snapshot_before
    assert customer(cache)["detail_synced_at"] == T1
    assert store.events_for_run(cache, run) == []


def test_detail_updates_name_and_folds(cache):
    run = store.start_run(cache, "full", now=T1)
    fields = dict(detail([]).customer or {}, company_name="Žluťoučký kůň a.s.",
                  allow_delegated_access=False)
    store.write_customer_detail(cache, detail([], customer=fields), run_id=run, now=T1)
    row = customer(cache)
    assert row["company_name"] == "Žluťoučký kůň a.s."
    assert row["name_fold"] == "zlutoucky kun a.s."
    assert row["sort_key"] == czech_sort_key("Žluťoučký kůň a.s.")
    assert row["allow_delegated_access"] == 0


def test_attention_columns_follow_the_subscriptions(cache):
    run = store.start_run(cache, "full", now=T1)
    store.write_customer_detail(cache, detail([
        sub("s1", status="suspended"),
        sub("s2", auto_renew=False, commitment_end_date="2025-03-05T00:00:00Z"),
    ]), run_id=run, now=T1)
    row = customer(cache)
    assert (row["attention"], row["attention_reason"]) == (2, "suspended")

    store.write_customer_detail(cache, detail([sub("s1"), sub("s2")]), run_id=run, now=T2)
    row = customer(cache)
    assert (row["attention"], row["attention_reason"]) == (0, None)


def test_an_item_sqlite_cannot_hold_spoils_only_itself(cache):
    """A number beyond 64 bits (OverflowError in SQLite), an item without an id and an id
    given twice: those items are left out and named; the others are written."""
    run = store.start_run(cache, "full", now=T1)
    written = detail([sub("s1", quantity=2**70), sub("s2"), {"offer_name": "no id"},
                      sub("s3"), sub("s3", quantity=1)])
    store.write_customer_detail(cache, written, run_id=run, now=T1)
    rows = cache.execute("SELECT id, quantity FROM subscriptions ORDER BY id").fetchall()
    assert rows == [("s2", 10), ("s3", 10)]
    assert len(written.skipped) == 3
    assert "id s1" in written.skipped[0] and "OverflowError" in written.skipped[0]
    assert "the same id twice" in written.skipped[2]
    assert customer(cache)["subscription_count"] == 2


def test_the_same_subscription_id_stays_with_each_of_its_customers(cache):
    other = "2c7b8e4a-0000-4000-8000-000000000002"
    run = store.start_run(cache, "full", now=T1)
    store.upsert_customer_page(cache, [CustomerRow(other, "Jiná s.r.o.", "jina.cz", "reseller")],
                               run_id=run, now=T1)
    store.write_customer_detail(cache, detail([sub("shared"), sub("mine")]), run_id=run, now=T1)
    theirs = detail([sub("shared", quantity=3)])
    theirs.customer_id = other
    store.write_customer_detail(cache, theirs, run_id=run, now=T1)
    rows = cache.execute("SELECT customer_id, id, quantity FROM subscriptions "
                              "ORDER BY customer_id, id").fetchall()
    assert sorted(rows) == sorted([(CID, "mine", 10), (CID, "shared", 10), (other, "shared", 3)])
    counts = dict(cache.execute("SELECT id, subscription_count FROM customers"))
    assert counts == {CID: 2, other: 1}


def test_a_cache_keyed_by_subscription_id_alone_keeps_its_rows(tmp_path):
    import sqlite3

    from csp_tui.cache.schema import CACHE_APP_ID, CACHE_MIGRATIONS

    path = tmp_path / "cache.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in CACHE_MIGRATIONS[:3]:
        conn.executescript(migration)
    conn.execute("INSERT INTO meta(key, value) VALUES ('app_id', ?)", (CACHE_APP_ID,))
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO customers (id, first_seen_at, listed_at) VALUES (?, 'x', 'x')",
                 (CID,))
    # A consistent row (what a sync writes for a customer without a name), so a later
    # migration that folds the stored texts again keeps the same text.
    conn.execute("INSERT INTO subscriptions (id, customer_id, offer_name, name_fold, quantity, "
                 "synced_at, search_fold) VALUES ('s1', ?, 'M365', 'm365', 4, 'x', "
                 "'m365' || char(10))", (CID,))
    conn.close()
    cache = open_cache(path, rebuild_if_unusable=False)
    try:
        assert cache.execute(
            "SELECT id, customer_id, quantity, search_fold FROM subscriptions").fetchall() == [
            ("s1", CID, 4, "m365\n")]
        keys = [row[1] for row in cache.execute("PRAGMA table_info(subscriptions)")
                if row[5]]
        assert sorted(keys) == ["customer_id", "id"]
    finally:
        cache.close()


def test_a_qualification_review_decided_is_a_change(cache):
    """Today lists Education decisions: the store reports a vetting status that moved."""
    in_review = [{"qualification": "Education", "vetting_status": "InReview",
                  "vetting_reason": None, "vetting_created_at": "2026-11-20T09:00:00Z"}]
    denied = [{**in_review[0], "vetting_status": "Denied", "vetting_reason": "No website"}]
    run = store.start_run(cache, "full", now=T1)
    assert store.write_customer_detail(cache, detail([sub("s1")], qualifications=in_review),
                                       run_id=run, now=T1) == []
    changes = store.write_customer_detail(cache, detail([sub("s1")], qualifications=denied),
                                          run_id=run, now=T2)
    assert [(c.kind, c.customer_id, c.detail) for c in changes] == [
        ("qualification_changed", CID, {"qualification": "education", "old": "InReview",
                                        "new": "Denied", "reason": "No website"})]
    assert [c.kind for c in store.events_for_run(cache, run)] == ["qualification_changed"]
