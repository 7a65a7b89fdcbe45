"""``csp-tui order --customer ID --item CATALOG_ITEM_ID --quantity N [--term …] [--billing …]
[--no-auto-renew] [--what-if] [--json]``: the same order as the console's order
screen, through the same services and outbox.

The order is checked against the catalog (read at most daily) and its effect printed. With
``--what-if`` nothing else happens. Otherwise, by the profile's role: a distributor or a direct
partner places it through the outbox (a cart and its checkout, looked up before any resend)
and waits up to ``--wait`` seconds for Partner Center's answer; an indirect reseller gets the
complete order request for its distributor (e-mail text, and the JSON saved owner-only).

Exit codes: 0 placed / request written / what-if; 1 Partner Center refused, could not be
reached or did not answer within ``--wait`` (the order stays queued); 2 the order has problems
or the profile is read-only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from csp_tui.cli.catalog import ensure_catalog
from csp_tui.config import Settings
from csp_tui.domain.text import safe_text
from csp_tui.i18n import get_language, set_language, t
from csp_tui.output_encoding import json_ascii_only
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.auth import AuthError
from csp_tui.services import orders
from csp_tui.services.onboarding.submit import run_until_settled
from csp_tui.services.session import Session, open_session
from csp_tui.state.outbox import OutboxState

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def _print_json(document: dict[str, Any]) -> None:
    print(json.dumps(document, ensure_ascii=json_ascii_only(), indent=2))


def _draft_document(draft: orders.OrderDraft, language: str) -> dict[str, Any]:
    effect = draft.effect
    return {
        "customer_id": draft.customer_id,
        "catalog_item_id": draft.item.catalog_item_id,
        "product": draft.item.title,
        "kind": draft.item.kind,
        "quantity": draft.quantity,
        "term": draft.choice.term or None if draft.choice else None,
        "billing": draft.choice.billing if draft.choice else None,
        "auto_renew": draft.auto_renew,
        "first_renewal": effect.first_renewal.isoformat() if effect and effect.first_renewal
        else None,
        "via": draft.via,
        "problems": [orders.problem_words(p, language) for p in draft.problems],
        "review": orders.review_lines(draft, language),
    }


async def _order(args: argparse.Namespace, settings: Settings, session: Session,
                 language: str) -> int:
    as_json = bool(args.json)
    problem = await ensure_catalog(session)
    if problem:
        print(problem, file=sys.stderr)
    try:
        draft = orders.prepare(session.cache, settings.profile, args.customer, args.item,
                               quantity=args.quantity, term=args.term, billing=args.billing,
                               auto_renew=False if args.no_auto_renew else None)
    except orders.OrderError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    document = _draft_document(draft, language)
    if not as_json:
        for line in orders.review_lines(draft, language):
            print(line)
    if draft.problems:
        for line in document["problems"]:
            print(t("selling.cli.problem", problem=line), file=sys.stderr)
        if as_json:
            _print_json({"status": "invalid", **document})
        return EXIT_USAGE
    if args.what_if:
        if as_json:
            _print_json({"status": "what_if", **document})
        else:
            print(t("selling.cli.what_if"), file=sys.stderr)
        return EXIT_OK
    if draft.via == orders.VIA_DISTRIBUTOR:
        request = orders.distributor_request(session.cache, settings.profile, draft,
                                             language=language,
                                             exports_dir=settings.locations.exports_dir)
        if as_json:
            _print_json({"status": "request_distributor", **document,
                         "email": request.email_text, "request_file": str(request.saved_path),
                         "request": json.loads(request.json_text)})
        else:
            print()
            print(request.email_text)
        print(t("selling.cli.request_saved", path=request.saved_path), file=sys.stderr)
        return EXIT_OK
    if draft.via != orders.VIA_API:
        print(t("selling.error.not_placeable"), file=sys.stderr)
        return EXIT_USAGE
    if settings.profile.read_only:
        print(t("selling.cli.read_only", profile=safe_text(settings.profile.name)),
              file=sys.stderr)
        return EXIT_USAGE
    waiting = orders.waiting_entry(session.state, draft)
    if waiting is not None:
        # Queued by an earlier run that did not see it through: the same order, resumed
        # (it is looked up before anything is sent again), never a second one.
        print(t("selling.cli.resumed", at=waiting.created_at), file=sys.stderr)
        entry = waiting
    else:
        entry = orders.enqueue(session.state, draft, language)
    entry = await run_until_settled(session, entry.id, secret_sink=None, timeout=args.wait)
    result = entry.result or {}
    if entry.state is OutboxState.DONE:
        if as_json:
            _print_json({"status": "placed", **document, "entry_id": entry.id, **result})
        else:
            print(t("selling.cli.placed", orders=", ".join(result.get("order_ids", [])) or "-"))
            if draft.item.kind != "perpetual":
                print(t("selling.cli.provisioning"))
        return EXIT_OK
    message = (t("selling.cli.failed", reason=safe_text(entry.error_message or "", 400))
               if entry.state is OutboxState.FAILED
               else t("selling.cli.pending", seconds=f"{args.wait:g}"))
    print(message, file=sys.stderr)
    if as_json:
        _print_json({"status": entry.state.value, **document, "entry_id": entry.id,
                     "message": message, "error_code": entry.error_code})
    return EXIT_FAILURE


async def _run(args: argparse.Namespace, settings: Settings, language: str) -> int:
    session = open_session(settings)
    try:
        for notice in session.notices:
            print(notice, file=sys.stderr)
        return await _order(args, settings, session, language)
    finally:
        await session.aclose()


def run(args: argparse.Namespace, settings: Settings) -> int:
    if getattr(args, "lang", None):
        set_language(args.lang)
    language = get_language()
    try:
        return asyncio.run(_run(args, settings, language))
    except pce.TransportError as exc:
        print(t("selling.cli.unreachable", error=safe_text(str(exc), 300)), file=sys.stderr)
        return EXIT_FAILURE
    except (AuthError, pce.AuthenticationError) as exc:
        print(t("selling.cli.sign_in", error=safe_text(str(exc), 300)), file=sys.stderr)
        return EXIT_FAILURE
