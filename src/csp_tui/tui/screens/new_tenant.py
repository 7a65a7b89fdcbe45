"""``n`` / ``:new-tenant``: the form for a new customer tenant.

Every field is checked while typing by the domain validators (``check_fields``), and the
message says what to fix. Three things ask the outside world, none of them in the way of
typing: whether the tenant name is free (debounced, through the back end), ARES for the IČO
(an offer to fill in, shown as a diff first) and, for an indirect provider, its resellers.
Every change is saved as a draft in state.db (debounced), so a killed console loses nothing.

F2 (or the Review button) checks everything; while anything is wrong it focuses the first
wrong field and says which. Then the confirmation (``form_review``) creates the tenant through
the outbox, or — for a reseller — prepares the request for the distributor.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Select, Static

from csp_tui.config import Role
from csp_tui.domain import validation as v
from csp_tui.domain.tenant import check_fields
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.i18n.formatting import format_date
from csp_tui.services import onboarding
from csp_tui.services.company_register import (
    AresResult,
    diff_prefill,
    look_up,
    prefill_values,
    unavailable,
)
from csp_tui.tui.bindings import GuardedActions, KeySpec, TranslatedBindings, bindings, register
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.widgets.form_ares import AresOffer
from csp_tui.tui.widgets.form_draft import DraftOfferScreen
from csp_tui.tui.widgets.form_field import FieldInput, FieldSelect, FormField, Severity
from csp_tui.tui.widgets.form_outcome import DistributorRequestScreen, TenantResultScreen
from csp_tui.tui.widgets.form_reseller import ResellerChoice
from csp_tui.tui.widgets.form_review import Outcome, TenantConfirmScreen

register(
    KeySpec("tenant-form-review", "f2", "review", "tenant_form.key.review",
            "tenant_form.keyhelp.review", "new-tenant-form"),
    KeySpec("tenant-form-ares", "f3", "ares_fill", "tenant_form.key.ares",
            "tenant_form.keyhelp.ares", "new-tenant-form"),
    KeySpec("tenant-form-back", "escape", "back", "tui.key.back", "tenant_form.keyhelp.back",
            "new-tenant-form"),
)

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


class NewTenantScreen(GuardedActions, TranslatedBindings, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("new-tenant-form", "app")
    #: Seconds of quiet before the tenant name is checked / the draft is saved.
    DOMAIN_DEBOUNCE = 0.4
    DRAFT_DEBOUNCE = 0.3

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

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        distributor = self.capability == "request_distributor"
        title = "tenant_form.title.distributor" if distributor else "tenant_form.title"
        with Horizontal(classes="screen-title form-title"):
            yield Static(Text(t(title), style="bold"), id="form-title")
            yield Static("", id="draft-state")
        with VerticalScroll(id="form-body"):
            if distributor:
                yield Static(Text(t("tenant_form.intro.distributor")), id="form-intro")
            for section, names in SECTIONS:
                yield Static(Text(t(f"tenant_form.section.{section}"), style="bold"),
                             classes="form-section")
                for name in names:
                    if name == "reseller_id" and not self.wants_reseller:
                        continue
                    yield self._field(name)
                    if name == "ico":
                        yield AresOffer()
            yield Static(Text(t("tenant_form.required_note")), classes="form-note")
            yield Button(t("tenant_form.button.review"), id="form-review", compact=True)
        yield Static("", id="form-status")
        yield Footer(show_command_palette=False)

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

    def on_mount(self) -> None:
        self.query_one("#form-status", Static).display = False
        company = self.initial.get("company_name", "")
        suggestion = v.suggest_domain_prefix(company)
        self._company_suggests = suggestion
        if suggestion and self.initial.get("domain_prefix", "") in ("", suggestion):
            self._suggested = suggestion
            self._input("domain_prefix").value = suggestion
        self._ready = True
        if self.wants_reseller:
            self.reseller_mode = "select"
            self._load_resellers()
        self.revalidate()
        self._input("company_name").focus()

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

    # ------------------------------------------------------------------ checking while typing

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        field = event.input
        name = getattr(field, "field_name", None)
        if name is None or not self._ready:
            return
        if name == "company_name":
            self._suggest_domain(field.value)
        # Only a change that is still the field's value says who wrote it: the form's own
        # suggestions post Changed too, and one may arrive after the next suggestion replaced
        # it (typing fast), which must not count as the person's choice.
        if (name == "domain_prefix" and event.value == field.value
                and event.value != self._suggested):
            self._suggested = ""  # typed by the person: no longer follows the company name
        if event.value:
            self.touched.add(name)
        self.revalidate()
        self._schedule_draft()

    @on(Select.Changed)
    def _selected(self, event: Select.Changed) -> None:
        if self._ready:
            self.revalidate()
            self._schedule_draft()

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        # Leaving a field that holds something shows its verdict; passing through an empty
        # one does not ("required" everywhere while tabbing is noise) until the review.
        name = getattr(event.input, "field_name", None)
        if name is not None and self._ready and event.value.strip():
            self.touched.add(name)
            self.revalidate()

    def _suggest_domain(self, company: str) -> None:
        field = self._input("domain_prefix")
        suggestion = v.suggest_domain_prefix(company)
        self._company_suggests = suggestion
        if field.value not in ("", self._suggested):
            return  # the person chose a name: never overwrite it (the note says so)
        self._suggested = suggestion
        field.value = suggestion

    def verdicts(self) -> dict[str, v.FieldResult]:
        """Each field's verdict: the local rules, then what Partner Center said (if it did)."""
        values = self.values()
        results = check_fields(values)
        domain = results["domain_prefix"]
        if domain.ok and domain.value in self.domain_verdicts:
            results["domain_prefix"] = self.domain_verdicts[domain.value]
        if "reseller_id" in values:
            reseller = results["reseller_id"]
            if reseller.ok and reseller.value in self.reseller_verdicts:
                results["reseller_id"] = self.reseller_verdicts[reseller.value]
        else:
            results.pop("reseller_id", None)
        return results

    def revalidate(self) -> dict[str, v.FieldResult]:
        results = self.verdicts()
        for name, result in results.items():
            if name == "domain_prefix":
                self._show_domain(result)
            elif name == "ico":
                self._show_ico(result)
            elif name == "reseller_id":
                self._show(name, result, *self._reseller_note)
            else:
                self._show(name, result)
        self._maybe_ask_ares(results)
        return results

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

    def _show_domain(self, result: v.FieldResult) -> None:
        local = v.validate_domain_prefix(self._input("domain_prefix").value)
        if not local.ok:
            self._show("domain_prefix", local)
            return
        domain = local.value + v.ONMICROSOFT_SUFFIX
        extra = [t("tenant_form.domain.suggested")] if self._suggested else []
        if not self._suggested and self._company_suggests not in ("", local.value):
            extra = [t("tenant_form.domain.kept", prefix=self._company_suggests)]
        if local.value not in self.domain_verdicts:
            self._show("domain_prefix", local,
                       [t("tenant_form.domain.checking", domain=domain), *extra])
            self._schedule_domain_check()
        elif result.severity == "ok":
            self._show("domain_prefix", result, [t("tenant_form.domain.free", domain=domain),
                                                 *extra], "ok")
        else:
            self._show("domain_prefix", result, extra)

    def _show_ico(self, result: v.FieldResult) -> None:
        extra: list[str] = []
        severity: Severity = "note"
        ares = self.ares_result
        if result.ok and self.ares_pending == result.value:
            extra = [t("tenant_form.ares.looking", ico=result.value)]
        elif result.ok and ares is not None and self.ares_ico == result.value:
            company = ares.company
            offer_open = self.query_one(AresOffer).is_open
            if company is not None and company.dissolved_on is not None and not offer_open:
                # (while the offer is open, it says so itself, in the error colour)
                extra = [t("tenant_form.ares.dissolved", date=format_date(company.dissolved_on))]
                severity = "error"
            elif company is not None:
                if not diff_prefill(self.values(), company):
                    extra = [t("tenant_form.ares.matches", name=safe_text(company.name))]
            elif ares.message_key:
                extra = [t(ares.message_key, **ares.params)]
                severity = "warning"
        self._show("ico", result, extra, severity)

    # ------------------------------------------------------------------ the tenant name

    def _schedule_domain_check(self) -> None:
        if self._domain_timer is not None:
            self._domain_timer.stop()
        self._domain_timer = self.set_timer(self.DOMAIN_DEBOUNCE, self._domain_quiet)

    def _domain_quiet(self) -> None:
        self._domain_timer = None
        local = v.validate_domain_prefix(self._input("domain_prefix").value)
        if local.ok and local.value not in self.domain_verdicts:
            self._check_domain(local.value)

    @work(exclusive=True, group="tenant-domain", exit_on_error=False)
    async def _check_domain(self, prefix: str) -> None:
        async def ask(session: Any) -> v.FieldResult:
            return await onboarding.check_domain(session, prefix)

        try:
            verdict = await asyncio.wrap_future(self.console.backend.submit(ask))
        except Exception as exc:  # no worker, or something unexpected: a warning, not a block
            verdict = v.FieldResult(True, prefix, "tenant_form.domain.unchecked",
                                    {"domain": prefix + v.ONMICROSOFT_SUFFIX,
                                     "error": safe_text(str(exc), 120)})
        self.domain_verdicts[prefix] = verdict
        # Applied to the field only if it still holds this name (revalidate looks it up).
        self.revalidate()

    @property
    def domain_check_pending(self) -> bool:
        local = v.validate_domain_prefix(self._input("domain_prefix").value)
        return local.ok and local.value not in self.domain_verdicts

    # ------------------------------------------------------------------ ARES

    def _maybe_ask_ares(self, results: Mapping[str, v.FieldResult]) -> None:
        ico = results["ico"]
        country = results["country"]
        usable = ico.ok and country.ok and country.value == "CZ"
        stale = self.ares_ico is not None or self.query_one(AresOffer).display
        if stale and (not usable or ico.value != self.ares_ico):
            # The answer (and its offer) belonged to the IČO that was in the field before.
            self.ares_ico = None
            self.ares_result = None
            self.query_one(AresOffer).close()
            self.refresh_bindings()
        if not usable or ico.value in (self.ares_ico, self.ares_pending):
            return
        self.ares_pending = ico.value
        self.query_one(AresOffer).close()
        self._ask_ares(ico.value)
        self._show_ico(ico)

    @work(exclusive=True, group="tenant-ares", exit_on_error=False)
    async def _ask_ares(self, ico: str) -> None:
        async def ask(session: Any) -> AresResult:
            return await look_up(session, ico)

        try:
            result = await asyncio.wrap_future(self.console.backend.submit(ask))
        except Exception:  # ARES is a convenience: without it the person types
            result = unavailable()
        if self.ares_pending == ico:
            self.ares_pending = None
        current = v.validate_ico(self._input("ico").value)
        if not current.ok or current.value != ico:
            return  # the IČO changed meanwhile: this answer is about another company
        self.ares_ico = ico
        self.ares_result = result
        offer = self.query_one(AresOffer)
        if result.company is not None:
            offer.offer(result.company, diff_prefill(self.values(), result.company))
        else:
            offer.close()
        self.refresh_bindings()
        self.revalidate()

    @property
    def ares_pending_now(self) -> bool:
        return self.ares_pending is not None

    def action_ares_fill(self) -> None:
        offer = self.query_one(AresOffer)
        if not offer.is_open or offer.company is None:
            return
        focused = self.focused
        values = prefill_values(offer.company)
        wanted = {name for name, _, _ in offer.changes}
        self.set_values({name: value for name, value in values.items() if name in wanted})
        offer.close()
        self.refresh_bindings()
        results = self.revalidate()
        self._schedule_draft()
        # The keys stay where the person was typing; if that was the offer's own button (now
        # hidden), they go to the first field that still needs something.
        if focused is None or offer in focused.ancestors_with_self:
            self._focus_first_needing_input(results)

    def _focus_first_needing_input(self, results: Mapping[str, v.FieldResult]) -> None:
        for name in self.field_names():
            result = results.get(name)
            if result is not None and not result.ok:
                self.set_focus(self._row(name).control)
                return
        self.set_focus(self.query_one("#form-review", Button))

    @on(AresOffer.Accepted)
    def _ares_accepted(self) -> None:
        self.action_ares_fill()

    @on(AresOffer.Dismissed)
    def _ares_dismissed(self) -> None:
        self.query_one(AresOffer).close()
        self.refresh_bindings()
        self.revalidate()

    def action_available(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ares_fill":
            return self.query_one(AresOffer).is_open if self._ready else False
        return True

    # ------------------------------------------------------------------ resellers

    @work(exclusive=True, group="tenant-resellers", exit_on_error=False)
    async def _load_resellers(self) -> None:
        control = self.query_one(ResellerChoice)
        self._reseller_note = ([t("tenant_form.reseller.loading")], "note")
        self._row("reseller_id").show(*self._reseller_note)
        try:
            resellers = await asyncio.wrap_future(
                self.console.backend.submit(onboarding.provider_resellers))
        except Exception as exc:  # Partner Center or the worker unavailable: type the id
            self.reseller_mode = "input"
            control.use_input()
            self._reseller_note = (
                [t("tenant_form.reseller.failed", error=safe_text(str(exc), 160))], "warning")
            self.revalidate()
            return
        self._reseller_note = ([], "note")
        self.resellers = dict(resellers)
        if not control.use_select(self.resellers):
            self.reseller_mode = "input"  # the draft names someone not in the list
        for tenant_id in self.resellers:
            self.reseller_verdicts[tenant_id] = v.FieldResult(True, tenant_id)
        self.revalidate()

    # ------------------------------------------------------------------ drafts

    def _schedule_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(self.DRAFT_DEBOUNCE, self.save_draft)

    @property
    def draft_pending(self) -> bool:
        return self._draft_timer is not None

    def save_draft(self) -> None:
        """Keep what is typed in state.db (an empty form keeps no draft)."""
        self._draft_timer = None
        values = self.values()
        state = self.console.backend.state
        try:
            if has_content(values):
                onboarding.save_form_draft(state, values)
                self.draft_saved = True
            else:
                onboarding.clear_form_draft(state)
                self.draft_saved = False
        except Exception as exc:  # a full disk must not lose the form itself
            self.console.notify(safe_text(str(exc), 200), severity="error")
            return
        marker = self.query_one("#draft-state", Static)
        marker.update(Text(t("tenant_form.draft.saved") if self.draft_saved else ""))

    # ------------------------------------------------------------------ leaving

    def action_back(self) -> None:
        self.save_draft()
        if self.draft_saved:
            self.console.notify(t("tenant_form.draft.kept"))
        self.dismiss()

    # ------------------------------------------------------------------ review

    @on(Button.Pressed, "#form-review")
    def _review_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_review()

    def action_review(self) -> None:
        if self.reviewing:
            return
        self.show_all = True
        results = self.revalidate()
        bad = [name for name in self.field_names() if name in results and not results[name].ok]
        if bad:
            self._block(bad, results)
            return
        self._status(t("tenant_form.checking"), "note")
        self.reviewing = True
        self._prepare(self.values())

    def _block(self, bad: list[str], results: Mapping[str, v.FieldResult]) -> None:
        """Say which fields are wrong and take the person to the first one."""
        labels = ", ".join(self._label(name) for name in bad)
        self._status(t("tenant_form.invalid.summary", count=len(bad), fields=labels), "error")
        first = bad[0]
        self.console.notify(t("tenant_form.invalid.focus", field=self._label(first),
                              message=results[first].message() or ""), severity="warning")
        row = self._row(first)
        row.control.focus()
        self.call_after_refresh(row.scroll_visible, animate=False)

    def _label(self, name: str) -> str:
        return t("tenant_form.reseller.label") if name == "reseller_id" else t(
            v.label_key(name))

    def _status(self, text: str, kind: str) -> None:
        status = self.query_one("#form-status", Static)
        status.update(Text(text))
        for name in ("note", "error"):
            status.set_class(name == kind, f"-{name}")
        status.display = bool(text)

    @work(exclusive=True, group="tenant-review", exit_on_error=False)
    async def _prepare(self, values: dict[str, str]) -> None:
        async def check(session: Any) -> onboarding.Prepared:
            return await onboarding.prepare(session, values)

        try:
            prepared = await asyncio.wrap_future(self.console.backend.submit(check))
        except Exception as exc:
            self._status(t("tenant_form.worker_failed", error=safe_text(str(exc), 200)),
                         "error")
            return
        finally:
            self.reviewing = False
        for name, holder in (("domain_prefix", self.domain_verdicts),
                             ("reseller_id", self.reseller_verdicts)):
            result = prepared.results.get(name)
            if result is not None and result.value:
                holder[result.value] = result
        if values != self.values():
            self._status("", "note")  # typed on meanwhile: review again
            self.revalidate()
            return
        if not prepared.ok:
            results = self.revalidate()
            merged = {**prepared.results, **{k: r for k, r in results.items() if not r.ok}}
            bad = [name for name in self.field_names()
                   if name in merged and not merged[name].ok]
            self._block(bad or list(prepared.errors()), merged)
            return
        self._status("", "note")
        self.app.push_screen(
            TenantConfirmScreen(prepared, notes=self._confirm_notes(),
                                with_reseller=self.wants_reseller),
            self._confirmed)

    def _confirm_notes(self) -> list[str]:
        notes = []
        ares = self.ares_result
        if ares is not None and ares.company is not None and ares.company.dissolved_on:
            notes.append(t("tenant_form.ares.dissolved",
                           date=format_date(ares.company.dissolved_on)))
        return notes

    def _confirmed(self, outcome: Outcome | None) -> None:
        if outcome is None:
            return
        # Done: the draft has served its purpose (a failed create keeps it for another try).
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        onboarding.clear_form_draft(self.console.backend.state)
        if isinstance(outcome, onboarding.DistributorPackage):
            company = self.values().get("company_name", "")
            self.app.switch_screen(DistributorRequestScreen(outcome, v.validate_name(
                company).value))
        else:
            self.app.switch_screen(TenantResultScreen(outcome))


def open_new_tenant_form(app: Console) -> None:
    """Open the form — offering to continue a saved draft first — unless it is open already."""
    if any(isinstance(screen, NewTenantScreen | TenantConfirmScreen | DraftOfferScreen)
           for screen in app.screen_stack):
        return
    state = app.backend.state
    draft = onboarding.load_form_draft(state)
    if draft is None or not has_content(draft[0]):
        app.push_screen(NewTenantScreen())
        return
    values, saved_at = draft

    def chosen(resume: bool | None) -> None:
        if resume is None:
            return
        if resume:
            app.push_screen(NewTenantScreen(values))
        else:
            onboarding.clear_form_draft(state)
            app.push_screen(NewTenantScreen())

    app.push_screen(DraftOfferScreen(values, saved_at), chosen)
