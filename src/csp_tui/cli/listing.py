"""``csp-tui customers|subscriptions|invitations|log``: the cache, printed for people or scripts.

These read only the local databases (never the network) through the same queries as the
console's tables, so the JSON carries exactly the fields a person sees, plus the ids.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from csp_tui.cache import views
from csp_tui.config import Settings
from csp_tui.domain import terms
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.i18n.formatting import (
    attention_words,
    date_text,
    datetime_text,
    invitation_status_words,
    relationship_words,
)
from csp_tui.output_encoding import json_ascii_only
from csp_tui.services.session import open_reading_databases
from csp_tui.state import views as state_views
from csp_tui.timestamps import parse_timestamp
from csp_tui.world_clock import world_clock_for

if TYPE_CHECKING:
    import sqlite3

PAGE = 1000


def _all(fetch: Callable[[int, int], Sequence[Any]]) -> Iterator[Any]:
    offset = 0
    while True:
        rows = fetch(offset, PAGE)
        yield from rows
        if len(rows) < PAGE:
            return
        offset += PAGE


def _open(settings: Settings) -> tuple[sqlite3.Connection, sqlite3.Connection]:
    """(cache, state); a rebuilt cache is said on stderr, stdout stays the listing."""
    cache, state, notices = open_reading_databases(settings)
    for notice in notices:
        print(notice, file=sys.stderr)
    return cache, state


def _print_table(headers: list[str], rows: list[list[str]]) -> None:
    cells = [[safe_text(cell, 60) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


# Characters json.dumps leaves raw that a terminal may obey: C1 controls (0x9b is CSI) and
# bidi overrides. Inside JSON strings they are written as \uXXXX escapes: the same data for a
# script, inert bytes for a person who prints it.
_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _print_json(objects: list[dict[str, Any]]) -> None:
    # ensure_ascii=False: Czech names stay readable (and round-trip) in the JSON.
    text = json.dumps(objects, ensure_ascii=json_ascii_only(), indent=2)
    print(_TERMINAL_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text))


def _date(value: str | None) -> str:
    """A stored timestamp as the person's language writes a date ("" when absent); --json
    keeps the stored ISO text for scripts."""
    return date_text(value) if parse_timestamp(value) else ""


def run_customers(args: argparse.Namespace, settings: Settings) -> int:
    cache, _state = _open(settings)
    rows = list(_all(lambda offset, limit: views.customer_rows(
        cache, filter=args.filter, offset=offset, limit=limit)))
    if args.json:
        _print_json([asdict(row) for row in rows])
        return 0
    _print_table(
        [t("list.col.company"), t("list.col.domain"), t("list.col.relationship"),
         t("list.col.subscriptions"), t("list.col.attention"), t("list.col.id")],
        [[row.company_name, row.primary_domain, relationship_words(row.relationship),
          str(row.subscription_count),
          attention_words(row.attention_reason) if row.attention_reason else "", row.id]
         for row in rows],
    )
    return 0


def _subscription_object(row: views.SubscriptionListRow, now: datetime) -> dict[str, Any]:
    data = asdict(row)
    end = parse_timestamp(row.commitment_end_date)
    window = parse_timestamp(row.cancellation_allowed_until)
    data["next_renewal"] = (end + timedelta(days=1)).date().isoformat() if end else None
    data["cancellation_window_open"] = bool(window and window > now)
    return data


MAX_RENEWING_DAYS = 3660  # ten years: anything longer is a typing mistake
# A named view lists what is due soonest first.
_SORT_FOR_VIEW = {"renewing_within_days": "renewal", "in_window": "window"}


def subscription_filters(args: argparse.Namespace) -> dict[str, Any]:
    """The named view (``--renewing-within``, ``--in-window``) and ``--kind``, as arguments of
    the list queries."""
    query: dict[str, Any] = {"kind": getattr(args, "kind", None) or None}
    days = getattr(args, "renewing_within", None)
    if days is not None:
        query.update(preset="renewing_within_days", renewing_days=days)
    elif getattr(args, "in_window", False):
        query["preset"] = "in_window"
    return query


def _print_subscriptions(objects: list[dict[str, Any]], now: datetime) -> None:
    zone = now.astimezone().tzinfo
    yes, no = t("yes"), t("no")
    _print_table(
        [t("list.col.customer"), t("list.col.product"), t("list.col.kind"), t("list.col.qty"),
         t("list.col.status"), t("list.col.term"), t("list.col.billing"),
         t("list.col.auto_renew"), t("list.col.renewal"), t("list.col.window")],
        [[obj["customer_name"], obj["product"], terms.kind_in_words(obj["kind"]),
          str(obj["quantity"]), terms.status_in_words(obj["status"]),
          terms.term_in_words(obj["term_duration"]), terms.billing_in_words(obj["billing_cycle"]),
          "" if obj["auto_renew"] is None else yes if obj["auto_renew"] else no,
          terms.date_in_words(parse_timestamp(obj["next_renewal"]), zone=zone)
          if obj["next_renewal"] else "",
          terms.moment_in_words(parse_timestamp(obj["cancellation_allowed_until"]), zone=zone,
                                now=now)
          if obj["cancellation_window_open"] else ""]
         for obj in objects],
    )


def _print_perpetual(objects: list[dict[str, Any]], now: datetime) -> None:
    """Perpetual licences never renew: what was bought, when, and until when it can be
    returned for a full refund."""
    zone = now.astimezone().tzinfo
    _print_table(
        [t("list.col.customer"), t("list.col.product"), t("list.col.qty"),
         t("subs.cli.col.purchased"), t("subs.cli.col.refund_until")],
        [[obj["customer_name"], obj["product"], str(obj["quantity"]),
          terms.date_in_words(parse_timestamp(obj["purchase_date"]), zone=zone),
          terms.moment_in_words(parse_timestamp(obj["cancellation_allowed_until"]), zone=zone,
                                now=now)
          if obj["cancellation_window_open"] else ""]
         for obj in objects],
    )


def run_subscriptions(args: argparse.Namespace, settings: Settings) -> int:
    days = getattr(args, "renewing_within", None)
    if days is not None and not 0 <= days <= MAX_RENEWING_DAYS:
        print(t("subs.cli.error.days", value=days, max=MAX_RENEWING_DAYS), file=sys.stderr)
        return 2
    cache, _state = _open(settings)
    now = world_clock_for(settings).now()
    query = subscription_filters(args)
    rows = list(_all(lambda offset, limit: views.subscription_rows(
        cache, customer_id=args.customer.lower() if args.customer else None,
        filter=args.filter, offset=offset, limit=limit, now=now,
        sort=_SORT_FOR_VIEW.get(query.get("preset") or "", "product"), **query)))
    objects = [_subscription_object(row, now) for row in rows]
    if args.json:
        _print_json(objects)
        return 0
    if query["kind"] == "perpetual":
        _print_perpetual(objects, now)
    else:
        _print_subscriptions(objects, now)
    return 0


def run_invitations(args: argparse.Namespace, settings: Settings) -> int:
    _, state = _open(settings)
    now = world_clock_for(settings).now()
    stale_after = timedelta(days=settings.profile.invitation_stale_days)
    objects = []
    for row in _all(lambda offset, limit: state_views.invitation_rows(state, offset=offset,
                                                                 limit=limit)):
        data = asdict(row)
        sent = parse_timestamp(row.last_sent_at)
        created = parse_timestamp(row.created_at)
        if row.status == "pending" and sent and now - sent > stale_after:
            data["status"] = "stale"
        data["age_days"] = (now - created).days if created else None
        objects.append(data)
    if args.json:
        _print_json(objects)
        return 0
    _print_table(
        [t("list.col.company"), t("list.col.contact"), t("list.col.domain"),
         t("list.col.sent"), t("list.col.age"), t("list.col.status")],
        [[obj["company_name"], obj["contact_email"], obj["domain"], _date(obj["created_at"]),
          str(obj["age_days"] if obj["age_days"] is not None else ""),
          invitation_status_words(obj["status"])]
         for obj in objects],
    )
    return 0


def run_log(args: argparse.Namespace, settings: Settings) -> int:
    _, state = _open(settings)
    filter_text = ""
    rows = []
    for row in _all(lambda offset, limit: state_views.command_rows(state, filter=filter_text,
                                                              offset=offset, limit=limit)):
        if args.errors and row.error is None and (row.status or 0) < 400:
            continue
        rows.append(row)
        if len(rows) >= args.limit:
            break
    if args.json:
        _print_json([asdict(row) for row in rows])
        return 0
    _print_table(
        [t("list.col.time"), t("list.col.method"), t("list.col.path"), t("list.col.status"),
         t("list.col.duration"), t("list.col.request_id")],
        [[datetime_text(row.at, seconds=True), row.method, row.path,
          "" if row.status is None else str(row.status),
          f"{row.duration_ms} ms", row.request_id or ""] for row in rows],
    )
    return 0
