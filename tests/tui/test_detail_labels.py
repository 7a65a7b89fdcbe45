"""The record detail screen speaks the person's language: labels from the catalog, values
written for the language, and the copy keeps the machine names for scripts."""

from __future__ import annotations

import json
from typing import Any

import pytest

from csp_tui.cache import views
from csp_tui.i18n import catalog, set_language
from csp_tui.i18n import formatting as fmt
from csp_tui.i18n.formatting import format_date, format_datetime
from csp_tui.state import views as state_views
from csp_tui.tui.screens.detail import DetailScreen, field_label, field_value, humanised

from .conftest import CLOCK_NOW, NARROW, Console, ConsoleFactory, screen_text


def _records(console: Console) -> dict[str, dict[str, Any]]:
    """One stored record of each kind the detail screen shows."""
    customer = views.customer_rows(console.cache, limit=1)[0].id
    subscription = views.subscription_rows(console.cache, limit=1, now=CLOCK_NOW)[0].id
    perpetual = console.cache.execute("SELECT id FROM entitlements LIMIT 1").fetchone()[0]
    invitation = state_views.invitation_rows(console.state, limit=1)[0].id
    command = state_views.command_rows(console.state, limit=1)[0].id
    records = {
        "customer": views.customer_record(console.cache, customer),
        "subscription": views.subscription_record(console.cache, subscription),
        "perpetual": views.subscription_record(console.cache, perpetual),
        "invitation": state_views.invitation_record(console.state, invitation),
        "command": state_views.command_record(console.state, command),
    }
    assert all(records.values())
    return records  # type: ignore[return-value]


def test_every_stored_column_has_a_label_in_both_languages(
        make_console: ConsoleFactory) -> None:
    known = catalog()
    for kind, record in _records(make_console()).items():
        for column in record:
            if column.endswith("_fold") or column == "sort_key":
                continue  # search machinery, not shown
            keys = {f"tui.field.{column}", f"tui.field.{kind}.{column}"}
            assert keys & set(known), f"{kind}.{column} has no label"


def test_an_unlabelled_column_reads_as_words() -> None:
    assert humanised("default_domain") == "Default domain"
    assert field_label("default_domain") == "Default domain"
    assert field_label("primary_domain") == "Primary domain"
    assert field_label("id", "customer") == "Tenant id"
    assert field_label("status", "command") == "HTTP status"
    set_language("cs")
    assert field_label("primary_domain") == "Primární doména"
    assert field_label("synced_at") == "Synchronizováno"
    assert field_label("status", "command") == "Stav HTTP"


@pytest.mark.parametrize(("column", "value", "kind", "en", "cs"), [
    ("auto_renew", 1, "subscription", "yes", "ano"),
    ("allow_delegated_access", 0, "customer", "no", "ne"),
    ("status", "suspended", "subscription", "suspended", "pozastaveno"),
    ("status", "accepted", "invitation", "accepted", "přijatá"),
    ("status", 429, "command", "429", "429"),
    ("billing_cycle", "monthly", "subscription", "monthly", "měsíčně"),
    ("term_duration", "P3Y", "subscription", "3 years", "3 roky"),
    ("quantity", 1250, "subscription", "1,250", "1\u00a0250"),
    ("duration_ms", 1234, "command", "1,234 ms", "1\u00a0234 ms"),
    ("language", "cs", "invitation", "Czech", "čeština"),
    ("commitment_end_date", "2027-03-31T00:00:00Z", "subscription", "31 Mar 2027",
     "31. 3. 2027"),
    ("synced_at", "2026-11-24T09:00:00Z", "subscription", "24 Nov 2026 09:00",
     "24. 11. 2026 09:00"),
    ("removed_at", "not a time", "customer", "not a time", "not a time"),
    ("offer_id", "CFQ7TTC0LH18:0001", "subscription", "CFQ7TTC0LH18:0001",
     "CFQ7TTC0LH18:0001"),
])
def test_values_are_written_for_the_language(column: str, value: object, kind: str, en: str,
                                             cs: str) -> None:
    assert field_value(column, value, kind, CLOCK_NOW.tzinfo).plain == en
    set_language("cs")
    assert field_value(column, value, kind, CLOCK_NOW.tzinfo).plain == cs


def test_remote_text_stays_literal() -> None:
    text = field_value("company_name", "[bold]Evil[/] \x1b[31mred", "customer")
    assert text.plain == "[bold]Evil[/] [31mred"
    assert not text.spans


async def test_czech_customer_detail(make_console: ConsoleFactory) -> None:
    console = make_console(language="cs")
    first = views.customer_rows(console.cache, limit=1)[0]
    record = views.customer_record(console.cache, first.id)
    assert record is not None
    async with console.app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, DetailScreen) and screen.kind == "customer"
        text = screen_text(console.app)
        for label in ("Id tenantu", "Společnost", "Primární doména", "Vztah", "Poprvé zjištěn",
                      "Podrobnosti synchronizovány", "Delegovaný přístup správce"):
            assert label in text, label
        for raw in ("company_name", "primary_domain", "detail_synced_at", "first_seen_at",
                    "allow_delegated_access", "subscription_count"):
            assert raw not in text, raw
        seen = fmt.parse_timestamp(record["first_seen_at"])
        assert seen is not None
        assert format_datetime(seen.astimezone(CLOCK_NOW.tzinfo), "cs") in text
        assert record["first_seen_at"][:10] not in text  # no ISO date left
        # The copy is for scripts: machine names and stored values.
        await pilot.press("c")
        await pilot.pause()
        copied = json.loads(console.app.clipboard)
        assert copied["primary_domain"] == record["primary_domain"]
        assert copied["first_seen_at"] == record["first_seen_at"]


async def test_english_invitation_and_call_details(make_console: ConsoleFactory) -> None:
    console = make_console(language="en")
    invitation = state_views.invitation_rows(console.state, limit=1)[0]
    record = state_views.invitation_record(console.state, invitation.id)
    assert record is not None
    async with console.app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        console.app.open_record("invitation", invitation.id)
        await pilot.pause()
        text = screen_text(console.app)
        assert "Last sent" in text and "Times sent" in text and "last_sent_at" not in text
        sent = fmt.parse_timestamp(record["last_sent_at"])
        assert sent is not None
        assert format_date(sent.astimezone(CLOCK_NOW.tzinfo), "en") in text
        await pilot.press("escape")
        console.app.open_record("command", state_views.command_rows(console.state, limit=1)[0].id)
        await pilot.pause()
        text = screen_text(console.app)
        assert "HTTP status" in text and "Request id (MS-RequestId)" in text
        assert "duration_ms" not in text and "request_id" not in text


async def test_the_detail_fits_a_narrow_terminal(make_console: ConsoleFactory) -> None:
    console = make_console(language="cs")
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        lines = screen_text(console.app).splitlines()
        # The longest label stays whole, its value on the same line.
        synced = [line for line in lines if "Podrobnosti synchronizovány" in line]
        assert len(synced) == 1 and "24. 11. 2026" in synced[0]
