"""IČO (company ID) and DIČ (VAT ID): formats and the mod-11 check digit.

The check-digit arithmetic is also used outside the form (the ARES client, the emulator's demo
data), so it sits with the validators of the two numbers it governs.
"""

from __future__ import annotations

import re

from csp_tui.domain.validation.result import FieldResult, _error, _ok
from csp_tui.domain.validation.text_input import _ASCII_DIGIT, _compact, _first_not, describe_char

_CZ_PREFIX = "CZ"

_ICO_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)


def ico_check_digit(first_seven: str) -> int:
    """The mod-11 check digit for the first seven digits of an IČO.

    Computed, never tested as "weighted sum including the last digit is divisible by 11": that
    shortcut rejects real numbers whose remainder is 0 or 1 (Škoda Auto, Alza, ČNB).
    """
    total = sum(int(c) * w for c, w in zip(first_seven, _ICO_WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def ico_checksum_ok(ico: str) -> bool:
    return (len(ico) == 8 and ico.isascii() and ico.isdigit()
            and ico_check_digit(ico[:7]) == int(ico[7]))


def validate_ico(text: object) -> FieldResult:
    value = _compact(text)
    if not value:
        return _error(value, "validation.ico.required")
    if value[:2].upper() == _CZ_PREFIX:
        # A DIČ in the IČO field: for a legal entity the IČO is the DIČ without "CZ".
        rest = value[2:]
        if ico_checksum_ok(rest):
            return _error(value, "validation.ico.is_dic", "validation.ico.did_you_mean",
                          suggestion=rest)
        return _error(value, "validation.ico.is_dic")
    bad = _first_not(value, _ASCII_DIGIT)
    if bad is not None:
        return _error(value, "validation.ico.not_digit", char=describe_char(bad))
    if len(value) < 8:
        padded = value.zfill(8)
        # Offer the zero-padded number only when it is a valid IČO; otherwise the hint would
        # lead the person to a number that cannot exist.
        if ico_checksum_ok(padded):
            return _error(value, "validation.ico.too_short", "validation.ico.did_you_mean",
                          count=len(value), suggestion=padded)
        return _error(value, "validation.ico.too_short", count=len(value))
    if len(value) > 8:
        return _error(value, "validation.ico.too_long", count=len(value))
    expected = ico_check_digit(value[:7])
    if expected != int(value[7]):
        return _error(value, "validation.ico.checksum", expected=expected, typed=value[7])
    return _ok(value)


_DIC_BODY = re.compile(r"[0-9]{8,10}")


def validate_dic(text: object, ico: object = None) -> FieldResult:
    """DIČ (VAT ID) is optional: empty is fine.

    Legal entities have ``CZ`` + their IČO (8 digits, the IČO check digit); persons ``CZ`` +
    9 or 10 digits; VAT groups ``CZ699…`` (9 digits). When an IČO is given, an 8-digit DIČ that
    is not ``CZ`` + that IČO gets a warning, not an error: a VAT-group member or a typo in the
    IČO are both possible, and the person decides.
    """
    value = _compact(text).upper()
    if not value:
        return _ok("")
    if value.isascii() and value.isdigit():
        if (len(value) == 8 and ico_checksum_ok(value)) or len(value) in (9, 10):
            return _error(value, "validation.dic.missing_prefix", "validation.dic.did_you_mean",
                          suggestion=_CZ_PREFIX + value)
        return _error(value, "validation.dic.missing_prefix")
    if not value.startswith(_CZ_PREFIX):
        if len(value) >= 2 and value[:2].isascii() and value[:2].isalpha():
            return _error(value, "validation.dic.foreign", prefix=value[:2])
        return _error(value, "validation.dic.format")
    body = value[2:]
    bad = _first_not(body, _ASCII_DIGIT)
    if bad is not None:
        return _error(value, "validation.dic.not_digit", char=describe_char(bad))
    if not _DIC_BODY.fullmatch(body):
        return _error(value, "validation.dic.length", count=len(body))
    if len(body) == 8:
        expected = ico_check_digit(body[:7])
        if expected != int(body[7]):
            return _error(value, "validation.dic.checksum", expected=expected, typed=body[7])
        ico_value = _compact(ico)
        if ico_value and ico_checksum_ok(ico_value) and ico_value != body:
            return FieldResult(True, value, "validation.dic.ico_mismatch",
                               {"expected": _CZ_PREFIX + ico_value})
    return _ok(value)
