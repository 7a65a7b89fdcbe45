"""Partner Center's qualification rules, as the sandbox enforces them: which qualifications a
partner may set, Education verification (a deterministic vetting: accredited-school names or an
``.edu`` site pass; asked again after a denial, up to three times) and GovernmentCommunityCloud.

The review itself ends with the passage of (virtual) time: see
:func:`csp_tui.sandbox.rules.advance`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from csp_tui.domain.text import fold
from csp_tui.sandbox.api_error import ApiError
from csp_tui.sandbox.clock import add_business_days
from csp_tui.sandbox.entities import Customer, Qualification

VETTING_BUSINESS_DAYS = 3

DENIED_REASON = "Not an Education Customer"
# Words that make an organisation look like an accredited school (folded, no diacritics).
_SCHOOL_WORDS = (
    "zakladni skola", "materska skola", "zs a ms", "zs ", "ms ", "gymnazium", "stredni skola",
    "stredni odborna", "odborne uciliste", "vysoka skola", "univerzita", "konzervator",
    "lyceum", "vyssi odborna", "skolni",
)
_NOT_SCHOOL_WORDS = ("jazykova skola", "autoskola", "taneční skola", "tanecni skola")

_QUALIFICATIONS = {
    "education": "Education",
    "stateownedentity": "StateOwnedEntity",
    "governmentcommunitycloud": "GovernmentCommunityCloud",
    "nonprofit": "Nonprofit",
    "none": "None",
}
_SEGMENTS = {"k12": "K12", "highereducation": "HigherEducation"}


def looks_like_school(customer: Customer, website: str | None = None) -> bool:
    """The sandbox's deterministic vetting: accredited-school names (or an .edu site) pass."""
    text = f" {fold(customer.company_name)} "
    if any(word in text for word in _NOT_SCHOOL_WORDS):
        return False
    sites = [website or "", *customer.all_domains]
    if any(fold(site).rstrip("/").endswith(".edu") for site in sites):
        return True
    return any(word in text for word in _SCHOOL_WORDS)


#: Education verification requests per customer (the first one and two more after denials).
MAX_VETTING_ATTEMPTS = 3


def request_qualification(customer: Customer, body: dict[str, Any],
                          now: datetime) -> Qualification:
    """Validate a POST …/qualifications body and add the qualification to ``customer``."""
    raw = body.get("qualification")
    if not isinstance(raw, str) or not raw.strip():
        raise ApiError(400, 3000, "qualification is required.", ["qualification"])
    name = _QUALIFICATIONS.get(raw.strip().lower())
    if name is None:
        raise ApiError(400, 3000, f"Unknown qualification '{raw}'.", ["qualification"])
    if name in ("None", "Nonprofit"):
        raise ApiError(400, 3000, f"Partners cannot set the {name} qualification.",
                       ["qualification"])
    existing = next((q for q in customer.qualifications if q.qualification == name), None)
    resubmitted = (existing is not None and name == "Education"
                   and existing.vetting_status == "Denied"
                   and existing.attempts < MAX_VETTING_ATTEMPTS)
    if existing is not None and not resubmitted:
        raise ApiError(400, 3000, f"The customer already has the {name} qualification; a "
                                  "qualification cannot be changed once set.",
                       ["qualification"])
    if resubmitted:
        # Verification may be requested again after a denial (the organisation's profile was
        # corrected), up to three times per customer: the same qualification goes back to review.
        assert existing is not None
        customer.qualifications.remove(existing)
    if name == "Education":
        segment_raw = body.get("educationsegment")
        segment = _SEGMENTS.get(str(segment_raw or "").strip().lower())
        if segment is None:
            raise ApiError(400, 3000, "educationSegment is required (K12 or HigherEducation).",
                           ["educationSegment"])
        website = body.get("website")
        website = website.strip() if isinstance(website, str) and website.strip() else None
        approved = looks_like_school(customer, website)
        qualification = Qualification(
            qualification="Education",
            vetting_status="InReview",
            vetting_created=now,
            vetting_due=add_business_days(now, VETTING_BUSINESS_DAYS),
            outcome="Approved" if approved else "Denied",
            outcome_reason=None if approved else DENIED_REASON,
            education_segment=segment,
            website=website,
            attempts=existing.attempts + 1 if resubmitted and existing is not None else 1,
        )
    elif name == "GovernmentCommunityCloud":
        code = body.get("validationcode")
        if not isinstance(code, str | int) or not str(code).strip():
            raise ApiError(400, 3000, "validationCode is required for GovernmentCommunityCloud.",
                           ["validationCode"])
        if customer.country.upper() != "US":
            raise ApiError(400, 3000, "GovernmentCommunityCloud is available to US government "
                                      "customers only.")
        qualification = Qualification(qualification=name, vetting_status="InReview",
                                      vetting_created=now,
                                      vetting_due=add_business_days(now, VETTING_BUSINESS_DAYS),
                                      outcome="Approved")
    else:
        qualification = Qualification(qualification=name)
    customer.qualifications.append(qualification)
    return qualification
