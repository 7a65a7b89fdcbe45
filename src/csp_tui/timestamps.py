"""Stored moments: one spelling to write them, one reader for every spelling met.

A leaf with no imports of ours: the databases write moments with :func:`stamp`, the sync and
the outbox compare them, and the words of ``i18n/formatting.py`` show them — all through the
same two functions, so what one writes the other reads.
"""

from __future__ import annotations

from datetime import UTC, datetime


def stamp(moment: datetime) -> str:
    """A moment as stored: ISO-8601 UTC text with microseconds, so text order is time order
    and the sqlite3 shell reads it. A naive moment is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def wire_stamp(moment: datetime) -> str:
    """A moment as Partner Center spells it: whole seconds, UTC, ``Z``
    (``2024-05-01T10:00:00Z``). The cache keeps the wire's dates in this spelling, so a moment
    compared with them as text in SQL must be spelled the same way."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utcnow() -> str:
    """Now, as :func:`stamp` stores it."""
    return stamp(datetime.now(UTC))


def parse_timestamp(value: str | datetime | None) -> datetime | None:
    """ISO-8601 text (``Z`` or an offset, with or without fractions, or a bare date) -> an
    aware datetime; None, blank or unparseable text -> None. A moment without a zone is taken
    as UTC; one with an offset keeps it (comparisons and differences do not care, and a moment
    shown without a time zone shows the day it was written for).

    Timestamps come in several spellings (the wire's whole seconds, :func:`stamp`'s
    microseconds), so comparisons go through datetimes, never through text."""
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        text = value.strip()
        if not text:
            return None
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
