"""The sandbox's virtual clock and the date arithmetic its rules need.

Everything time-based in the emulated world (cancellation windows, renewals, vetting, invitations
accepted "later", new customers becoming visible) reads this clock, never the wall clock, so a
test or a demo can move the world forward by days in one call. The virtual time is the real UTC
time plus an offset; it can also be frozen at an instant (snapshots, deterministic tests).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from csp_tui.timestamps import parse_timestamp, wire_stamp


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_iso(value: datetime) -> str:
    """``2024-05-01T10:00:00Z`` (whole seconds, UTC), the form Partner Center returns."""
    return wire_stamp(value)


def from_iso(text: str) -> datetime:
    value = parse_timestamp(text)
    if value is None:
        raise ValueError(text)
    return value.astimezone(UTC)


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def add_months(day: date, months: int) -> date:
    """Calendar months, clamping the day (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year = day.year + index // 12
    month = index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


#: Months in each term Partner Center sells (ISO 8601 durations).
TERM_MONTHS = {"P1M": 1, "P1Y": 12, "P3Y": 36}


def term_end(start: datetime, term: str) -> datetime:
    """The last day (inclusive) of a term that starts at ``start``, at midnight UTC."""
    return midnight(add_months(start.date(), TERM_MONTHS.get(term, 12)) - timedelta(days=1))


def add_business_days(start: datetime, days: int) -> datetime:
    """``start`` moved by ``days`` working days (Saturday and Sunday do not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


class VirtualClock:
    """``now = real UTC now + offset``, or a fixed instant while frozen."""

    def __init__(
        self,
        offset_seconds: float = 0.0,
        frozen_at: datetime | None = None,
        *,
        real_now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.offset_seconds = float(offset_seconds)
        self.frozen_at = frozen_at
        self._real_now = real_now

    @property
    def frozen(self) -> bool:
        return self.frozen_at is not None

    def now(self) -> datetime:
        if self.frozen_at is not None:
            return self.frozen_at
        return self._real_now() + timedelta(seconds=self.offset_seconds)

    def advance(self, seconds: float) -> datetime:
        if seconds < 0:
            raise ValueError("the sandbox clock only moves forward")
        if self.frozen_at is not None:
            self.frozen_at += timedelta(seconds=seconds)
        else:
            self.offset_seconds += seconds
        return self.now()

    def freeze(self, at: datetime | None = None) -> datetime:
        self.frozen_at = (at or self.now()).astimezone(UTC)
        return self.frozen_at

    def unfreeze(self) -> datetime:
        """Time runs again from the frozen instant (the offset absorbs the pause)."""
        if self.frozen_at is not None:
            self.offset_seconds = (self.frozen_at - self._real_now()).total_seconds()
            self.frozen_at = None
        return self.now()

    def to_dict(self) -> dict[str, object]:
        return {
            "offsetSeconds": self.offset_seconds,
            "frozenAt": to_iso_precise(self.frozen_at) if self.frozen_at else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> VirtualClock:
        frozen = data.get("frozenAt")
        offset = data.get("offsetSeconds", 0.0)
        return cls(
            offset_seconds=float(offset) if isinstance(offset, int | float) else 0.0,
            frozen_at=from_iso(frozen) if isinstance(frozen, str) and frozen else None,
        )


def to_iso_precise(value: datetime) -> str:
    """Microsecond precision, for values the world file must round-trip exactly."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
