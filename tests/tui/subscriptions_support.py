"""Known subscriptions for the console's subscription screens.

One customer, "Šumavská pekárna s.r.o.", with one of each case the screens must tell apart:
a new subscription inside its 7-day window, an old one whose window closed, a suspended one,
a software subscription and a perpetual licence. Dates are relative to the console's frozen
clock (``CLOCK_NOW``), so windows and "time left" are the same on every run.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from csp_tui.domain.text import czech_sort_key, fold

from .conftest import CLOCK_NOW

BAKERY_ID = "c0ffee00-0000-4000-8000-00000000b4ce"
BAKERY = "Šumavská pekárna s.r.o."
WINDOW_END = CLOCK_NOW + timedelta(days=3, hours=4, minutes=17)  # 27 Nov 14:02 UTC

NEW = "5ab00000-0000-4000-8000-000000000001"  # M365 Business Standard, bought 4 days ago
OLD = "5ab00000-0000-4000-8000-000000000002"  # Exchange Online (Plan 1), window long closed
PAUSED = "5ab00000-0000-4000-8000-000000000003"  # Office 365 E3, suspended
SQL = "5ab00000-0000-4000-8000-000000000004"  # SQL Server Standard, software subscription
LTSC = f"{BAKERY_ID}:dg7gmgf0d3h8:0002:order-1:1"  # Office LTSC, perpetual, bought 5 days ago


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def add_customer(cache: sqlite3.Connection, customer_id: str, name: str) -> None:
    Database(cache)["customers"].insert({
        "id": customer_id, "company_name": name, "name_fold": fold(name),
        "sort_key": czech_sort_key(name), "primary_domain": "sumavskapekarna.cz",
        "domain_fold": "sumavskapekarna.cz", "relationship": "reseller",
        "subscription_count": 4, "first_seen_at": iso(CLOCK_NOW), "listed_at": iso(CLOCK_NOW),
        "detail_synced_at": iso(CLOCK_NOW),
    }, replace=True)


def add_subscription(cache: sqlite3.Connection, sub_id: str, *,
                     refundable: list[tuple[int, datetime]] | None = None,
                     **columns: Any) -> None:
    name = columns.pop("offer_name", "Microsoft 365 Business Standard")
    row: dict[str, Any] = {
        "id": sub_id, "customer_id": BAKERY_ID, "offer_id": "CFQ7TTC0LDPB:0001:CFQ7TTC0N8SS",
        "offer_name": name, "name_fold": fold(name), "sort_key": czech_sort_key(name),
        "product_type": "OnlineServicesNCE", "kind": "online", "quantity": 12,
        "status": "active", "term_duration": "P1Y", "billing_cycle": "monthly",
        "auto_renew": 1, "is_trial": 0,
        "effective_start_date": iso(CLOCK_NOW - timedelta(days=300)),
        "commitment_end_date": iso(CLOCK_NOW + timedelta(days=65)),
        "cancellation_allowed_until": iso(CLOCK_NOW - timedelta(days=293)),
        "synced_at": iso(CLOCK_NOW - timedelta(minutes=4)),
    }
    row.update(columns)
    raw: dict[str, Any] = {"id": sub_id}
    if refundable is not None:
        raw["refundableQuantity"] = {"totalQuantity": sum(q for q, _ in refundable), "details": [
            {"quantity": q, "allowedUntilDateTime": iso(u)} for q, u in refundable]}
        row["refundable_quantity"] = sum(q for q, _ in refundable)
        row["refundable_until"] = iso(max(u for _, u in refundable))
    row["raw_json"] = json.dumps(raw)
    Database(cache)["subscriptions"].insert(row, replace=True)


def seed_bakery(cache: sqlite3.Connection) -> None:
    """The bakery and its five products (see the module docstring)."""
    add_customer(cache, BAKERY_ID, BAKERY)
    add_subscription(cache, NEW, effective_start_date=iso(CLOCK_NOW - timedelta(days=4)),
                     commitment_end_date=iso(CLOCK_NOW + timedelta(days=361)),
                     cancellation_allowed_until=iso(WINDOW_END),
                     refundable=[(12, WINDOW_END)])
    add_subscription(cache, OLD, offer_name="Exchange Online (Plan 1)", quantity=29,
                     offer_id="CFQ7TTC0LH16:0001", billing_cycle="annual",
                     commitment_end_date=iso(CLOCK_NOW + timedelta(days=12)))
    add_subscription(cache, PAUSED, offer_name="Office 365 E3", quantity=5,
                     status="suspended", auto_renew=0, term_duration="P1M")
    add_subscription(cache, SQL, offer_name="SQL Server Standard 2022 - 2 Core License Pack",
                     kind="software", product_type="Software", quantity=4,
                     billing_cycle="annual", term_duration="P3Y",
                     commitment_end_date=iso(CLOCK_NOW + timedelta(days=700)))
    Database(cache)["entitlements"].insert({
        "id": LTSC, "customer_id": BAKERY_ID, "product_id": "DG7GMGF0D3H8",
        "sku_id": "0002", "product_name": "Office LTSC Professional Plus 2024", "quantity": 3,
        "entitlement_type": "software", "order_id": "order-1",
        "purchase_date": iso(CLOCK_NOW - timedelta(days=5)), "synced_at": iso(CLOCK_NOW),
    }, replace=True)


def add_qualification(cache: sqlite3.Connection, status: str | None, *,
                      reason: str | None = None, days_ago: int = 2) -> None:
    Database(cache)["qualifications"].insert({
        "customer_id": BAKERY_ID, "qualification": "Education", "vetting_status": status,
        "vetting_reason": reason,
        "vetting_created_at": iso(CLOCK_NOW - timedelta(days=days_ago)),
        "synced_at": iso(CLOCK_NOW),
    }, replace=True)


def bakery_console(make_console: Any, **options: Any) -> Any:
    """A console whose cache holds the bakery (plus ``customers`` synthetic ones, none by
    default so the lists stay short)."""
    options.setdefault("customers", 0)
    console = make_console(**options)
    seed_bakery(console.cache)
    return console


def capture_notifications(app: Any) -> list[tuple[str, dict[str, Any]]]:
    """Every ``app.notify`` from now on, as (message, options); still shown as usual."""
    seen: list[tuple[str, dict[str, Any]]] = []
    original = app.notify

    def notify(message: str, **options: Any) -> None:
        seen.append((message, options))
        original(message, **options)

    app.notify = notify
    return seen


async def follow_workers_done(app: Any) -> None:
    """Wait until every outbox-following worker has finished."""
    for worker in list(app.workers):
        if worker.group.startswith("outbox-follow-"):
            await worker.wait()


def flat_text(app: Any) -> str:
    """The screen's words on one line: box borders and line breaks out of the way, so a
    sentence wrapped inside a dialog still reads as one."""
    from .conftest import screen_text

    text = screen_text(app)
    for border in "│╭╮╰╯─▁▔▎▊▇▃":
        text = text.replace(border, " ")
    return " ".join(text.split())
