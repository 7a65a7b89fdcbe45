"""``csp-tui customers|subscriptions|invitations|log``: the cache, printed for people or scripts.

These read only the local databases (never the network) through the same queries as the
console's tables, so the machine formats carry exactly the fields a person sees, plus the ids.
How they print (``--output``, the table fitted to the terminal, CSV conventions) is
``cli/output.py``'s.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from csp_tui.cache import views
from csp_tui.cli.output import Column, emit
from csp_tui.config import Settings
from csp_tui.domain import terms
from csp_tui.i18n import t
from csp_tui.i18n.formatting import (
    attention_words,
    date_text,
    datetime_text,
    format_number,
    invitation_status_words,
    relationship_words,
)
from csp_tui.services.session import open_reading_databases
from csp_tui.state import views as state_views
from csp_tui.timestamps import parse_timestamp
from csp_tui.world_clock import world_clock_for

if TYPE_CHECKING:
    import sqlite3

    from csp_tui.cli.output import Record

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


def _cache_is_empty(cache: sqlite3.Connection) -> bool:
    """No customer at all: nothing was ever synced (as opposed to a filter matching nothing)."""
    return cache.execute("SELECT NOT EXISTS (SELECT 1 FROM customers)").fetchone()[0] == 1


def _empty_cache_hint(cache: sqlite3.Connection) -> str | None:
    return t("cli_output.hint.empty_cache") if _cache_is_empty(cache) else None


def _date(value: str | None) -> str:
    """A stored timestamp as the person's language writes a date ("" when absent); --json
    keeps the stored ISO text for scripts."""
    return date_text(value) if parse_timestamp(value) else ""


def customer_columns() -> list[Column]:
    return [
        Column(t("list.col.company"), lambda r: r["company_name"]),
        Column(t("list.col.domain"), lambda r: r["primary_domain"]),
        Column(t("list.col.relationship"), lambda r: relationship_words(r["relationship"])),
        Column(t("list.col.subscriptions"), lambda r: str(r["subscription_count"])),
        Column(t("list.col.attention"),
               lambda r: attention_words(r["attention_reason"]) if r["attention_reason"] else ""),
        Column(t("list.col.id"), lambda r: r["id"]),
    ]


def run_customers(args: argparse.Namespace, settings: Settings) -> int:
    cache, _state = _open(settings)
    rows = list(_all(lambda offset, limit: views.customer_rows(
        cache, filter=args.filter, offset=offset, limit=limit)))
    return emit(args, customer_columns(), [asdict(row) for row in rows],
                empty_hint=_empty_cache_hint(cache))


#: Seats in use (views.SubscriptionListRow), after the fields scripts already read by position.
_SEAT_FIELDS = ("seats_bought", "seats_assigned", "seats_unused", "seats_shared",
                "seats_reason")


def _subscription_object(row: views.SubscriptionListRow, now: datetime) -> dict[str, Any]:
    data = asdict(row)
    seats = {key: data.pop(key) for key in _SEAT_FIELDS}
    end = parse_timestamp(row.commitment_end_date)
    window = parse_timestamp(row.cancellation_allowed_until)
    data["next_renewal"] = (end + timedelta(days=1)).date().isoformat() if end else None
    data["cancellation_window_open"] = bool(window and window > now)
    data.update(seats)
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


def _subscription_columns(now: datetime) -> list[Column]:
    zone = now.astimezone().tzinfo
    yes, no = t("yes"), t("no")
    return [
        Column(t("list.col.customer"), lambda r: r["customer_name"]),
        Column(t("list.col.product"), lambda r: r["product"]),
        Column(t("list.col.kind"), lambda r: terms.kind_in_words(r["kind"])),
        Column(t("list.col.qty"), lambda r: str(r["quantity"])),
        Column(t("list.col.status"), lambda r: terms.status_in_words(r["status"])),
        Column(t("list.col.term"), lambda r: terms.term_in_words(r["term_duration"])),
        Column(t("list.col.billing"), lambda r: terms.billing_in_words(r["billing_cycle"])),
        Column(t("list.col.auto_renew"),
               lambda r: "" if r["auto_renew"] is None else yes if r["auto_renew"] else no),
        Column(t("list.col.renewal"),
               lambda r: terms.date_in_words(parse_timestamp(r["next_renewal"]), zone=zone)
               if r["next_renewal"] else ""),
        Column(t("list.col.window"), lambda r: _window_words(r, zone, now)),
    ]


def _window_words(record: Record, zone: tzinfo | None, now: datetime) -> str:
    if not record["cancellation_window_open"]:
        return ""
    return terms.moment_in_words(parse_timestamp(record["cancellation_allowed_until"]),
                                 zone=zone, now=now)


def _perpetual_columns(now: datetime) -> list[Column]:
    """Perpetual licences never renew: what was bought, when, and until when it can be
    returned for a full refund."""
    zone = now.astimezone().tzinfo
    return [
        Column(t("list.col.customer"), lambda r: r["customer_name"]),
        Column(t("list.col.product"), lambda r: r["product"]),
        Column(t("list.col.qty"), lambda r: str(r["quantity"])),
        Column(t("subs.cli.col.purchased"),
               lambda r: terms.date_in_words(parse_timestamp(r["purchase_date"]), zone=zone)),
        Column(t("subs.cli.col.refund_until"), lambda r: _window_words(r, zone, now)),
    ]


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
    columns = (_perpetual_columns(now) if query["kind"] == "perpetual"
               else _subscription_columns(now))
    return emit(args, columns, objects, empty_hint=_empty_cache_hint(cache))


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
        # Who sent it (team mode) after the fields scripts already read by position.
        data["by"] = data.pop("by", None)
        objects.append(data)
    return emit(args, invitation_columns(), objects,
                empty_hint=t("cli_output.hint.no_invitations"))


def invitation_columns() -> list[Column]:
    return [
        Column(t("list.col.company"), lambda r: r["company_name"]),
        Column(t("list.col.contact"), lambda r: r["contact_email"]),
        Column(t("list.col.domain"), lambda r: r["domain"]),
        Column(t("list.col.sent"), lambda r: _date(r["created_at"])),
        Column(t("list.col.age"), lambda r: "" if r["age_days"] is None else str(r["age_days"])),
        Column(t("list.col.status"), lambda r: invitation_status_words(r["status"])),
    ]

def log_columns() -> list[Column]:
    return [
        Column(t("list.col.time"), lambda r: datetime_text(r["at"], seconds=True)),
        Column(t("list.col.method"), lambda r: r["method"]),
        Column(t("list.col.path"), lambda r: r["path"]),
        Column(t("list.col.status"), lambda r: "" if r["status"] is None else str(r["status"])),
        Column(t("list.col.duration"), lambda r: f"{r['duration_ms']} ms"),
        Column(t("list.col.request_id"), lambda r: r["request_id"] or ""),
    ]
#: ``log`` without ``--limit``/``--all``: the newest calls, and a hint that there are more.
LOG_LIMIT = 200


def run_log(args: argparse.Namespace, settings: Settings) -> int:
    limit = getattr(args, "limit", None)
    if getattr(args, "all", False):
        limit = None
    elif limit is None:
        limit = LOG_LIMIT
    if limit is not None and limit < 1:
        print(t("cli_output.error.limit", value=limit), file=sys.stderr)
        return 2
    _, state = _open(settings)
    rows: list[state_views.CommandLogRow] = []
    matched = 0
    for row in _all(lambda offset, size: state_views.command_rows(state, offset=offset,
                                                                  limit=size)):
        if args.errors and row.error is None and (row.status or 0) < 400:
            continue
        matched += 1
        if limit is None or len(rows) < limit:
            rows.append(row)
        elif not args.errors:
            # Every further row matches: count them without reading them.
            matched = state_views.count_commands(state)
            break
    status = emit(args, log_columns(), [asdict(row) for row in rows],
                  empty_hint=None if matched else _empty_log_hint(state))
    if matched > len(rows):
        print(t("cli_output.hint.left_out", shown=format_number(len(rows)),
                total=format_number(matched)), file=sys.stderr)
    return status


def _empty_log_hint(state: sqlite3.Connection) -> str | None:
    """The hint for a log with no call at all (``--errors`` finding none is good news)."""
    return None if state_views.count_commands(state) else t("cli_output.hint.empty_log")
