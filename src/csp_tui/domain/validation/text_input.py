"""Input hygiene shared by every validator: whatever arrived, as clean text.

The validators are total (they never raise), so the turning of ``None``, bytes, hostile objects,
control characters and full-width digits into plain text lives here once, for all of them. The
underscored helpers are for the validator modules of this package only.
"""

from __future__ import annotations

import re
import unicodedata

from csp_tui.domain.text import safe_text


def as_text(value: object) -> str:
    """Whatever arrived, as a ``str``: ``None`` is empty, bytes are decoded leniently."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", errors="replace")
    try:
        return str(value)
    except Exception:  # a hostile __str__ must not break a form
        return ""


def _clean_line(value: object) -> str:
    """One line of text: controls and bidi overrides removed, whitespace collapsed, NFC."""
    text = unicodedata.normalize("NFC", safe_text(as_text(value)))
    return " ".join(text.split())


def _compact(value: object) -> str:
    """For number-like fields: compatibility forms folded (full-width digits) and no whitespace."""
    text = unicodedata.normalize("NFKC", safe_text(as_text(value)))
    return "".join(text.split())


def describe_char(ch: str) -> str:
    """A character as a person can read it in a message: itself, or its code point if invisible."""
    if ch.isprintable() and not ch.isspace():
        return ch
    return f"U+{ord(ch):04X}"


def _first_not(text: str, allowed: re.Pattern[str]) -> str | None:
    for ch in text:
        if not allowed.fullmatch(ch):
            return ch
    return None


_ASCII_DIGIT = re.compile(r"[0-9]")
