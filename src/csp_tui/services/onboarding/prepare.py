"""Prepare: a request checked completely for this profile, with a summary to confirm."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from csp_tui.config import Profile
from csp_tui.domain import validation as v
from csp_tui.domain.tenant import NewTenantRequest, summary_lines, validate_request
from csp_tui.domain.text import safe_text
from csp_tui.services.onboarding.capability import Capability, capability
from csp_tui.services.onboarding.resellers import check_reseller
from csp_tui.services.onboarding.tenant_domain import check_domain_verdict, dedupe_key_for
from csp_tui.state.outbox import OutboxEntry, OutboxState

if TYPE_CHECKING:
    from csp_tui.services.work_session import WorkSession


@dataclass(frozen=True)
class Prepared:
    """A request checked for this profile, ready to confirm.

    ``results`` has a verdict for every field (and for each unknown key of a file);
    ``summary`` holds ``(label i18n key, value)`` pairs to show literally, never as markup;
    ``existing`` is this profile's outbox entry for the same tenant, if there is one.
    """

    request: NewTenantRequest | None
    results: dict[str, v.FieldResult]
    summary: list[tuple[str, str]]
    dedupe_key: str | None
    capability: Capability
    reseller_name: str | None = None
    existing: OutboxEntry | None = None

    @property
    def ok(self) -> bool:
        return self.request is not None and all(r.ok for r in self.results.values())

    @property
    def already_created(self) -> bool:
        return self.existing is not None and self.existing.state is OutboxState.DONE

    def errors(self, language: str | None = None) -> dict[str, str]:
        """{field: message} of every field that must be fixed."""
        return {name: result.message(language) or "" for name, result in self.results.items()
                if not result.ok}

    def warnings(self, language: str | None = None) -> dict[str, str]:
        """{field: message} of usable fields a person should still look at."""
        return {name: result.message(language) or "" for name, result in self.results.items()
                if result.severity == "warning"}


async def prepare(session: WorkSession, data: Mapping[str, object]) -> Prepared:
    """Check a request (a form's values or a parsed file) completely for this profile.

    Every field is checked, never stopping at the first problem: the local rules, the reseller
    (a provider's must be one of its own), and whether the tenant name is still free. Partner
    Center being unreachable turns those two checks into warnings, not errors.
    """
    profile: Profile = session.settings.profile
    request, results = validate_request(data)
    results = dict(results)
    reseller_name: str | None = None
    existing: OutboxEntry | None = None

    if "reseller_id" in results and results["reseller_id"].ok:
        results["reseller_id"], reseller_name = await check_reseller(
            session, results["reseller_id"].value)
    domain: str | None = None
    if "domain_prefix" in results and results["domain_prefix"].ok:
        results["domain_prefix"], existing = await check_domain_verdict(
            session, results["domain_prefix"].value)
        if results["domain_prefix"].ok:
            domain = results["domain_prefix"].value + v.ONMICROSOFT_SUFFIX

    ok = request is not None and all(result.ok for result in results.values())
    summary: list[tuple[str, str]] = []
    if ok and request is not None:
        summary = summary_lines(request)
        if reseller_name:
            summary.append(("onboarding.summary.reseller", safe_text(reseller_name)))
    return Prepared(
        request=request if ok else None,
        results=results,
        summary=summary,
        dedupe_key=dedupe_key_for(domain) if domain else None,
        capability=capability(profile),
        reseller_name=reseller_name,
        existing=existing,
    )
