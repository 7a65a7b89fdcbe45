"""The list queries: folded filters, total orders, positions by key, presets, one customer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from csp_tui.cache import store, views
from csp_tui.cache.db import open_cache
from csp_tui.domain.text import czech_sort_key, fold
from csp_tui.sandbox import synthetic_cache as synthetic
from csp_tui.state import views as state_views
from csp_tui.state.db import open_state

from .conftest import CLOCK_NOW, DATA_NOW, SEED


@pytest.fixture(scope="module")
def databases(tmp_path_factory):
    root = tmp_path_factory.mktemp("views")
    cache = open_cache(root / "cache.db")
    state = open_state(root / "state.db")
    synthetic.populate(cache, state, customers=150, subscriptions_per_customer=6, seed=SEED,
                       now=DATA_NOW, invitations=20, command_log=60, removed=5)
    yield cache, state
    cache.close()
    state.close()


def test_removed_customers_are_hidden(databases) -> None:
    cache, _ = databases
    assert views.count_customers(cache) == 150
    listed = {row.id for row in views.customer_rows(cache, limit=1000)}
    removed = {row[0] for row in cache.execute(
        "SELECT id FROM customers WHERE removed_at IS NOT NULL")}
    assert len(removed) == 5 and not listed & removed
    assert all(views.customer_detail(cache, key) is None for key in removed)


def test_filter_ignores_case_and_diacritics(databases) -> None:
    cache, _ = databases
    names = [row.company_name for row in views.customer_rows(cache, limit=1000)]
    target = next(name for name in names if any(ch in name for ch in "ěščřžýáíéůú"))
    word = target.split()[0]
    for needle in (word, fold(word), word.upper()):
        rows = views.customer_rows(cache, filter=needle, limit=1000)
        assert target in {row.company_name for row in rows}
        assert all(fold(word) in fold(row.company_name) or fold(word) in row.primary_domain
                   or any(fold(word) in d for d in _domains(cache, row.id)) for row in rows)
        assert views.count_customers(cache, needle) == len(rows)


def _domains(cache, customer_id: str) -> list[str]:
    return [d for (d,) in cache.execute(
        "SELECT domain FROM domains WHERE customer_id = ?", (customer_id,))]


def test_filter_finds_other_domains_and_tenant_ids(databases) -> None:
    cache, _ = databases
    domain, customer_id = cache.execute(
        "SELECT d.domain, d.customer_id FROM domains d JOIN customers c ON c.id = d.customer_id "
        "WHERE d.is_initial = 0 AND c.removed_at IS NULL LIMIT 1").fetchone()
    assert customer_id in {row.id for row in views.customer_rows(cache, filter=domain)}
    assert [row.id for row in views.customer_rows(cache, filter=customer_id[:13])] == [
        customer_id]


def test_like_wildcards_in_the_filter_are_literal(tmp_path) -> None:
    cache = open_cache(tmp_path / "cache.db")
    rows = [("a", "100% Čistá_voda s.r.o."), ("b", "Stovka procent s.r.o."),
            ("c", "Čistá voda a.s.")]
    store.upsert_customer_page(
        cache, [store.CustomerRow(key, name, f"{key}.cz", "reseller") for key, name in rows],
        run_id=store.start_run(cache, "full"))
    assert [row.id for row in views.customer_rows(cache, filter="%")] == ["a"]
    assert [row.id for row in views.customer_rows(cache, filter="a_v")] == ["a"]
    assert [row.id for row in views.customer_rows(cache, filter="cista")] == ["a", "c"]
    assert views.like_pattern("  ") is None
    cache.close()


@pytest.mark.parametrize("sort", views.CUSTOMER_SORTS)
@pytest.mark.parametrize("descending", [False, True])
def test_customer_windows_and_positions_agree(databases, sort, descending) -> None:
    cache, _ = databases
    every = views.customer_rows(cache, sort=sort, descending=descending, limit=10_000)
    total = len(every)
    assert [row.id for row in views.customer_rows(
        cache, sort=sort, descending=descending, offset=40, limit=25)] == [
        row.id for row in every[40:65]]
    # A window near the end, read backwards when the total is known, is the same window.
    assert views.customer_rows(cache, sort=sort, descending=descending, offset=total - 30,
                               limit=50, total=total) == every[total - 30:]
    for position in (0, 1, total // 2, total - 1):
        assert views.customer_index_of(cache, every[position].id, "", sort,
                                       descending) == position
    assert views.customer_index_of(cache, "no-such-id", "", sort, descending) is None


def test_customers_sort_by_czech_alphabet(databases) -> None:
    cache, _ = databases
    names = [row.company_name for row in views.customer_rows(cache, limit=10_000)]
    assert names == sorted(names, key=czech_sort_key)


@pytest.mark.parametrize("sort", views.SUBSCRIPTION_SORTS)
@pytest.mark.parametrize("descending", [False, True])
def test_subscription_windows_and_positions_agree(databases, sort, descending) -> None:
    cache, _ = databases
    every = views.subscription_rows(cache, sort=sort, descending=descending, limit=100_000,
                                    now=CLOCK_NOW)
    assert len(every) == views.count_subscriptions(cache, now=CLOCK_NOW)
    total = len(every)
    assert views.subscription_rows(cache, sort=sort, descending=descending,
                                   offset=total - 10, limit=200, total=total,
                                   now=CLOCK_NOW) == every[total - 10:]
    for position in (0, 7, total // 3, total - 1):
        assert views.subscription_index_of(cache, every[position].id, sort=sort,
                                           descending=descending, now=CLOCK_NOW) == position


def _customer_with_perpetual(cache) -> str:
    return cache.execute(
        "SELECT e.customer_id FROM entitlements e JOIN customers c ON c.id = e.customer_id "
        "WHERE c.removed_at IS NULL GROUP BY e.customer_id ORDER BY e.customer_id LIMIT 1"
    ).fetchone()[0]


def test_one_customer_includes_perpetual_licences(databases) -> None:
    cache, _ = databases
    customer_id = _customer_with_perpetual(cache)
    rows = views.subscription_rows(cache, customer_id=customer_id, limit=1000, now=CLOCK_NOW)
    subscriptions = cache.execute(
        "SELECT count(*) FROM subscriptions WHERE customer_id = ?", (customer_id,)).fetchone()[0]
    licences = cache.execute(
        "SELECT id, product_name, purchase_date FROM entitlements WHERE customer_id = ?",
        (customer_id,)).fetchall()
    assert len(rows) == subscriptions + len(licences)
    perpetual = {row.id: row for row in rows if row.kind == "perpetual"}
    for key, name, purchased in licences:
        row = perpetual[key]
        assert row.product == name and row.billing_cycle == "onetime"
        refund_until = datetime.fromisoformat(purchased.replace("Z", "+00:00")) + timedelta(
            days=views.PERPETUAL_REFUND_DAYS)
        assert row.cancellation_allowed_until == refund_until.strftime("%Y-%m-%dT%H:%M:%SZ")
    for sort in views.SUBSCRIPTION_SORTS:
        ordered = views.subscription_rows(cache, customer_id=customer_id, sort=sort,
                                          limit=1000, now=CLOCK_NOW)
        for position, row in enumerate(ordered):
            assert views.subscription_index_of(cache, row.id, customer_id=customer_id,
                                               sort=sort, now=CLOCK_NOW) == position
    assert views.subscription_record(cache, licences[0][0])["product_name"] == licences[0][1]


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_presets_select_what_they_say(databases) -> None:
    cache, _ = databases
    every = views.subscription_rows(cache, limit=100_000, now=CLOCK_NOW)
    now, soon = _stamp(CLOCK_NOW), _stamp(CLOCK_NOW + timedelta(days=30))
    expected = {
        "renewing_within_days": [r for r in every if r.status == "active" and r.auto_renew
                                 and r.commitment_end_date
                                 and now <= r.commitment_end_date <= soon],
        "in_window": [r for r in every if r.cancellation_allowed_until
                      and r.cancellation_allowed_until > now],
        "suspended": [r for r in every if r.status == "suspended"],
        "auto_renew_off": [r for r in every if r.auto_renew is False and r.status == "active"],
        "software": [r for r in every if r.kind in {"software", "perpetual"}],
        "expired": [r for r in every if r.status in {"expired", "disabled"}],
    }
    for preset, rows in expected.items():
        assert rows, preset  # the synthetic data covers every preset
        got = views.subscription_rows(cache, preset=preset, limit=100_000, now=CLOCK_NOW)
        assert {row.id for row in got} == {row.id for row in rows}, preset
        assert views.count_subscriptions(cache, preset=preset, now=CLOCK_NOW) == len(rows)
    with pytest.raises(ValueError):
        views.count_subscriptions(cache, preset="nonsense", now=CLOCK_NOW)


def test_subscription_filter_matches_product_or_customer(databases) -> None:
    cache, _ = databases
    customer = views.customer_rows(cache, limit=1)[0]
    rows = views.subscription_rows(cache, filter=customer.company_name, limit=100_000,
                                   now=CLOCK_NOW)
    assert customer.id in {row.customer_id for row in rows}
    rows = views.subscription_rows(cache, filter="business basic", limit=100_000, now=CLOCK_NOW)
    assert rows and all("business basic" in fold(row.product) or "business basic" in fold(
        row.customer_name) for row in rows)


@pytest.mark.parametrize("needle", ["šumav", "a", "business basic", "s.r.o", "zq"])
def test_subscription_filter_is_exactly_product_or_customer_name(databases, needle) -> None:
    # Reference: every subscription of a listed customer whose product or customer name
    # contains the folded needle, computed here row by row.
    cache, _ = databases
    folded = fold(needle)
    expected = {sub_id for sub_id, product, customer in cache.execute(
        "SELECT s.id, s.name_fold, c.name_fold FROM subscriptions s "
        "JOIN customers c ON c.id = s.customer_id WHERE c.removed_at IS NULL")
        if folded in product or folded in customer}
    total = views.count_subscriptions(cache, filter=needle, now=CLOCK_NOW)
    rows = views.subscription_rows(cache, filter=needle, limit=100_000, now=CLOCK_NOW,
                                   total=total)
    assert total == len(expected)
    assert {row.id for row in rows} == expected


def test_invitations_and_command_log(databases) -> None:
    _, state = databases
    invitations = state_views.invitation_rows(state, limit=1000)
    assert [row.last_sent_at for row in invitations] == sorted(
        (row.last_sent_at for row in invitations), reverse=True)
    for position, row in enumerate(invitations):
        assert state_views.invitation_index_of(state, row.id) == position
    pending = [row for row in invitations if row.status == "pending"]
    needle = fold(pending[0].company_name.split()[0])
    found = state_views.invitation_rows(state, filter=needle, limit=1000)
    assert pending[0].id in {row.id for row in found}
    log = state_views.command_rows(state, limit=1000)
    assert len(log) == state_views.count_commands(state) == 60
    assert [row.at for row in log] == sorted((row.at for row in log), reverse=True)
    assert state_views.command_index_of(state, log[5].id) == 5
    assert state_views.command_record(state, log[0].id)["path"] == log[0].path
    errors = state_views.command_rows(state, filter="429", limit=1000)
    assert any(row.status == 429 for row in errors)
    assert all("429" in f"{row.status} {row.path} {row.request_id}" for row in errors)


def test_customer_detail_collects_the_tenant(databases) -> None:
    cache, _ = databases
    customer_id = cache.execute(
        "SELECT c.id FROM customers c WHERE c.removed_at IS NULL AND EXISTS (SELECT 1 FROM "
        "domains d WHERE d.customer_id = c.id AND d.is_initial = 0) LIMIT 1").fetchone()[0]
    detail = views.customer_detail(cache, customer_id)
    domains = dict(cache.execute(
        "SELECT domain, is_initial FROM domains WHERE customer_id = ?", (customer_id,)))
    assert detail.initial_domain == next(d for d, initial in domains.items() if initial)
    assert set(detail.other_domains) == {d for d, initial in domains.items() if not initial}
    listed = cache.execute(
        "SELECT partner_id, relationship_type FROM customer_relationships "
        "WHERE customer_id = ?", (customer_id,)).fetchall()
    assert [(rel.partner_id, rel.relationship_type) for rel in detail.relationships] == listed
    assert listed
    assert views.customer_detail(cache, "missing") is None
