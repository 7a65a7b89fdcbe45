"""The synthetic cache: same seed, same rows; derived columns right; hostile names on request."""

from __future__ import annotations

from csp_tui.cache import store
from csp_tui.cache.db import open_cache
from csp_tui.domain.text import czech_sort_key, fold
from csp_tui.sandbox import synthetic_cache as synthetic
from csp_tui.state.db import open_state


def _dump(database, table: str) -> list[tuple]:
    return database.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()


def test_same_seed_gives_the_same_rows(tmp_path) -> None:
    dumps = []
    for name in ("one", "two"):
        cache = open_cache(tmp_path / name / "cache.db")
        state = open_state(tmp_path / name / "state.db")
        synthetic.populate(cache, state, customers=30, seed=11, invitations=6, command_log=10)
        dumps.append([_dump(cache, table) for table in (
            "customers", "domains", "subscriptions", "entitlements", "qualifications")]
            + [_dump(state, "invitations"), _dump(state, "command_log")])
        cache.close()
        state.close()
    assert dumps[0] == dumps[1]
    other = open_cache(tmp_path / "three" / "cache.db")
    synthetic.populate(other, customers=30, seed=12)
    assert _dump(other, "customers") != dumps[0][0]
    other.close()


def test_counts_and_derived_columns(tmp_path) -> None:
    cache = open_cache(tmp_path / "cache.db")
    state = open_state(tmp_path / "state.db")
    written = synthetic.populate(cache, state, customers=40, subscriptions=333, invitations=9,
                                 command_log=12, removed=3)
    assert written["customers"] == 43 and written["subscriptions"] == 333
    assert cache.execute("SELECT count(*) FROM subscriptions").fetchone()[0] == 333
    assert state.execute("SELECT count(*) FROM invitations").fetchone()[0] == 9
    for name, name_fold, sort_key, domain, domain_fold in cache.execute(
            "SELECT company_name, name_fold, sort_key, primary_domain, domain_fold "
            "FROM customers"):
        assert name_fold == fold(name) and sort_key == czech_sort_key(name)
        assert domain_fold == fold(domain) and domain.endswith(".onmicrosoft.com")
    # The search text is what the sync's store would write for the same rows.
    for customer_id, name, domain, search in cache.execute(
            "SELECT id, company_name, primary_domain, search_fold FROM customers").fetchall():
        domains = [row[0] for row in cache.execute(
            "SELECT domain FROM domains WHERE customer_id = ?", (customer_id,))]
        assert search == store.search_fold(name, domain, domains, customer_id)
    # subscription_count agrees with the rows written for each customer
    mismatched = cache.execute(
        "SELECT count(*) FROM customers c WHERE subscription_count != "
        "(SELECT count(*) FROM subscriptions s WHERE s.customer_id = c.id)").fetchone()[0]
    assert mismatched == 0
    kinds = {row[0] for row in cache.execute("SELECT DISTINCT kind FROM subscriptions")}
    terms = {row[0] for row in cache.execute(
        "SELECT DISTINCT term_duration FROM subscriptions")}
    assert kinds == {"online", "software"} and terms == {"P1M", "P1Y", "P3Y"}
    removed = cache.execute(
        "SELECT count(*) FROM customers WHERE removed_at IS NOT NULL").fetchone()[0]
    assert removed == 3
    cache.close()
    state.close()


def test_hostile_names_only_when_asked(tmp_path) -> None:
    plain = open_cache(tmp_path / "plain.db")
    synthetic.populate(plain, customers=10)
    names = {row[0] for row in plain.execute("SELECT company_name FROM customers")}
    assert not names & set(synthetic.HOSTILE_NAMES)
    hostile = open_cache(tmp_path / "hostile.db")
    synthetic.populate(hostile, customers=10, hostile=True)
    names = {row[0] for row in hostile.execute("SELECT company_name FROM customers")}
    assert set(synthetic.HOSTILE_NAMES) <= names
    assert any("\x1b]52" in name for name in names) and any("\u202e" in name for name in names)
    plain.close()
    hostile.close()
