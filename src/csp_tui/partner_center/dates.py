"""Partner Center timestamps, in every spelling the API has been seen to use.

One field can arrive as ``2021-01-14T16:57:15.0966728Z`` (seven fractional digits),
``2019-02-04T09:22:40-08:00``, ``2019-02-23T00:00:00`` (no zone), ``2015-11-25T06: 41: 12Z``
(spaces inside the time), ``07/09/2020: 00:00:00`` or ``6/1/2017 12:00:00 AM`` (US order),
a plain ``2021-01-14``, ``""``, ``0001-01-01T00:00:00`` (.NET ``default``) or a ``9999-…``
"never ends" sentinel. :func:`parse_pc_datetime` turns all of them into an aware UTC datetime,
or ``None`` when the value means "no date" or cannot be read: one odd date must never make a
whole customer unreadable.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

# Sentinels: .NET DateTime.MinValue and the "open ended" year-9999 dates mean "no date".
_FIRST_REAL_YEAR = 2
_LAST_REAL_YEAR = 9998

_ISO = re.compile(
    r"""^
    (?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})
    (?:
        (?:[Tt]|\s+|[Tt]\s+)
        (?P<hour>\d{1,2})\s*:\s*(?P<minute>\d{2})
        (?:\s*:\s*(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?
    )?
    \s*(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?
    $""",
    re.VERBOSE,
)

# Month first, as the US-formatted dates in the documentation are (6/1/2017 is echoed back as
# 2017-06-01). A stray colon may follow the date ("07/09/2020: 00:00:00").
_US = re.compile(
    r"""^
    (?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})
    (?:
        [:\sT]+
        (?P<hour>\d{1,2})\s*:\s*(?P<minute>\d{2})
        (?:\s*:\s*(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?
        \s*(?P<ampm>[AaPp][Mm])?
    )?
    \s*(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?
    $""",
    re.VERBOSE,
)


def _zone(text: str | None) -> timezone:
    if not text or text in ("Z", "z"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _microseconds(fraction: str | None) -> int:
    if not fraction:
        return 0
    # .NET writes up to 7 digits (100 ns ticks); Python keeps 6. Truncate, never round up into
    # the next second.
    return int(fraction[:6].ljust(6, "0"))


def _build(parts: dict[str, str | None], hour_12: str | None = None) -> datetime | None:
    year = int(parts["year"] or 0)
    if not _FIRST_REAL_YEAR <= year <= _LAST_REAL_YEAR:
        return None
    hour = int(parts.get("hour") or 0)
    if hour_12:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if hour_12.lower() == "pm" else 0)
    try:
        local = datetime(
            year,
            int(parts["month"] or 0),
            int(parts["day"] or 0),
            hour,
            int(parts.get("minute") or 0),
            int(parts.get("second") or 0),
            _microseconds(parts.get("fraction")),
            tzinfo=_zone(parts.get("zone")),
        )
        return local.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _from_datetime(value: datetime) -> datetime | None:
    if not _FIRST_REAL_YEAR <= value.year <= _LAST_REAL_YEAR:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # Partner Center's zone-less times are UTC
    try:
        return value.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def parse_pc_datetime(value: object) -> datetime | None:
    """An aware UTC datetime, or ``None`` for "no date" and anything unreadable. Never raises."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _from_datetime(value)
    if isinstance(value, date):
        return _from_datetime(datetime(value.year, value.month, value.day))
    if not isinstance(value, str):
        return None
    text = value.strip().lstrip("\ufeff")
    if not text:
        return None
    match = _ISO.match(text)
    if match:
        return _build(match.groupdict())
    match = _US.match(text)
    if match:
        parts = match.groupdict()
        return _build(parts, hour_12=parts.get("ampm"))
    return None
