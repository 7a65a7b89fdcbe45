"""The rules' verdicts and an action's exact effect, in the reader's language and time zone."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from csp_tui.domain import terms
from csp_tui.domain.text import safe_text
from csp_tui.services.commerce_rules.facts import (
    CANCEL,
    CHANGE_QUANTITY,
    REACTIVATE,
    SUSPEND,
    TOGGLE_AUTO_RENEW,
    Allowed,
    SubscriptionFacts,
    as_facts,
    removable_seats,
)


def _rendered(params: Mapping[str, Any], language: str | None,
              zone: tzinfo | None, now: datetime | None = None) -> dict[str, Any]:
    """Datetimes as words: ``*_date`` keys as a date, others as a day and a time."""
    shown: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, datetime):
            shown[key] = (terms.date_in_words(value, language, zone) if key.endswith("_date")
                          else terms.moment_in_words(value, language, zone, now))
        elif value is None:
            shown[key] = terms.NOTHING
        else:
            shown[key] = value
    return shown


def reason_text(allowed: Allowed, language: str | None = None,
                zone: tzinfo | None = None, now: datetime | None = None) -> str:
    """Why an action is refused, for a person ("" when it is allowed). With ``now``, dates in
    another year show the year."""
    if allowed.reason_key is None:
        return ""
    params = _rendered(allowed.params, language, zone, now)
    if allowed.reason_key == "sub.reason.decrease_window_closed" and (
            allowed.params.get("closed") is None):
        return terms.say("sub.reason.decrease_no_seats", language)
    return terms.say(allowed.reason_key, language, **params)


def notes_text(allowed: Allowed, sub: Mapping[str, Any] | SubscriptionFacts,
               language: str | None = None, zone: tzinfo | None = None,
               now: datetime | None = None) -> list[str]:
    """The warnings that go with a confirmation, as sentences."""
    facts_ = as_facts(sub)
    params = _rendered({"end_date": facts_.term_end, "until": allowed.params.get("until")},
                       language, zone, now)
    return [terms.say(key, language, **params) for key in allowed.notes]


def _seats(count: int, language: str | None) -> str:
    return terms.plural(count, "seat", language)


def effect_only(sub: SubscriptionFacts, action: str, value: Any, now: datetime,
                language: str | None = None, zone: tzinfo | None = None) -> str:
    """The change itself, without the product and customer ("12 → 10 seats, …")."""
    say = terms.say
    end_date = terms.date_in_words(sub.term_end, language, zone)
    if action == CHANGE_QUANTITY:
        new = value if isinstance(value, int) and not isinstance(value, bool) else None
        # "12 → 10 seats": the unit agrees with the number it follows (cs: 10 licencí).
        change = (f"{sub.quantity} → {_seats(new, language)}" if new is not None
                  else f"{sub.quantity} → ?")
        if new is not None and new < sub.quantity:
            _, until = removable_seats(sub, now)
            return say("sub.effect.quantity_decrease", language, change=change,
                       until=terms.moment_in_words(until, language, zone, now))
        if sub.term_end is None:
            return say("sub.effect.quantity_increase_open", language, change=change)
        return say("sub.effect.quantity_increase", language, change=change, end_date=end_date)
    if action == TOGGLE_AUTO_RENEW:
        target = (not sub.auto_renew) if value is None else bool(value)
        if target:
            return say("sub.effect.auto_renew_on", language,
                       renew_date=terms.date_in_words(sub.renews_at, language, zone),
                       term=terms.term_in_words(sub.term_duration, language))
        return say("sub.effect.auto_renew_off", language, end_date=end_date)
    if action == SUSPEND:
        return say("sub.effect.suspend", language, end_date=end_date)
    if action == REACTIVATE:
        return say("sub.effect.reactivate", language)
    if action == CANCEL:
        return say("sub.effect.cancel", language)
    raise ValueError(f"unknown subscription action {action!r}")


def describe_effect(sub: Mapping[str, Any] | SubscriptionFacts, action: str, value: Any,
                    now: datetime, language: str | None = None, *,
                    customer_name: str | None = None, zone: tzinfo | None = None) -> str:
    """The exact effect, for the confirmation: "Microsoft 365 Business Standard for Šumavská
    pekárna s.r.o.: 12 → 10 seats, allowed until 27 Nov 14:02"."""
    facts_ = as_facts(sub)
    effect = effect_only(facts_, action, value, now, language, zone)
    if customer_name:
        return terms.say("sub.effect.for_customer", language, product=facts_.product,
                         customer=safe_text(customer_name, 120), effect=effect)
    return terms.say("sub.effect.bare", language, product=facts_.product, effect=effect)
