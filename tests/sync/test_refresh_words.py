"""What a refresh cycle did, in words: ``csp-tui sync``'s lines and the status bar's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from csp_tui.i18n import get_language, set_language
from csp_tui.services import refresh_words
from csp_tui.services.status import BackendStatus
from csp_tui.services.sync_run import SyncResult
from csp_tui.tui.widgets.status_bar import sync_text

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
def language() -> Iterator[None]:
    before = get_language()
    yield
    set_language(before)


def _refresh() -> SyncResult:
    return SyncResult(run_id=1, kind="refresh", ok=True, cycle="refresh", requests=212,
                      reread={"new": 1, "audit": 50, "dates": 3, "sweep": 150},
                      oldest_read="2026-11-22T06:00:00.000000Z")


def test_a_refresh_says_what_it_reread_and_the_oldest_age(language) -> None:
    set_language("en")
    assert refresh_words.summary_lines(_refresh(), NOW) == [
        "Refresh of what changed.",
        "  Re-read: 1 new, 50 named by the audit log, 3 due by dates, 150 oldest (sweep).",
        "  Requests: 212.",
        "  Oldest data: 2 days old.",
    ]


def test_a_fallback_says_why_in_czech(language) -> None:
    set_language("cs")
    result = SyncResult(run_id=1, kind="refresh", ok=True, cycle="fallback",
                        cycle_reason="Authorization Failed (HTTP 403, code 1002)", requests=9,
                        oldest_read="2026-11-24T11:20:00.000000Z")
    lines = refresh_words.summary_lines(result, NOW)
    assert lines[0] == "Úplné načtení (auditní záznamy se nepodařilo načíst)."
    assert "code 1002" in lines[1] and "místo toho bylo načteno všechno" in lines[1]
    assert lines[-1] == "  Nejstarší data: 40 min."


def test_a_run_that_was_no_cycle_adds_nothing() -> None:
    assert refresh_words.summary_lines(SyncResult(run_id=1, kind="customer", ok=True),
                                       NOW) == []


def test_the_status_bar_names_the_kind_and_the_oldest_age(language) -> None:
    set_language("en")
    status = BackendStatus(last_success_at=datetime(2026, 11, 24, 11, 58, tzinfo=UTC),
                           cycle="refresh", oldest_read="2026-11-24T07:00:00.000000Z")
    text, tone = sync_text(status, NOW)
    assert text.endswith("· refresh · oldest 5 h")
    assert tone == ""
    before_any_cycle = sync_text(BackendStatus(last_success_at=status.last_success_at), NOW)
    assert "refresh" not in before_any_cycle[0] and "oldest" not in before_any_cycle[0]
