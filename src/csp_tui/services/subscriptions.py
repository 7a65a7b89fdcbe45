"""Changing a subscription: plan (rules + the exact effect), then queue through the outbox.

A change is two steps so the screen can show the exact effect before anything happens:

1. :func:`plan_action` reads the subscription from the cache, checks the new-commerce rules
   (:mod:`~csp_tui.services.commerce_rules`) and says what will happen, in words;
2. :func:`queue_action` writes the confirmed plan to the outbox. The outbox runner then reads
   the current subscription, applies ``changes`` to the *whole* object and PATCHes it (a
   partial body would silently switch auto-renew off).

Whether a change goes to Partner Center at all is the role matrix's answer
(:mod:`csp_tui.domain.roles`, :func:`route_for`): an indirect reseller may not change
subscriptions through the API, so its confirmed plan becomes a complete request for the
distributor (:func:`distributor_request`) and is never queued; a change a role cannot get done
in any way is refused by the plan itself.

Both refuse on a read-only profile. A double keypress queues one change, not two: while an
entry for the same subscription and action is still pending, queueing again returns it.

The named views across all customers (renewing soon, inside the cancellation window, …) are
at the end of this module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from csp_tui.cache import views
from csp_tui.cache.views import SubscriptionListRow
from csp_tui.config import Profile
from csp_tui.domain import roles, terms
from csp_tui.domain.text import fold, safe_text
from csp_tui.partner_center.dates import parse_pc_datetime
from csp_tui.services import commerce_rules as rules
from csp_tui.services import distributor_requests as requests
from csp_tui.services.distributor_requests import DistributorRequest
from csp_tui.services.invitations import ReadOnlyError
from csp_tui.state import NotFoundError, outbox
from csp_tui.state.outbox import KIND_PATCH_SUBSCRIPTION, PENDING_STATES, OutboxEntry, OutboxState

__all__ = [
    "ACTION_OPERATIONS",
    "PRESETS",
    "ActionNotAllowedError",
    "DistributorRequest",
    "DistributorRouteError",
    "Plan",
    "ReadOnlyError",
    "distributor_request",
    "enqueue_once",
    "plan_action",
    "preset_count",
    "preset_rows",
    "queue_action",
    "route_for",
]


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


def _language(profile: Profile) -> str:
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


def _short_change(action: str, value: Any, sub: rules.SubscriptionFacts,
                  language: str) -> str:
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
    language = _language(profile)
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
                        change=_short_change(action, value, sub, language))
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


# -- the reseller's way: a request for the distributor ---------------------------------------

_DEADLINE_ACTIONS = (rules.CHANGE_QUANTITY, rules.CANCEL)


def _before(changes: Mapping[str, Any], sub: rules.SubscriptionFacts) -> dict[str, Any]:
    now_values = {"quantity": sub.quantity, "autoRenewEnabled": sub.auto_renew,
                  "status": sub.status}
    return {key: now_values.get(key) for key in changes}


def distributor_request(
    cache: sqlite3.Connection,
    plan: Plan,
    *,
    profile: Profile,
    exports_dir: Path,
    now: datetime,
    language: str | None = None,
    zone: tzinfo | None = None,
) -> DistributorRequest:
    """For a role whose distributor makes subscription changes (an indirect reseller): the
    confirmed plan as a complete request — an e-mail and the same as JSON, saved 0600 under
    ``exports_dir``. Nothing is queued or sent.

    The commerce rules are checked again first (the cache or the clock may have moved since
    the plan): a change they refuse raises :class:`ActionNotAllowedError` and is not
    requested. Raises :class:`ReadOnlyError` on a read-only profile and
    :class:`ActionNotAllowedError` for a role that makes the change itself.
    """
    if profile.read_only:
        raise ReadOnlyError(terms.say("sub.error.read_only", profile.language,
                                      profile=profile.name))
    if route_for(profile, plan.action) is not roles.Access.DISTRIBUTOR:
        raise ActionNotAllowedError(terms.say("roles.error.not_distributor", profile.language))
    lang = language if language in ("cs", "en") else _language(profile)
    fresh = plan_action(cache, plan.subscription_id, plan.action, plan.value, now=now,
                        profile=profile, zone=zone, customer_id=plan.customer_id)
    if not fresh.allowed or not fresh.changes:
        raise ActionNotAllowedError(fresh.reason or terms.say("sub.error.not_allowed",
                                                              profile.language))
    record = views.subscription_record(cache, fresh.subscription_id.lower(),
                                       customer_id=fresh.customer_id)
    if record is None:  # gone between the two reads
        raise NotFoundError(terms.say("sub.error.not_found", profile.language,
                                      id=safe_text(plan.subscription_id, 60)))
    sub = rules.facts(record)
    allowed = rules.check(sub, fresh.action, fresh.value, now)
    until = allowed.params.get("until") if fresh.action in _DEADLINE_ACTIONS else None
    change = requests.SubscriptionChange(
        action=fresh.action,
        summary=_short_change(fresh.action, fresh.value, sub, lang),
        effect=rules.effect_only(sub, fresh.action, fresh.value, now, lang, zone),
        changes=dict(fresh.changes),
        before=_before(fresh.changes, sub),
        facts=tuple(rules.notes_text(allowed, sub, lang, zone, now)),
        allowed_until=until if isinstance(until, datetime) else None,
    )
    text, document = requests.subscription_change(
        reseller=requests.reseller_facts(profile, lang),
        customer=requests.customer_facts(cache, fresh.customer_id),
        record=record, change=change, language=lang, checked_at=now, zone=zone)
    stem = f"subscription-request-{fresh.action}-{fresh.subscription_id.lower()[:8]}"
    return requests.save(text, document, exports_dir, stem)


# -- named views across all customers ---------------------------------------------------------

#: Our preset names -> the views.py preset behind each (None: answered here, see below).
PRESETS: dict[str, str | None] = {
    "renewing": "renewing_within_days",
    "in_window": "in_window",
    "suspended": "suspended",
    "auto_renew_off": "auto_renew_off",
    "software": "software",
    "perpetual": "perpetual" if "perpetual" in views.SUBSCRIPTION_PRESETS else None,
    "expired": "expired",
}


def preset_label(name: str, language: str | None = None, *, days: int | None = None) -> str:
    return terms.say(f"sub.preset.{name}", language,
                     days=days if days is not None else views.DEFAULT_RENEWING_DAYS)


# Perpetual licences live in ``entitlements``; views.py lists them only within one customer,
# so across all customers they are read here (same row shape, same refund-window rule).
_PERPETUAL_SOURCE = (
    "FROM entitlements AS e JOIN customers AS c ON c.id = e.customer_id "
    "WHERE c.removed_at IS NULL"
)


def _perpetual_filter(filter: str) -> tuple[str, tuple[Any, ...]]:
    pattern = views.like_pattern(filter)
    if not pattern:
        return "", ()
    return (" AND (csp_fold(e.product_name) LIKE ? ESCAPE '\\' "
            "OR c.name_fold LIKE ? ESCAPE '\\')", (pattern, pattern))


def _perpetual_conn(cache: sqlite3.Connection) -> sqlite3.Connection:
    conn = cache
    conn.create_function("csp_fold", 1, fold, deterministic=True)
    return conn


def _perpetual_rows(cache: sqlite3.Connection, *, filter: str, offset: int,
                    limit: int) -> list[SubscriptionListRow]:
    where, params = _perpetual_filter(filter)
    rows = _perpetual_conn(cache).execute(
        "SELECT e.id, e.customer_id, c.company_name, e.product_name, e.quantity, "
        f"e.purchase_date {_PERPETUAL_SOURCE}{where} "
        "ORDER BY c.sort_key, e.product_name, e.id LIMIT ? OFFSET ?",
        (*params, max(0, limit), max(0, offset)),
    ).fetchall()
    result = []
    for entry_id, customer_id, customer_name, product, quantity, purchased in rows:
        bought = parse_pc_datetime(purchased)
        refund_until = (bought + timedelta(days=views.PERPETUAL_REFUND_DAYS)
                        if bought else None)
        result.append(SubscriptionListRow(
            id=entry_id, customer_id=customer_id, customer_name=customer_name,
            product=product, offer_name=product, kind="perpetual", quantity=int(quantity or 0),
            status="active", term_duration=None, billing_cycle="onetime", auto_renew=None,
            commitment_end_date=None,
            cancellation_allowed_until=refund_until.strftime("%Y-%m-%dT%H:%M:%SZ")
            if refund_until else None,
            is_trial=False,
        ))
    return result


def _check_preset(name: str) -> str | None:
    if name not in PRESETS:
        raise ValueError(f"unknown subscription preset {name!r} (known: {', '.join(PRESETS)})")
    return PRESETS[name]


def preset_rows(
    cache: sqlite3.Connection,
    name: str,
    *,
    now: datetime,
    days: int = views.DEFAULT_RENEWING_DAYS,
    filter: str = "",
    sort: str = "renewal",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[SubscriptionListRow]:
    """One window of a named view across all customers (``days`` for ``renewing``)."""
    preset = _check_preset(name)
    if preset is None:
        return _perpetual_rows(cache, filter=filter, offset=offset, limit=limit)
    return views.subscription_rows(cache, filter=filter, sort=sort, descending=descending,
                                   offset=offset, limit=limit, preset=preset, now=now,
                                   renewing_days=days)


def preset_count(cache: sqlite3.Connection, name: str, *, now: datetime,
                 days: int = views.DEFAULT_RENEWING_DAYS, filter: str = "") -> int:
    preset = _check_preset(name)
    if preset is None:
        where, params = _perpetual_filter(filter)
        row = _perpetual_conn(cache).execute(
            f"SELECT count(*) {_PERPETUAL_SOURCE}{where}", params).fetchone()
        return int(row[0])
    return views.count_subscriptions(cache, filter=filter, preset=preset, now=now,
                                     renewing_days=days)


def _preset(name: str) -> Callable[..., list[SubscriptionListRow]]:
    def rows(cache: sqlite3.Connection, *, now: datetime, **kwargs: Any
             ) -> list[SubscriptionListRow]:
        return preset_rows(cache, name, now=now, **kwargs)

    rows.__name__ = name
    rows.__doc__ = f"The ``{name}`` view across all customers (see :func:`preset_rows`)."
    return rows


def renewing_within(cache: sqlite3.Connection, days: int, *, now: datetime,
                    **kwargs: Any) -> list[SubscriptionListRow]:
    """Active subscriptions with auto-renew on whose term ends within ``days``."""
    return preset_rows(cache, "renewing", now=now, days=days, **kwargs)


inside_cancellation_window = _preset("in_window")
suspended = _preset("suspended")
auto_renew_off = _preset("auto_renew_off")
software = _preset("software")
perpetual = _preset("perpetual")
expired = _preset("expired")
