"""``csp-tui subscriptions --renewing-within DAYS | --in-window | --kind KIND``.

The command reads the cache with the wall clock, so the rows are written relative to it with
margins of days: the outcome cannot depend on when the test runs.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlite_utils import Database

from csp_tui import cli
from csp_tui.cache.db import open_cache
from csp_tui.config import load_settings
from csp_tui.domain import terms
from csp_tui.domain.text import czech_sort_key, fold

NOW = datetime.now(UTC)
BAKERY = "c0ffee00-0000-4000-8000-00000000b4ce"
SCHOOL = "c0ffee00-0000-4000-8000-0000000005c0"


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def customer(cache, customer_id: str, name: str) -> None:
    Database(cache)["customers"].insert({
        "id": customer_id, "company_name": name, "name_fold": fold(name),
        "sort_key": czech_sort_key(name), "primary_domain": f"{customer_id[:8]}.cz",
        "first_seen_at": iso(NOW), "listed_at": iso(NOW),
    })


def subscription(cache, sub_id: str, customer_id: str, name: str, **columns: Any) -> None:
    row = {"id": sub_id, "customer_id": customer_id, "offer_name": name, "name_fold": fold(name),
           "sort_key": czech_sort_key(name), "kind": "online", "quantity": 10,
           "status": "active", "term_duration": "P1Y", "billing_cycle": "monthly",
           "auto_renew": 1, "commitment_end_date": iso(NOW + timedelta(days=200)),
           "cancellation_allowed_until": iso(NOW - timedelta(days=100)), "synced_at": iso(NOW)}
    row.update(columns)
    Database(cache)["subscriptions"].insert(row)


@pytest.fixture
def cache():
    settings = load_settings()
    settings.locations.ensure_profile_dir()
    db = open_cache(settings.locations.cache_db)
    customer(db, BAKERY, "Šumavská pekárna s.r.o.")
    customer(db, SCHOOL, "ZŠ Horní Planá")
    subscription(db, "soon", BAKERY, "Microsoft 365 Business Standard",
                 commitment_end_date=iso(NOW + timedelta(days=10)))
    subscription(db, "later", SCHOOL, "Office 365 A1 Plus",
                 commitment_end_date=iso(NOW + timedelta(days=50)))
    subscription(db, "no-renew", BAKERY, "Exchange Online (Plan 1)", auto_renew=0,
                 commitment_end_date=iso(NOW + timedelta(days=5)))
    subscription(db, "fresh", SCHOOL, "Microsoft 365 A3",
                 cancellation_allowed_until=iso(NOW + timedelta(days=3)))
    subscription(db, "closing", BAKERY, "Microsoft 365 Business Premium",
                 cancellation_allowed_until=iso(NOW + timedelta(days=1)))
    subscription(db, "cancelled", SCHOOL, "Visio Plan 2", status="deleted",
                 cancellation_allowed_until=iso(NOW + timedelta(days=3)))
    subscription(db, "sql", BAKERY, "SQL Server Standard", kind="software",
                 billing_cycle="annual", commitment_end_date=iso(NOW + timedelta(days=20)))
    Database(db)["entitlements"].insert({
        "id": f"{BAKERY}:ltsc", "customer_id": BAKERY, "product_name": "Office LTSC 2024",
        "quantity": 2, "purchase_date": iso(NOW - timedelta(days=5)), "synced_at": iso(NOW)})
    yield db
    db.close()


def run_json(capsys, *options: str) -> list[dict[str, Any]]:
    assert cli.main(["subscriptions", "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)


def test_renewing_within_days(cache, capsys) -> None:
    rows = run_json(capsys, "--renewing-within", "30")
    # Active, auto-renew on, term ending within 30 days; soonest first.
    assert [row["id"] for row in rows] == ["soon", "sql"]
    assert [row["id"] for row in run_json(capsys, "--renewing-within", "60")] == [
        "soon", "sql", "later"]
    assert run_json(capsys, "--renewing-within", "0") == []
    first = rows[0]
    assert first["customer_name"] == "Šumavská pekárna s.r.o."
    assert first["next_renewal"] == (NOW + timedelta(days=11)).date().isoformat()
    assert set(first) >= {"id", "customer_id", "product", "kind", "quantity", "status",
                          "term_duration", "billing_cycle", "auto_renew",
                          "commitment_end_date", "cancellation_allowed_until",
                          "cancellation_window_open", "purchase_date"}


def test_in_window_lists_only_what_can_still_be_cancelled(cache, capsys) -> None:
    rows = run_json(capsys, "--in-window")
    # Not the cancelled one; the window closing soonest first.
    assert [row["id"] for row in rows] == ["closing", "fresh"]
    assert all(row["cancellation_window_open"] for row in rows)


def test_kind(cache, capsys) -> None:
    assert {row["id"] for row in run_json(capsys, "--kind", "software")} == {"sql"}
    assert {row["id"] for row in run_json(capsys, "--kind", "online")} == {
        "soon", "later", "no-renew", "fresh", "closing", "cancelled"}
    (licence,) = run_json(capsys, "--kind", "perpetual")
    assert licence["product"] == "Office LTSC 2024" and licence["kind"] == "perpetual"
    assert licence["purchase_date"] == iso(NOW - timedelta(days=5))
    assert licence["cancellation_window_open"] is True  # 30-day refund
    # Filters combine: software renewing within 30 days; a customer's perpetual licences.
    assert [r["id"] for r in run_json(capsys, "--kind", "software", "--renewing-within",
                                      "30")] == ["sql"]
    assert run_json(capsys, "--kind", "perpetual", "--customer", SCHOOL) == []


def test_the_table_speaks_words(cache, capsys) -> None:
    assert cli.main(["subscriptions", "--renewing-within", "30"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["CUSTOMER", "PRODUCT", "KIND"]
    assert len(lines) == 3
    assert "Online service" in lines[1] and "1 year" in lines[1] and "billed monthly" in lines[1]
    assert "Software subscription" in lines[2] and "paid yearly in advance" in lines[2]

    assert cli.main(["subscriptions", "--kind", "perpetual"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["CUSTOMER", "PRODUCT", "QTY", "PURCHASED", "REFUND", "UNTIL"]
    purchased = (NOW - timedelta(days=5)).astimezone()
    assert "Office LTSC 2024" in lines[1]
    assert terms.date_in_words(purchased, "en", purchased.tzinfo) in lines[1]


def test_bad_options_are_refused(cache, capsys) -> None:
    assert cli.main(["subscriptions", "--renewing-within", "-3"]) == 2
    assert "--renewing-within: -3 is not a number of days" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["subscriptions", "--renewing-within", "30", "--in-window"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit):
        cli.main(["subscriptions", "--kind", "hardware"])
    with pytest.raises(SystemExit):
        cli.main(["subscriptions", "--renewing-within", "soon"])
