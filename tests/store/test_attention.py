"""What needs a person: the attention rules for one customer."""

from __future__ import annotations

import pytest

from csp_tui.domain.attention import QualificationFacts, SubscriptionFacts, attention_for
from csp_tui.timestamps import parse_timestamp

# Moments as the cache stores them, read by the one parser (the rule itself takes datetimes).
NOW = parse_timestamp("2025-03-01T12:00:00.123456Z")


def sub(status: str = "active", *, auto_renew: int | None = 1, end: str | None = None,
        window: str | None = None) -> SubscriptionFacts:
    return SubscriptionFacts(status, None if auto_renew is None else bool(auto_renew),
                             parse_timestamp(end), parse_timestamp(window))


def qual(qualification: str, vetting_status: str | None) -> QualificationFacts:
    return QualificationFacts(qualification, vetting_status)


def test_nothing_to_do():
    assert attention_for([sub(end="2025-12-31T00:00:00Z")], [], now=NOW) == (0, None)
    assert attention_for([], [], now=NOW) == (0, None)


def test_suspended_subscription():
    assert attention_for([sub("suspended", auto_renew=0)], [], now=NOW) == (1, "suspended")


@pytest.mark.parametrize(("auto_renew", "end", "expected"), [
    (0, "2025-03-05T00:00:00Z", (1, "expiring")),        # 4 days left, will expire
    (0, "2025-03-08T12:00:00Z", (1, "expiring")),        # exactly 7 days
    (0, "2025-03-08T12:00:01Z", (0, None)),              # just over 7 days
    (0, "2025-02-28T00:00:00Z", (1, "expiring")),        # past the end, still active
    (1, "2025-03-05T00:00:00Z", (0, None)),              # renews by itself
    (None, "2025-03-05T00:00:00Z", (0, None)),           # unknown is not a warning
    (0, None, (0, None)),                                # no term end
])
def test_expiring_without_auto_renew(auto_renew, end, expected):
    assert attention_for([sub(auto_renew=auto_renew, end=end)], [], now=NOW) == expected


def test_expiring_applies_only_to_active_subscriptions():
    assert attention_for([sub("expired", auto_renew=0, end="2025-03-02T00:00:00Z")], [],
                         now=NOW) == (0, None)


@pytest.mark.parametrize(("status", "window", "expected"), [
    ("active", "2025-03-02T00:00:00Z", (1, "in_window")),
    ("active", "2025-03-01T12:00:00Z", (0, None)),       # the window closed this very second
    ("active", "2025-02-20T00:00:00Z", (0, None)),
    ("deleted", "2025-03-02T00:00:00Z", (0, None)),      # cancelled inside the window
    ("pending", "2025-03-02", (1, "in_window")),         # a bare date counts as midnight UTC
])
def test_cancellation_window(status, window, expected):
    assert attention_for([sub(status, window=window)], [], now=NOW) == expected


@pytest.mark.parametrize(("qualification", "vetting", "expected"), [
    ("education", "denied", (1, "qual_denied")),
    ("Education", "Denied", (1, "qual_denied")),
    ("education", "inreview", (0, None)),
    ("education", "approved", (0, None)),
    ("stateownedentity", "denied", (0, None)),
])
def test_education_qualification(qualification, vetting, expected):
    quals = [qual(qualification, vetting)]
    assert attention_for([], quals, now=NOW) == expected


def test_every_finding_counts_and_the_most_urgent_is_the_reason():
    subs = [
        sub(window="2025-03-03T00:00:00Z"),
        sub(auto_renew=0, end="2025-03-04T00:00:00Z", window="2025-03-03T00:00:00Z"),
        sub("suspended"),
    ]
    quals = [qual("education", "denied")]
    assert attention_for(subs, quals, now=NOW) == (5, "suspended")
    assert attention_for(subs[:2], quals, now=NOW) == (4, "expiring")
    assert attention_for(subs[:1], quals, now=NOW) == (2, "qual_denied")
    assert attention_for(subs[:1], [], now=NOW) == (1, "in_window")
