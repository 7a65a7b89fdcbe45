"""``n`` / ``:new-tenant``: the form for a new customer tenant.

The fields (``tenant_form.py``) are checked while typing and the outside world asked about
them (``tenant_form_checks.py``). Every change is saved as a draft in state.db (debounced),
so a killed console loses nothing.

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
from textual.widgets import Button, Footer, Input, Select, Static

from csp_tui.domain import validation as v
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.i18n.formatting import format_date
from csp_tui.services import onboarding
from csp_tui.services.writer import WriteSession
from csp_tui.tui.bindings import GuardedActions, KeySpec, TranslatedBindings, bindings, register
from csp_tui.tui.console import Console
from csp_tui.tui.screens.tenant_form import SECTIONS, has_content
from csp_tui.tui.screens.tenant_form_checks import TenantFormChecks
from csp_tui.tui.stylesheets import with_sheets
from csp_tui.tui.widgets.form_ares import AresOffer
from csp_tui.tui.widgets.form_draft import DraftOfferScreen
from csp_tui.tui.widgets.form_outcome import DistributorRequestScreen, TenantResultScreen
from csp_tui.tui.widgets.form_review import Outcome, TenantConfirmScreen
from csp_tui.tui.writes import write_then

register(
    KeySpec("tenant-form-review", "f2", "review", "tenant_form.key.review",
            "tenant_form.keyhelp.review", "new-tenant-form"),
    KeySpec("tenant-form-ares", "f3", "ares_fill", "tenant_form.key.ares",
            "tenant_form.keyhelp.ares", "new-tenant-form"),
    KeySpec("tenant-form-back", "escape", "back", "tui.key.back", "tenant_form.keyhelp.back",
            "new-tenant-form"),
)


@with_sheets("new_tenant")
class NewTenantScreen(GuardedActions, TranslatedBindings, TenantFormChecks):
    BINDINGS: ClassVar[list[BindingType]] = bindings("new-tenant-form", "app")
    #: Seconds of quiet before the draft is saved.
    DRAFT_DEBOUNCE = 0.3

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

    def action_available(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "ares_fill":
            return self.query_one(AresOffer).is_open if self._ready else False
        return True

    # ------------------------------------------------------------------ drafts

    def _schedule_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(self.DRAFT_DEBOUNCE, self.save_draft)

    @property
    def draft_pending(self) -> bool:
        return self._draft_timer is not None or self._draft_writes > 0

    def save_draft(self, *, leaving: bool = False) -> None:
        """Keep what is typed in state.db (an empty form keeps no draft). The writer thread
        saves it; the marker (or, when ``leaving``, the notice) follows when it is done."""
        self._draft_timer = None
        values = self.values()
        keep = has_content(values)

        def save(session: WriteSession) -> bool:
            if keep:
                onboarding.save_form_draft(session.state, values)
            else:
                onboarding.clear_form_draft(session.state)
            return keep

        def saved(kept: bool) -> None:
            self._draft_writes -= 1
            self.draft_saved = kept
            if leaving:
                if kept:
                    self.console.notify(t("tenant_form.draft.kept"))
                return
            if not self.is_mounted:
                return  # the form closed meanwhile
            marker = self.query_one("#draft-state", Static)
            marker.update(Text(t("tenant_form.draft.saved") if kept else ""))

        def failed(exc: Exception) -> None:  # a full disk must not lose the form itself
            self._draft_writes -= 1
            self.console.notify(safe_text(str(exc), 200), severity="error")
            if leaving and self.draft_saved:
                self.console.notify(t("tenant_form.draft.kept"))

        self._draft_writes += 1
        write_then(self.console, save, saved, failed)

    # ------------------------------------------------------------------ leaving

    def action_back(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self.save_draft(leaving=True)
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
        write_then(self.console, lambda session: onboarding.clear_form_draft(session.state))
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
    draft = onboarding.load_form_draft(app.backend.state)
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
            # The writer clears it before any draft the new form saves (writes run in order).
            write_then(app, lambda session: onboarding.clear_form_draft(session.state))
            app.push_screen(NewTenantScreen())

    app.push_screen(DraftOfferScreen(values, saved_at), chosen)
