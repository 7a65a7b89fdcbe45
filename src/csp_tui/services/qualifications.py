"""Education qualification: request it through the outbox, and say how the review is going.

Academic prices need the customer to be qualified as Education: the partner asks once
(``POST /v1/customers/{id}/qualifications`` with the education segment and, to speed vetting,
the school's website), Microsoft reviews it — "usually 3 business days or less" — and the
status moves from InReview to Approved or Denied. A denied request may be sent again after the
organisation's profile was corrected (up to 3 times per customer).

Who sends the request is the role matrix's answer (:mod:`csp_tui.domain.roles`): a partner that
transacts itself queues it for Partner Center (:func:`request_education`); an indirect reseller,
refused that call, gets the same checked request written for its distributor
(:func:`education_request_for_distributor`).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from csp_tui.config import Profile
from csp_tui.domain import roles, terms
from csp_tui.domain.text import safe_text
from csp_tui.partner_center.dates import parse_pc_datetime
from csp_tui.services import distributor_requests as requests
from csp_tui.services.distributor_requests import DistributorRequest
from csp_tui.services.invitations import ReadOnlyError
from csp_tui.services.subscriptions import (
    ActionNotAllowedError,
    DistributorRouteError,
    enqueue_once,
)
from csp_tui.state import NotFoundError
from csp_tui.state.outbox import KIND_CREATE_QUALIFICATION, OutboxEntry, OutboxState

__all__ = [
    "EXPECTED_WORKING_DAYS",
    "ActionNotAllowedError",
    "DistributorRequest",
    "DistributorRouteError",
    "QualificationExistsError",
    "QualificationInputError",
    "QualificationStatus",
    "ReadOnlyError",
    "education_request_for_distributor",
    "qualification_status",
    "request_education",
    "route",
]

EDUCATION = "Education"
SEGMENTS = {"k12": "K12", "highereducation": "HigherEducation"}
EXPECTED_WORKING_DAYS = 3
# Microsoft accepts a verification request up to three times per customer.
MAX_REQUESTS = 3
WEBSITE_MAX = 253

# A host name, optionally with a scheme and a path: "zshornilhota.cz", "https://www.vsrs.cz/".
_WEBSITE = re.compile(
    r"^(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?"
    r"(?:/[^\s]*)?$",
    re.IGNORECASE,
)


class QualificationInputError(ValueError):
    """What was typed cannot make a request; ``problems`` maps a field to a message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{name}: {text}" for name, text in self.problems.items()))


class QualificationExistsError(ValueError):
    """The customer already has (or is being reviewed for) the Education qualification, or
    the requests allowed are used up."""


@dataclass(frozen=True)
class QualificationStatus:
    """One qualification of a customer, as a person should read it."""

    qualification: str  # Education | StateOwnedEntity | GovernmentCommunityCloud | Nonprofit
    status: str  # in_review | approved | denied | set
    reason: str | None  # Microsoft's reason for a denial
    days_elapsed: int | None  # calendar days since the request (while in review)
    expected_days: int = EXPECTED_WORKING_DAYS
    overdue: bool = False
    text: str = ""


_QUALIFICATION_NAMES = {
    "education": "Education",
    "stateownedentity": "StateOwnedEntity",
    "governmentcommunitycloud": "GovernmentCommunityCloud",
    "nonprofit": "Nonprofit",
}
_STATUSES = {"inreview": "in_review", "approved": "approved", "denied": "denied"}


def _customer_name(cache: sqlite3.Connection, customer_id: str) -> str | None:
    row = cache.execute(
        "SELECT company_name FROM customers WHERE id = ? AND removed_at IS NULL",
        (customer_id,),
    ).fetchone()
    return None if row is None else (row[0] or customer_id)


def _normalise_website(website: str | None, language: str | None) -> tuple[str | None,
                                                                           str | None]:
    """(website, problem)."""
    if website is None or not website.strip():
        return None, None
    text = website.strip()
    if len(text) > WEBSITE_MAX or not _WEBSITE.match(text):
        return None, terms.say("qual.error.website", language)
    return text.rstrip("/"), None


