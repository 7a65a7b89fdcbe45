"""Values written the way each language writes them: numbers, money, dates, and the words for
terms, billing cycles, statuses, time left.

Czech: ``24. 11. 2026``, ``1 234,50 Kč`` (a non-breaking space groups thousands, a comma
separates decimals, the currency follows); English: ``24 Nov 2026``, ``CZK 1,234.50``.
Pure functions of the value and the language, so the console, the CLI and e-mails agree; they
need nothing but the catalog, which is why the headless CLI and the services use them too.

The words (``term_words`` … ``clock_text``) take stored text or datetimes; everything
time-related takes ``now`` from the caller's clock (frozen in tests) and shows times in the
clock's time zone. They read the current language at call time, so a language switch on the
console only needs a redraw.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal

from csp_tui.i18n import get_language, t, tl
from csp_tui.timestamps import parse_timestamp

NBSP = "\u00a0"
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CURRENCY_SYMBOLS_CS = {"CZK": "Kč", "EUR": "€", "USD": "US$"}


def _lang(language: str | None) -> str:
    return language or get_language()


def format_date(value: date | datetime | None, language: str | None = None) -> str:
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    if _lang(language) == "cs":
        return f"{day.day}. {day.month}. {day.year}"
    return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"


def format_datetime(value: datetime | None, language: str | None = None, *,
                    seconds: bool = False) -> str:
    """``24. 11. 2026 09:41`` / ``24 Nov 2026 09:41`` (``seconds``: ``09:41:05``, for logs)."""
    if value is None:
        return ""
    clock = f"{value:%H:%M:%S}" if seconds else f"{value:%H:%M}"
    return f"{format_date(value, language)} {clock}"


def format_number(value: int | float | Decimal, language: str | None = None, *,
                  decimals: int = 0) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    integral, _, fraction = f"{abs(number):f}".partition(".")
    groups: list[str] = []
    while len(integral) > 3:
        groups.insert(0, integral[-3:])
        integral = integral[:-3]
    groups.insert(0, integral)
    if _lang(language) == "cs":
        text = NBSP.join(groups) + (f",{fraction}" if fraction else "")
    else:
        text = ",".join(groups) + (f".{fraction}" if fraction else "")
    return sign + text


def format_money(amount: int | float | Decimal, currency: str = "CZK",
                 language: str | None = None) -> str:
    number = format_number(amount, language, decimals=2)
    if _lang(language) == "cs":
        return f"{number}{NBSP}{_CURRENCY_SYMBOLS_CS.get(currency.upper(), currency.upper())}"
    return f"{currency.upper()}{NBSP}{number}"


def count_days(count: int, language: str | None = None) -> str:
    """``1 day`` / ``3 days``; ``1 den`` / ``3 dny`` / ``5 dní`` (Czech has three forms)."""
    if count == 1:
        form = "one"
    elif _lang(language) == "cs" and 2 <= count <= 4:
        form = "few"
    else:
        form = "many"
    return tl(f"unit.day.{form}", _lang(language), count=format_number(count, language))


# -- words for values ------------------------------------------------------------------------------

NOTHING = "—"
#: The longest date either language writes ("24. 11. 2026"; "24 Nov 2026" is 11): list
#: columns showing a date are this wide so no date is ever cut.
DATE_WIDTH = 12
#: ... and a date with the time to the second ("24. 11. 2026 09:41:05"), for the call log.
DATETIME_SECONDS_WIDTH = DATE_WIDTH + 9
_DURATION = re.compile(r"^P(\d+)([DWMY])$")


def _plural(count: int, unit: str) -> str:
    """``tui.unit.<unit>.one|few|many`` by Czech rules (English uses one/many)."""
    if count == 1:
        form = "one"
    elif get_language() == "cs" and 2 <= count <= 4:
        form = "few"
    else:
        form = "many"
    return t(f"tui.unit.{unit}.{form}", count=count)


def term_words(term: str | None) -> str:
    """``P1M`` -> "1 month", ``P3Y`` -> "3 years"; unknown shapes are shown as they are."""
    if not term:
        return NOTHING
    match = _DURATION.match(term.strip().upper())
    if not match:
        return term
    count, unit = int(match.group(1)), match.group(2)
    return _plural(count, {"D": "day", "W": "week", "M": "month", "Y": "year"}[unit])


def billing_words(cycle: str | None) -> str:
    if not cycle or cycle in {"none", "unknown"}:
        return NOTHING
    key = f"tui.billing.{cycle.lower()}"
    text = t(key)
    return cycle if text == key else text


def _enum_words(prefix: str, value: str | None) -> str:
    if not value:
        return NOTHING
    key = f"{prefix}.{value.lower()}"
    text = t(key)
    return value if text == key else text


def status_words(status: str | None) -> str:
    return _enum_words("tui.status", status)


def kind_words(kind: str | None) -> str:
    return _enum_words("tui.kind", kind)


def attention_words(reason: str | None) -> str:
    """Why a customer needs attention: the cache stores a code (``suspended``, ``expiring``,
    ``in_window``, ``qual_denied``); a person reads words."""
    return _enum_words("tui.attention", reason)


def relationship_words(relationship: str | None) -> str:
    return _enum_words("tui.relationship", relationship)


def relationship_type_words(relationship_type: str | None) -> str:
    return _enum_words("tui.relationship_type", relationship_type)


def invitation_status_words(status: str) -> str:
    return _enum_words("tui.invitation_status", status)


def yes_no(value: bool | None) -> str:
    if value is None:
        return t("tui.unknown")
    return t("yes") if value else t("no")


def local(moment: datetime, zone: tzinfo | None) -> datetime:
    return moment.astimezone(zone) if zone is not None else moment


def number_text(value: int | None) -> str:
    """A count or a quantity: ``1 234`` / ``1,234``."""
    return NOTHING if value is None else format_number(value)


def date_text(value: str | datetime | None, zone: tzinfo | None = None) -> str:
    moment = parse_timestamp(value) if isinstance(value, str) or value is None else value
    if moment is None:
        return NOTHING
    return format_date(local(moment, zone))


def datetime_text(value: str | datetime | None, zone: tzinfo | None = None, *,
                  seconds: bool = False) -> str:
    moment = parse_timestamp(value) if isinstance(value, str) or value is None else value
    if moment is None:
        return NOTHING
    return format_datetime(local(moment, zone), seconds=seconds)


def next_renewal(commitment_end: str | None, zone: tzinfo | None = None) -> str:
    """A term ends on its commitment end date; renewal happens the day after."""
    end = parse_timestamp(commitment_end)
    if end is None:
        return NOTHING
    return date_text(end + timedelta(days=1), zone)


def time_left(until: str | None, now: datetime) -> str:
    """What is left of a window: "3 d 4 h", "5 h 12 min", "40 min", or "—" once closed."""
    end = parse_timestamp(until)
    if end is None or end <= now:
        return NOTHING
    seconds = int((end - now).total_seconds())
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    if days:
        return t("tui.left.days_hours", days=days, hours=hours)
    if hours:
        return t("tui.left.hours_minutes", hours=hours, minutes=minutes)
    return t("tui.left.minutes", minutes=max(1, minutes))


def age_days(since: str | None, now: datetime) -> int | None:
    start = parse_timestamp(since)
    if start is None:
        return None
    return max(0, (now - start).days)


def clock_text(moment: datetime, now: datetime) -> str:
    """"09:41" for today, else "20. 11. 2026 09:41" / "20 Nov 2026 09:41", in the time
    zone of ``now``."""
    shown = local(moment, now.tzinfo)
    if shown.date() == now.date():
        return shown.strftime("%H:%M")
    return format_datetime(shown)
