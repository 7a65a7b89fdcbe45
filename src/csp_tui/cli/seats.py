"""``csp-tui seats [--customer ID] [--unused] [-o FORMAT]``: each subscription's seats bought
and assigned to users (from the cache: the sync reads the licence pools), the unused ones
first with ``--unused`` — the list to look at before a renewal or a cancellation window
closes. Where a subscription's SKU matches no pool, the seat fields are empty and
``seats_reason`` says why (domain/seats.REASONS). The records' keys are
:class:`~csp_tui.cache.views.seats.SeatRow`'s fields, the same in every format."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from csp_tui.cache.views.seats import seat_rows
from csp_tui.cli.listing import _empty_cache_hint, _open
from csp_tui.cli.output import Column, Record, emit
from csp_tui.config import Settings
from csp_tui.domain import terms
from csp_tui.i18n import t
from csp_tui.services.seat_words import reason_text


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def seat_columns() -> list[Column]:
    return [
        Column(t("list.col.customer"), lambda r: r["customer_name"]),
        Column(t("list.col.product"), lambda r: r["product"]),
        Column(t("list.col.status"), lambda r: terms.status_in_words(r["status"])),
        Column(t("seats.cli.col.bought"), lambda r: _number(r["seats_bought"])),
        Column(t("seats.cli.col.assigned"), lambda r: _number(r["seats_assigned"])),
        Column(t("seats.cli.col.unused"), lambda r: _number(r["seats_unused"])),
        Column(t("seats.cli.col.why_not"), _why_not),
    ]


def _why_not(record: Record) -> str:
    if record["seats_bought"] is not None:
        return ""
    return reason_text(record["seats_reason"] or "not_read")


def run(args: argparse.Namespace, settings: Settings) -> int:
    cache, _state = _open(settings)
    records = [asdict(row) for row in seat_rows(cache, customer_id=args.customer,
                                                 unused_only=args.unused)
               if row.kind != "perpetual"]
    return emit(args, seat_columns(), records, empty_hint=_empty_cache_hint(cache))