def _education_rows(cache: sqlite3.Connection, customer_id: str) -> list[tuple[str | None]]:
    return cache.execute(
        "SELECT vetting_status FROM qualifications WHERE customer_id = ? "
        "AND lower(qualification) = 'education'", (customer_id,),
    ).fetchall()


def _requests_sent(state: sqlite3.Connection, base_key: str) -> int:
    escaped = base_key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    row = state.execute(
        "SELECT count(*) FROM outbox WHERE state = ? AND (dedupe_key = ? "
        "OR dedupe_key LIKE ? ESCAPE '\\')",
        (OutboxState.DONE.value, base_key, f"{escaped}#%"),
    ).fetchone()
    return int(row[0])


def route(profile: Profile) -> roles.Access:
    """How this profile's role gets the Education qualification requested: through the API,
    through its distributor, or not at all."""
    return roles.access(profile.role, roles.QUALIFICATION_CREATE)


def _checked(
    cache: sqlite3.Connection,
    customer_id: str,
    segment: str | None,
    website: str | None,
    *,
    profile: Profile,
) -> tuple[str, str, dict[str, str], str]:
    """(customer key, its name, the Partner Center body, the segment) of a request that passes
    every local check; raises as :func:`request_education` documents."""
    language = profile.language
    if profile.read_only:
        raise ReadOnlyError(terms.say("qual.error.read_only", language, profile=profile.name))
    problems: dict[str, str] = {}
    chosen = SEGMENTS.get((segment or "").strip().lower().replace("-", "").replace(" ", ""))
    if chosen is None:
        problems["segment"] = terms.say("qual.error.segment", language)
    site, problem = _normalise_website(website, language)
    if problem:
        problems["website"] = problem
    if problems:
        raise QualificationInputError(problems)
    assert chosen is not None

    key = customer_id.strip().lower()
    name = _customer_name(cache, key)
    if name is None:
        raise NotFoundError(terms.say("qual.error.no_customer", language,
                                      id=safe_text(customer_id, 60)))
    shown_name = safe_text(name, 120)
    for (vetting,) in _education_rows(cache, key):
        status = (vetting or "").lower()
        if status in ("inreview", "approved", ""):
            # No vetting status on an Education qualification: treat it as set.
            which = "qual.error.exists_approved" if status != "inreview" else \
                "qual.error.exists_in_review"
            raise QualificationExistsError(terms.say(which, language, customer=shown_name))
    body: dict[str, str] = {"qualification": EDUCATION, "educationSegment": chosen}
    if site:
        body["website"] = site
    return key, shown_name, body, chosen


def request_education(
    state: sqlite3.Connection,
    cache: sqlite3.Connection,
    customer_id: str,
    segment: str | None,
    website: str | None,
    *,
    profile: Profile,
) -> OutboxEntry:
    """Queue an Education qualification request for the customer.

    Raises :class:`ReadOnlyError` (read-only profile), :class:`QualificationInputError` (no or
    an unknown segment, a website that is not one), :class:`~csp_tui.state.NotFoundError`
    (customer not in the cache), :class:`QualificationExistsError` (already in review or
    approved, or three requests already sent), :class:`DistributorRouteError` (the role's
    distributor requests it: :func:`education_request_for_distributor`) and
    :class:`ActionNotAllowedError` (the role cannot have it requested at all). A request still
    waiting in the outbox is returned instead of a second one.
    """
    key, shown_name, body, chosen = _checked(cache, customer_id, segment, website,
                                             profile=profile)
    language = profile.language
    access = route(profile)
    if access is roles.Access.DISTRIBUTOR:
        raise DistributorRouteError(terms.say("roles.error.distributor_only", language))
    if access is roles.Access.REFUSED:
        raise ActionNotAllowedError(terms.say("roles.edu.refused", language))
    base_key = f"qual:{key}:education"
    if _requests_sent(state, base_key) >= MAX_REQUESTS:
        raise QualificationExistsError(terms.say("qual.error.too_many", language,
                                                 customer=shown_name, count=MAX_REQUESTS))
    subject = terms.say("qual.subject", language, customer=shown_name,
                        segment=terms.say(f"qual.segment.{chosen}", language))
    return enqueue_once(state, base_key=base_key, kind=KIND_CREATE_QUALIFICATION,
                        payload={"customer_id": key, "body": body}, subject=subject,
                        customer_id=key)


