"""The sandbox demo's story: one invitation per prospect, dated so the demo shows them pending,
accepted as the clock moves, and stale."""

from __future__ import annotations

from datetime import timedelta

from csp_tui.sandbox.demo_invitations import demo_invitations


def test_each_prospect_is_invited_two_hours_before_the_next_and_a_never_one_goes_stale() -> None:
    prospects = [
        {"companyName": "Pekárna U Lípy s.r.o.", "contactName": "Jana Nováková",
         "contactEmail": "jana@pekarna.cz", "customDomains": ["pekarna.cz", 7],
         "domain": "pekarna.onmicrosoft.com", "acceptsAfter": 3600},
        {"company_name": "Kemp Pod Hradem", "email": "kemp@example.cz",
         "domain": "kemp.onmicrosoft.com", "acceptsAfter": None},
        {"name": "Ekofarma", "accepts_after": 60},
    ]

    first, never, third = demo_invitations(prospects, stale_days=14)

    assert (first.company_name, first.contact_name, first.contact_email) == (
        "Pekárna U Lípy s.r.o.", "Jana Nováková", "jana@pekarna.cz")
    assert first.custom_domains == ("pekarna.cz",)  # only text: the 7 is dropped
    assert first.initial_domain == "pekarna.onmicrosoft.com"
    assert first.age == timedelta(hours=1)
    assert never.company_name == "Kemp Pod Hradem"
    assert never.contact_email == "kemp@example.cz"
    assert never.age == timedelta(days=17)  # past the stale limit
    # The position counts, whether or not an earlier prospect could be recorded.
    assert third.age == timedelta(hours=5)
    assert (third.custom_domains, third.initial_domain) == ((), "")
