"""Plan a change to a subscription: the new-commerce rules and the role matrix decide, and the
exact effect is put in words for the confirmation. Nothing is written."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from csp_tui.cache import views
from csp_tui.config import Profile
from csp_tui.domain import roles, terms
from csp_tui.domain.text import safe_text
from csp_tui.services import commerce_rules as rules
from csp_tui.state import NotFoundError


class ActionNotAllowedError(ValueError):
    """The plan was refused by the rules (or is for another subscription); nothing queued."""


class DistributorRouteError(ActionNotAllowedError):
    """This role does not send the change to Partner Center: its distributor makes it (use
    :func:`distributor_request`)."""


#: Each change as an operation of the role matrix.
ACTION_OPERATIONS: dict[str, str] = {
    rules.CHANGE_QUANTITY: roles.SUBSCRIPTION_QUANTITY,
    rules.TOGGLE_AUTO_RENEW: roles.SUBSCRIPTION_AUTO_RENEW,
    rules.SUSPEND: roles.SUBSCRIPTION_SUSPEND,
    rules.REACTIVATE: roles.SUBSCRIPTION_REACTIVATE,
    rules.CANCEL: roles.SUBSCRIPTION_CANCEL,
}


def route_for(profile: Profile, action: str) -> roles.Access:
    """How this profile's role gets ``action`` done: through the API, as a request for the
    distributor, or not at all."""
    if action not in ACTION_OPERATIONS:
        raise ValueError(f"unknown subscription action {action!r}")
    return roles.access(profile.role, ACTION_OPERATIONS[action])


@dataclass(frozen=True)
class Plan:
    """A checked change, ready to confirm.

    ``reason`` says why it is refused (``allowed`` False); ``effect_text`` is the exact effect
    for the confirmation; ``notes`` what the person must know before saying yes; ``changes``
    the wire (camelCase) keys the runner merges into the whole subscription. ``route`` is the
    role matrix's answer: ``api`` (queue it), ``distributor`` (prepare a request instead).
    """

    allowed: bool
    action: str
    value: Any
    customer_id: str
    subscription_id: str
    customer_name: str
    reason: str
    effect_text: str
    changes: dict[str, Any]
    subject: str
    notes: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    route: roles.Access = roles.Access.API


def language_for(profile: Profile) -> str:
    """The language the profile's texts (subjects, reasons, requests) are written in."""
    return terms.language_or_current(profile.language)


def _changes(action: str, value: Any, sub: rules.SubscriptionFacts) -> dict[str, Any]:
    if action == rules.CHANGE_QUANTITY:
        return {"quantity": value}
    if action == rules.TOGGLE_AUTO_RENEW:
        return {"autoRenewEnabled": (not sub.auto_renew) if value is None else bool(value)}
    if action == rules.SUSPEND:
        return {"status": "suspended"}
    if action == rules.REACTIVATE:
        return {"status": "active"}
    return {"status": "deleted"}


def short_change(action: str, value: Any, sub: rules.SubscriptionFacts,
                 language: str) -> str:
    """The change in a few words ("5 → 8 seats"), for the outbox subject and the request."""
    if action == rules.CHANGE_QUANTITY:
        return f"{sub.quantity} → {terms.plural(int(value), 'seat', language)}" \
            if isinstance(value, int) and not isinstance(value, bool) else f"{sub.quantity} → ?"
    if action == rules.TOGGLE_AUTO_RENEW:
        on = (not sub.auto_renew) if value is None else bool(value)
        return terms.say("sub.subject.auto_renew_on" if on else "sub.subject.auto_renew_off",
                         language)
    return terms.say(f"sub.subject.{action}", language)


def _customer_name(cache: sqlite3.Connection, customer_id: str) -> str:
    row = cache.execute("SELECT company_name FROM customers WHERE id = ?",
                             (customer_id,)).fetchone()
    return safe_text(row[0], 120) if row and row[0] else customer_id


def plan_action(
    cache: sqlite3.Connection,
    subscription_id: str,
    action: str,
    value: Any = None,
    *,
    now: datetime,
    profile: Profile,
    zone: tzinfo | None = None,
    customer_id: str | None = None,
) -> Plan:
    """Check ``action`` on the cached subscription and describe its effect.

    ``customer_id``: whose subscription (the same id may exist under two customers); None
    takes whichever the cache has under that id.

    ``value``: the new quantity for ``change_quantity``; the wanted setting (or None: the
    opposite of the current one) for ``toggle_auto_renew``; None otherwise. Raises
    :class:`~csp_tui.state.NotFoundError` when the cache does not know the subscription.
    """
    if action not in rules.ACTIONS:
        raise ValueError(f"unknown subscription action {action!r}")
    row = views.subscription_record(cache, subscription_id.lower(), customer_id=customer_id)
    if row is None:
        raise NotFoundError(terms.say("sub.error.not_found", profile.language,
                                      id=safe_text(subscription_id, 60)))
    sub = rules.facts(row)
    language = language_for(profile)
    customer = _customer_name(cache, sub.customer_id)
    if action == rules.CHANGE_QUANTITY and value is None:
        allowed = rules.Allowed(False, "sub.reason.quantity_not_number")
    else:
        allowed = rules.check(sub, action, value, now)
    reason = rules.reason_text(allowed, language, zone, now)
    if allowed.ok and profile.read_only:
        allowed = rules.Allowed(False, "sub.reason.read_only", {"profile": profile.name})
        reason = rules.reason_text(allowed, language, zone, now)
    route = route_for(profile, action)
    if allowed.ok and route is roles.Access.REFUSED:
        allowed = rules.Allowed(False, "roles.reason.refused")
        reason = rules.reason_text(allowed, language, zone, now)
    effect = rules.describe_effect(sub, action, value, now, language, customer_name=customer,
                                   zone=zone)
    subject = terms.say("sub.subject", language, customer=customer, product=sub.product,
                        change=short_change(action, value, sub, language))
    return Plan(
        allowed=allowed.ok,
        action=action,
        value=value,
        customer_id=sub.customer_id,
        subscription_id=sub.id,
        customer_name=customer,
        reason=reason,
        effect_text=effect,
        changes=_changes(action, value, sub) if allowed.ok else {},
        subject=subject,
        notes=tuple(rules.notes_text(allowed, sub, language, zone, now)),
        params=dict(allowed.params),
        route=route,
    )
