"""The pane tabs shown when the terminal is too narrow for all four panes at once."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from csp_tui.i18n import t


class PaneTab(Static):
    def __init__(self, pane: str, number: int, label: str) -> None:
        super().__init__(f"{number} {label}", id=f"tab-{pane}", classes="pane-tab")
        self.pane = pane

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(TabStrip.Chosen(self.pane))


class TabStrip(Horizontal):
    PANES: tuple[tuple[str, str], ...] = (
        ("customers", "tui.pane.customers"),
        ("tenant", "tui.pane.tenant"),
        ("subscriptions", "tui.pane.subscriptions"),
        ("invitations", "tui.pane.invitations"),
    )

    class Chosen(Message):
        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def compose(self) -> ComposeResult:
        for number, (pane, key) in enumerate(self.PANES, 1):
            yield PaneTab(pane, number, t(key))

    def activate(self, pane: str) -> None:
        for tab in self.query(PaneTab):
            tab.set_class(tab.pane == pane, "-active")
