"""The cache migration that folds again what older versions stored (cache/schema.py)."""

from __future__ import annotations

import sqlite3

from csp_tui.cache import store, views
from csp_tui.cache.db import open_cache
from csp_tui.cache.schema import CACHE_APP_ID, CACHE_MIGRATIONS, REFOLD_MIGRATION
from csp_tui.db.migrations import split_statements
from csp_tui.domain.text import czech_sort_key, fold

CID = "6f1e2d3c-0000-4000-8000-000000000001"
OTHER = "6f1e2d3c-0000-4000-8000-000000000002"


def _cache_before_the_refold(path) -> None:
    """A cache as the version before the refold left it, with the old folds stored."""
    before = CACHE_MIGRATIONS.index(REFOLD_MIGRATION)
    conn = sqlite3.connect(path, isolation_level=None)
    for script in CACHE_MIGRATIONS[:before]:
        for statement in split_statements(script):
            conn.execute(statement)
    conn.execute("INSERT INTO meta(key, value) VALUES ('app_id', ?)", (CACHE_APP_ID,))
    conn.execute(f"PRAGMA user_version = {before}")
    # What the old fold stored: Ł and Ø kept, and one key for "ABC" and "abc".
    conn.executemany(
        "INSERT INTO customers (id, company_name, name_fold, sort_key, primary_domain, "
        "domain_fold, first_seen_at, listed_at, search_fold) "
        "VALUES (?, ?, ?, 'same', ?, ?, 'x', 'x', ?)",
        [(CID, "Łódź Ørsted ABC", "łodz ørsted abc", "lodz.pl", "lodz.pl",
          f"łodz ørsted abc\nlodz.pl\n{CID}"),
         (OTHER, "Łódź Ørsted abc", "łodz ørsted abc", "lodz2.pl", "lodz2.pl",
          f"łodz ørsted abc\nlodz2.pl\n{OTHER}")])
    conn.execute("INSERT INTO domains (customer_id, domain, is_initial) VALUES (?, ?, 0)",
                 (CID, "łodz.onmicrosoft.com"))
    conn.execute(
        "INSERT INTO subscriptions (id, customer_id, offer_name, friendly_name, name_fold, "
        "sort_key, synced_at, search_fold) VALUES ('s1', ?, 'Office Æ', 'Øresund', "
        "'office æ øresund', 'same', 'x', 'office æ øresund\nłodz ørsted abc')", (CID,))
    conn.close()


def test_opening_an_older_cache_folds_every_stored_text_again(tmp_path) -> None:
    path = tmp_path / "cache.db"
    _cache_before_the_refold(path)

    cache = open_cache(path, rebuild_if_unusable=False)
    try:
        assert cache.execute("PRAGMA user_version").fetchone()[0] == len(CACHE_MIGRATIONS)
        name_fold, key, search = cache.execute(
            "SELECT name_fold, sort_key, search_fold FROM customers WHERE id = ?",
            (CID,)).fetchone()
        assert name_fold == "lodz orsted abc"
        assert key == czech_sort_key("Łódź Ørsted ABC")
        # The same search text a sync writes now.
        assert search == store.search_fold("Łódź Ørsted ABC", "lodz.pl",
                                           ["łodz.onmicrosoft.com"], CID)
        other_key = cache.execute("SELECT sort_key FROM customers WHERE id = ?",
                                  (OTHER,)).fetchone()[0]
        assert other_key != key  # "ABC" and "abc" no longer share a key
        sub = cache.execute("SELECT name_fold, sort_key, search_fold FROM subscriptions "
                            "WHERE id = 's1'").fetchone()
        assert sub == (fold("Office Æ Øresund"), czech_sort_key("Office Æ"),
                       f"{fold('Office Æ Øresund')}\nlodz orsted abc")
        # And the filter finds them by what a person types.
        assert {row.id for row in views.customer_rows(cache, filter="lodz orsted",
                                                      limit=10)} == {CID, OTHER}
    finally:
        cache.close()


def test_opening_an_older_state_folds_the_ledgers_names_again(tmp_path) -> None:
    """The invitations' folded names too (state migration after the seen marks): an
    invitation to "Łódź" is found by "lodz" once the file is opened."""
    from csp_tui.db.migrations import sql_for
    from csp_tui.state import views as state_views
    from csp_tui.state.db import open_state
    from csp_tui.state.schema import STATE_APP_ID, STATE_MIGRATIONS

    path = tmp_path / "state.db"
    before = len(STATE_MIGRATIONS) - 1
    conn = sqlite3.connect(path, isolation_level=None)
    for entry in STATE_MIGRATIONS[:before]:
        for statement in split_statements(sql_for(entry, "sqlite")):
            conn.execute(statement)
    conn.execute("INSERT INTO meta(key, value) VALUES ('app_id', ?)", (STATE_APP_ID,))
    conn.execute(f"PRAGMA user_version = {before}")
    conn.execute(
        "INSERT INTO invitations (id, created_at, company_name, name_fold, link, "
        "status_changed_at, last_sent_at) VALUES ('i1', 'x', 'Łódź Ørsted', 'łodz ørsted', "
        "'https://example.invalid', 'x', 'x')")
    conn.close()

    state = open_state(path)
    try:
        assert state.execute("SELECT name_fold FROM invitations").fetchone()[0] == (
            fold("Łódź Ørsted")) == "lodz orsted"
        assert [row.id for row in state_views.invitation_rows(state, filter="lodz")] == ["i1"]
    finally:
        state.close()
