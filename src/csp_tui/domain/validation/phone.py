"""The contact phone number: any usual spelling in, E.164 out, with Czech numbers checked closely.

A number without a calling code is read by the billing country (see :mod:`.country`).
"""

from __future__ import annotations

from csp_tui.domain.validation.country import _country_code
from csp_tui.domain.validation.result import FieldResult, _error, _ok
from csp_tui.domain.validation.text_input import _ASCII_DIGIT, _compact, _first_not, describe_char

_PHONE_SEPARATORS = str.maketrans("", "", " -./()\u00a0")
_E164_MAX_DIGITS = 15
_E164_MIN_DIGITS = 8
_CZ_CALLING_CODE = "420"


def format_phone(e164: str) -> str:
    """"+420123456789" -> "+420 123 456 789" (Czech grouping); other numbers unchanged."""
    if e164.startswith("+" + _CZ_CALLING_CODE) and len(e164) == 13:
        rest = e164[4:]
        return f"+420 {rest[:3]} {rest[3:6]} {rest[6:]}"
    return e164


def validate_phone(text: object, country: object = "CZ") -> FieldResult:
    """Any usual spelling in, E.164 out (``+420123456789``)."""
    typed = _compact(text).translate(_PHONE_SEPARATORS)
    if not typed:
        return _error(typed, "validation.phone.required")
    international = typed.startswith(("+", "00"))
    digits = typed[1:] if typed.startswith("+") else typed[2:] if typed.startswith("00") else typed
    bad = _first_not(digits, _ASCII_DIGIT)
    if bad is not None:
        return _error(typed, "validation.phone.bad_char", char=describe_char(bad))
    if not digits:
        return _error(typed, "validation.phone.required")
    if international and digits.startswith(_CZ_CALLING_CODE):
        return _czech_phone(typed, digits[len(_CZ_CALLING_CODE):])
    if international:
        if not _E164_MIN_DIGITS <= len(digits) <= _E164_MAX_DIGITS:
            return _error(typed, "validation.phone.intl_length", count=len(digits))
        if digits[0] == "0":
            return _error(typed, "validation.phone.intl_zero")
        return _ok("+" + digits)
    if _country_code(country) == "CZ":
        return _czech_phone(typed, digits)
    return _error(typed, "validation.phone.needs_code")


def _czech_phone(typed: str, national: str) -> FieldResult:
    if len(national) != 9:
        return _error(typed, "validation.phone.cz_length", count=len(national))
    if national[0] in "01":
        # No trunk zero since 2002; numbers starting with 1 are short codes, not reachable lines.
        return _error(typed, "validation.phone.cz_first_digit", digit=national[0])
    return _ok("+" + _CZ_CALLING_CODE + national)
