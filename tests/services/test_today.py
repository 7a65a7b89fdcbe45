"""Today's pieces on their own: the limits and their counts, the marker, the charts, the
durations of ``--since``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from csp_tui.cache import store
from csp_tui.cache.db import open_cache
from csp_tui.cli.today import parse_duration
from csp_tui.domain.changes import Change
from csp_tui.i18n import set_language
from csp_tui.sandbox import synthetic_cache as synthetic
from csp_tui.services import today as today_service
from csp_tui.services import today_chart as chart
from csp_tui.state import outbox, seen_marks
from csp_tui.state.db import open_state
from csp_tui.timestamps import stamp

NOW = datetime(2026, 11, 24, 9, 45, tzinfo=UTC)


@pytest.fixture
def databases(tmp_path):
    set_language("en")
    cache = open_cache(tmp_path / "cache.db")
    state = open_state(tmp_path / "state.db")
    synthetic.populate(cache, state, customers=80, subscriptions_per_customer=5, seed=7,
                       now="2026-11-24T09:00:00Z", invitations=30)
    yield cache, state
    cache.close()
    state.close()


def test_each_group_lists_its_first_entries_and_counts_the_rest(databases) -> None:
    cache, state = databases
    whole = today_service.build_today(cache, state, now=NOW, since=None, limit=10_000)
    short = today_service.build_today(cache, state, now=NOW, since=None, limit=2)
    assert not whole.more
    for group in {entry.group for entry in whole.due}:
        listed = [e for e in whole.due if e.group == group]
        kept = [e for e in short.due if e.group == group]
        # Windows are one group of two kinds; every other group is one kind.
        assert kept == listed[:2]
        assert short.more.get(group, 0) == max(0, len(listed) - 2)
    assert short.more, "the synthetic cache has more than two of something due"
    assert short.as_json()["more"] == short.more


def test_the_marker_is_per_database_and_moves_only_forward_in_what_it_shows(databases) -> None:
    _, state = databases
    assert seen_marks.last_seen(state) is None
    first = seen_marks.mark_seen(state, now="2026-11-24T08:00:00.000000Z")
    assert seen_marks.last_seen(state) == first
    seen_marks.mark_seen(state, now="2026-11-24T09:00:00.000000Z")
    assert seen_marks.last_seen(state) == "2026-11-24T09:00:00.000000Z"


def test_renewals_per_week_add_up_to_the_subscriptions_renewing(databases) -> None:
    cache, _ = databases
    weeks = today_service.renewal_weeks(cache, NOW)
    assert len(weeks) == today_service.CHART_WEEKS
    assert weeks[0].start == datetime(2026, 11, 23).date()  # the Monday of NOW's week
    end = NOW + timedelta(days=7 * len(weeks))
    rows = cache.execute(
        "SELECT commitment_end_date, quantity, kind FROM subscriptions WHERE status = 'active' "
        "AND commitment_end_date > ? AND commitment_end_date <= ?",
        (stamp(NOW - timedelta(days=1)), stamp(end))).fetchall()
    last = weeks[-1].start + timedelta(days=7)
    expected_online = sum(q for e, q, k in rows if k != "software" and
                          (datetime.fromisoformat(e.replace("Z", "+00:00"))
                           + timedelta(days=1)).date() < last)
    assert sum(week.online for week in weeks) == expected_online
    assert sum(week.online + week.software for week in weeks) > 0


def test_the_chart_reads_without_colour() -> None:
    set_language("en")
    weeks = [today_service.RenewalWeek(datetime(2026, 11, 23).date() + timedelta(days=7 * i),
                                       online, software)
             for i, (online, software) in enumerate([(10, 0), (0, 5), (20, 20), (0, 0)])]
    lines = chart.plain(chart.renewal_chart(weeks, height=4))
    bars = lines[1:5]
    # Online and software differ by shape: a monochrome terminal tells them apart.
    column = {i: "".join(line[1 + 5 * i:4 + 5 * i] for line in bars) for i in range(4)}
    assert set(column[0].strip()) == {chart.ONLINE_BLOCK}
    assert set(column[1].strip()) == {chart.SOFTWARE_BLOCK}
    assert {chart.ONLINE_BLOCK, chart.SOFTWARE_BLOCK} <= set(column[2])
    assert column[3].strip() == ""
    assert column[2].count(chart.ONLINE_BLOCK) + column[2].count(chart.SOFTWARE_BLOCK) == 12
    assert lines[5].split() == ["10", "5", "40", "0"]
    assert lines[6].split() == ["23", "30", "7", "14"]
    assert "online" in lines[7] and "software" in lines[7]
    assert all(len(line) <= 80 for line in chart.plain(chart.renewal_chart(
        weeks * 4, height=6)))
    nothing = [today_service.RenewalWeek(w.start, 0, 0) for w in weeks]
    assert chart.plain(chart.renewal_chart(nothing))[1] == "No renewals in the next 13 weeks."


def test_the_seats_line() -> None:
    set_language("en")
    assert chart.sparkline([1, 5, 9]) == "▁▅█"
    assert chart.sparkline([4, 4]) == "▄▄"
    assert chart.plain(chart.seats_chart("Kemp s.r.o.", [3, 9]))[1].endswith(
        "3 → 9 (min 3, max 9)")
    assert "choose a line" in chart.plain(chart.seats_chart(None, []))[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("24h", timedelta(hours=24)), ("3d", timedelta(days=3)), ("1w", timedelta(weeks=1)),
    ("90m", timedelta(minutes=90)), (" 2 D ", timedelta(days=2)),
])
def test_durations(text, expected) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "24", "h", "-3d", "3 days", "1y"])
def test_not_durations(text) -> None:
    assert parse_duration(text) is None


def test_every_kind_of_due_and_of_outbox_result(databases) -> None:
    cache, state = databases
    customer, name = cache.execute(
        "SELECT id, company_name FROM customers WHERE removed_at IS NULL ORDER BY id").fetchone()
    cache.execute("UPDATE customers SET created_pending_at = ? WHERE id = ?",
                  ("2026-11-24T09:30:00.000000Z", customer))
    # In review since Monday the 16th: six working days by Tuesday the 24th (usually three).
    cache.execute("INSERT OR REPLACE INTO qualifications(customer_id, qualification, "
                  "vetting_status, vetting_created_at, synced_at) VALUES (?, 'education', "
                  "'InReview', '2026-11-16T09:00:00Z', '2026-11-24T09:00:00Z')", (customer,))
    cache.commit()
    looked = "2026-11-24T08:00:00.000000Z"
    refused = outbox.enqueue(state, kind="patch_subscription", customer_id=customer,
                             subject="10 → 5", payload={"subscription_id": "s1"}, now=looked)
    outbox.claim_next(state, now="2026-11-24T08:01:00.000000Z")
    outbox.mark_failed(state, refused.id, code="800002", message="Not allowed",
                       now="2026-11-24T08:02:00.000000Z")
    outbox.enqueue(state, kind="patch_subscription", customer_id=customer, subject="5 → 6",
                   payload={"subscription_id": "s2"}, now="2026-11-24T08:03:00.000000Z")
    report = today_service.build_today(cache, state, now=NOW,
                                       since=datetime(2026, 11, 24, 8, tzinfo=UTC))
    changed = {(e.kind, e.subscription_id) for e in report.changed}
    assert changed == {("outbox_refused", "s1"), ("outbox_waiting", "s2")}
    refusal = next(e for e in report.changed if e.kind == "outbox_refused")
    assert "Not allowed" in refusal.text and refusal.fields["state"] == "failed"
    due = {(e.kind, e.customer_id) for e in report.due}
    assert ("tenant_not_listed", customer) in due
    overdue = next(e for e in report.due
                   if e.kind == "education_overdue" and e.customer_id == customer)
    assert overdue.fields["working_days"] == 6
    assert name[:20] in overdue.text


def test_who_or_what_changed_a_subscription(databases) -> None:
    cache, state = databases
    rows = cache.execute("SELECT customer_id, id FROM subscriptions ORDER BY id LIMIT 3"
                         ).fetchall()
    (c1, s1), (c2, s2), (c3, s3) = rows
    entry = outbox.enqueue(state, kind="patch_subscription", customer_id=c1, subject="off",
                           payload={"customer_id": c1, "subscription_id": s1.upper()},
                           now="2026-11-24T08:00:00.000000Z")
    outbox.claim_next(state, now="2026-11-24T08:00:01.000000Z")
    outbox.mark_done(state, entry.id, {}, now="2026-11-24T08:00:02.000000Z")
    run = store.start_run(cache, "full", now="2026-11-24T08:30:00.000000Z")
    store.record_events(cache, run, [
        Change("auto_renew_changed", c1, s1, {"old": True, "new": False, "name": "A"}),
        Change("status_changed", c2, s2, {"old": "active", "new": "expired", "name": "B"}),
        Change("status_changed", c3, s3, {"old": "active", "new": "suspended", "name": "C"}),
    ], now="2026-11-24T08:30:00.000000Z")
    report = today_service.build_today(cache, state, now=NOW,
                                       since=datetime(2026, 11, 24, 8, tzinfo=UTC))
    by = {e.subscription_id: e.fields.get("by") for e in report.changed
          if e.subscription_id in {s1, s2, s3} and e.kind != "outbox_done"}
    assert by == {s1: "console", s2: "lifecycle", s3: "partner_center"}
    texts = {e.subscription_id: e.text for e in report.changed if e.kind == "status_changed"}
    assert texts[s2].endswith("(Partner Center, as the term ended)")
    assert texts[s3].endswith("(in Partner Center)")


def test_sync_events_are_new_by_their_order_not_their_time(databases) -> None:
    """A sandbox stamps what a sync finds by its own clock: an event stamped before the look
    but recorded after it is new; a marker past the newest event (a rebuilt cache numbers
    them anew) falls back to the time."""
    cache, state = databases
    customer = cache.execute("SELECT id FROM customers ORDER BY id").fetchone()[0]
    before = today_service.build_today(cache, state, now=NOW, since=None)
    seen_marks.mark_seen(state, now="2026-11-24T09:00:00.000000Z", event_id=before.last_event)
    run = store.start_run(cache, "full", now="2026-11-20T08:00:00.000000Z")
    store.record_events(cache, run, [Change("customer_removed", customer)],
                        now="2026-11-20T08:00:00.000000Z")
    since = datetime(2026, 11, 24, 9, tzinfo=UTC)
    report = today_service.build_today(cache, state, now=NOW, since=since,
                                       since_event=seen_marks.last_event(state))
    assert [e.kind for e in report.changed] == ["customer_removed"]
    assert report.last_event == before.last_event + 1
    rebuilt = today_service.build_today(cache, state, now=NOW, since=since,
                                        since_event=report.last_event + 100)
    assert rebuilt.changed == ()
