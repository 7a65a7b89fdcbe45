"""What a Czech user sees: the main screen, a switch to Czech while running, the record
detail, the subscriptions of every customer and the new-tenant form — each picture paired
with assertions on what it says (Czech words, Czech dates, no ISO date, no raw column name).

Regenerate with ``pytest tests/tui/test_snapshots_czech.py --snapshot-update`` and look at
the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import pytest

from csp_tui.cache import views
from csp_tui.i18n import formatting as fmt
from csp_tui.i18n import get_language
from csp_tui.i18n.formatting import format_date
from csp_tui.tui.screens.detail import DetailScreen
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.screens.new_tenant import NewTenantScreen
from csp_tui.tui.screens.subscription_views import run_subscriptions_command
from csp_tui.tui.widgets.lists import CustomersPane, SubscriptionsPane

from . import new_tenant_support as support
from .conftest import CLOCK_NOW, NARROW, WIDE, Console, footer_keys, screen_text
from .new_tenant_support import FormConsole, fill, settled, wait_until

form_console = support.form_console  # the fixture, used by name

#: A filtered customer list, the second customer's subscriptions, the ledger.
KEYS = ("slash", "b", "r", "enter", "down", "3", "4")


def shoot(snap_compare: Callable[..., bool], console: Console | FormConsole,
          size: tuple[int, int], keys: Sequence[str] = (),
          before: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """Drive the app (``before`` may be a coroutine function of the pilot), record what it
    shows, compare the picture."""
    state: dict[str, Any] = {}

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        if before is not None:
            result = before(pilot)
            if hasattr(result, "__await__"):
                await result
            await pilot.pause()
        app = console.app
        state.update(screen=app.screen, text=screen_text(app), footer=footer_keys(app),
                     focused=app.focused)
        if isinstance(app.screen, MainScreen):
            customers = app.screen.query_one(CustomersPane)
            subscriptions = app.screen.query_one(SubscriptionsPane)
            state.update(pane=app.screen.active_pane, filter=customers.filter_text,
                         customer=customers.table.cursor_key,
                         subscription_rows=subscriptions.table.row_count,
                         renewals=_renewals(console, subscriptions.customer_id))

    assert snap_compare(console.app, terminal_size=size, run_before=run_before)
    return state


def _renewals(console: Any, customer_id: str | None) -> list[date]:
    """The renewal days the subscriptions pane shows, as ISO dates."""
    cache = console.cache if hasattr(console, "cache") else console.backend.cache
    rows = views.subscription_rows(cache, customer_id=customer_id, now=CLOCK_NOW)
    days: list[date] = []
    for row in rows:
        end = fmt.parse_timestamp(row.commitment_end_date)
        if end is not None and row.auto_renew and row.status == "active":
            days.append((end + timedelta(days=1)).astimezone(CLOCK_NOW.tzinfo).date())
    return days


def _assert_czech_main(state: dict[str, Any]) -> None:
    text = state["text"]
    assert isinstance(state["screen"], MainScreen)
    assert state["pane"] == "invitations" and state["filter"] == "br"
    assert "Zákazníci /br" in text and "Předplatná ·" in text and "Pozvánky" in text
    assert "Obnovení" in text and "Zrušení" in text and "Náš vztah" in text
    assert "Filtr" in text and "Nápověda" in text and "synchronizováno 09:41" in text
    assert state["renewals"], "the chosen customer should have a renewing subscription"
    for day in state["renewals"]:
        assert format_date(day, "cs") in text
        assert day.isoformat() not in text
    for english in ("Customers", "Subscriptions", "Invitations", "Renews", "Details read"):
        assert english not in text, english


def test_main_screen(snap_compare, make_console) -> None:
    console = make_console(language="cs")
    state = shoot(snap_compare, console, WIDE, KEYS)
    _assert_czech_main(state)


def test_switched_to_czech_while_running(snap_compare, make_console) -> None:
    """Started in English, switched with ``:jazyk čeština``: the same picture as above."""
    console = make_console(language="en")

    async def switch(pilot: Any) -> None:
        await pilot.press("colon", *"jazyk čeština", "enter")
        await pilot.pause()
        pilot.app.clear_notifications()

    state = shoot(snap_compare, console, WIDE, KEYS, before=switch)
    assert get_language() == "cs"
    _assert_czech_main(state)
    assert state["customer"] == views.customer_rows(console.cache, filter="br", limit=2)[1].id


def test_every_customers_subscriptions_in_the_cancellation_window(snap_compare,
                                                                 make_console) -> None:
    """80 columns: the Czech renewal day and the time left to cancel both fit."""
    console = make_console(language="cs")
    state = shoot(snap_compare, console, NARROW,
                  before=lambda pilot: run_subscriptions_command(pilot.app, "window"))
    text = state["text"]
    assert "Zákazník" in text and "Obnovení" in text and "Zrušení" in text
    rows = views.subscription_rows(console.cache, preset="in_window", now=CLOCK_NOW, limit=1)
    first = rows[0]
    end = fmt.parse_timestamp(first.commitment_end_date)
    assert end is not None
    assert format_date(end + timedelta(days=1), "cs") in text
    assert fmt.time_left(first.cancellation_allowed_until, CLOCK_NOW) in text


def test_customer_detail(snap_compare, make_console) -> None:
    console = make_console(language="cs")
    state = shoot(snap_compare, console, NARROW, ["down", "enter"])
    assert isinstance(state["screen"], DetailScreen)
    text = state["text"]
    assert "Zákazník: " in text and "Id tenantu" in text and "Primární doména" in text
    assert "Delegovaný přístup správce" in text and "Poprvé zjištěn" in text
    assert "24. 11. 2026 09:00" in text
    assert "primary_domain" not in text and "T09:00:00Z" not in text
    assert {"escape", "c"} <= state["footer"]


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_new_tenant_form(snap_compare, form_console, size) -> None:
    console = form_console("indirect-provider", language="cs")

    async def open_form(pilot: Any) -> None:
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, NewTenantScreen),
                         what="the form")
        await settled(pilot)

    state = shoot(snap_compare, console, size, before=open_form)
    assert isinstance(state["screen"], NewTenantScreen)
    text = state["text"]
    assert "Nový tenant" in text and "Název firmy *" in text and "Sídlo" in text
    assert "Jazyk a formáty *" in text and "Žádný — můj vlastní zákazník" in text
    if size == WIDE:
        assert "* povinné. F2 formulář zkontroluje" in text
    assert "New tenant" not in text and "Company name" not in text
    assert state["focused"].id == "field-company_name"


def test_new_tenant_form_with_errors(snap_compare, form_console) -> None:
    console = form_console("indirect-provider", language="cs")
    seen: dict[str, str] = {}

    async def errors(pilot: Any) -> None:
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, NewTenantScreen),
                         what="the form")
        await settled(pilot)
        await fill(pilot, "company_name", "Pekárna U Lípy s.r.o.")
        await fill(pilot, "ico", "4570120", typed=True)
        await settled(pilot)
        await pilot.press("f2")
        await settled(pilot)
        pilot.app.clear_notifications()
        seen["ico"] = pilot.app.screen.query_one("#message-ico").text

    state = shoot(snap_compare, console, NARROW, before=errors)
    assert isinstance(state["screen"], NewTenantScreen)
    assert state["focused"].id == "field-ico"  # the first wrong field
    assert "IČO má 8 číslic" in seen["ico"] and "Mysleli jste 04570120?" in seen["ico"]
    assert "Nejdřív opravte pole (8): IČO, Ulice a číslo" in state["text"]
