"""Invite, remind, cancel, note: the invitation's use cases over the ledger in state.db."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from csp_tui.config import Profile, Role, Settings
from csp_tui.i18n import t
from csp_tui.services.invitations.errors import InvitationInputError
from csp_tui.services.invitations.input import ensure_writable, validate_input
from csp_tui.services.invitations.link import relationship_link
from csp_tui.services.invitations.partner_names import (
    PROVIDER_RELATIONSHIP,
    email_texts,
    partner_names,
    partners,
)
from csp_tui.state import invitations as ledger
from csp_tui.state.invitations import Invitation, normalise_domain
from csp_tui.timestamps import stamp
from csp_tui.world_clock import world_clock_for

if TYPE_CHECKING:
    import sqlite3

    from csp_tui.services.work_session import LedgerAccess, WorkSession


@dataclass(frozen=True)
class InviteResult:
    invitation: Invitation
    link: str
    email_subject: str
    email_body: str
    #: ``True`` when a pending invitation for the same domain existed and was returned
    #: instead of recording a second one.
    duplicate: bool = False


def find_pending(state: sqlite3.Connection, domain: str,
                 reseller_id: str | None = None) -> Invitation | None:
    """The pending (or stale) invitation for this domain and reseller, if there is one."""
    wanted = normalise_domain(domain)
    reseller = (reseller_id or "").lower()
    for invitation in ledger.list_invitations(state, status=ledger.PENDING):
        if invitation.domain == wanted and (invitation.reseller_id or "").lower() == reseller:
            return invitation
    return None


async def invite(
    session: WorkSession,
    *,
    company_name: str,
    contact_name: str | None,
    contact_email: str,
    domain: str,
    language: str,
    reseller_id: str | None = None,
    now: str | None = None,
) -> InviteResult:
    """Validate, get the checked link, record the invitation, and write the e-mail.

    A pending invitation for the same domain (and, for a distributor, the same reseller) is
    returned as it is (``duplicate=True``) rather than recorded twice: one customer, one open
    request. Raises :class:`ReadOnlyError`, :class:`InvitationInputError`,
    :class:`RelationshipLinkError` or a :class:`PartnerCenterError`.
    """
    profile: Profile = session.settings.profile
    ensure_writable(profile)
    data = validate_input(profile, company_name=company_name, contact_name=contact_name,
                          contact_email=contact_email, domain=domain, language=language,
                          reseller_id=reseller_id)

    existing = find_pending(session.state, data.domain, data.reseller_id)
    if existing is not None:
        names = await partner_names(session, existing.reseller_id)
        subject, body = email_texts(data.language, company_name=existing.company_name,
                                    contact_name=existing.contact_name, link=existing.link,
                                    names=names, profile=profile)
        return InviteResult(existing, existing.link, subject, body, duplicate=True)

    resellers: dict[str, str] | None = None
    if profile.role is Role.INDIRECT_PROVIDER:
        # A link for a tenant that is not our reseller would attach the customer to a partner
        # we do not supply. If Partner Center cannot tell, the link request decides.
        resellers = await partners(session.client, PROVIDER_RELATIONSHIP)
        if resellers is not None and (data.reseller_id or "") not in resellers:
            raise InvitationInputError(
                {"reseller_id": t("invite.error.reseller_unknown", value=data.reseller_id)})

    link = await relationship_link(session.client, profile, reseller_id=data.reseller_id)
    invitation = ledger.record(
        session.state,
        company_name=data.company_name,
        contact_name=data.contact_name,
        contact_email=data.contact_email,
        domain=data.domain,
        link=link,
        language=data.language,
        reseller_id=data.reseller_id,
        now=now or world_timestamp(session.settings),
    )
    names = await partner_names(session, data.reseller_id, resellers=resellers)
    subject, body = email_texts(data.language, company_name=data.company_name,
                                contact_name=data.contact_name, link=link, names=names,
                                profile=profile)
    return InviteResult(invitation, link, subject, body)


def world_timestamp(settings: Settings) -> str:
    """Now in the world the profile shows (the sandbox's virtual clock, or the wall clock),
    stamped as the ledger stores times: an invitation's age must move with ``advance``."""
    return stamp(world_clock_for(settings).now())


def _existing(session: LedgerAccess, invitation_id: str) -> Invitation:
    invitation = ledger.get(session.state, invitation_id)
    if invitation is None:
        raise KeyError(t("invite.error.not_found", id=invitation_id))
    return invitation


async def resend(session: WorkSession, invitation_id: str, *,
                 now: str | None = None) -> InviteResult:
    """Count a reminder (restarting the stale clock) and return a fresh e-mail text with the
    stored link, in the invitation's language. Only pending (or stale) invitations."""
    profile: Profile = session.settings.profile
    ensure_writable(profile)
    invitation = _existing(session, invitation_id)
    names = await partner_names(session, invitation.reseller_id)
    updated = ledger.mark_resent(session.state, invitation.id,
                                 now=now or world_timestamp(session.settings))
    subject, body = email_texts(updated.language, company_name=updated.company_name,
                                contact_name=updated.contact_name, link=updated.link,
                                names=names, profile=profile)
    return InviteResult(updated, updated.link, subject, body)


def cancel(session: LedgerAccess, invitation_id: str, *, now: str | None = None) -> Invitation:
    """Withdraw a pending invitation (the ledger refuses accepted/cancelled ones)."""
    ensure_writable(session.settings.profile)
    return ledger.cancel(session.state, _existing(session, invitation_id).id,
                         now=now or world_timestamp(session.settings))


def add_note(session: LedgerAccess, invitation_id: str, note: str, *,
             now: str | None = None) -> Invitation:
    ensure_writable(session.settings.profile)
    return ledger.add_note(session.state, _existing(session, invitation_id).id, note, now=now)
