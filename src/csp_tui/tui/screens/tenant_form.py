"""The new-tenant form's fields: which there are, what they hold, how a verdict is shown.

The base of :class:`~csp_tui.tui.screens.new_tenant.NewTenantScreen`: the state the form keeps
while it is open and the plain accessors the checks (``tenant_form_checks.py``) and the screen
use. Nothing here talks to the outside world.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from csp_tui.config import Role
from csp_tui.domain import validation as v
from csp_tui.i18n import t
from csp_tui.services import onboarding
from csp_tui.services.company_register import AresResult
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.widgets.form_field import FieldInput, FieldSelect, FormField, Severity
from csp_tui.tui.widgets.form_reseller import ResellerChoice

#: The form's sections and their fields, in order (the reseller only for a provider).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("company", ("company_name", "ico", "dic")),
    ("address", ("street", "city", "postal_code", "country")),
    ("contact", ("first_name", "last_name", "email", "phone")),
    ("tenant", ("domain_prefix", "culture", "reseller_id")),
)
OPTIONAL = frozenset({"dic", "reseller_id"})
DEFAULTS: dict[str, str] = {"country": v.DEFAULT_COUNTRY, "culture": v.DEFAULT_CULTURE}
_MAX_LENGTH = {"company_name": 200, "street": 200, "city": 100, "first_name": 50,
               "last_name": 50, "email": 254, "domain_prefix": 40, "ico": 20, "dic": 20,
               "postal_code": 12, "country": 3, "phone": 24, "reseller_id": 40}


def has_content(values: Mapping[str, object]) -> bool:
    """Whether a draft holds anything a person typed (defaults alone do not count)."""
    return any(str(value or "").strip() and str(value).strip() != DEFAULTS.get(name, "")
               for name, value in values.items())


class TenantForm(Screen[None]):
    """The fields of the form and the state kept while it is open."""

    def __init__(self, values: Mapping[str, object] | None = None) -> None:
        super().__init__(id="new-tenant")
        self.initial = {str(k): str(val or "") for k, val in (values or {}).items()}
        self.show_all = False
        self.touched: set[str] = {k for k, val in self.initial.items() if val}
        self.domain_verdicts: dict[str, v.FieldResult] = {}
        self.reseller_verdicts: dict[str, v.FieldResult] = {}
        self.ares_result: AresResult | None = None
        self.ares_ico: str | None = None
        self.ares_pending: str | None = None
        self.resellers: dict[str, str] | None = None
        self.reseller_mode = "none"  # "none" | "select" | "input"
        # What the reseller row says about the list itself (loading, could not be loaded):
        # kept here so that revalidating after any keystroke does not wipe it.
        self._reseller_note: tuple[list[str], Severity] = ([], "note")
        self.reviewing = False
        self.draft_saved = False
        # The tenant name follows the company name while it holds this suggestion ("" once
        # the person typed their own); what the company name would suggest now, for the note.
        self._suggested = ""
        self._company_suggests = ""
        self._domain_timer: Timer | None = None
        self._draft_timer: Timer | None = None
        self._draft_writes = 0  # drafts handed to the writer and not yet saved
        self._ready = False

    @property
    def console(self) -> Console:
        return console_of(self.app)

    @property
    def capability(self) -> onboarding.Capability:
        return onboarding.capability(self.console.settings.profile)

    @property
    def wants_reseller(self) -> bool:
        return self.console.settings.profile.role is Role.INDIRECT_PROVIDER

    def _field(self, name: str) -> FormField:
        blink = self.console.cursor_blink
        value = self.initial.get(name, DEFAULTS.get(name, ""))
        control: Widget
        suffix = None
        label = t(v.label_key(name))
        if name == "culture":
            chosen = value if value in v.CULTURES else v.DEFAULT_CULTURE
            control = FieldSelect(name, [(c, c) for c in v.CULTURES], chosen)
        elif name == "reseller_id":
            label = t("tenant_form.reseller.label")
            control = ResellerChoice(value, cursor_blink=blink)
        else:
            control = FieldInput(name, value, cursor_blink=blink,
                                 max_length=_MAX_LENGTH.get(name, 0))
            if name == "domain_prefix":
                suffix = v.ONMICROSOFT_SUFFIX
        return FormField(name, label, control, suffix=suffix, required=name not in OPTIONAL)

    # ------------------------------------------------------------------ values

    def _input(self, name: str) -> Input:
        return self.query_one(f"#field-{name}", Input)

    def _row(self, name: str) -> FormField:
        return self.query_one(f"#row-{name}", FormField)

    def field_names(self) -> list[str]:
        return [name for _, names in SECTIONS for name in names
                if name != "reseller_id" or self.wants_reseller]

    def values(self) -> dict[str, str]:
        """What the form holds now, by request field name."""
        values: dict[str, str] = {}
        for name in self.field_names():
            if name == "culture":
                selected = self.query_one("#field-culture", FieldSelect).value
                values[name] = selected if isinstance(selected, str) else v.DEFAULT_CULTURE
            elif name == "reseller_id":
                values[name] = self.query_one(ResellerChoice).value
            else:
                values[name] = self._input(name).value
        return values

    def set_values(self, values: Mapping[str, str]) -> None:
        """Put values into fields (ARES); each counts as entered."""
        for name, value in values.items():
            if name in ("culture", "reseller_id") or name not in self.field_names():
                continue
            self._input(name).value = value
            self.touched.add(name)

    def _visible(self, name: str) -> bool:
        return self.show_all or name in self.touched

    def _show(self, name: str, result: v.FieldResult, extra: list[str] | None = None,
              extra_severity: Severity = "note") -> None:
        lines: list[str] = []
        severity: Severity = "ok"
        if result.severity == "error" and self._visible(name):
            lines = [result.message() or "", result.hint() or ""]
            severity = "error"
        elif result.severity == "warning":
            lines = [result.message() or "", result.hint() or ""]
            severity = "warning"
        if extra:
            lines += extra
            if severity == "ok" or extra_severity == "error":
                severity = extra_severity
        self._row(name).show(lines, severity)

    def _label(self, name: str) -> str:
        return t("tenant_form.reseller.label") if name == "reseller_id" else t(
            v.label_key(name))

    def _status(self, text: str, kind: str) -> None:
        status = self.query_one("#form-status", Static)
        status.update(Text(text))
        for name in ("note", "error"):
            status.set_class(name == kind, f"-{name}")
        status.display = bool(text)

    def _schedule_draft(self) -> None:
        """Save what is typed soon (the screen debounces the draft save)."""
