"""`csp-tui catalog` and `csp-tui order` on the embedded sandbox, in a temporary CSP_TUI_HOME:
the same services and outbox as the console."""

from __future__ import annotations

import json

from csp_tui.cli import main
from csp_tui.config import load_settings
from csp_tui.state import outbox
from csp_tui.state.db import open_state

from .shop import BUSINESS_STANDARD, LTSC

PROVIDER = ["-p", "sandbox-provider"]


def _first_customer(capsys, profile: list[str]) -> str:
    assert main([*profile, "sync", "-q"]) == 0
    capsys.readouterr()
    assert main([*profile, "customers", "--json"]) == 0
    return str(json.loads(capsys.readouterr().out)[0]["id"])


def _order(customer: str, *extra: str) -> list[str]:
    return ["order", "--customer", customer, "--item", BUSINESS_STANDARD, "--quantity", "10",
            "--term", "P1Y", "--billing", "monthly", *extra]


def test_catalog_filtered_by_text_and_kind(capsys) -> None:
    assert main(["catalog", "--filter", "ltsc", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [i["catalog_item_id"] for i in items] == [LTSC]
    assert items[0]["kind"] == "perpetual" and items[0]["terms"] == "/one_time"
    assert main(["catalog", "--filter", "business standard", "--output", "csv"]) == 0
    csv_text = capsys.readouterr().out
    assert "CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM" in csv_text
    assert "P1M/monthly; P1Y/monthly; P1Y/annual" in csv_text
    assert main(["catalog", "--kind", "software"]) == 0
    out = capsys.readouterr().out
    assert "SQL Server Standard - 2 Core License Pack - 3 year" in out
    assert "Microsoft 365" not in out
    assert "Software subscription" in out


def test_what_if_places_nothing_and_the_order_goes_through_the_outbox(capsys) -> None:
    customer = _first_customer(capsys, PROVIDER)
    assert main([*PROVIDER, *_order(customer, "--what-if", "--json")]) == 0
    what_if = json.loads(capsys.readouterr().out)
    assert what_if["status"] == "what_if" and what_if["via"] == "api"
    assert any("billed monthly" in line for line in what_if["review"])
    state = open_state(load_settings("sandbox-provider").locations.state_db)
    try:
        assert outbox.list_entries(state) == []
        assert main([*PROVIDER, *_order(customer, "--json")]) == 0
        placed = json.loads(capsys.readouterr().out)
        assert placed["status"] == "placed" and len(placed["order_ids"]) == 1
        (entry,) = outbox.list_entries(state)
        assert entry.kind == outbox.KIND_PLACE_ORDER and entry.state.value == "done"
    finally:
        state.close()
    assert main([*PROVIDER, "subscriptions", "--customer", customer, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert any(r["status"] == "provisioning" and r["quantity"] == 10 for r in rows)


def test_a_reseller_gets_the_request_and_problems_stop_the_order(capsys) -> None:
    customer = _first_customer(capsys, [])
    assert main(_order(customer, "--lang", "cs")) == 0
    captured = capsys.readouterr()
    assert "Požadavek na objednávku: 10 × Microsoft 365 Business Standard" in captured.out
    assert "exports" in captured.err
    assert main(_order(customer, "--quantity", "500", "--json")) == 2
    invalid = json.loads(capsys.readouterr().out)
    assert invalid["status"] == "invalid"
    assert invalid["problems"] == ["At most 300 can be bought in one order"]


def test_catalog_for_a_customer_says_why_education_is_not_offered(capsys) -> None:
    customer = _first_customer(capsys, PROVIDER)
    assert main([*PROVIDER, "catalog", "--customer", customer, "--filter", "faculty",
                 "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["segment"] == "education" and item["offered"] is False
    assert "Education" in item["not_offered_because"]
    assert main([*PROVIDER, "catalog", "--filter", "faculty", "--json"]) == 0
    (ungated,) = json.loads(capsys.readouterr().out)
    assert ungated["offered"] is True  # without a customer, nothing to gate against
