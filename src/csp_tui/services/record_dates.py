"""Moments stored in the cache and the outbox, read back as aware datetimes.

The cache keeps Partner Center's own spelling of its dates (seven fractional digits, US order,
the "never ends" sentinels …), so reading them back takes the adapter's tolerant parser; the
console reads them through this module rather than importing the adapter.
"""

from __future__ import annotations

from datetime import datetime

from csp_tui.partner_center.dates import parse_pc_datetime


def record_moment(value: object) -> datetime | None:
    """A stored moment as an aware UTC datetime; None when it means "no date" or cannot be
    read (one odd date never makes a record unreadable)."""
    return parse_pc_datetime(value)
