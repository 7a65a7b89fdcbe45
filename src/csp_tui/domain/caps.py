"""Length caps on text from Partner Center, so one huge field cannot fill the cache.

Longer text is kept truncated, with a marker a person (and a test) can see, rather than
refused: the rest of the item is still good.
"""

from __future__ import annotations

from typing import Any

#: The most characters one text field keeps (company names are at most a few hundred).
MAX_TEXT_CHARS = 1_000
#: Appended to text that was cut at MAX_TEXT_CHARS.
TRUNCATION_MARKER = "…[truncated]"


def capped(value: Any, limit: int = MAX_TEXT_CHARS) -> Any:
    """``value`` cut to ``limit`` characters (marker included) when it is longer text;
    anything else unchanged."""
    if isinstance(value, str) and len(value) > limit:
        return value[: max(0, limit - len(TRUNCATION_MARKER))] + TRUNCATION_MARKER
    return value


def capped_json(value: Any, limit: int = MAX_TEXT_CHARS) -> Any:
    """A JSON value with every string (keys too) capped, so the stored original stays valid
    JSON and bounded."""
    if isinstance(value, str):
        return capped(value, limit)
    if isinstance(value, list):
        return [capped_json(item, limit) for item in value]
    if isinstance(value, dict):
        return {capped(key, limit): capped_json(item, limit) for key, item in value.items()}
    return value


def capped_row(row: dict[str, Any], limit: int = MAX_TEXT_CHARS) -> dict[str, Any]:
    """Every text value of a cache row capped (``raw_json`` is capped as JSON before)."""
    return {key: value if key == "raw_json" else capped(value, limit)
            for key, value in row.items()}
