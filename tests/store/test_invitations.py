"""The reseller invitation ledger: record, transitions, stale, exact-domain acceptance."""

from __future__ import annotations

import pytest

from csp_tui import i18n
from csp_tui.state import NotFoundError, invitations
from csp_tui.state.invitations import InvitationError

T0 = "2025-03-01T08:00:00.000000Z"
LINK = "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=x"


@pytest.fixture
def state(store):
    # On both engines: state.db, then a team's PostgreSQL (tests/state_engines.py).
    return store


def invite(state, company: str = "Novák s.r.o.", domain: str = "novak.cz", now: str = T0):
    return invitations.record(state, company_name=company, contact_name="Jan Novák",
                              contact_email=" jan@novak.cz ", domain=domain, link=LINK, now=now)


def test_record_stores_a_pending_invitation(state):
    created = invite(state, domain="  Novak.CZ. ")
    assert created.domain == "novak.cz"
    assert created.status == "pending"
    assert created.send_count == 1
    assert created.created_at == created.last_sent_at == created.status_changed_at == T0
    assert created.language == "cs"
    assert created.contact_email == "jan@novak.cz"
    assert invitations.get(state, created.id) == created
    assert state.execute("SELECT name_fold FROM invitations").fetchone() == (
        "novak s.r.o.",)


def test_age_and_stale_status(state):
    created = invite(state)
    assert created.age_days("2025-03-11T07:59:59Z") == 9
    assert created.age_days("2025-03-11T08:00:00Z") == 10
    assert created.effective_status("2025-03-14T08:00:00Z", 14) == "pending"
    assert created.effective_status("2025-03-15T08:00:00Z", 14) == "stale"
    # A reminder restarts the clock.
    resent = invitations.mark_resent(state, created.id, now="2025-03-15T09:00:00Z")
    assert resent.send_count == 2
    assert resent.last_sent_at == "2025-03-15T09:00:00.000000Z"
    assert resent.effective_status("2025-03-16T08:00:00Z", 14) == "pending"
    assert resent.age_days("2025-03-16T08:00:00Z") == 15
    cancelled = invitations.cancel(state, created.id, now="2025-04-01T00:00:00Z")
    assert cancelled.effective_status("2025-06-01T00:00:00Z", 14) == "cancelled"


def test_cancel_pending_then_every_further_transition_is_refused(state):
    created = invite(state)
    cancelled = invitations.cancel(state, created.id, now="2025-03-02T00:00:00Z")
    assert cancelled.status == "cancelled"
    assert cancelled.status_changed_at == "2025-03-02T00:00:00.000000Z"
    with pytest.raises(InvitationError):
        invitations.cancel(state, created.id)
    with pytest.raises(ValueError, match="cancelled"):
        invitations.mark_resent(state, created.id)
    # Never accepted afterwards either, even when its domain appears.
    assert invitations.accept_matching(
        state, [{"id": "c1", "company_name": "Novák", "domains": ["novak.cz"]}]) == []
    assert invitations.get(state, created.id).status == "cancelled"


def test_accepted_is_final(state):
    created = invite(state)
    invitations.accept_matching(state, [{"id": "C1", "company_name": "X", "domains": ["novak.cz"]}])
    with pytest.raises(InvitationError):
        invitations.cancel(state, created.id)
    with pytest.raises(InvitationError):
        invitations.mark_resent(state, created.id)
    assert invitations.get(state, created.id).status == "accepted"


def test_illegal_transition_message_is_translated(state):
    created = invite(state, company="Šumavská pekárna")
    invitations.cancel(state, created.id)
    i18n.set_language("cs")
    with pytest.raises(InvitationError, match=r"Šumavská pekárna.*zrušená.*nelze ji zrušit"):
        invitations.cancel(state, created.id)


def test_unknown_id(state):
    with pytest.raises(NotFoundError):
        invitations.cancel(state, "nope")
    with pytest.raises(NotFoundError):
        invitations.add_note(state, "nope", "x")
    assert invitations.get(state, "nope") is None


