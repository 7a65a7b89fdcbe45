"""Parts of a customer that could not be read, in words (the tenant and subscription panes,
``csp-tui sync``'s summary).

A part refused (403) or not offered (404 on its route) is "not available to this role" until
it has been read once; after that the pane says when it was last read and what Partner Center
answered since. A part still failing after the client's retries "could not be read". Partner
Center's own words are remote text: cut and cleaned with ``safe_text``, never markup.
"""

from __future__ import annotations

from datetime import tzinfo

from csp_tui.cache.views import PartView
from csp_tui.domain.text import safe_text
from csp_tui.i18n import formatting as fmt
from csp_tui.i18n import t

REASON_LIMIT = 160


def reason(status: int | None, code: str | None, message: str | None) -> str:
    """Partner Center's words with the status and code: "Access denied (HTTP 403, code 2000)"."""
    technical = [t("sync_parts.http", status=status)] if status is not None else []
    if code:
        technical.append(t("pc.error.code", code=safe_text(code, 20)))
    text = safe_text(message or "", REASON_LIMIT)
    if technical:
        details = ", ".join(technical)
        return f"{text} ({details})" if text else details
    return text or t("tui.unknown")


def part_name(part: str) -> str:
    return t(f"sync_parts.part.{part}")


def why(state: str, status: int | None, code: str | None, message: str | None, *,
        read_before: bool) -> str:
    """Why a part is not current. ``read_before``: the cache holds an earlier complete read
    (then a refusal is news about this read, not about the role)."""
    because = reason(status, code, message)
    if state in ("refused", "missing") and not read_before:
        return t(f"sync_parts.why.{state}_role", reason=because)
    if state in ("refused", "missing", "failed"):
        return t(f"sync_parts.why.{state}", reason=because)
    return because


def short_line(state: PartView, zone: tzinfo | None = None) -> str:
    """"Subscriptions: last read 3. 12. 2026 10:42" / "Subscriptions: not available to this
    role" — a title's worth (the tenant pane says why)."""
    if state.last_ok_at is not None:
        text = t("sync_parts.short.last_read", time=fmt.datetime_text(state.last_ok_at, zone))
    elif state.state in ("refused", "missing"):
        text = t("sync_parts.short.role")
    else:
        text = t("sync_parts.short.failed")
    return t("sync_parts.line", part=t(f"sync_parts.part_title.{state.part}"), why=text)


def part_line(state: PartView, zone: tzinfo | None = None) -> str:
    """"Subscriptions: last read 3. 12. 2026 10:42, Partner Center refused: …" — one part
    not read by the last sync, for the panes."""
    because = why(state.state, state.status, state.code, state.message,
                  read_before=state.last_ok_at is not None)
    if state.last_ok_at is not None:
        because = t("sync_parts.last_read", time=fmt.datetime_text(state.last_ok_at, zone),
                    why=because)
    return t("sync_parts.line", part=t(f"sync_parts.part_title.{state.part}"), why=because)
