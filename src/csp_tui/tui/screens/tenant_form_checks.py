"""The new-tenant form's checks while typing, and the three questions to the outside world.

Every field is checked by the domain validators (``check_fields``) on each change; three
things are asked of the outside world, none of them in the way of typing: whether the tenant
name is free (debounced, through the back end), ARES for the IČO (an offer to fill in, shown
as a diff first) and, for an indirect provider, its resellers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from textual import on, work
from textual.widgets import Button

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
from csp_tui.tui.screens.tenant_form import TenantForm
from csp_tui.tui.widgets.form_ares import AresOffer
from csp_tui.tui.widgets.form_field import Severity
from csp_tui.tui.widgets.form_reseller import ResellerChoice


class TenantFormChecks(TenantForm):
    """The verdicts of the fields, and what the outside world says about them."""

    #: Seconds of quiet before the tenant name is checked.
    DOMAIN_DEBOUNCE = 0.4

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
