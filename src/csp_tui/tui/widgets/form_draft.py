"""The offer to continue a saved draft of the new-tenant form, or to start empty."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.i18n.formatting import datetime_text
from csp_tui.tui.bindings import KeySpec, TranslatedBindings, bindings, register
from csp_tui.tui.stylesheets import with_sheets

register(
    KeySpec("tenant-draft-close", "escape", "close", "tui.key.close", "tui.keyhelp.close",
            "new-tenant-draft"),
)


@with_sheets("new_tenant")
class DraftOfferScreen(TranslatedBindings, ModalScreen[bool | None]):
    """A draft exists: continue it (True), start empty (False) or close (None)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("new-tenant-draft")

    def __init__(self, values: Mapping[str, object], saved_at: str) -> None:
        super().__init__(id="new-tenant-draft")
        self.values = dict(values)
        self.saved_at = saved_at

    def compose(self) -> ComposeResult:
        company = safe_text(str(self.values.get("company_name") or "")).strip()
        with Vertical(classes="draft-box"):
            yield Static(Text(t("tenant_form.draft.title"), style="bold"), classes="draft-title")
            yield Static(Text(t("tenant_form.draft.body",
                                when=datetime_text(self.saved_at),
                                company=company or t("tenant_form.draft.no_company"))),
                         id="draft-body")
            with Horizontal(classes="draft-buttons"):
                yield Button(t("tenant_form.draft.resume"), id="draft-resume",
                             variant="primary", compact=True)
                yield Button(t("tenant_form.draft.discard"), id="draft-discard", compact=True)

    def on_mount(self) -> None:
        self.query_one("#draft-resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "draft-resume")

    def action_close(self) -> None:
        self.dismiss(None)
