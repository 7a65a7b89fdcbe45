"""The ledger of reseller invitations this app issued.

Partner Center has no API that lists pending reseller-relationship invitations, so the app keeps
its own record: to whom, when, which link. An invitation becomes *accepted* when a sync finds a
customer owning the invited domain. Matching is on the exact domain only — never on a similar
company name: linking the wrong customer is worse than noticing an acceptance one sync later.

Lifecycle: ``pending -> accepted | cancelled``; accepted and cancelled are final. "Stale" is not
stored: it is a pending invitation whose last sending is older than the profile's
``invitation_stale_days``, computed when shown.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from csp_tui.db import Transaction
from csp_tui.domain.text import fold, safe_text
from csp_tui.i18n import t
from csp_tui.state import NotFoundError, timestamp
from csp_tui.state.operator import current_operator
from csp_tui.timestamps import parse_timestamp

PENDING = "pending"
STALE = "stale"
ACCEPTED = "accepted"
CANCELLED = "cancelled"
STORED_STATUSES = (PENDING, ACCEPTED, CANCELLED)

INITIAL_DOMAIN_SUFFIX = ".onmicrosoft.com"

_COLUMNS = (
    "id, created_at, company_name, contact_name, contact_email, domain, link, language, "
    "reseller_id, status, status_changed_at, customer_id, last_sent_at, send_count, notes, "
    "operator"
)


class InvitationError(ValueError):
    """An illegal operation on an invitation (e.g. cancelling an accepted one)."""


@dataclass(frozen=True)
class Invitation:
    id: str
    created_at: str
    company_name: str
    contact_name: str
    contact_email: str
    domain: str
    link: str
    language: str
    reseller_id: str | None
    status: str
    status_changed_at: str
    customer_id: str | None
    last_sent_at: str
    send_count: int
    notes: str
    #: Who issued it: the operator's UPN or user@host (shown as "by" in a team).
    by: str = ""

    def age_days(self, now: str | datetime | None = None) -> int:
        """Whole days since the invitation was first recorded."""
        return _days_between(self.created_at, now)

    def effective_status(self, now: str | datetime | None, stale_after_days: int) -> str:
        """``pending`` | ``stale`` | ``accepted`` | ``cancelled``.

        Stale counts from the last sending, so re-sending a reminder makes it pending again.
        """
        if self.status == PENDING and _days_between(self.last_sent_at, now) >= stale_after_days:
            return STALE
        return self.status


def _days_between(start: str, now: str | datetime | None) -> int:
    begin = parse_timestamp(start)
    end = parse_timestamp(timestamp(now))
    if begin is None or end is None:
        return 0
    return max(0, (end - begin).days)


def normalise_domain(domain: str) -> str:
    """``" Novak.CZ. "`` -> ``"novak.cz"``: domains compare case-insensitively."""
    return domain.strip().lower().rstrip(".")


def _from_row(row: tuple[Any, ...]) -> Invitation:
    values = list(row)
    values[13] = int(values[13])  # send_count
    values[15] = values[15] or ""  # operator
    return Invitation(*values)


def _fetch(conn: sqlite3.Connection, invitation_id: str) -> Invitation | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM invitations WHERE id = ?",
                       (invitation_id,)).fetchone()
    return _from_row(row) if row else None


def record(
    db: sqlite3.Connection,
    *,
    company_name: str,
    contact_name: str,
    contact_email: str,
    domain: str,
    link: str,
    language: str = "cs",
    reseller_id: str | None = None,
    now: str | None = None,
) -> Invitation:
    """Add a freshly sent invitation (status pending, sent once)."""
    at = timestamp(now)
    invitation_id = str(uuid.uuid4())
    with Transaction(db) as conn:
        conn.execute(
            "INSERT INTO invitations(id, created_at, company_name, name_fold, contact_name, "
            "contact_email, domain, link, language, reseller_id, status, status_changed_at, "
            "customer_id, last_sent_at, send_count, notes, operator) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 1, '', ?)",
            (invitation_id, at, company_name, fold(company_name), contact_name,
             contact_email.strip(), normalise_domain(domain), link, language, reseller_id,
             PENDING, at, at, current_operator()),
        )
        created = _fetch(conn, invitation_id)
    assert created is not None
    return created


def get(db: sqlite3.Connection, invitation_id: str) -> Invitation | None:
    return _fetch(db, invitation_id)


def list_invitations(db: sqlite3.Connection, *, status: str | None = None
                     ) -> list[Invitation]:
    """Newest first. ``status`` filters on the stored status (pending includes the ones shown
    as stale); "stale" needs a clock — filter with :meth:`Invitation.effective_status`."""
    if status is not None and status not in STORED_STATUSES:
        raise ValueError(f"unknown stored invitation status {status!r}")
    sql = f"SELECT {_COLUMNS} FROM invitations"
    params: tuple[str, ...] = ()
    if status is not None:
        sql += " WHERE status = ?"
        params = (status,)
    sql += " ORDER BY created_at DESC, rowid DESC"
    return [_from_row(row) for row in db.execute(sql, params).fetchall()]


def _require(conn: sqlite3.Connection, invitation_id: str, action: str,
             allowed: tuple[str, ...]) -> Invitation:
    invitation = _fetch(conn, invitation_id)
    if invitation is None:
        raise NotFoundError(t("state.error.invitation_missing", id=invitation_id))
    if invitation.status not in allowed:
        raise InvitationError(t(
            "state.error.invitation_transition",
            company=safe_text(invitation.company_name),
            status=t(f"state.invitation.status.{invitation.status}"),
            action=t(f"state.invitation.action.{action}"),
        ))
    return invitation


def mark_resent(db: sqlite3.Connection, invitation_id: str, *, now: str | None = None
                ) -> Invitation:
    """The invitation was sent again: count it and restart the stale clock."""
    at = timestamp(now)
    with Transaction(db) as conn:
        _require(conn, invitation_id, "resend", (PENDING,))
        conn.execute(
            "UPDATE invitations SET send_count = send_count + 1, last_sent_at = ? WHERE id = ?",
            (at, invitation_id),
        )
        updated = _fetch(conn, invitation_id)
    assert updated is not None
    return updated


def cancel(db: sqlite3.Connection, invitation_id: str, *, now: str | None = None
           ) -> Invitation:
    """Withdraw a pending (or stale) invitation; accepted and cancelled ones are final."""
    at = timestamp(now)
    with Transaction(db) as conn:
        _require(conn, invitation_id, "cancel", (PENDING,))
        conn.execute(
            "UPDATE invitations SET status = ?, status_changed_at = ? WHERE id = ?",
            (CANCELLED, at, invitation_id),
        )
        updated = _fetch(conn, invitation_id)
    assert updated is not None
    return updated


def add_note(db: sqlite3.Connection, invitation_id: str, note: str, *,
             now: str | None = None) -> Invitation:
    """Append ``[YYYY-MM-DD] note`` as a new line (allowed in every status)."""
    text = safe_text(note).strip()
    if not text:
        raise InvitationError(t("state.error.note_empty"))
    at = timestamp(now)
    day = at[:10]
    with Transaction(db) as conn:
        invitation = _fetch(conn, invitation_id)
        if invitation is None:
            raise NotFoundError(t("state.error.invitation_missing", id=invitation_id))
        line = f"[{day}] {text}"
        notes = f"{invitation.notes}\n{line}" if invitation.notes else line
        conn.execute("UPDATE invitations SET notes = ? WHERE id = ?", (notes, invitation_id))
        updated = _fetch(conn, invitation_id)
    assert updated is not None
    return updated


def domain_candidates(domain: str) -> set[str]:
    """The domains an invitation's domain may appear as on the customer: itself, and for a
    bare tenant prefix ("novak") its initial domain ("novak.onmicrosoft.com")."""
    if not domain:
        return set()
    if "." not in domain:
        return {domain + INITIAL_DOMAIN_SUFFIX}
    return {domain}


def accept_matching(db: sqlite3.Connection, customers: list[dict], *,
                    now: str | None = None) -> list[Invitation]:
    """Mark pending invitations accepted whose domain is exactly one of a customer's domains.

    ``customers``: ``[{"id", "company_name", "domains": [...]}]``. An invitation whose domain
    two different customers claim is left pending (a tenant domain is unique, so that means
    bad data, and a wrong link is worse than a late one). Returns the newly accepted ones.
    """
    owners: dict[str, set[str]] = {}
    for customer in customers:
        customer_id = str(customer["id"]).lower()
        for domain in customer.get("domains") or ():
            name = normalise_domain(str(domain or ""))
            if name:
                owners.setdefault(name, set()).add(customer_id)
    if not owners:
        return []
    at = timestamp(now)
    accepted: list[Invitation] = []
    with Transaction(db) as conn:
        pending = [_from_row(row) for row in conn.execute(
            f"SELECT {_COLUMNS} FROM invitations WHERE status = ? ORDER BY created_at, rowid",
            (PENDING,)).fetchall()]
        for invitation in pending:
            matches: set[str] = set()
            for candidate in domain_candidates(normalise_domain(invitation.domain)):
                matches |= owners.get(candidate, set())
            if len(matches) != 1:
                continue
            (customer_id,) = matches
            conn.execute(
                "UPDATE invitations SET status = ?, status_changed_at = ?, customer_id = ? "
                "WHERE id = ? AND status = ?",
                (ACCEPTED, at, customer_id, invitation.id, PENDING),
            )
            updated = _fetch(conn, invitation.id)
            if updated is not None:
                accepted.append(updated)
    return accepted
