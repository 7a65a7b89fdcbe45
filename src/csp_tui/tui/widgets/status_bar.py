"""The status line: profile, sync state, outbox, read-only marker."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.tui import formatting as fmt
from csp_tui.tui.backend import BackendStatus


def sync_text(status: BackendStatus, now: datetime) -> tuple[str, str]:
    """(text, tone) describing the sync: tone is "", "running" or "error"."""
    if status.sync_state == "running":
        if status.progress is not None:
            done, total = status.progress
            if total is None:
                return t("tui.status.sync_listing", done=done), "running"
            return t("tui.status.sync_progress", done=done, total=total), "running"
        return t("tui.status.sync_running"), "running"
    if status.sync_state == "error":
        error = safe_text(status.last_error or t("tui.unknown"), 80)
        if status.last_success_at is not None:
            return t("tui.status.sync_failed_since", error=error,
                     time=fmt.clock_text(status.last_success_at, now)), "error"
        return t("tui.status.sync_failed", error=error), "error"
    if status.last_success_at is not None:
        return t("tui.status.synced", time=fmt.clock_text(status.last_success_at, now)), ""
    return t("tui.status.never_synced"), ""


class StatusBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Label(id="status-profile")
        yield Label(id="status-sync")
        yield Label(id="status-outbox")
        yield Label(id="status-signed-out")
        yield Label(id="status-read-only")

    def show(self, status: BackendStatus, *, profile: str, read_only: bool,
             now: datetime) -> None:
        self.query_one("#status-profile", Label).update(Text(safe_text(profile, 30)))
        text, tone = sync_text(status, now)
        sync = self.query_one("#status-sync", Label)
        sync.update(Text(text))
        sync.set_class(tone == "running", "-running")
        sync.set_class(tone == "error", "-error")
        outbox = self.query_one("#status-outbox", Label)
        outbox.update(Text(t("tui.status.outbox", count=status.outbox_pending)))
        outbox.set_class(status.outbox_pending > 0, "-pending")
        signed_out = self.query_one("#status-signed-out", Label)
        signed_out.update(Text(t("tui.status.signed_out")))
        signed_out.display = not status.signed_in
        marker = self.query_one("#status-read-only", Label)
        marker.update(Text(t("tui.status.read_only")))
        marker.display = read_only
        self.last_status = status
