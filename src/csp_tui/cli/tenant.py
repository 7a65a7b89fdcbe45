"""``csp-tui tenant create --file FILE``: create a customer tenant from a request file.

The file (TOML or JSON) holds the fields of the console's new-tenant form. What happens depends
on the profile's role:

- indirect provider / direct partner: the request is checked, queued once (re-running the same
  file finds the same queue entry and never creates a second tenant), sent, and the result is
  printed — the administrator's temporary password exactly once, on the terminal only (with
  ``--json`` it goes to stderr when that is a terminal, never into the JSON, which scripts
  tend to store);
- indirect reseller: Partner Center does not let it create tenants, so the checked request for
  the distributor is printed (e-mail text) and saved as JSON;
- read-only profile: refused.

Exit codes: 0 created / already created / request for the distributor written; 1 Partner
Center refused, did not finish within ``--wait`` or could not be reached; 2 an unusable file,
a field to fix, or a read-only profile.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING, Any

from csp_tui.config import Settings
from csp_tui.domain.tenant import FIELDS
from csp_tui.domain.text import safe_text
from csp_tui.domain.validation import label_key
from csp_tui.i18n import get_language, set_language, t
from csp_tui.output_encoding import json_ascii_only
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.auth import AuthError
from csp_tui.services import onboarding
from csp_tui.services.invitations import ReadOnlyError
from csp_tui.services.onboarding import CreatedTenant, Prepared, RequestFileError
from csp_tui.services.pc_explain import explain
from csp_tui.services.session import open_session
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxEntry, OutboxState

if TYPE_CHECKING:
    from csp_tui.services.session import Session

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
DEFAULT_WAIT_SECONDS = 60.0


class _Output:
    """Text for people or one JSON object for scripts; problems always on stderr."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def json(self, document: dict[str, Any]) -> None:
        print(json.dumps(document, ensure_ascii=json_ascii_only(), indent=2))

    def problem(self, code: int, status: str, message: str, **extra: Any) -> int:
        print(message, file=sys.stderr)
        if self.as_json:
            self.json({"status": status, "message": message, **extra})
        return code


def _field_lines(prepared: Prepared, language: str) -> list[str]:
    lines = []
    for name, result in prepared.results.items():
        if result.ok:
            continue
        message = result.message(language) or ""
        if name in FIELDS:
            lines.append(t("onboarding.cli.field", field=name, label=t(label_key(name)),
                           message=message))
        else:
            lines.append(t("onboarding.cli.field_unlabelled", field=name or "-",
                           message=message))
        hint = result.hint(language)
        if hint:
            lines.append(t("onboarding.cli.hint", hint=hint))
    return lines


def _print_warnings(prepared: Prepared, language: str) -> None:
    for name, message in prepared.warnings(language).items():
        print(t("onboarding.cli.warning", field=name, message=message), file=sys.stderr)


def _tenant_document(view: CreatedTenant, status: str, entry_id: str) -> dict[str, Any]:
    # JSON output ends up in files and pipelines: the password never goes into it (see
    # _show_password_beside_json).
    return {
        "status": status,
        "entry_id": entry_id,
        "tenant_id": view.tenant_id,
        "domain": view.domain,
        "company_name": view.company_name,
        "admin_user": view.admin_user,
        "password_shown": bool(view.password) and sys.stderr.isatty(),
        "next_steps": view.next_steps,
    }


def _show_password_beside_json(view: CreatedTenant) -> None:
    """With --json the one-time password is shown on the terminal (stderr) if there is one;
    otherwise it is not shown anywhere and the admin password must be reset."""
    if not view.password:
        return
    if sys.stderr.isatty():
        print(t("onboarding.cli.password", value=view.password), file=sys.stderr)
    else:
        print(t("onboarding.cli.password_not_shown"), file=sys.stderr)


def _print_tenant(view: CreatedTenant) -> None:
    print(t("onboarding.cli.tenant_id", value=view.tenant_id))
    print(t("onboarding.cli.domain", value=view.domain))
    print(t("onboarding.cli.admin", value=view.admin_user))
    if view.password:
        print(t("onboarding.cli.password", value=view.password))
    print()
    print(t("onboarding.cli.next_steps"))
    for number, step in enumerate(view.next_steps, start=1):
        print(f"  {number}. {step}")


def _already_created(out: _Output, entry: OutboxEntry, language: str,
                     warnings: dict[str, str]) -> int:
    view = onboarding.result_view(entry, None, language=language)
    if out.as_json:
        out.json({**_tenant_document(view, "already_created", entry.id), "warnings": warnings})
    else:
        print(t("onboarding.cli.already_created", company=view.company_name))
        _print_tenant(view)
    return EXIT_OK


def _request_distributor(out: _Output, session: Session, prepared: Prepared, language: str,
                         warnings: dict[str, str]) -> int:
    package = onboarding.distributor_package(session, prepared, language=language)
    print(t("onboarding.cli.reseller_note"), file=sys.stderr)
    if out.as_json:
        out.json({"status": "request_distributor", "message": t("onboarding.cli.reseller_note"),
                  "email": package.email_text, "request_file": str(package.saved_path),
                  "request": json.loads(package.json_text), "warnings": warnings})
    else:
        print(package.email_text, end="" if package.email_text.endswith("\n") else "\n")
        print(t("onboarding.cli.request_saved", path=package.saved_path), file=sys.stderr)
    return EXIT_OK


