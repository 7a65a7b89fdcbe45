"""The reseller a provider creates the tenant for: a choice among its resellers, listed by
Partner Center; a typed tenant ID when they cannot be listed (the person is never stuck)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical

from csp_tui.domain import validation as v
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.tui.widgets.form_field import FieldInput, FieldSelect

#: Longest text the typed tenant ID takes (a GUID with braces and some slack).
MAX_TYPED = 40


class ResellerChoice(Vertical):
    """A provider's resellers as a choice; a typed tenant ID when they cannot be listed."""

    DEFAULT_CSS = """
    ResellerChoice { height: 1; width: 1fr; }
    """

    def __init__(self, value: str, *, cursor_blink: bool) -> None:
        super().__init__(id="reseller-control")
        self.initial = value
        self.mode = "select"
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        yield FieldSelect("reseller_id",
                          [(t("tenant_form.reseller.own"), "")], "")
        field = FieldInput("reseller_id-typed", self.initial, cursor_blink=self.cursor_blink,
                           max_length=MAX_TYPED)
        field.field_name = "reseller_id"
        field.display = False
        yield field

    @property
    def select(self) -> FieldSelect:
        return self.query_one(FieldSelect)

    @property
    def typed(self) -> FieldInput:
        return self.query_one(FieldInput)

    @property
    def value(self) -> str:
        if self.mode == "input":
            return self.typed.value
        selected = self.select.value
        return selected if isinstance(selected, str) else ""

    def focus(self, scroll_visible: bool = True) -> ResellerChoice:
        (self.typed if self.mode == "input" else self.select).focus(scroll_visible)
        return self

    def use_input(self) -> None:
        self.mode = "input"
        self.select.display = False
        self.typed.display = True

    def use_select(self, resellers: Mapping[str, str]) -> bool:
        """Offer ``resellers``; False (and the typed field) when the draft's choice is not
        among them, so the person sees the problem instead of a silent change."""
        options = [(t("tenant_form.reseller.own"), "")]
        options += [(f"{safe_text(name) or tenant_id} ({tenant_id})", tenant_id)
                    for tenant_id, name in sorted(resellers.items(),
                                                  key=lambda item: (item[1].lower(), item[0]))]
        wanted = v.validate_partner_id(self.initial).value if self.initial else ""
        if wanted and wanted not in resellers:
            self.use_input()
            return False
        self.select.set_options([(Text(label), key) for label, key in options])
        self.select.value = wanted
        return True
