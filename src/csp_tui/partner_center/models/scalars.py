"""Tolerant scalar fields: text, ids, whole numbers (kept within SQLite's 64 bits), booleans spelt
any way, lists of text and Partner Center's dozen date formats."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator

from csp_tui.partner_center.dates import parse_pc_datetime


def _text(value: Any) -> Any:
    """Numbers become strings (``0`` -> ``"0"``); containers are not text and count as absent."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping | list | tuple | set):
        return None
    return value


# SQLite keeps integers in 64 bits. A larger number from the wire cannot be stored: it spoils
# the item that carries it (the item is reported and skipped), never the sync.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


def _in_range(number: int) -> int:
    if not INT_MIN <= number <= INT_MAX:
        raise ValueError("number out of range")
    return number


def whole_number(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return _in_range(value)
    if isinstance(value, float):
        return _in_range(int(value)) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("+-").isdigit() and len(text) > 20:
            # Longer than any 64-bit number (and int() refuses beyond 4,300 digits anyway).
            raise ValueError("number out of range")
        try:
            return _in_range(int(text))
        except ValueError as exc:
            if "out of range" in str(exc):
                raise
            try:
                number = float(text)
            except ValueError:
                return None
            return _in_range(int(number)) if number.is_integer() else None
    return None


#: Partner Center's ids are GUIDs or short offer/sku codes; a longer "id" is not one.
MAX_ID_CHARS = 256


def _id(value: Any) -> Any:
    text = _text(value)
    if isinstance(text, str) and len(text) > MAX_ID_CHARS:
        raise ValueError(f"id longer than {MAX_ID_CHARS} characters")
    return text


def _lenient_int(value: Any) -> int | None:
    """An informative number (``totalCount``): out of range counts as absent."""
    try:
        return whole_number(value)
    except ValueError:
        return None


_TRUE = frozenset({"true", "yes", "y", "1", "on", "t"})
_FALSE = frozenset({"false", "no", "n", "0", "off", "f"})


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    return None


def _text_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    result = []
    for item in items:
        text = _text(item)
        if isinstance(text, str) and text.strip():
            result.append(text)
    return result


Text = Annotated[str | None, BeforeValidator(_text)]
Id = Annotated[str, BeforeValidator(_id)]
Int = Annotated[int | None, BeforeValidator(whole_number)]
LenientInt = Annotated[int | None, BeforeValidator(_lenient_int)]
Bool = Annotated[bool | None, BeforeValidator(_bool)]
TextList = Annotated[list[str], BeforeValidator(_text_list)]
PCDateTime = Annotated[datetime | None, BeforeValidator(parse_pc_datetime)]
