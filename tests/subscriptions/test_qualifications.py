"""Requesting the Education qualification and reading how the review goes (no network)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlite_utils import Database

from csp_tui.cache.db import open_cache
from csp_tui.config import Profile, Role
from csp_tui.services.qualifications import (
    QualificationExistsError,
    QualificationInputError,
    ReadOnlyError,
    qualification_status,
    request_education,
    working_days_between,
)
from csp_tui.state import NotFoundError, outbox
from csp_tui.state.db import open_state

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # a Tuesday
SCHOOL = "5c4001a0-0000-4000-8000-000000000001"
# A distributor's profile: Partner Center refuses these writes to an indirect reseller (whose
# way is a request for the distributor, see tests/roles).
PROFILE = Profile(name="work", language="en", role=Role.INDIRECT_PROVIDER)


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def cache(tmp_path):
    db = open_cache(tmp_path / "cache.db")
    Database(db)["customers"].insert({"id": SCHOOL,
                                      "company_name": "ZŠ a MŠ Horní Lhota, příspěvková "
                                      "organizace", "first_seen_at": iso(NOW),
                                      "listed_at": iso(NOW)})
    yield db
    db.close()


@pytest.fixture
def state(tmp_path):
    db = open_state(tmp_path / "state.db")
    yield db
    db.close()


def add_qualification(cache, status: str | None, *, qualification: str = "education",
                      created: datetime | None = None, reason: str | None = None) -> None:
    Database(cache)["qualifications"].insert({
        "customer_id": SCHOOL, "qualification": qualification, "vetting_status": status,
        "vetting_reason": reason, "vetting_created_at": iso(created) if created else None,
        "synced_at": iso(NOW),
    }, replace=True)


def test_the_request_is_queued_with_the_documented_body(cache, state) -> None:
    entry = request_education(state, cache, SCHOOL.upper(), "K12", " zshornilhota.cz/ ",
                              profile=PROFILE)
    assert entry.kind == "create_qualification"
    assert entry.payload == {"customer_id": SCHOOL, "body": {
        "qualification": "Education", "educationSegment": "K12", "website": "zshornilhota.cz"}}
    assert entry.dedupe_key == f"qual:{SCHOOL}:education"
    assert entry.subject == ("ZŠ a MŠ Horní Lhota, příspěvková organizace: request the "
                             "Education qualification (K12 – schools)")
    assert request_education(state, cache, SCHOOL, "K12", None, profile=PROFILE).id == entry.id
    assert len(outbox.list_entries(state)) == 1


@pytest.mark.parametrize(("typed", "segment"), [
    ("k12", "K12"), ("HigherEducation", "HigherEducation"), ("higher education", "HigherEducation"),
    ("Higher-Education", "HigherEducation"),
])
def test_segments_are_read_leniently(cache, state, typed, segment) -> None:
    entry = request_education(state, cache, SCHOOL, typed, None, profile=PROFILE)
    assert entry.payload["body"] == {"qualification": "Education", "educationSegment": segment}


def test_a_segment_is_required_and_the_website_must_be_one(cache, state) -> None:
    with pytest.raises(QualificationInputError) as caught:
        request_education(state, cache, SCHOOL, None, "not a website", profile=PROFILE)
    assert set(caught.value.problems) == {"segment", "website"}
    assert "K12" in caught.value.problems["segment"]
    with pytest.raises(QualificationInputError):
        request_education(state, cache, SCHOOL, "University", None, profile=PROFILE)
    assert outbox.list_entries(state) == []


def test_read_only_and_unknown_customers_are_refused(cache, state) -> None:
    with pytest.raises(ReadOnlyError):
        request_education(state, cache, SCHOOL, "K12", None,
                          profile=Profile(name="audit", read_only=True))
    with pytest.raises(NotFoundError):
        request_education(state, cache, "00000000-0000-4000-8000-00000000dead", "K12", None,
                          profile=PROFILE)
    assert outbox.list_entries(state) == []


@pytest.mark.parametrize(("status", "message"), [
    ("inreview", "already in review"),
    ("approved", "already has the Education qualification"),
])
def test_no_second_request_while_in_review_or_approved(cache, state, status, message) -> None:
    add_qualification(cache, status, created=NOW - timedelta(days=1))
    with pytest.raises(QualificationExistsError, match=message):
        request_education(state, cache, SCHOOL, "K12", None, profile=PROFILE)


def test_a_denied_request_may_be_sent_again_but_not_endlessly(cache, state) -> None:
    add_qualification(cache, "denied", reason="Not an Education Customer")
    for attempt in range(3):
        entry = request_education(state, cache, SCHOOL, "K12", None, profile=PROFILE)
        assert entry.dedupe_key == (f"qual:{SCHOOL}:education" if attempt == 0
                                    else f"qual:{SCHOOL}:education#{attempt + 1}")
        claimed = outbox.claim_next(state)
        assert claimed is not None and claimed.id == entry.id
        outbox.mark_done(state, entry.id, {"vetting_status": "InReview"})
    with pytest.raises(QualificationExistsError, match="3 times"):
        request_education(state, cache, SCHOOL, "K12", None, profile=PROFILE)


def test_review_in_progress_in_words(cache) -> None:
    add_qualification(cache, "inreview", created=NOW - timedelta(days=2))
    (status,) = qualification_status(cache, SCHOOL, NOW, "en")
    assert (status.qualification, status.status, status.days_elapsed, status.overdue) == (
        "Education", "in_review", 2, False)
    assert status.text == "Education: in review for 2 days (usually up to 3 working days)"
    (czech,) = qualification_status(cache, SCHOOL, NOW, "cs")
    assert czech.text == ("Vzdělávání (Education): prověřuje se 2 dny (obvykle nejvýš 3 "
                          "pracovní dny)")


def test_a_long_review_is_overdue_in_working_days(cache) -> None:
    # Friday a week and a half ago: 7 working days.
    add_qualification(cache, "inreview", created=NOW - timedelta(days=11))
    (status,) = qualification_status(cache, SCHOOL, NOW, "en")
    assert status.overdue and status.days_elapsed == 11
    assert "longer than the usual 3 working days" in status.text
    # Four calendar days over a weekend are only two working days: not overdue.
    friday = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    assert working_days_between(friday, friday + timedelta(days=4)) == 2
    add_qualification(cache, "inreview", created=friday)
    (weekend,) = qualification_status(cache, SCHOOL, friday + timedelta(days=4), "en")
    assert not weekend.overdue and weekend.days_elapsed == 4


def test_outcomes_in_words(cache) -> None:
    add_qualification(cache, "denied", reason="Not an Education Customer")
    add_qualification(cache, None, qualification="stateownedentity")
    denied, state_owned = qualification_status(cache, SCHOOL, NOW, "en")
    assert denied.status == "denied" and denied.reason == "Not an Education Customer"
    assert denied.text.startswith("Education: denied: Not an Education Customer. Correct the "
                                  "organisation's profile")
    assert (state_owned.qualification, state_owned.status) == ("StateOwnedEntity", "set")
    assert state_owned.text == "State-owned entity: set"
    add_qualification(cache, "approved")
    (approved, _) = qualification_status(cache, SCHOOL, NOW, "cs")
    assert approved.text == "Vzdělávání (Education): schváleno"
