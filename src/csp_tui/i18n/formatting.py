"""Numbers, money and dates written the way each language writes them.

Czech: ``24. 11. 2026``, ``1 234,50 Kč`` (a non-breaking space groups thousands, a comma
separates decimals, the currency follows); English: ``24 Nov 2026``, ``CZK 1,234.50``.
Pure functions of the value and the language, so the console, the CLI and e-mails agree.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from csp_tui.i18n import get_language

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
    groups = []
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
    from csp_tui.i18n import tl

    if count == 1:
        form = "one"
    elif _lang(language) == "cs" and 2 <= count <= 4:
        form = "few"
    else:
        form = "many"
    return tl(f"unit.day.{form}", _lang(language), count=format_number(count, language))
