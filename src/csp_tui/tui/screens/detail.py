"""Every field of one row, literally (``enter`` on a list; ``esc`` goes back)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from csp_tui.domain.text import safe_text
from csp_tui.tui.bindings import GuardedActions, TranslatedBindings, bindings
from csp_tui.tui.formatting import NOTHING


def value_text(value: object) -> Text:
    """A stored value as terminal-safe plain text; JSON documents are indented."""
    if value is None:
        return Text(NOTHING, style="dim")
    if isinstance(value, str) and value[:1] in "{[":
        try:
            document = json.loads(value)
        except ValueError:
            pass
        else:
            pretty = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
            return Text("\n".join(safe_text(line) for line in pretty.splitlines()))
    return Text(safe_text(value))


def record_table(fields: Sequence[tuple[str, object]]) -> Table:
    table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1, overflow="fold")
    for name, value in fields:
        table.add_row(Text(name), value_text(value))
    return table


class RecordBody(VerticalScroll):
    """Scrolls with the arrow keys (it takes the focus)."""


class DetailScreen(GuardedActions, TranslatedBindings, Screen[None]):
    BINDINGS: ClassVar = bindings("detail", "app")

    def __init__(self, title: str, fields: Sequence[tuple[str, object]]) -> None:
        super().__init__()
        self.record_title = title
        self.fields = list(fields)

    def compose(self) -> ComposeResult:
        yield Static(Text(safe_text(self.record_title), style="bold"), classes="screen-title")
        with RecordBody(classes="record-body"):
            yield Static(record_table(self.fields), classes="record")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        # None while the app is already shutting down (a quit typed together with enter).
        body = self.query_one_optional(RecordBody)
        if body is not None:
            body.focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_copy_record(self) -> None:
        document: dict[str, Any] = {name: value for name, value in self.fields}
        text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
        self.app.copy_text(text)  # type: ignore[attr-defined]