def _others(session: Session, credentials: dict[str, dict[str, str]], own_id: str,
            language: str) -> list[tuple[str, CreatedTenant]]:
    """Tenants of other queued entries this run happened to send: their passwords reached
    only this process, so they are shown rather than lost."""
    shown = []
    for entry_id, creds in credentials.items():
        if entry_id == own_id:
            continue
        entry = outbox.get(session.state, entry_id)
        if entry is not None and entry.state is OutboxState.DONE:
            shown.append((entry_id, onboarding.result_view(entry, creds, language=language)))
    return shown


def _settled(out: _Output, session: Session, entry: OutboxEntry,
             credentials: dict[str, dict[str, str]], language: str, wait: float,
             warnings: dict[str, str]) -> int:
    others = _others(session, credentials, entry.id, language)
    if entry.state is OutboxState.DONE:
        view = onboarding.result_view(entry, credentials.get(entry.id), language=language)
        if out.as_json:
            out.json({**_tenant_document(view, "created", entry.id), "warnings": warnings,
                      "also_created": [_tenant_document(other, "created", other_id)
                                       for other_id, other in others]})
            for shown in (view, *(other for _, other in others)):
                _show_password_beside_json(shown)
        else:
            print(t("onboarding.cli.created", company=view.company_name))
            _print_tenant(view)
            if others:
                print()
                print(t("onboarding.cli.also_created"))
                for _, other in others:
                    print(t("onboarding.cli.created", company=other.company_name))
                    _print_tenant(other)
        return EXIT_OK
    if entry.state in (OutboxState.FAILED, OutboxState.NEEDS_ATTENTION):
        reason = onboarding.explain_failure(entry, language)
        # An unknown outcome is not "not created": the text says what to check instead.
        message = reason if entry.state is OutboxState.NEEDS_ATTENTION else t(
            "onboarding.cli.failed", reason=reason)
        return out.problem(EXIT_FAILURE, entry.state.value, message,
                           entry_id=entry.id, error_code=entry.error_code, warnings=warnings)
    return out.problem(EXIT_FAILURE, entry.state.value,
                       t("onboarding.cli.pending", seconds=f"{wait:g}"),
                       entry_id=entry.id, warnings=warnings)


async def _create(args: argparse.Namespace, settings: Settings, data: dict[str, Any],
                  language: str, out: _Output) -> int:
    session = open_session(settings)
    try:
        for notice in session.notices:
            print(notice, file=sys.stderr)
        prepared = await onboarding.prepare(session, data)
        warnings = prepared.warnings(language)
        _print_warnings(prepared, language)
        if not prepared.ok:
            print(t("onboarding.cli.invalid", file=args.file), file=sys.stderr)
            for line in _field_lines(prepared, language):
                print(line, file=sys.stderr)
            if out.as_json:
                out.json({"status": "invalid", "errors": prepared.errors(language),
                          "warnings": warnings})
            return EXIT_USAGE
        if prepared.capability == "request_distributor":
            return _request_distributor(out, session, prepared, language, warnings)
        if prepared.already_created and prepared.existing is not None:
            return _already_created(out, prepared.existing, language, warnings)

        entry = onboarding.submit(session, prepared)
        if entry.state is OutboxState.DONE:  # finished by another process meanwhile
            return _already_created(out, entry, language, warnings)
        credentials: dict[str, dict[str, str]] = {}

        def keep(entry_id: str, creds: dict[str, str]) -> None:
            credentials[entry_id] = creds

        wait = DEFAULT_WAIT_SECONDS if args.wait is None else float(args.wait)
        entry = await onboarding.run_until_settled(session, entry.id, secret_sink=keep,
                                                   timeout=wait)
        return _settled(out, session, entry, credentials, language, wait, warnings)
    finally:
        await session.aclose()


def run_create(args: argparse.Namespace, settings: Settings) -> int:
    if getattr(args, "lang", None):
        set_language(args.lang)
    language = get_language()
    out = _Output(bool(getattr(args, "json", False)))
    try:
        data = onboarding.load_request_file(args.file)
    except RequestFileError as exc:
        return out.problem(EXIT_USAGE, "file_error", str(exc))
    profile = settings.profile
    if onboarding.capability(profile) == "read_only":
        return out.problem(EXIT_USAGE, "read_only",
                           t("onboarding.error.read_only", profile=safe_text(profile.name)))
    try:
        return asyncio.run(_create(args, settings, data, language, out))
    except ReadOnlyError as exc:
        return out.problem(EXIT_USAGE, "read_only", str(exc))
    except pce.TransportError as exc:  # also a sign-in service that cannot be reached
        return out.problem(EXIT_FAILURE, "unreachable",
                           t("onboarding.cli.unreachable", error=str(exc)))
    except (AuthError, pce.AuthenticationError) as exc:
        # A queued create is kept (same idempotency key) and sent after signing in.
        return out.problem(EXIT_FAILURE, "sign_in", t("onboarding.cli.sign_in", error=str(exc)))
    except pce.PartnerCenterError as exc:
        return out.problem(EXIT_FAILURE, "failed",
                           t("onboarding.cli.failed", reason=explain(exc, language)))
