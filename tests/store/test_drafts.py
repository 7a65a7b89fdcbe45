"""Form drafts: round trip, replace, delete, no secrets."""

from __future__ import annotations

import pytest

from csp_tui.state import SecretRejectedError
from csp_tui.state.drafts import delete_draft, load_draft, save_draft

FORM = {"company_name": "Žluťoučký kůň, s.r.o.", "ico": "27082440",
        "address": {"street": "Příčná 1892/4", "city": "Ústí nad Labem", "postal_code": "400 01"},
        "contact": ["Jiří Čermák", "jiri@kun.cz"], "education": False, "seats": 12}


@pytest.fixture
def state(store):
    # On both engines: state.db, then a team's PostgreSQL (tests/state_engines.py).
    return store


def test_round_trip_with_czech_text(state):
    assert load_draft(state, "new-tenant") is None
    at = save_draft(state, "new-tenant", FORM, now="2025-03-01T08:00:00Z")
    assert at == "2025-03-01T08:00:00.000000Z"
    assert load_draft(state, "new-tenant") == (FORM, at)
    # Stored readable (not \\u-escaped), so the sqlite3 shell shows the Czech text.
    raw = state.execute("SELECT data FROM drafts").fetchone()[0]
    assert "Žluťoučký kůň" in raw


def test_save_replaces_and_delete_removes(state):
    save_draft(state, "new-tenant", FORM, now="2025-03-01T08:00:00Z")
    save_draft(state, "new-tenant", {"company_name": "Jiná"}, now="2025-03-01T09:00:00Z")
    save_draft(state, "invite", {"domain": "novak.cz"}, now="2025-03-01T09:00:00Z")
    assert load_draft(state, "new-tenant") == ({"company_name": "Jiná"},
                                               "2025-03-01T09:00:00.000000Z")
    assert delete_draft(state, "new-tenant") is True
    assert delete_draft(state, "new-tenant") is False
    assert load_draft(state, "new-tenant") is None
    assert load_draft(state, "invite") == ({"domain": "novak.cz"}, "2025-03-01T09:00:00.000000Z")


def test_secrets_are_refused(state):
    with pytest.raises(SecretRejectedError):
        save_draft(state, "new-tenant", dict(FORM, admin={"password": "Heslo-2025"}))
    assert load_draft(state, "new-tenant") is None
