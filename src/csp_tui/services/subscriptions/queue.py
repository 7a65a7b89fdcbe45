"""Queue a confirmed plan through the outbox — once: a second keypress returns the pending
entry."""

from __future__ import annotations

import sqlite3
from typing import Any

from csp_tui.config import Profile
from csp_tui.domain import roles, terms
from csp_tui.services.invitations import ReadOnlyError
from csp_tui.services.subscriptions.plan import (
    ActionNotAllowedError,
    DistributorRouteError,
    Plan,
    route_for,
)
from csp_tui.state import outbox
from csp_tui.state.outbox import KIND_PATCH_SUBSCRIPTION, PENDING_STATES, OutboxEntry, OutboxState


def _holders(state: sqlite3.Connection, base_key: str) -> list[tuple[str, str, str]]:
    """(entry id, dedupe key, state) of every entry holding ``base_key`` or a numbered form."""
    escaped = base_key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [(row[0], row[1], row[2]) for row in state.execute(
        "SELECT id, dedupe_key, state FROM outbox WHERE dedupe_key = ? "
        "OR dedupe_key LIKE ? ESCAPE '\\' ORDER BY created_at, rowid",
        (base_key, f"{escaped}#%"),
    ).fetchall()]


def enqueue_once(
    state: sqlite3.Connection,
    *,
    base_key: str,
    kind: str,
    payload: dict[str, Any],
    subject: str,
    customer_id: str | None,
) -> OutboxEntry:
    """Queue a write unless one for the same ``base_key`` is still pending (then that one is
    returned).

    The outbox keeps a dedupe key for good once its entry is done, so the first write uses
    ``base_key`` and later ones (after the earlier finished) ``base_key#2``, ``#3``, …: each
    may be pending only once at a time, yet the same change can be made again next week.
    """
    pending = {entry_state.value for entry_state in PENDING_STATES}
    holders = _holders(state, base_key)
    for entry_id, _key, entry_state in holders:
        if entry_state in pending:
            existing = outbox.get(state, entry_id)
            # The same subscription id may exist under two customers: another customer's
            # pending change is not this one (it keeps its key, this one takes the next).
            if existing is not None and (customer_id is None or (
                    existing.customer_id or "").lower() == customer_id.lower()):
                return existing
    taken = {key for _id, key, entry_state in holders if entry_state != OutboxState.FAILED.value}
    key = base_key
    number = 2
    while key in taken:
        key = f"{base_key}#{number}"
        number += 1
    return outbox.enqueue(state, kind=kind, payload=payload, subject=subject,
                          customer_id=customer_id, dedupe_key=key)


def queue_action(
    state: sqlite3.Connection,
    plan: Plan,
    *,
    customer_id: str,
    subscription_id: str,
    profile: Profile,
) -> OutboxEntry:
    """Write a confirmed plan to the outbox.

    Raises :class:`ReadOnlyError` on a read-only profile, :class:`DistributorRouteError` when
    the role's distributor makes the change (:func:`distributor_request`), and
    :class:`ActionNotAllowedError` when the plan is refused or belongs to another
    subscription. When a change of the same kind for this subscription is still pending, that
    entry is returned (compare its ``payload["changes"]`` with the plan's to tell the person).
    """
    if profile.read_only:
        raise ReadOnlyError(terms.say("sub.error.read_only", profile.language,
                                      profile=profile.name))
    _ensure_api(profile, plan.action)
    if customer_id.lower() != plan.customer_id.lower() or (
            subscription_id.lower() != plan.subscription_id.lower()):
        raise ActionNotAllowedError(terms.say("sub.error.plan_mismatch", profile.language))
    if not plan.allowed or not plan.changes:
        raise ActionNotAllowedError(plan.reason or terms.say("sub.error.not_allowed",
                                                             profile.language))
    payload = {
        "customer_id": plan.customer_id.lower(),
        "subscription_id": plan.subscription_id.lower(),
        "changes": dict(plan.changes),
    }
    return enqueue_once(
        state,
        base_key=f"sub:{plan.subscription_id.lower()}:{plan.action}",
        kind=KIND_PATCH_SUBSCRIPTION,
        payload=payload,
        subject=plan.subject,
        customer_id=plan.customer_id.lower(),
    )


def _ensure_api(profile: Profile, action: str) -> None:
    """The profile's role, not the plan, decides (a plan may come from another profile)."""
    route = route_for(profile, action)
    if route is roles.Access.DISTRIBUTOR:
        raise DistributorRouteError(terms.say("roles.error.distributor_only", profile.language))
    if route is roles.Access.REFUSED:
        raise ActionNotAllowedError(terms.say("roles.reason.refused", profile.language))
