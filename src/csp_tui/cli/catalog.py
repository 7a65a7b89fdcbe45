"""``csp-tui catalog [--filter TEXT] [--kind …] [--customer ID] [--output …]``: the
catalog of the profile's country, read from Partner Center at most once a day into the cache
(``--refresh`` reads it now), filtered like the console's lists, online services, software
subscriptions and perpetual licences told apart. With ``--customer`` each item says whether it
may be sold to that customer (the Education gate, with its reason). Printed as every listing
is (``cli/output.py``: a table, JSON, JSON Lines, CSV or TSV).

Exit codes: 0 listed; 1 the catalog could not be read and the cache has none.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from csp_tui.cli.output import Column, emit, output_format
from csp_tui.config import Settings
from csp_tui.domain import terms
from csp_tui.domain.text import safe_text
from csp_tui.i18n import get_language, t
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


def _columns(language: str, gated: bool) -> list[Column]:
    columns = [
        Column(t("selling.cli.col.item"), lambda r: r["catalog_item_id"]),
        Column(t("selling.cli.col.title"), lambda r: r["title"]),
        Column(t("selling.cli.col.kind"), lambda r: terms.kind_in_words(r["kind"], language)),
        Column(t("selling.cli.col.terms"), lambda r: r["terms_words"]),
        Column(t("selling.cli.col.quantity"),
               lambda r: f"{r['min_quantity']}–{r['max_quantity']}"),
    ]
    if gated:
        columns.append(Column(t("selling.cli.col.not_offered"),
                              lambda r: r["not_offered_because"] or ""))
    return columns


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
        # Flat records with stable keys (every machine format prints the same); terms as
        # "P1Y/monthly" pairs, a perpetual licence's as "/one_time".
        records = [{
            "catalog_item_id": o.item.catalog_item_id, "title": o.item.title,
            "product": o.item.product_title, "kind": o.item.kind,
            "segment": o.item.segment, "country": o.item.country,
            "terms": "; ".join(c.key.replace("-/", "/") for c in o.item.choices),
            "terms_words": _choices_text(o.item.choices, language),
            "min_quantity": o.item.min_quantity, "max_quantity": o.item.max_quantity,
            "is_trial": o.item.is_trial, "purchasable": o.item.purchasable,
            "offered": o.gate is None,
            "not_offered_because": gate_words(o.gate, language) or None,
        } for o in offered]
        emit(args, _columns(language, bool(args.customer)), records,
             empty_hint=t("selling.cli.empty"))
        if output_format(args) == "table":
            print(t("selling.cli.count", count=len(offered), country=country),
                  file=sys.stderr)
        return EXIT_OK
    finally:
        await session.aclose()


def run(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_run(args, settings))
