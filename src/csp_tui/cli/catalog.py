"""``csp-tui catalog [--filter TEXT] [--kind …] [--customer ID] [--output text|json]``: the
catalog of the profile's country, read from Partner Center at most once a day into the cache
(``--refresh`` reads it now), filtered like the console's lists, online services, software
subscriptions and perpetual licences told apart. With ``--customer`` each item says whether it
may be sold to that customer (the Education gate, with its reason).

Exit codes: 0 listed; 1 the catalog could not be read and the cache has none.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from csp_tui.config import Settings
from csp_tui.domain import terms
from csp_tui.domain.text import safe_text
from csp_tui.i18n import get_language, t
from csp_tui.output_encoding import json_ascii_only
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.auth import AuthError
from csp_tui.services.catalog import gate_words, offered_to, profile_country, refresh_catalog
from csp_tui.services.session import Session, open_session

EXIT_OK = 0
EXIT_FAILURE = 1


async def ensure_catalog(session: Session, *, force: bool = False) -> str | None:
    """The catalog read if it is older than a day; a problem in words (the cached one is
    used), or None."""
    country = profile_country(session.settings.profile)
    try:
        await refresh_catalog(session.client, session.cache, country, force=force)
    except (pce.PartnerCenterError, AuthError) as exc:
        return t("selling.cli.not_read", error=safe_text(str(exc), 300))
    return None


def _choices_text(choices: Any, language: str) -> str:
    return "; ".join(
        (f"{terms.term_in_words(c.term, language)} " if c.term else "")
        + terms.billing_in_words(c.billing, language) for c in choices)


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    session = open_session(settings)
    language = get_language()
    try:
        for notice in session.notices:
            print(notice, file=sys.stderr)
        problem = await ensure_catalog(session, force=bool(args.refresh))
        if problem:
            print(problem, file=sys.stderr)
        country = profile_country(settings.profile)
        offered = offered_to(session.cache, country, args.customer, text=args.filter or "",
                             kind=args.kind)
        if not offered and problem:
            return EXIT_FAILURE
        if args.output == "json":
            print(json.dumps([{
                "catalog_item_id": o.item.catalog_item_id, "title": o.item.title,
                "product": o.item.product_title, "kind": o.item.kind,
                "segment": o.item.segment, "country": o.item.country,
                "terms": [{"term": c.term or None, "billing": c.billing}
                          for c in o.item.choices],
                "min_quantity": o.item.min_quantity, "max_quantity": o.item.max_quantity,
                "is_trial": o.item.is_trial, "purchasable": o.item.purchasable,
                "offered": o.gate is None,
                "not_offered_because": gate_words(o.gate, language) or None,
            } for o in offered], ensure_ascii=json_ascii_only(), indent=2))
            return EXIT_OK
        headers = [t("selling.cli.col.item"), t("selling.cli.col.title"),
                   t("selling.cli.col.kind"), t("selling.cli.col.terms"),
                   t("selling.cli.col.quantity")]
        rows = [[o.item.catalog_item_id, safe_text(o.item.title, 60),
                 terms.kind_in_words(o.item.kind, language),
                 _choices_text(o.item.choices, language),
                 f"{o.item.min_quantity}–{o.item.max_quantity}"] for o in offered]
        widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
        print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
        for row, item in zip(rows, offered, strict=True):
            print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
            if item.gate:
                print(f"    {gate_words(item.gate, language)}")
        print(t("selling.cli.count", count=len(offered), country=country), file=sys.stderr)
        return EXIT_OK
    finally:
        await session.aclose()


def run(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run(args, settings))
