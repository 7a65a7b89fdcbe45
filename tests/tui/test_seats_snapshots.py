"""Seats in use in the subscription pane: purchased against assigned seats where the SKU
matches a licence pool, unused seats flagged, the reason where it cannot be matched — at
80×24 and 120×40, each picture paired with assertions on what it says.

Regenerate with ``pytest tests/tui/test_seats_snapshots.py --snapshot-update`` and look at the
SVGs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from sqlite_utils import Database

from csp_tui.cache.store.seats import refresh_seat_use
from csp_tui.tui.screens.subscription_detail import open_subscription_detail
from csp_tui.tui.subscription_sources import quantity_cell
from csp_tui.tui.widgets.lists import SubscriptionsPane
from csp_tui.tui.widgets.table_layout import Cell

from .conftest import CLOCK_NOW, NARROW, WIDE, Console, screen_text
from .subscriptions_support import (
    BAKERY_ID,
    NEW,
    OLD,
    PAUSED,
    bakery_console,
    flat_text,
    iso,
)


def seed_pools(cache: sqlite3.Connection) -> None:
    """The bakery's licence pools: Business Standard with 3 of its 12 seats unused, Exchange
    with every seat assigned; Office 365 E3 (suspended) is named by its directory GUID only,
    so it cannot be matched."""
    at = iso(CLOCK_NOW)
    pools = [("CFQ7TTC0LDPB:0001", "O365_BUSINESS_PREMIUM", "Microsoft 365 Business Standard",
              12, 9),
             ("CFQ7TTC0LH16:0001", "EXCHANGESTANDARD", "Exchange Online (Plan 1)", 29, 29),
             ("6fd2c87f-b296-42f0-b197-1e91e994b900", "ENTERPRISEPACK", "Office 365 E3", 5, 5)]
    Database(cache)["subscribed_skus"].insert_all(
        ({"customer_id": BAKERY_ID, "sku_id": sku, "sku_part_number": part, "name": name,
          "active_units": total, "total_units": total, "consumed_units": used,
          "synced_at": at} for sku, part, name, total, used in pools), replace=True)
    Database(cache)["customer_parts"].insert(
        {"customer_id": BAKERY_ID, "part": "seats", "state": "ok", "read_at": at,
         "last_ok_at": at}, replace=True)
    cache.execute("UPDATE subscriptions SET offer_id = 'CFQ7TTC0LF8Q:0001:CFQ7TTC0K94Z' "
                  "WHERE id = ?", (PAUSED,))
    refresh_seat_use(cache, BAKERY_ID)
    if cache.in_transaction:
        cache.commit()


def seats_console(make_console: Any) -> Console:
    console = bakery_console(make_console)
    seed_pools(console.cache)
    return console


def shoot(snap_compare: Callable[..., bool], console: Console, size: tuple[int, int],
          keys: tuple[str, ...] = (), before: Callable[[Any], None] | None = None
          ) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        if before is not None:
            before(console.app)
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        pane = console.app.main_screen.query_one(SubscriptionsPane)
        seen.update(text=flat_text(console.app), pane=pane, screen_text=screen_text(console.app),
                    cursor=pane.table.cursor_row, sort=pane.sort)

    assert snap_compare(console.app, terminal_size=size, run_before=run_before)
    return seen


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_the_subscription_pane_shows_seats_in_use(snap_compare, make_console, size) -> None:
    console = seats_console(make_console)
    # The subscriptions pane, sorted by unused seats (most first): product → renewal →
    # status → window → quantity → (by customer: not in one customer's list) → unused.
    keys = ("3", *("s",) * 5, "home")
    seen = shoot(snap_compare, console, size, keys=keys)
    assert seen["sort"].name == "unused"
    # The cursor row is the one with unused seats, flagged; its seats read whole (on the
    # line under the list where the column cuts them short).
    row = seen["cursor"]
    assert row.id == NEW and row.seats_unused == 3
    assert "Seats in use: 12 bought, 9 assigned — 3 unused" in seen["text"]
    # The list: assigned of bought in the quantity's place, most unused first (and marked);
    # the quantity alone where nothing matched.
    lines = seen["screen_text"].splitlines()
    first = next(i for i, line in enumerate(lines) if "Microsoft 365 Business St" in line)
    assert " 9/12 " in lines[first]
    assert " 29/29 " in lines[first + 1] and "Exchange Online" in lines[first + 1]
    paused = next(line for line in lines if "Office 365 E3" in line)
    assert " 5 suspended" in paused
    assert quantity_cell(row) == Cell("9/12", "warning")


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_the_detail_says_the_seats_or_why_not(snap_compare, make_console, size) -> None:
    console = seats_console(make_console)
    seen = shoot(snap_compare, console, size,
                 before=lambda app: open_subscription_detail(app, NEW))
    assert "Seats in use 12 bought, 9 assigned — 3 unused" in seen["text"]


def test_an_unmatched_subscription_says_why(make_console) -> None:
    from csp_tui.cache import views

    console = seats_console(make_console)
    rows = {row.id: row for row in views.subscription_rows(console.cache, customer_id=BAKERY_ID)}
    assert rows[OLD].seats_unused == 0 and rows[OLD].seats_bought == 29
    paused = next(row for row in rows.values() if row.product == "Office 365 E3")
    assert paused.seats_bought is None and paused.seats_reason == "no_pool"
    software = next(row for row in rows.values() if row.kind == "software")
    assert software.seats_reason == "not_assignable"


def test_the_pane_in_czech(snap_compare, make_console) -> None:
    console = bakery_console(make_console, language="cs")
    seed_pools(console.cache)
    seen = shoot(snap_compare, console, NARROW, keys=("3", *("s",) * 5, "home"))
    assert seen["sort"].name == "unused"
    assert "nevyužité licence ↓" in seen["text"]
    assert "Využití licencí: 12 koupeno, 9 přiřazeno – nevyužito 3" in seen["text"]
    assert " 9/12 " in seen["screen_text"]