def education_request_for_distributor(
    cache: sqlite3.Connection,
    customer_id: str,
    segment: str | None,
    website: str | None,
    *,
    profile: Profile,
    exports_dir: Path,
    now: datetime,
    language: str | None = None,
) -> DistributorRequest:
    """For a role whose distributor requests qualifications (an indirect reseller): the same
    checks as :func:`request_education`, then the request as an e-mail and a JSON document
    saved 0600 under ``exports_dir``. Nothing is queued or sent. Raises as
    :func:`request_education`; :class:`ActionNotAllowedError` for a role that sends the
    request itself."""
    key, _name, body, chosen = _checked(cache, customer_id, segment, website,
                                        profile=profile)
    if route(profile) is not roles.Access.DISTRIBUTOR:
        raise ActionNotAllowedError(terms.say("roles.error.not_distributor", profile.language))
    lang = language if language in ("cs", "en") else terms.language_or_current(
        profile.language)
    current = [status.text for status in qualification_status(cache, key, now, lang)]
    text, document = requests.education(
        reseller=requests.reseller_facts(profile, lang),
        customer=requests.customer_facts(cache, key),
        body=body,
        segment_words=terms.say(f"qual.segment.{chosen}", lang),
        current=current,
        expected_days=EXPECTED_WORKING_DAYS,
        language=lang,
    )
    return requests.save(text, document, exports_dir, f"education-request-{key[:8]}")


def working_days_between(start: datetime, end: datetime) -> int:
    """Whole working days (Monday to Friday) from ``start`` to ``end``."""
    if end <= start:
        return 0
    count = 0
    current = start
    while current + timedelta(days=1) <= end:
        current += timedelta(days=1)
        if current.weekday() < 5:
            count += 1
    return count


def _status_text(label: str, status: str, reason: str | None, days: int | None,
                 overdue: bool, language: str | None) -> str:
    if status == "in_review" and days is None:
        text = terms.say("qual.status.in_review_undated", language,
                         expected=EXPECTED_WORKING_DAYS)
    elif status == "in_review" and days is not None:
        elapsed = terms.plural(days, "day", language)
        key = "qual.status.in_review_overdue" if overdue else "qual.status.in_review"
        text = terms.say(key, language, elapsed=elapsed, expected=EXPECTED_WORKING_DAYS)
    elif status == "denied":
        text = terms.say("qual.status.denied", language,
                         reason=reason or terms.say("qual.status.no_reason", language),
                         count=MAX_REQUESTS)
    else:
        text = terms.say(f"qual.status.{status}", language)
    return terms.say("qual.status.line", language, name=label, text=text)


def qualification_status(
    cache: sqlite3.Connection, customer_id: str, now: datetime,
    language: str | None = None,
) -> list[QualificationStatus]:
    """The customer's qualifications as last synced, with review progress in words: "in review
    for 2 days (usually up to 3 working days)"."""
    rows = cache.execute(
        "SELECT qualification, vetting_status, vetting_reason, vetting_created_at "
        "FROM qualifications WHERE customer_id = ? ORDER BY qualification",
        (customer_id.strip().lower(),),
    ).fetchall()
    result: list[QualificationStatus] = []
    for qualification, vetting, reason, created in rows:
        raw_name = str(qualification or "").strip()
        name = _QUALIFICATION_NAMES.get(raw_name.lower(), safe_text(raw_name, 40))
        status = _STATUSES.get(str(vetting or "").strip().lower(), "set")
        since = parse_pc_datetime(created)
        days: int | None = None
        overdue = False
        if status == "in_review" and since is not None:
            days = max(0, (now - since).days)
            overdue = working_days_between(since, now) > EXPECTED_WORKING_DAYS
        shown_reason = safe_text(reason, 200) if reason else None
        label = (terms.say(f"qual.name.{name}", language)
                 if name in _QUALIFICATION_NAMES.values() else name)
        text = _status_text(label, status, shown_reason, days, overdue, language)
        result.append(QualificationStatus(
            qualification=name, status=status, reason=shown_reason, days_elapsed=days,
            overdue=overdue, text=text,
        ))
    return result
