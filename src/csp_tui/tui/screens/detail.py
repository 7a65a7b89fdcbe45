"""Every field of one row (``enter`` on a list; ``esc`` goes back).

Each stored column is shown under a label from the catalog (``tui.field.<column>``, or
``tui.field.<kind>.<column>`` where one record kind means something else by it) with its value
written for a person: dates and times in the language's format and the console's time zone,
flags as yes/no, codes (statuses, terms, billing cycles) in words. A column without a label
falls back to a humanised name ("Default domain"), never the raw identifier.

``c`` copies the record as JSON with the raw column names and stored values: that copy is for
scripts and tickets, where the machine names are what the reader greps for.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import tzinfo
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from csp_tui.cache import views
from csp_tui.domain.text import safe_text
from csp_tui.i18n import catalog, t
from csp_tui.i18n import formatting as fmt
from csp_tui.i18n.formatting import NOTHING
from csp_tui.state import views as state_views
from csp_tui.tui.bindings import GuardedActions, TranslatedBindings, bindings
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.stylesheets import with_sheets

#: Stored 0/1 flags.
_FLAGS = frozenset({"allow_delegated_access", "auto_renew", "is_trial"})
#: Counts and quantities (grouped by thousands the language's way).
_NUMBERS = frozenset({"quantity", "refundable_quantity", "subscription_count", "send_count",
                      "attention"})
#: Stored codes with a word for them; "status" depends on the record kind (below).
_WORDS: dict[str, Callable[[str | None], str]] = {
    "relationship": fmt.relationship_words,
    "kind": fmt.kind_words,
    "entitlement_type": fmt.kind_words,
    "billing_cycle": fmt.billing_words,
    "term_duration": fmt.term_words,
    "attention_reason": fmt.attention_words,
}
_STATUS_WORDS: dict[str, Callable[[str | None], str]] = {
    "subscription": fmt.status_words,
    "invitation": lambda status: fmt.invitation_status_words(status or ""),
}


def field_label(column: str, kind: str = "") -> str:
    """The label of a stored column in the current language."""
    known = catalog()
    for key in (f"tui.field.{kind}.{column}", f"tui.field.{column}"):
        if key in known:
            return t(key)
    return humanised(column)


def humanised(column: str) -> str:
    """``default_domain`` -> "Default domain": a column nobody labelled yet still reads as
    words."""
    words = " ".join(column.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:] if words else column


def _is_timestamp(column: str) -> bool:
    return column == "at" or column.endswith(("_at", "_until"))


def _is_date(column: str) -> bool:
    return column.endswith("_date")


def _words(column: str, value: object, kind: str, zone: tzinfo | None) -> str | None:
    """The value in words, or None when it is shown as stored."""
    if column in _FLAGS and value in (0, 1):  # bool is an int too
        return fmt.yes_no(bool(value))
    if column in _NUMBERS and isinstance(value, int):
        return fmt.number_text(value)
    if column == "duration_ms" and isinstance(value, int):
        return t("tui.milliseconds", ms=fmt.number_text(value))
    if not isinstance(value, str):
        return None
    if _is_timestamp(column) or _is_date(column):
        if fmt.parse_timestamp(value) is None:
            return None  # not a timestamp after all: show it as it is
        if _is_date(column):
            return fmt.date_text(value, zone)
        return fmt.datetime_text(value, zone)
    if column == "status" and kind in _STATUS_WORDS:
        return _STATUS_WORDS[kind](value)
    if column in _WORDS:
        return _WORDS[column](value)
    if column == "language" and f"tui.language.name.{value}" in catalog():
        return t(f"tui.language.name.{value}")
    return None


def field_value(column: str, value: object, kind: str = "",
                zone: tzinfo | None = None) -> Text:
    """A stored value as terminal-safe plain text for a person."""
    if value is None:
        return Text(NOTHING, style="dim")
    words = _words(column, value, kind, zone)
    return Text(safe_text(words)) if words is not None else value_text(value)


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


def record_table(fields: Sequence[tuple[str, object]], kind: str = "",
                 zone: tzinfo | None = None) -> Table:
    table = Table(show_header=False, box=None, expand=True, padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1, overflow="fold")
    for name, value in fields:
        table.add_row(Text(field_label(name, kind)), field_value(name, value, kind, zone))
    return table


class RecordBody(VerticalScroll):
    """Scrolls with the arrow keys (it takes the focus)."""


@with_sheets()
class DetailScreen(GuardedActions, TranslatedBindings, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("detail", "app")

    def __init__(self, title: str, fields: Sequence[tuple[str, object]], *, kind: str = "",
                 zone: tzinfo | None = None) -> None:
        """``fields``: (column, stored value) pairs; ``kind``: customer, subscription,
        invitation or command (what "status" means); ``zone``: where times are shown."""
        super().__init__()
        self.record_title = title
        self.fields = list(fields)
        self.kind = kind
        self.zone = zone

    def compose(self) -> ComposeResult:
        yield Static(Text(safe_text(self.record_title), style="bold"), classes="screen-title")
        with RecordBody(classes="record-body"):
            yield Static(record_table(self.fields, self.kind, self.zone), classes="record")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        # None while the app is already shutting down (a quit typed together with enter).
        body = self.query_one_optional(RecordBody)
        if body is not None:
            body.focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_copy_record(self) -> None:
        # The raw column names and stored values, not the labels: see the module docstring.
        document: dict[str, Any] = {name: value for name, value in self.fields}
        text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
        console_of(self.app).copy_text(text)


#: The column that names each kind of record in the screen's title.
_TITLE_FIELDS = {"customer": "company_name", "subscription": "id",
                 "invitation": "company_name", "command": "path"}


def open_record(console: Console, kind: str, key: object, *,
                customer_id: str | None = None) -> None:
    """A detail screen with every column of one row (``customer_id``: whose subscription)."""
    backend = console.backend
    record: dict[str, Any] | None
    if kind == "customer":
        record = views.customer_record(backend.cache, str(key))
        if record is not None:
            backend.request_customer_refresh(str(key))
    elif kind == "subscription":
        record = views.subscription_record(backend.cache, str(key), customer_id=customer_id)
    elif kind == "invitation":
        record = state_views.invitation_record(backend.state, str(key))
    elif kind == "command":
        record = state_views.command_record(backend.state, int(str(key)))
    else:
        raise ValueError(kind)
    if record is None:
        console.notify(t("tui.notify.record_gone"), severity="warning")
        return
    title_field = _TITLE_FIELDS[kind]
    if kind == "subscription":
        title_field = "friendly_name" if record.get("friendly_name") else (
            "product_name" if "product_name" in record else "offer_name")
    title = f"{t('tui.record.' + kind)}: {record.get(title_field) or key}"
    # Folded and collation-key columns are search machinery, not facts about the row.
    fields = [(name, value) for name, value in record.items()
              if not (name.endswith("_fold") or name == "sort_key")]
    # The screen labels each column from the catalog and writes values for the language
    # ("kind" says what "status" means); its copy keeps the raw names for scripts.
    console.push_screen(DetailScreen(title, fields, kind=kind, zone=console.now().tzinfo))
