"""A filter typed faster than each key's work: every key lands, only the last text is shown.

A burst of keys (a paste, autotype, fast typing over SSH) into the filter line used to apply
every intermediate text in turn, a full count and window each; now a text a held key already
replaces is skipped, and the last one always applied."""

from __future__ import annotations

from csp_tui.cache import views
from csp_tui.tui.widgets.lists import CustomersPane, SubscriptionsPane
from csp_tui.tui.widgets.pane import ListPane

from .burst import send_burst, typed
from .conftest import NARROW


def _record_filters(monkeypatch) -> list[str]:
    applied: list[str] = []
    original = ListPane.set_filter

    def recording(self: ListPane, text: str) -> None:
        applied.append(text)
        original(self, text)

    monkeypatch.setattr(ListPane, "set_filter", recording)
    return applied


async def test_a_burst_into_the_filter_applies_the_last_text_not_each(
        make_console, monkeypatch) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        applied = _record_filters(monkeypatch)
        send_burst(console.app, "/sumava")
        await typed(pilot)
        pane = console.app.screen.query_one(CustomersPane)
        assert pane.filter_input.value == "sumava"
        assert pane.filter_text == "sumava"
        # The last text was applied; the ones a later key replaced were not all applied.
        assert applied and applied[-1] == "sumava"
        assert len(applied) < len("sumava")
        expected = views.count_customers(console.cache, "sumava")
        assert pane.table.row_count == expected
        assert f"/sumava ({expected})" in pane.title_text().plain


async def test_erasing_in_a_burst_ends_on_the_erased_text(make_console, monkeypatch) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        send_burst(console.app, "/nova")
        await typed(pilot)
        applied = _record_filters(monkeypatch)
        send_burst(console.app, "<backspace><backspace><backspace>")
        await typed(pilot)
        pane = console.app.screen.query_one(CustomersPane)
        assert pane.filter_text == "n" and applied[-1] == "n"
        assert pane.table.row_count == views.count_customers(console.cache, "n")


async def test_a_burst_then_enter_filters_before_the_line_closes(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        send_burst(console.app, "/sumava\r")
        await typed(pilot)
        pane = console.app.screen.query_one(CustomersPane)
        assert not pane.filter_input.display
        assert pane.filter_text == "sumava"
        assert pane.table.row_count == views.count_customers(console.cache, "sumava")


async def test_every_subscription_filtered_in_a_burst_shows_the_sql_answer(
        make_console) -> None:
    console = make_console(customers=120)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        send_burst(console.app, "3a")
        await typed(pilot)
        pane = console.app.screen.query_one(SubscriptionsPane)
        assert pane.show_all
        for burst, text in (("/mic", "mic"), ("<backspace><backspace>", "m"),
                            ("365", "m365")):
            send_burst(console.app, burst)
            await typed(pilot)
            assert pane.filter_text == text
            count = views.count_subscriptions(console.cache, filter=text)
            assert pane.table.row_count == count
            first = views.subscription_rows(console.cache, filter=text, limit=1)
            assert (pane.table.cursor_key if count else None) == (
                first[0].id if first else None)
