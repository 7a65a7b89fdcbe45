"""Words for Partner Center's codes: terms, billing cycles, product kinds, statuses, dates.

The console, the command line and the confirmation texts all describe a subscription the same
way: "P1Y" becomes "1 year" / "1 rok", "annual" becomes "paid yearly in advance". Every
function is pure (``now`` and the time zone are passed in) and speaks through the catalog, in
the current language or in the one asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from csp_tui.domain.text import safe_text
from csp_tui.i18n import get_language, tl

NOTHING = "—"

_DURATION = re.compile(r"^P(\d+)([DWMY])$")
_DURATION_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year"}
# Billing cycles as Partner Center spells them (``one_time``, ``OneTime``, ``onetime``).
_BILLING = {
    "monthly": "monthly",
    "annual": "annual",
    "triennial": "triennial",
    "one_time": "one_time",
    "onetime": "one_time",
    "none": "none",
}
_KINDS = ("online", "software", "perpetual")
_STATUSES = ("active", "pending", "suspended", "expired", "disabled", "deleted",
             "provisioning")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")

# The Microsoft 365 admin center, where the customer's own admin finds what was bought.
ADMIN_LICENSES_URL = "https://admin.microsoft.com/Adminportal/Home#/licenses"
ADMIN_PRODUCTS_URL = "https://admin.microsoft.com/Adminportal/Home#/subscriptions"


def language_or_current(language: str | None) -> str:
    return language or get_language()


def say(key: str, language: str | None = None, /, **kwargs: object) -> str:
    """The catalog text for ``key`` in ``language`` (None: the current language)."""
    return tl(key, language_or_current(language), **kwargs)


def plural(count: int, unit: str, language: str | None = None) -> str:
    """"1 month", "3 years"; in Czech the three forms: 1 měsíc, 2 měsíce, 5 měsíců."""
    lang = language_or_current(language)
    if count == 1:
        form = "one"
    elif lang == "cs" and 2 <= count <= 4:
        form = "few"
    else:
        form = "many"
    return tl(f"terms.unit.{unit}.{form}", lang, count=count)


def term_in_words(term: str | None, language: str | None = None) -> str:
    """``P1M`` -> "1 month", ``P1Y`` -> "1 year", ``P3Y`` -> "3 years" (cs: 1 měsíc, 1 rok,
    3 roky). No term -> "—"; a shape we do not know is shown as it came."""
    if not term or not term.strip():
        return NOTHING
    match = _DURATION.match(term.strip().upper())
    if not match:
        return safe_text(term, 20)
    return plural(int(match.group(1)), _DURATION_UNITS[match.group(2)], language)


def billing_in_words(cycle: str | None, language: str | None = None) -> str:
    """``monthly`` -> "billed monthly", ``annual`` -> "paid yearly in advance", ``triennial``
    -> "paid for 3 years in advance", ``one_time`` -> "one-time payment"."""
    if not cycle or not cycle.strip():
        return NOTHING
    key = _BILLING.get(cycle.strip().lower())
    if key is None:
        return NOTHING if cycle.strip().lower() == "unknown" else safe_text(cycle, 20)
    return say(f"terms.billing.{key}", language)


def kind_in_words(kind: str | None, language: str | None = None) -> str:
    """``online`` -> "Online service", ``software`` -> "Software subscription", ``perpetual``
    -> "Perpetual licence"."""
    value = (kind or "").strip().lower()
    if value not in _KINDS:
        return NOTHING if not value else safe_text(kind, 30)
    return say(f"terms.kind.{value}", language)


@dataclass(frozen=True)
class AdminCenterPlace:
    """Where in the Microsoft 365 admin center the customer sees a product."""

    path: str
    url: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path} ({self.url})"
        return f"{text}; {self.hint}" if self.hint else text


def where_customer_sees(kind: str | None, language: str | None = None) -> AdminCenterPlace:
    """Online services with seats are on *Billing → Licences*; software subscriptions and
    perpetual licences are key-based, not assignable to users, so only *Billing → Your
    products* lists them (downloads and keys are under the product)."""
    value = (kind or "online").strip().lower()
    if value in ("software", "perpetual"):
        return AdminCenterPlace(say("terms.where.products", language), ADMIN_PRODUCTS_URL,
                                say("terms.where.products_hint", language))
    return AdminCenterPlace(say("terms.where.licenses", language), ADMIN_LICENSES_URL)


def status_in_words(status: str | None, language: str | None = None) -> str:
    """``active`` -> "active", ``deleted`` -> "cancelled", … (cs: aktivní, zrušené, …)."""
    value = (status or "").strip().lower()
    if value in _STATUSES:
        return say(f"terms.status.{value}", language)
    if value in ("", "none", "unknown"):
        return say("terms.status.unknown", language)
    return safe_text(status, 20)


def _local(moment: datetime, zone: tzinfo | None) -> datetime:
    # No zone given: the machine's local time, which is what the person at it reads.
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def date_in_words(moment: datetime | None, language: str | None = None,
                  zone: tzinfo | None = None) -> str:
    """"31 Dec 2026" / "31. 12. 2026"."""
    if moment is None:
        return NOTHING
    shown = _local(moment, zone)
    if language_or_current(language) == "cs":
        return f"{shown.day}. {shown.month}. {shown.year}"
    return f"{shown.day} {_MONTHS_EN[shown.month - 1]} {shown.year}"


def moment_in_words(moment: datetime | None, language: str | None = None,
                    zone: tzinfo | None = None, now: datetime | None = None) -> str:
    """"27 Nov 14:02" / "27. 11. 14:02". Windows are days long, so the year goes without
    saying — unless ``now`` is given and falls in another year: "25 Jul 2025 00:00"."""
    if moment is None:
        return NOTHING
    shown = _local(moment, zone)
    clock = f"{shown.hour:02d}:{shown.minute:02d}"
    year = ""
    if now is not None and _local(now, zone).year != shown.year:
        year = f" {shown.year}"
    if language_or_current(language) == "cs":
        return f"{shown.day}. {shown.month}.{year} {clock}"
    return f"{shown.day} {_MONTHS_EN[shown.month - 1]}{year} {clock}"


def time_left(until: datetime | None, now: datetime, language: str | None = None) -> str:
    """What is left of a window: "3 d 4 h", "5 h 12 min", "45 min", or "closed"."""
    if until is None:
        return NOTHING
    seconds = int((until - now).total_seconds())
    if seconds <= 0:
        return say("terms.left.closed", language)
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    if days:
        return say("terms.left.days_hours", language, days=days, hours=hours)
    if hours:
        return say("terms.left.hours_minutes", language, hours=hours, minutes=minutes)
    return say("terms.left.minutes", language, minutes=max(1, minutes))
