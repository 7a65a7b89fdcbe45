"""What a refresh cycle did, in words: for ``csp-tui sync`` and the console's status bar."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from csp_tui.i18n import t
from csp_tui.i18n.formatting import count_days, format_number
from csp_tui.timestamps import parse_timestamp

if TYPE_CHECKING:  # the console's status bar imports this module, never the REST client
    from csp_tui.services.sync_run import SyncResult


def age_text(since: datetime, now: datetime) -> str:
    """How old data read at ``since`` is: minutes below two hours, hours below two days."""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 120:
        return t("refresh.age.minutes", count=format_number(minutes))
    if minutes < 48 * 60:
        return t("refresh.age.hours", count=format_number(minutes // 60))
    return count_days(minutes // (24 * 60))


def oldest_text(oldest_read: str | None, now: datetime) -> str | None:
    moment = parse_timestamp(oldest_read) if oldest_read else None
    return age_text(moment, now) if moment is not None else None


def summary_lines(result: SyncResult, now: datetime) -> list[str]:
    """The kind of refresh, why a full read, what was re-read and why, the requests made and
    the oldest data's age. Empty for a run that was not a refresh cycle."""
    if result.cycle is None:
        return []
    lines = [t("refresh.line.kind", kind=t(f"refresh.kind.{result.cycle}"))]
    if result.cycle == "fallback":
        lines.append(t("refresh.why.audit_failed", error=result.cycle_reason or "?"))
    elif result.cycle_reason:
        lines.append(t(f"refresh.why.{result.cycle_reason}"))
    if result.reread:
        lines.append(t("refresh.line.reread", **{
            key: format_number(result.reread.get(key, 0))
            for key in ("new", "audit", "dates", "sweep")}))
    lines.append(t("refresh.line.requests", count=format_number(result.requests)))
    age = oldest_text(result.oldest_read, now)
    lines.append(t("refresh.line.oldest", age=age) if age is not None
                 else t("refresh.line.oldest_unknown"))
    return lines


def status_text(cycle: str | None, oldest_read: str | None, now: datetime) -> str | None:
    """The status bar's short words: "refresh · oldest 3 h"; None before any cycle."""
    if cycle is None:
        return None
    age = oldest_text(oldest_read, now)
    kind = t(f"refresh.status.short.{cycle}")
    return t("refresh.status", kind=kind, age=age) if age is not None else kind
