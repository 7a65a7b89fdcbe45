"""The billing address: postal code (Czech PSČ or foreign), street with house number, and city.

These are the checks Partner Center's address validation would otherwise fail with an opaque
error; the rules for a postal code depend on the country (see :mod:`.country`).
"""

from __future__ import annotations

import re

from csp_tui.domain.validation.country import _country_code
from csp_tui.domain.validation.result import FieldResult, _error, _ok
from csp_tui.domain.validation.text_input import (
    _ASCII_DIGIT,
    _clean_line,
    _compact,
    _first_not,
    describe_char,
)

_POSTAL_CHARS = re.compile(r"[A-Z0-9 \-]")
_POSTAL_MAX = 10


def format_psc(psc: str) -> str:
    """"17000" -> "170 00", the way Czech addresses print it; anything else unchanged."""
    if len(psc) == 5 and psc.isascii() and psc.isdigit():
        return f"{psc[:3]} {psc[3:]}"
    return psc


def validate_psc(text: object, country: object = "CZ") -> FieldResult:
    if _country_code(country) != "CZ":
        value = _clean_line(text).upper()
        if not value:
            return _error(value, "validation.postal.required")
        if len(value) > _POSTAL_MAX:
            return _error(value, "validation.postal.too_long", count=len(value), max=_POSTAL_MAX)
        bad = _first_not(value, _POSTAL_CHARS)
        if bad is not None:
            return _error(value, "validation.postal.bad_char", char=describe_char(bad))
        return _ok(value)
    value = _compact(text)
    if not value:
        return _error(value, "validation.psc.required")
    bad = _first_not(value, _ASCII_DIGIT)
    if bad is not None:
        return _error(value, "validation.psc.not_digit", char=describe_char(bad))
    if len(value) != 5:
        return _error(value, "validation.psc.length", count=len(value))
    if value[0] in "089":
        # Czech codes start with 1-7; 0, 8 and 9 belong to the Slovak numbering.
        return _error(value, "validation.psc.slovak", psc=format_psc(value))
    return _ok(value)


# A house number is a token that starts with a digit: "Lhota 25", "Jankovcova 1522/53a",
# "č. ev. 12" (the digit after "ev.").
_HOUSE_NUMBER = re.compile(r"(?:^|[\s,.])\d")
_STREET_MAX = 200  # Partner Center: addressLine1 1-200 characters


def validate_street(text: object) -> FieldResult:
    value = _clean_line(text)
    if not value:
        return _error(value, "validation.street.required")
    if len(value) > _STREET_MAX:
        return _error(value, "validation.too_long", field_key="validation.label.street",
                      count=len(value), max=_STREET_MAX)
    if not _HOUSE_NUMBER.search(value):
        return _error(value, "validation.street.house_number")
    return _ok(value)


_CITY_MAX = 100


def validate_city(text: object) -> FieldResult:
    value = _clean_line(text)
    if not value:
        return _error(value, "validation.city.required")
    if len(value) > _CITY_MAX:
        return _error(value, "validation.too_long", field_key="validation.label.city",
                      count=len(value), max=_CITY_MAX)
    if not any(ch.isalpha() for ch in value):
        return _error(value, "validation.city.no_letter")
    return _ok(value)
