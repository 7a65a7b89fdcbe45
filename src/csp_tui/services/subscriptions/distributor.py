"""The reseller's way: a confirmed plan as a complete request for the distributor, saved as a
file (an indirect reseller may not change subscriptions through Partner Center)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from csp_tui.cache import views
from csp_tui.config import Profile
from csp_tui.domain import roles, terms
from csp_tui.domain.text import safe_text
from csp_tui.services import commerce_rules as rules
from csp_tui.services import distributor_requests as requests
from csp_tui.services.distributor_requests import DistributorRequest
from csp_tui.services.invitations import ReadOnlyError
from csp_tui.services.subscriptions.plan import (
    ActionNotAllowedError,
    Plan,
    language_for,
    plan_action,
    route_for,
    short_change,
)
from csp_tui.state import NotFoundError

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
    lang = language if language in ("cs", "en") else language_for(profile)
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
        summary=short_change(fresh.action, fresh.value, sub, lang),
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
