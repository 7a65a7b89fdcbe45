"""Ordering in the console, at 80×24 and 120×40, in English and Czech: the catalog (with an
Education availability the bakery may not buy, and why), the order form, the review and the
result — and the reseller's way, the order request for the distributor."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from csp_tui.cache.store.catalog import replace_catalog
from csp_tui.sandbox import demo_catalog
from csp_tui.state import outbox
from csp_tui.timestamps import stamp
from csp_tui.tui.screens.distributor_request import DistributorRequestScreen
from csp_tui.tui.screens.order import (
    SHOWN_AT_MOST,
    OrderCatalogScreen,
    OrderFormScreen,
    OrderResultScreen,
    OrderReviewScreen,
    open_order,
)

from .conftest import CLOCK_NOW, NARROW, WIDE, footer_keys
from .subscriptions_support import BAKERY, BAKERY_ID, bakery_console, flat_text

DISTRIBUTOR = "sandbox-provider"
SIZES = pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
LANGUAGES = pytest.mark.parametrize("language", ["en", "cs"])
#: Business Standard, 1 year billed monthly, 10 seats: type, choose, move, quantity.
TO_FORM = [*"business standard", "enter"]
TO_REVIEW = [*TO_FORM, "down", "tab", "1", "0", "ctrl+r"]
TO_RESULT = [*TO_REVIEW, "y"]


def shop_console(make_console: Any, language: str, profile: str | None = DISTRIBUTOR) -> Any:
    console = bakery_console(make_console, language=language, profile=profile)
    replace_catalog(console.cache, "CZ", demo_catalog.catalog_items("CZ"),
                    now=stamp(CLOCK_NOW))
    return console


def shoot(snap_compare: Callable[..., bool], console: Any, size: tuple[int, int],
          keys: Sequence[str] = (), until: type | None = None) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        open_order(console.app, BAKERY_ID)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        for _ in range(100):  # a write runs on the writer thread: wait for its screen
            if until is None or isinstance(console.app.screen, until):
                break
            await pilot.pause(0.02)
        await pilot.pause()
        seen.update(screen=console.app.screen, text=flat_text(console.app),
                    footer=footer_keys(console.app))

    assert snap_compare(console.app, terminal_size=size, run_before=run_before)
    return seen


@SIZES
@LANGUAGES
def test_catalog(snap_compare, make_console, size, language) -> None:
    seen = shoot(snap_compare, shop_console(make_console, language), size)
    assert isinstance(seen["screen"], OrderCatalogScreen)
    text = seen["text"]
    if language == "en":
        assert f"Order for {BAKERY}: the catalog" in text
        assert "Microsoft 365 A3 for faculty" in text
        assert "the customer has no Education qualification" in text
        assert "Online service" in text
    else:
        assert f"Objednávka pro {BAKERY}: katalog" in text
        assert "zákazník nemá kvalifikaci Education" in text
    assert {"enter", "escape"} <= seen["footer"]


@SIZES
@LANGUAGES
def test_form(snap_compare, make_console, size, language) -> None:
    seen = shoot(snap_compare, shop_console(make_console, language), size, TO_FORM)
    assert isinstance(seen["screen"], OrderFormScreen)
    text = seen["text"]
    if language == "en":
        assert "Order Microsoft 365 Business Standard for" in text
        assert "1 month, billed monthly" in text and "1 year, paid yearly in advance" in text
        assert "Quantity (1–300)" in text
    else:
        assert "Objednat Microsoft 365 Business Standard pro" in text
        assert "Počet (1–300)" in text
    # Only what the availability sells: no three-year term for an online service.
    assert "3 years" not in text and "3 roky" not in text
    assert "ctrl+r" in seen["footer"]


@SIZES
@LANGUAGES
def test_review(snap_compare, make_console, size, language) -> None:
    seen = shoot(snap_compare, shop_console(make_console, language), size, TO_REVIEW,
                 until=OrderReviewScreen)
    assert isinstance(seen["screen"], OrderReviewScreen)
    text = seen["text"]
    if language == "en":
        assert f"10 × Microsoft 365 Business Standard (Online service) for {BAKERY}" in text
        assert "Term 1 year, billed monthly" in text
        assert "renews for the same term on" in text
        assert "distributor's price list" in text
        assert "Place this order? y = yes, n = back" in text
    else:
        assert "Období 1 rok, účtováno měsíčně" in text
        assert "Zadat tuto objednávku? y = ano, n = zpět" in text
    assert "y" in seen["footer"]


@SIZES
@LANGUAGES
def test_result(snap_compare, make_console, size, language) -> None:
    console = shop_console(make_console, language)
    seen = shoot(snap_compare, console, size, TO_RESULT, until=OrderResultScreen)
    assert isinstance(seen["screen"], OrderResultScreen)
    if language == "en":
        assert "Order placed" in seen["text"]
        assert "marked provisioning" in seen["text"]
    else:
        assert "Objednávka zadána" in seen["text"]
    (entry,) = outbox.list_entries(console.state)
    assert entry.kind == outbox.KIND_PLACE_ORDER
    assert entry.payload["quantity"] == 10 and entry.payload["term"] == "P1Y"
    assert entry.payload["billing"] == "monthly"
    assert console.backend.outbox_kicks == 1


async def test_the_reseller_gets_the_request_for_the_distributor(make_console) -> None:
    console = shop_console(make_console, "en", profile=None)
    app = console.app
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        open_order(app, BAKERY_ID)
        await pilot.pause()
        for key in TO_REVIEW:
            await pilot.press(key)
        await pilot.pause()
        assert "Prepare the order request for the distributor? y = yes" in flat_text(app)
        await pilot.press("y")
        for _ in range(100):
            if isinstance(app.screen, DistributorRequestScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, DistributorRequestScreen)
        text = flat_text(app)
        assert "Order request: 10 × Microsoft 365 Business Standard" in text
    assert outbox.list_entries(console.state) == []


async def test_a_gated_education_item_is_not_ordered(make_console) -> None:
    console = shop_console(make_console, "en")
    app = console.app
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        open_order(app, BAKERY_ID)
        await pilot.pause()
        for key in [*"a3 for faculty", "enter"]:
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, OrderCatalogScreen)


@pytest.mark.parametrize("keys", [["o"], [":", *"order", "enter"]], ids=["o", ":order"])
async def test_o_and_the_order_command_open_the_catalog_for_the_selected_customer(
        make_console, keys) -> None:
    console = shop_console(make_console, "en")
    app = console.app
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, OrderCatalogScreen)
        assert app.screen.customer_id == BAKERY_ID


async def test_a_large_catalog_shows_the_first_matches_and_the_filter_narrows(
        make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR)
    base = demo_catalog.catalog_items("CZ")
    many = [dataclasses.replace(item, availability_id=f"X{index:05d}",
                                title=f"{item.title} {index}")
            for index, item in enumerate(base * 30)]
    replace_catalog(console.cache, "CZ", many, now=stamp(CLOCK_NOW))
    app = console.app
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        open_order(app, BAKERY_ID)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OrderCatalogScreen)
        assert len(screen.offered) == SHOWN_AT_MOST
        assert f"The first {SHOWN_AT_MOST} of {len(many)}" in flat_text(app)
        for key in "ltsc":
            await pilot.press(key)
        await pilot.pause()
        assert len(screen.offered) == 30
        assert all("LTSC" in offered.item.title for offered in screen.offered)


async def test_a_read_only_profile_reviews_but_does_not_place(make_console) -> None:
    console = bakery_console(make_console, profile=DISTRIBUTOR, read_only=True)
    replace_catalog(console.cache, "CZ", demo_catalog.catalog_items("CZ"),
                    now=stamp(CLOCK_NOW))
    app = console.app
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        open_order(app, BAKERY_ID)
        await pilot.pause()
        for key in TO_REVIEW:
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, OrderReviewScreen)
        assert "read-only: the order can be reviewed, not placed" in flat_text(app)
        assert "y" not in footer_keys(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, OrderReviewScreen)
    assert outbox.list_entries(console.state) == []
