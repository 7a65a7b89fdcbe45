"""The bottom of the main screen: the status line (profile, sync state, outbox, read-only
marker) and the footer of keys."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Label
from textual.widgets._footer import FooterKey  # not re-exported; Textual is pinned

from csp_tui.domain.text import safe_text
from csp_tui.i18n import formatting as fmt
from csp_tui.i18n import t
from csp_tui.services import refresh_words
from csp_tui.tui.backend import BackendStatus


def sync_text(status: BackendStatus, now: datetime) -> tuple[str, str]:
    """(text, tone) describing the sync: tone is "", "running" or "error"."""
    if status.shared_state_error is not None:
        # A team's shared state is out of reach: said before anything else (writes wait).
        return t("state.team.status_unavailable"), "error"
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
    if status.last_success_at is not None and status.incomplete:
        return t("sync_parts.status.synced_incomplete",
                 time=fmt.clock_text(status.last_success_at, now),
                 what=safe_text(status.incomplete, 80)), "error"
    if status.last_success_at is not None:
        text = t("tui.status.synced", time=fmt.clock_text(status.last_success_at, now))
        # What kind of refresh it was and how old the oldest data is (services.refresh).
        cycle = refresh_words.status_text(status.cycle, status.oldest_read, now)
        return (t("refresh.status.after_synced", synced=text, cycle=cycle) if cycle
                else text), ""
    return t("tui.status.never_synced"), ""


class StatusLabel(Label):
    """One part of the status line, redrawn only when its text changes."""

    _shown: str | None = None

    def show(self, text: str) -> None:
        if text == self._shown:
            return
        # One line high: only a part sized to its text, and only when the text's width
        # changes, needs a layout pass (most changes, a sync's progress, keep the width).
        width = self.styles.width
        sized_to_text = width is None or width.is_auto
        layout = self._shown is None or (sized_to_text
                                         and cell_len(text) != cell_len(self._shown))
        self._shown = text
        self.update(Text(text), layout=layout)


class StatusBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield StatusLabel(id="status-profile")
        yield StatusLabel(id="status-sync")
        yield StatusLabel(id="status-outbox")
        yield StatusLabel(id="status-signed-out")
        yield StatusLabel(id="status-read-only")

    def show(self, status: BackendStatus, *, profile: str, read_only: bool,
             now: datetime) -> None:
        self.query_one("#status-profile", StatusLabel).show(safe_text(profile, 30))
        text, tone = sync_text(status, now)
        sync = self.query_one("#status-sync", StatusLabel)
        sync.show(text)
        sync.set_class(tone == "running", "-running")
        sync.set_class(tone == "error", "-error")
        outbox = self.query_one("#status-outbox", StatusLabel)
        outbox.show(t("tui.status.outbox", count=status.outbox_pending))
        outbox.set_class(status.outbox_pending > 0, "-pending")
        signed_out = self.query_one("#status-signed-out", StatusLabel)
        signed_out.show(t("tui.status.signed_out"))
        signed_out.display = not status.signed_in
        marker = self.query_one("#status-read-only", StatusLabel)
        marker.show(t("tui.status.read_only"))
        marker.display = read_only
        self.last_status = status


class KeyFooter(Footer):
    """The footer of keys, updated in place when only which keys are enabled changed.

    Textual's footer removes and mounts every key on each refresh of the bindings, which
    takes tens of milliseconds; a list that fills or empties (``enter`` enabled or greyed
    out) changes nothing else, so those keys are restyled where they are."""

    _layout: tuple[tuple[object, ...], ...] | None = None

    def _shown_bindings(self) -> list[tuple[Binding, bool, str]]:
        # As Footer.compose: the first binding shown for each action, in order.
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding, enabled, tooltip)
        return list(first.values())

    def _layout_of(self, shown: list[tuple[Binding, bool, str]]) -> tuple[tuple[object, ...],
                                                                          ...]:
        return tuple((binding.key, binding.action, binding.description, binding.group,
                      self.app.get_key_display(binding), tooltip)
                     for binding, _, tooltip in shown)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._layout = self._layout_of(self._shown_bindings())
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # A key starts compact and is bound to the footer's (not compact) state once
                # mounted: that change restyled every key, twice per footer built (tens of
                # milliseconds at start). Born in the footer's state, nothing changes.
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if (self._layout is not None and self.is_attached and screen is self.screen
                and self.show_command_palette is False):
            shown = self._shown_bindings()
            if self._layout_of(shown) == self._layout:
                disabled = {binding.action: not enabled for binding, enabled, _ in shown}
                for key in self.query(FooterKey):
                    state = disabled.get(key.action)
                    if state is not None and state != key._disabled:
                        key._disabled = state
                        key.set_class(state, "-disabled")
                return
        super().bindings_changed(screen)
