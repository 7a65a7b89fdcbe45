"""Creating a customer tenant safely: check everything, queue it once, send it, show the result
once.

The profile's role decides the path (:func:`capability`):

- an indirect provider or a direct partner *creates* the tenant: the request goes into the
  outbox under the key ``tenant:<domain>`` (a double keypress or a re-run of the CLI finds the
  same entry and never creates twice), then an :class:`OutboxRunner` sends it with the entry's
  idempotency key;
- an indirect reseller cannot: Partner Center answers 403, so the complete, checked request is
  written for the distributor instead (:func:`distributor_package`) and nothing is queued;
- a read-only profile does neither.

The same functions serve the console's form (field-by-field checks, a confirmation summary, a
result shown once) and ``csp-tui tenant create``. The administrator's temporary password exists
only in memory: it reaches the ``secret_sink`` callbacks and :class:`CreatedTenant`, never the
outbox, the cache, a log or an export.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import sqlite3
import threading
import tomllib
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple

from csp_tui.config import Profile, Role
from csp_tui.domain import roles
from csp_tui.domain import validation as v
from csp_tui.domain.tenant import (
    NewTenantRequest,
    distributor_request,
    summary_lines,
    to_customer_create_payload,
    validate_request,
)
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t, tl
from csp_tui.partner_center.errors import PartnerCenterError
from csp_tui.services.clipboard import save_to_file
from csp_tui.services.invitations import PROVIDER_RELATIONSHIP, ReadOnlyError
from csp_tui.services.outbox_runner import KIND_CREATE_CUSTOMER, OutboxRunner, SecretSink
from csp_tui.state import NotFoundError, drafts, outbox, reject_secrets
from csp_tui.state.outbox import OutboxEntry, OutboxState

log = logging.getLogger(__name__)

Capability = Literal["create", "request_distributor", "read_only"]

FORM_DRAFT = "new-tenant"
DEDUPE_PREFIX = "tenant:"
MAX_REQUEST_FILE_BYTES = 1024 * 1024
PACKAGE_KIND = "csp-tui/new-tenant-request"
SETTLED_STATES = frozenset({OutboxState.DONE, OutboxState.FAILED, OutboxState.NEEDS_ATTENTION})
# How often to look again while another process is sending the entry.
_POLL_SECONDS = 0.5
_KNOWN_RESELLERS_SHOWN = 5
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_UNSAFE_STEM = re.compile(r"[^a-z0-9-]+")


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class OnboardingError(Exception):
    """Creating a tenant cannot go on; ``str()`` is a sentence for a person (translated)."""


class RequestFileError(OnboardingError):
    """The request file cannot be used: it names the file and what is wrong with it."""

    def __init__(self, file: Path | str, problem: str) -> None:
        self.file = str(file)
        self.problem = problem
        super().__init__(t("onboarding.file.error", file=self.file, problem=problem))


class InvalidRequestError(OnboardingError):
    """Submitted with a field still wrong; ``results`` holds every field's verdict."""

    def __init__(self, results: Mapping[str, v.FieldResult]) -> None:
        self.results = dict(results)
        bad = [name for name, result in self.results.items() if not result.ok]
        super().__init__(t("onboarding.error.invalid", count=len(bad)))


class NotAllowedError(OnboardingError):
    """The profile's role does not take this path (a reseller creating, a provider asking a
    distributor)."""


# --------------------------------------------------------------------------------------------
# Who may do what
# --------------------------------------------------------------------------------------------


def capability(profile: Profile) -> Capability:
    """The role matrix's answer for creating a customer (:mod:`csp_tui.domain.roles`):
    ``create`` where the role may call the API (a provider, a direct partner);
    ``request_distributor`` where its distributor creates it (an indirect reseller: Partner
    Center answers 403); ``read_only`` when the profile may not act at all — read-only, or a
    role with no way to get it done."""
    if profile.read_only:
        return "read_only"
    access = roles.access(profile.role, roles.CUSTOMER_CREATE)
    if access is roles.Access.API:
        return "create"
    if access is roles.Access.DISTRIBUTOR:
        return "request_distributor"
    return "read_only"


