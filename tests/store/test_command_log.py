"""The command log: append, filters, pruning, and redaction of anything credential-like."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csp_tui.state import command_log
from csp_tui.state.command_log import REDACTED, redact


@pytest.fixture
def state(store):
    # On both engines: state.db, then a team's PostgreSQL (tests/state_engines.py).
    return store


def call(n: int, *, status: int | None = 200, error: str | None = None,
         path: str = "/v1/customers") -> dict:
    return {"at": f"2025-03-01T08:00:{n:02d}+00:00", "method": "get", "path": path,
            "status": status, "duration_ms": 12.6, "request_id": f"req-{n}",
            "correlation_id": f"corr-{n}", "error": error}


def test_append_and_recent_newest_first(state):
    for n in range(3):
        command_log.append(state, **call(n))
    rows = command_log.recent(state)
    assert [r["request_id"] for r in rows] == ["req-2", "req-1", "req-0"]
    assert rows[0] == {"id": 3, "at": "2025-03-01T08:00:02.000000Z", "method": "GET",
                       "path": "/v1/customers", "status": 200, "duration_ms": 13,
                       "request_id": "req-2", "correlation_id": "corr-2", "error": None}
    assert [r["request_id"] for r in command_log.recent(state, limit=2)] == ["req-2", "req-1"]


def test_errors_only(state):
    command_log.append_many(state, [
        call(0), call(1, status=429), call(2, status=None, error="timed out"),
        call(3, status=201), call(4, status=500), call(5, status=200, error="bad JSON"),
    ])
    errors = command_log.recent(state, errors_only=True)
    assert [r["request_id"] for r in errors] == ["req-5", "req-4", "req-2", "req-1"]


def test_path_and_error_are_redacted_before_writing(state):
    command_log.append(state, **call(
        0, status=401,
        path="/v1/customers?size=500&access_token=SeCrEt1234567&filter=x",
        error='401 Authorization: Bearer SeCrEt1234567 body {"refresh_token": "SeCrEt1234567"}'))
    row = command_log.recent(state)[0]
    assert row["path"] == f"/v1/customers?size=500&access_token={REDACTED}&filter=x"
    assert "SeCrEt1234567" not in row["error"]
    # Every stored value of the log (iterdump is SQLite's only; this reads both engines).
    dump = repr(state.execute("SELECT * FROM command_log").fetchall())
    assert "SeCrEt1234567" not in dump


def test_prune_keeps_the_newest(state):
    command_log.append_many(state, [call(n) for n in range(10)])
    assert command_log.prune(state, keep=4) == 6
    assert [r["request_id"] for r in command_log.recent(state)] == [
        "req-9", "req-8", "req-7", "req-6"]
    assert command_log.prune(state, keep=4) == 0


def test_append_trims_the_log_by_itself(state, monkeypatch):
    monkeypatch.setattr(command_log, "DEFAULT_KEEP", 5)
    monkeypatch.setattr(command_log, "_PRUNE_EVERY", 10)
    for n in range(25):
        command_log.append(state, **call(n % 60))
    count = state.execute("SELECT count(*) FROM command_log").fetchone()[0]
    assert count <= 10
    assert command_log.recent(state, limit=1)[0]["id"] == 25


@pytest.mark.parametrize(("text", "expected"), [
    ("/v1/customers/abc/subscriptions", "/v1/customers/abc/subscriptions"),
    ("/v1/customers?size=500&seekOperation=next", "/v1/customers?size=500&seekOperation=next"),
    ("/x?token=abc&password=p%40ss&countryCode=CZ",
     f"/x?token={REDACTED}&password={REDACTED}&countryCode=CZ"),
    ("Authorization: Bearer abc.def-ghi", f"Authorization: {REDACTED}"),
    ("authorization=Basic dXNlcjpwYXNz", f"authorization={REDACTED}"),
    ('{"code": 600, "description": "Bad"}', '{"code": 600, "description": "Bad"}'),
    ('{"temporaryPassword": "Ab 12!"}', f'{{"temporaryPassword": "{REDACTED}"}}'),
    ("sent bearer xyz123", f"sent bearer {REDACTED}"),
    ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc_DEF-123 end", f"jwt {REDACTED} end"),
    (None, None),
])
def test_redact_examples(text, expected):
    assert redact(text) == expected


SECRET = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-~+/",
                 min_size=6, max_size=60)
# (text with a secret at {s}, the same text as it must be stored)
TEMPLATES = [
    ("/v1/customers?access_token={s}&size=10", "/v1/customers?access_token={r}&size=10"),
    ("/v1/x?password={s}", "/v1/x?password={r}"),
    ("GET /v1/x?client_secret={s}#frag", "GET /v1/x?client_secret={r}#frag"),
    ("Authorization: Bearer {s}", "Authorization: {r}"),
    ("Authorization: {s}", "Authorization: {r}"),
    ("header authorization={s}; other=1", "header authorization={r}; other=1"),
    ("token expired (Bearer {s})", "token expired (Bearer {r})"),
    ('{{"refresh_token": "{s}", "x": 1}}', '{{"refresh_token": "{r}", "x": 1}}'),
    ("{{'password': '{s}'}}", "{{'password': '{r}'}}"),
    ("id_token: {s} rest", "id_token: {r} rest"),
]


@given(secret=SECRET, template=st.sampled_from(TEMPLATES), prefix=st.text(
    alphabet="abcdefghij0123456789/?&.", max_size=30))
def test_redact_removes_the_secret_wherever_it_sits(secret, template, prefix):
    raw, stored = template
    cleaned = redact(f"{prefix} {raw.format(s=secret)}")
    assert cleaned == f"{prefix} {stored.format(r=REDACTED)}"
    assert redact(cleaned) == cleaned  # idempotent: redacting twice changes nothing more


@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._", min_size=1,
                        max_size=15), min_size=1, max_size=6))
def test_redact_leaves_ordinary_paths_alone(segments):
    path = "/v1/" + "/".join(segments) + "?size=500&seekOperation=next"
    assert redact(path) == path
