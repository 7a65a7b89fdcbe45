"""``csp-tui seats [--customer ID] [--unused] [--output table|json]``: each subscription's seats
bought and assigned to users (from the cache: the sync reads the licence pools), the unused
ones first with ``--unused`` — the list to look at before a renewal or a cancellation window
closes. Where a subscription's SKU matches no pool, the fields are empty and ``seats_reason``
says why (domain/seats.REASONS)."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from csp_tui.cache.views.seats import SeatRow, seat_rows
from csp_tui.cli.listing import _open, _print_json, _print_table
from csp_tui.config import Settings
from csp_tui.domain import terms
from csp_tui.i18n import t
from csp_tui.services.seat_words import reason_text


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def run(args: argparse.Namespace, settings: Settings) -> int:
    cache, _state = _open(settings)
    rows = [row for row in seat_rows(cache, customer_id=args.customer, unused_only=args.unused)
            if row.kind != "perpetual"]
    if args.output == "json":
        _print_json([asdict(row) for row in rows])
        return 0
    _print_table(
        [t("list.col.customer"), t("list.col.product"), t("list.col.status"),
         t("seats.cli.col.bought"), t("seats.cli.col.assigned"), t("seats.cli.col.unused"),
         t("seats.cli.col.why_not")],
        [_table_row(row) for row in rows],
    )
    return 0


def _table_row(row: SeatRow) -> list[str]:
    return [row.customer_name, row.product, terms.status_in_words(row.status),
            _number(row.seats_bought), _number(row.seats_assigned), _number(row.seats_unused),
            "" if row.seats_bought is not None else reason_text(row.seats_reason or "not_read")]