def _ensure_writable(profile: Profile) -> None:
    if profile.read_only:
        raise ReadOnlyError(t("onboarding.error.read_only", profile=profile.name))


# --------------------------------------------------------------------------------------------
# The request file
# --------------------------------------------------------------------------------------------


def load_request_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The fields of a request file: TOML or JSON, UTF-8, at most 1 MiB.

    The format follows the extension (``.toml`` / ``.json``); any other name is read as JSON
    when it starts with ``{`` and as TOML otherwise. A package written by
    :func:`distributor_package` is accepted too (the distributor creates the tenant from the
    file its reseller sent): its ``customer`` is returned, linked to the reseller that sent it.
    Raises :class:`RequestFileError` naming the file and the problem.
    """
    file = Path(path)
    try:
        if file.is_dir():
            raise RequestFileError(file, t("onboarding.file.directory"))
        with file.open("rb") as handle:
            raw = handle.read(MAX_REQUEST_FILE_BYTES + 1)
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        raise RequestFileError(file, t("onboarding.file.missing")) from None
    except OSError as exc:
        raise RequestFileError(file, t("onboarding.file.unreadable",
                                       error=exc.strerror or exc)) from None
    if len(raw) > MAX_REQUEST_FILE_BYTES:
        raise RequestFileError(file, t("onboarding.file.too_big",
                                       size=max(size, len(raw)), max=MAX_REQUEST_FILE_BYTES))
    if b"\x00" in raw:
        raise RequestFileError(file, t("onboarding.file.binary"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RequestFileError(file, t("onboarding.file.not_utf8", position=exc.start)) from None
    if not text.strip():
        raise RequestFileError(file, t("onboarding.file.empty"))

    suffix = file.suffix.lower()
    as_json = suffix == ".json" or (suffix != ".toml" and text.lstrip()[:1] in ("{", "["))
    data: Any
    if as_json:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RequestFileError(file, t("onboarding.file.bad_json", detail=exc.msg,
                                           line=exc.lineno, column=exc.colno)) from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RequestFileError(file, t("onboarding.file.bad_toml", detail=str(exc))) from None
    if not isinstance(data, dict):
        raise RequestFileError(file, t("onboarding.file.not_table"))
    return _unwrap_package(data)


def _unwrap_package(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("kind") != PACKAGE_KIND or not isinstance(data.get("customer"), dict):
        return data
    customer = dict(data["customer"])
    reseller = data.get("reseller")
    tenant_id = reseller.get("tenant_id") if isinstance(reseller, dict) else None
    if not customer.get("reseller_id") and isinstance(tenant_id, str) and tenant_id:
        customer["reseller_id"] = tenant_id
    return customer


# --------------------------------------------------------------------------------------------
# Checks that ask Partner Center
# --------------------------------------------------------------------------------------------

# A provider's resellers, per session: the form checks the field on every change and the list
# does not change while a form is open. Keyed by id() because a Session is not hashable; the
# entry goes when the session does.
_reseller_cache: dict[int, dict[str, str]] = {}
_reseller_cache_lock = threading.Lock()


def _forget_resellers(key: int) -> None:
    with _reseller_cache_lock:
        _reseller_cache.pop(key, None)


async def provider_resellers(session: Any) -> dict[str, str]:
    """{reseller tenant id: name} of this provider (cached for the session).

    Raises :class:`PartnerCenterError` when Partner Center cannot say; a failure is not cached.
    """
    key = id(session)
    with _reseller_cache_lock:
        cached = _reseller_cache.get(key)
    if cached is not None:
        return dict(cached)
    relationships = await session.client.partner_relationships(PROVIDER_RELATIONSHIP)
    found = {str(rel.id).lower(): safe_text(rel.name or "") for rel in relationships if rel.id}
    try:
        weakref.finalize(session, _forget_resellers, key)
    except TypeError:  # an object without weak references: do not cache (id may be reused)
        return dict(found)
    with _reseller_cache_lock:
        _reseller_cache[key] = found
    return dict(found)


def _known_resellers_text(resellers: Mapping[str, str]) -> str:
    items = sorted(resellers.items(), key=lambda item: (item[1].lower(), item[0]))
    shown = [f"{name or '?'} ({tenant})" for tenant, name in items[:_KNOWN_RESELLERS_SHOWN]]
    if len(items) > _KNOWN_RESELLERS_SHOWN:
        shown.append("…")
    return ", ".join(shown)


async def _check_reseller(session: Any, value: object) -> tuple[v.FieldResult, str | None]:
    """(verdict, reseller name) for the ``reseller_id`` field under this profile's role."""
    profile: Profile = session.settings.profile
    local = v.validate_partner_id(value)
    if not local.ok:
        return local, None
    reseller_id = local.value
    if profile.role is Role.DIRECT:
        if reseller_id:
            return v.FieldResult(False, reseller_id, "onboarding.reseller.direct"), None
        return local, None
    if profile.role is Role.INDIRECT_RESELLER:
        own = profile.tenant_id.strip().lower()
        if reseller_id and reseller_id != own:
            return v.FieldResult(False, reseller_id, "onboarding.reseller.not_own",
                                 {"own": own or "-"}), None
        return local, None
    # Indirect provider: the customer is linked to one of its resellers, or becomes its own.
    if not reseller_id:
        return v.FieldResult(True, "", "onboarding.reseller.own_customer"), None
    try:
        resellers = await provider_resellers(session)
    except PartnerCenterError as exc:
        log.info("resellers of this provider unavailable: %s", exc)
        return v.FieldResult(True, reseller_id, "onboarding.reseller.unchecked",
                             {"value": reseller_id, "error": _short_error(exc)}), None
    if reseller_id not in resellers:
        if resellers:
            return v.FieldResult(False, reseller_id, "onboarding.reseller.unknown",
                                 {"value": reseller_id, "known": _known_resellers_text(resellers)},
                                 "onboarding.reseller.known"), None
        return v.FieldResult(False, reseller_id, "onboarding.reseller.unknown",
                             {"value": reseller_id}, "onboarding.reseller.none_known"), None
    return local, resellers[reseller_id] or None


def existing_entry(state: sqlite3.Connection, domain: str) -> OutboxEntry | None:
    """The outbox entry (queued, sending, waiting for a person, or done) for the tenant
    ``domain``, if this profile already has one. A failed entry does not count: the tenant may
    be requested again."""
    row = state.execute(
        "SELECT id FROM outbox WHERE dedupe_key = ? AND state != ? "
        "ORDER BY created_at DESC, rowid DESC LIMIT 1",
        (dedupe_key_for(domain), OutboxState.FAILED.value),
    ).fetchone()
    return outbox.get(state, row[0]) if row else None


def dedupe_key_for(domain: str) -> str:
    return DEDUPE_PREFIX + domain.strip().lower()


async def _check_domain(session: Any, value: object) -> tuple[v.FieldResult, OutboxEntry | None]:
    local = v.validate_domain_prefix(value)
    if not local.ok:
        return local, None
    prefix = local.value
    domain = prefix + v.ONMICROSOFT_SUFFIX
    mine = existing_entry(session.state, domain)
    if mine is not None:
        # Taken by our own request: not a mistake of the person, the same request is reused.
        if mine.state is OutboxState.DONE:
            tenant_id = (mine.result or {}).get("customer_id") or "?"
            return v.FieldResult(True, prefix, "onboarding.domain.created_here",
                                 {"domain": domain, "tenant_id": tenant_id}), mine
        return v.FieldResult(True, prefix, "onboarding.domain.queued",
                             {"domain": domain,
                              "state_key": f"state.outbox.state.{mine.state.value}"}), mine
    try:
        taken = await session.client.domain_exists(domain)
    except PartnerCenterError as exc:
        log.info("domain availability of %s unknown: %s", domain, exc)
        key = ("onboarding.domain.unchecked_distributor"
               if capability(session.settings.profile) == "request_distributor"
               else "onboarding.domain.unchecked")
        return v.FieldResult(True, prefix, key,
                             {"domain": domain, "error": _short_error(exc)}), None
    if taken:
        return v.FieldResult(False, prefix, "onboarding.domain.taken", {"domain": domain}), None
    return local, None


async def check_domain(session: Any, value: object) -> v.FieldResult:
    """The ``domain_prefix`` field's verdict: the local rules, then whether the name is free
    (``HEAD /v1/domains``). A name this profile already queued or created is not an error
    (the same request is reused); a network failure is a warning, not an error."""
    result, _ = await _check_domain(session, value)
    return result


def _short_error(exc: PartnerCenterError) -> str:
    return safe_text(str(exc), limit=160)


# --------------------------------------------------------------------------------------------
# Prepare: everything checked, a summary to confirm
# --------------------------------------------------------------------------------------------


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


async def prepare(session: Any, data: Mapping[str, object]) -> Prepared:
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
        results["reseller_id"], reseller_name = await _check_reseller(
            session, results["reseller_id"].value)
    domain: str | None = None
    if "domain_prefix" in results and results["domain_prefix"].ok:
        results["domain_prefix"], existing = await _check_domain(
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


# --------------------------------------------------------------------------------------------
# Credentials: one-time, in memory, to whoever asked
# --------------------------------------------------------------------------------------------

# entry id -> the sink of whoever submitted it in this process (see route_credentials).
_sinks: dict[str, SecretSink] = {}
_sinks_lock = threading.Lock()


def has_route(entry_id: str) -> bool:
    """Whether a submitter of this process waits for ``entry_id``'s credentials."""
    with _sinks_lock:
        return entry_id in _sinks


def route_credentials(entry_id: str, credentials: dict[str, str]) -> bool:
    """A :data:`SecretSink` for any runner in this process (e.g. the console's background
    worker): hands a created tenant's credentials to the sink given to :func:`submit` for that
    entry, once. Returns whether someone took them."""
    with _sinks_lock:
        sink = _sinks.pop(entry_id, None)
    if sink is None:
        return False
    sink(entry_id, credentials)
    return True


# --------------------------------------------------------------------------------------------
# Submit and run
# --------------------------------------------------------------------------------------------


def submit(session: Any, prepared: Prepared, *,
           secret_sink: SecretSink | None = None) -> OutboxEntry:
    """Queue the creation of the tenant and return its outbox entry.

    A second submit of the same tenant (a double keypress, the CLI re-run with the same file)
    returns the SAME entry — also when it is already done — so a tenant is never created twice.
    ``secret_sink`` receives the credentials whichever runner of this process sends the entry
    (:func:`run_until_settled` now, or a background worker routing through
    :func:`route_credentials` later). Raises :class:`ReadOnlyError`,
    :class:`NotAllowedError` (a reseller: use :func:`distributor_package`) or
    :class:`InvalidRequestError`.
    """
    profile: Profile = session.settings.profile
    _ensure_writable(profile)
    if capability(profile) != "create":
        raise NotAllowedError(t("onboarding.error.reseller_cannot_create"))
    request = prepared.request
    if request is None or not prepared.ok:
        raise InvalidRequestError(prepared.results)
    associated = request.reseller_id if profile.role is Role.INDIRECT_PROVIDER else None
    payload = to_customer_create_payload(request, associated_partner_id=associated)
    entry = outbox.enqueue(
        session.state,
        kind=KIND_CREATE_CUSTOMER,
        payload=payload,
        subject=f"{request.company_name} ({request.domain})",
        dedupe_key=dedupe_key_for(request.domain),
    )
    if secret_sink is not None and entry.state is not OutboxState.DONE:
        with _sinks_lock:
            _sinks[entry.id] = secret_sink
    return entry


async def run_until_settled(session: Any, entry_id: str, *, secret_sink: SecretSink | None,
                            timeout: float) -> OutboxEntry:
    """Send the outbox until entry ``entry_id`` is done, failed or needs a person, or until
    ``timeout`` seconds have passed; returns the entry as it then is.

    At least one pass is made. Entries ahead of it in the queue are sent too, as the
    background worker would. On timeout the entry simply stays queued (same idempotency key)
    for the background worker — the console or ``csp-tui sync`` — and nothing is lost.
    ``secret_sink`` gets this entry's credentials; another entry's go to the sink its
    submitter registered, else to ``secret_sink`` as well (they exist only once).
    """
    profile: Profile = session.settings.profile
    _ensure_writable(profile)
    if outbox.get(session.state, entry_id) is None:
        raise NotFoundError(t("state.error.outbox_missing", id=entry_id))

    def deliver(delivered_id: str, credentials: dict[str, str]) -> None:
        if delivered_id == entry_id and secret_sink is not None:
            with _sinks_lock:
                _sinks.pop(delivered_id, None)
            secret_sink(delivered_id, credentials)
        elif not route_credentials(delivered_id, credentials) and secret_sink is not None:
            secret_sink(delivered_id, credentials)

    runner = OutboxRunner(session.client, session.state, secret_sink=deliver,
                          cache=getattr(session, "cache", None))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max(0.0, timeout)
    await runner.recover()
    while True:
        entry = _current(session.state, entry_id)
        if entry.state is OutboxState.QUEUED:
            await runner.run_once()
            entry = _current(session.state, entry_id)
        if entry.state in SETTLED_STATES:
            return entry
        remaining = deadline - loop.time()
        if remaining <= 0:
            return entry
        await asyncio.sleep(min(remaining, _seconds_until_due(entry)))


def _current(state: sqlite3.Connection, entry_id: str) -> OutboxEntry:
    entry = outbox.get(state, entry_id)
    if entry is None:  # removed by another process meanwhile
        raise NotFoundError(t("state.error.outbox_missing", id=entry_id))
    return entry


def _seconds_until_due(entry: OutboxEntry) -> float:
    """How long to wait before looking again: until a queued retry is due, or a short poll
    while another process is sending it."""
    if entry.state is OutboxState.QUEUED and entry.next_attempt_at:
        try:
            due = datetime.fromisoformat(entry.next_attempt_at.replace("Z", "+00:00"))
        except ValueError:
            return _POLL_SECONDS
        return max(0.05, (due - datetime.now(UTC)).total_seconds())
    return _POLL_SECONDS


# --------------------------------------------------------------------------------------------
# The result, shown once
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreatedTenant:
    """What a person needs after the tenant exists. ``password`` is ``None`` when the
    credentials did not reach this caller (e.g. sent by another process, or a replay after a
    restart): they are shown once and stored nowhere."""

    tenant_id: str
    domain: str
    company_name: str
    admin_user: str
    password: str | None = field(repr=False)
    next_steps: list[str]
    contact_email: str = ""


def result_view(entry: OutboxEntry, credentials: Mapping[str, str] | None, *,
                language: str | None = None) -> CreatedTenant:
    """The created tenant of a done ``create_customer`` entry, with next steps in
    ``language`` (default: the current one). Raises :class:`OnboardingError` when the entry
    is not done."""
    if entry.state is not OutboxState.DONE or not entry.result:
        raise OnboardingError(t("onboarding.error.not_done",
                                state=t(f"state.outbox.state.{entry.state.value}")))
    result = entry.result
    payload = entry.payload
    domain = str(result.get("domain") or payload.get("domain") or "").lower()
    company = safe_text(str(result.get("company_name") or payload.get("company_name") or ""))
    user = (credentials or {}).get("user_name") or result.get("user_name") or "admin"
    admin_user = user if "@" in user else f"{user}@{domain}"
    password = (credentials or {}).get("password") or None
    email = safe_text(str(payload.get("email") or ""))

    def say(key: str, **kw: object) -> str:
        return tl(key, language, **kw) if language else t(key, **kw)

    steps = [
        say("onboarding.next.invitation", email=email, admin=admin_user),
        say("onboarding.next.change_password"),
        say("onboarding.next.licences"),
        say("onboarding.next.password_once") if password
        else say("onboarding.next.password_missing", admin=admin_user, company=company),
    ]
    return CreatedTenant(
        tenant_id=str(result.get("customer_id") or ""),
        domain=domain,
        company_name=company,
        admin_user=admin_user,
        password=password,
        next_steps=steps,
        contact_email=email,
    )


def explain_failure(entry: OutboxEntry, language: str | None = None) -> str:
    """Why a failed (or unresolved) create did not produce a tenant, in words."""
    from csp_tui.services.pc_explain import explain

    if entry.state is OutboxState.NEEDS_ATTENTION:
        domain = str(entry.payload.get("domain") or "")
        error = safe_text(entry.error_message or "?", limit=300)
        return (tl("onboarding.failed.needs_attention", language, error=error, domain=domain)
                if language else t("onboarding.failed.needs_attention", error=error,
                                   domain=domain))
    return explain((entry.error_code, entry.error_message or ""), language)


# --------------------------------------------------------------------------------------------
# The reseller's way: a request for the distributor
# --------------------------------------------------------------------------------------------


class DistributorPackage(NamedTuple):
    email_text: str
    json_text: str
    saved_path: Path


def _own_identity(profile: Profile, language: str) -> tuple[str, str]:
    """(the reseller's name, its MPN id) for the e-mail's signature."""
    name = ""
    if profile.is_sandbox:
        from csp_tui import sandbox_identity as identity

        name = {identity.RESELLER_TENANT_ID: identity.RESELLER_NAME,
                identity.OTHER_RESELLER_TENANT_ID: identity.OTHER_RESELLER_NAME
                }.get(profile.tenant_id.lower(), "")
    # Partner Center offers a reseller no call that returns its own company name: leave a
    # visible blank for the person to fill in rather than a wrong name.
    return name or tl("onboarding.package.your_name", language), profile.reseller_mpn_id or "-"




def distributor_package(session: Any, prepared: Prepared, *,
                        language: str) -> DistributorPackage:
    """For an indirect reseller: the e-mail asking the distributor to create the tenant and the
    same request as JSON, saved (0600) under the profile's exports directory.

    Nothing is queued or sent: Partner Center would refuse the reseller (403). The JSON reads
    back with :func:`load_request_file`, so the distributor can create the tenant from it.
    """
    profile: Profile = session.settings.profile
    _ensure_writable(profile)
    if capability(profile) != "request_distributor":
        raise NotAllowedError(t("onboarding.error.package_reseller_only"))
    request = prepared.request
    if request is None or not prepared.ok:
        raise InvalidRequestError(prepared.results)
    lang = language if language in ("cs", "en") else "en"
    name, mpn = _own_identity(profile, lang)
    own_tenant = profile.tenant_id.strip().lower()
    email_text, document = distributor_request(
        request, reseller_name=name, reseller_mpn_id=mpn, language=lang,
        reseller_tenant_id=own_tenant if _GUID.match(own_tenant) else None)
    reject_secrets(document)
    json_text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    stem = "tenant-request-" + (_UNSAFE_STEM.sub("-", request.domain_prefix).strip("-")
                                or "customer")
    path = save_to_file(json_text, session.settings.locations.exports_dir, stem,
                        extension="json")
    return DistributorPackage(email_text, json_text, path)


# --------------------------------------------------------------------------------------------
# The form's draft
# --------------------------------------------------------------------------------------------


def save_form_draft(state: sqlite3.Connection, data: Mapping[str, object]) -> str:
    """Keep what was typed into the new-tenant form; returns when it was saved."""
    return drafts.save_draft(state, FORM_DRAFT, {str(k): val for k, val in data.items()})


def load_form_draft(state: sqlite3.Connection) -> tuple[dict[str, Any], str] | None:
    """``(values, saved at)`` of the new-tenant form's draft, or ``None``."""
    return drafts.load_draft(state, FORM_DRAFT)


def clear_form_draft(state: sqlite3.Connection) -> bool:
    """Forget the draft (after a submit); True if there was one."""
    return drafts.delete_draft(state, FORM_DRAFT)
