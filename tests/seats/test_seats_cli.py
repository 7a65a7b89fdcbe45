"""``csp-tui seats [--customer ID] [--unused] [--output table|json]`` after a sandbox sync: the
JSON parses back to what the cache holds, ``--unused`` lists only unused seats, most first,
and the table speaks words (the reason where a subscription shows no seats)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from csp_tui import cli
from csp_tui.cache import db as dbmod
from csp_tui.config import load_settings
from csp_tui.domain import seats
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.services.session import open_session
from csp_tui.services.sync import SyncEngine
from sync.conftest import frozen_world_file, write_config

FIELDS = {"customer_id", "customer_name", "subscription_id", "product", "offer_id", "kind",
          "status", "quantity", "seats_bought", "seats_assigned", "seats_unused",
          "pool_shared_with", "seats_reason"}


@pytest.fixture
async def synced(isolated_home):
    write_config(isolated_home)
    settings = load_settings("sandbox")
    frozen_world_file(settings.locations.sandbox_state)
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)
    session = open_session(settings, transport=transport)
    try:
        result = await SyncEngine(session.client, session.cache, session.state,
                                  settings.profile, clock=transport.world.now).full_sync()
        assert result.ok, result.error
    finally:
        await session.aclose()
    return settings


def run(capsys: Any, *options: str) -> str:
    assert cli.main(["seats", *options]) == 0
    return capsys.readouterr().out


def cached(settings: Any) -> dict[str, tuple[Any, ...]]:
    db = dbmod.open_cache(settings.locations.cache_db)
    try:
        return {row[0]: tuple(row[1:]) for row in db.execute(
            "SELECT id, quantity, seats_bought, seats_assigned, seats_unused, seats_reason "
            "FROM subscriptions")}
    finally:
        db.close()


async def test_json_parses_back_to_the_cache(synced, capsys) -> None:
    rows = json.loads(run(capsys, "--output", "json"))
    assert rows and all(set(row) == FIELDS for row in rows)
    truth = cached(synced)
    assert {row["subscription_id"] for row in rows} == set(truth)
    for row in rows:
        assert (row["quantity"], row["seats_bought"], row["seats_assigned"],
                row["seats_unused"], row["seats_reason"]) == truth[row["subscription_id"]]
        if row["seats_reason"] is None:
            assert row["seats_unused"] == max(0, row["seats_bought"] - row["seats_assigned"])
        else:
            assert row["seats_reason"] in seats.REASONS and row["seats_bought"] is None
    # One customer's only.
    customer = rows[0]["customer_id"]
    mine = json.loads(run(capsys, "--customer", customer.upper(), "--output", "json"))
    assert mine and {row["customer_id"] for row in mine} == {customer}


async def test_unused_lists_only_unused_seats_most_first(synced, capsys) -> None:
    every = json.loads(run(capsys, "--output", "json"))
    rows = json.loads(run(capsys, "--unused", "--output", "json"))
    assert rows
    assert all(row["seats_unused"] > 0 for row in rows)
    unused = [row["seats_unused"] for row in rows]
    assert unused == sorted(unused, reverse=True)
    assert len(rows) == sum(1 for row in every if (row["seats_unused"] or 0) > 0)


async def test_the_table_speaks_words(synced, capsys) -> None:
    text = run(capsys)
    header = text.splitlines()[0]
    for title in ("CUSTOMER", "PRODUCT", "BOUGHT", "ASSIGNED", "UNUSED", "WHY NOT SHOWN"):
        assert title in header
    assert "not assigned to users" in text  # software subscriptions
    top = json.loads(run(capsys, "--unused", "--output", "json"))[0]
    first_line = run(capsys, "--unused").splitlines()[1]
    assert top["customer_name"][:20] in first_line
    assert f" {top['seats_bought']} " in f" {first_line} "


async def test_every_customers_list_sorts_by_unused_seats(synced) -> None:
    """The subscription list's "unused" order over every customer: most unused first, those
    without a figure last; reversed, the other way round; a row is found where it is."""
    from csp_tui.cache import views

    db = dbmod.open_cache(synced.locations.cache_db)
    try:
        total = views.count_subscriptions(db)
        rows = views.subscription_rows(db, sort="unused", descending=True, limit=total)
        unused = [row.seats_unused for row in rows]
        figures = [value for value in unused if value is not None]
        assert figures and figures == sorted(figures, reverse=True)
        assert unused == figures + [None] * (len(unused) - len(figures))
        assert unused[0] > 0
        backwards = views.subscription_rows(db, sort="unused", descending=False, limit=total)
        assert [row.id for row in backwards] == [row.id for row in reversed(rows)]
        middle = rows[len(rows) // 2]
        assert views.subscription_index_of(db, middle.id, sort="unused",
                                           descending=True) == len(rows) // 2
    finally:
        db.close()