def test_notes_are_appended_with_the_date(state):
    created = invite(state)
    invitations.add_note(state, created.id, "Volal jsem, pošle to zítra.",
                         now="2025-03-03T10:00:00Z")
    invitations.cancel(state, created.id)
    updated = invitations.add_note(state, created.id, "zákazník\x1b[31m odmítl\n",
                                   now="2025-03-04T10:00:00Z")
    assert updated.notes == ("[2025-03-03] Volal jsem, pošle to zítra.\n"
                             "[2025-03-04] zákazník[31m odmítl")
    with pytest.raises(InvitationError):
        invitations.add_note(state, created.id, "   ")


def test_list_filters_on_stored_status_newest_first(state):
    a = invite(state, company="A", domain="a.cz", now="2025-03-01T00:00:00Z")
    b = invite(state, company="B", domain="b.cz", now="2025-03-02T00:00:00Z")
    c = invite(state, company="C", domain="c.cz", now="2025-03-03T00:00:00Z")
    invitations.cancel(state, b.id)
    assert [i.id for i in invitations.list_invitations(state)] == [c.id, b.id, a.id]
    assert [i.id for i in invitations.list_invitations(state, status="pending")] == [c.id, a.id]
    assert [i.id for i in invitations.list_invitations(state, status="cancelled")] == [b.id]
    with pytest.raises(ValueError):
        invitations.list_invitations(state, status="stale")


def test_accept_matching_exact_domain_case_insensitive(state):
    created = invite(state, domain="novak.cz")
    accepted = invitations.accept_matching(state, [
        {"id": "6F1E-AAAA", "company_name": "NOVÁK S.R.O.",
         "domains": ["novakcz.onmicrosoft.com", "Novak.CZ"]},
    ], now="2025-03-05T00:00:00Z")
    assert [(i.id, i.status, i.customer_id) for i in accepted] == [
        (created.id, "accepted", "6f1e-aaaa")]
    stored = invitations.get(state, created.id)
    assert stored.status_changed_at == "2025-03-05T00:00:00.000000Z"
    # Only newly accepted ones are returned.
    assert invitations.accept_matching(state, [
        {"id": "6f1e-aaaa", "company_name": "x", "domains": ["novak.cz"]}]) == []


def test_accept_matching_never_on_name_or_similar_domain(state):
    created = invite(state, company="Novák s.r.o.", domain="novak.cz")
    customers = [
        {"id": "c1", "company_name": "Novák s.r.o.", "domains": ["novak-stavby.cz"]},
        {"id": "c2", "company_name": "Jiný", "domains": ["mail.novak.cz", "novak.cz.evil.com"]},
        {"id": "c3", "company_name": "Jiný", "domains": ["novak.onmicrosoft.com"]},
    ]
    assert invitations.accept_matching(state, customers) == []
    assert invitations.get(state, created.id).status == "pending"


def test_accept_matching_initial_domain(state):
    by_prefix = invite(state, company="Prefix", domain="pekarnasumava")
    by_initial = invite(state, company="Initial", domain="hruska.onmicrosoft.com")
    accepted = invitations.accept_matching(state, [
        {"id": "c1", "company_name": "P", "domains": ["pekarnasumava.onmicrosoft.com"]},
        {"id": "c2", "company_name": "H", "domains": ["HRUSKA.onmicrosoft.com", "hruska.cz"]},
    ])
    assert {(i.id, i.customer_id) for i in accepted} == {(by_prefix.id, "c1"),
                                                         (by_initial.id, "c2")}
    assert invitations.domain_candidates("pekarnasumava") == {"pekarnasumava.onmicrosoft.com"}


def test_accept_matching_leaves_an_ambiguous_domain_pending(state):
    created = invite(state, domain="novak.cz")
    accepted = invitations.accept_matching(state, [
        {"id": "c1", "company_name": "A", "domains": ["novak.cz"]},
        {"id": "c2", "company_name": "B", "domains": ["novak.cz"]},
    ])
    assert accepted == []
    assert invitations.get(state, created.id).status == "pending"


def test_an_invitation_without_domain_is_never_accepted(state):
    created = invite(state, domain="")
    assert invitations.accept_matching(state, [{"id": "c1", "company_name": "Novák s.r.o.",
                                                "domains": [""]}]) == []
    assert invitations.get(state, created.id).status == "pending"
