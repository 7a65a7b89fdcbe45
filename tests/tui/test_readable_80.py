"""80×24 without guessing: the text that tells rows apart gets the room first, the cursor row's
cut or hidden cells are whole on the peek line under the list, a filter match in a cut-off
part is shown, and paths are cut in the middle."""

from __future__ import annotations

from rich.cells import cell_len

from csp_tui.tui.state_sources import command_columns
from csp_tui.tui.subscription_sources import subscription_columns
from csp_tui.tui.widgets.pane import PeekLine
from csp_tui.tui.widgets.table_layout import fit_match, fit_middle, layout_columns

from .conftest import NARROW, screen_text


def widths(columns, width: int) -> dict[str, int]:
    return {columns[i].key: w for i, w in layout_columns(columns, width)}


def test_the_product_name_gets_the_room_of_columns_the_peek_line_shows() -> None:
    columns = subscription_columns(False)
    at_80 = widths(columns, 77)
    assert at_80["product"] >= 30  # "Microsoft 365 Business Premium" whole
    assert {"quantity", "status", "renewal", "window"} <= set(at_80)
    # No narrower terminal (60 columns …) shows more of the product than 80 columns do.
    assert all(widths(columns, width).get("product", 0) <= at_80["product"]
               for width in range(30, 77))


def test_every_customers_list_keeps_the_customer_renewal_and_window_at_80() -> None:
    columns = subscription_columns(True)
    at_80 = widths(columns, 77)
    assert {"customer", "product", "renewal", "window"} <= set(at_80)


def test_a_filter_match_in_the_cut_off_part_is_shown() -> None:
    text = "Microsoft 365 Business Premium (no Teams)"
    cell = fit_match(text, 22, "premium")
    assert cell_len(cell) == 22
    assert cell.startswith("…") and "Premium" in cell
    # A match in the visible part changes nothing; accents are ignored.
    assert fit_match(text, 22, "micro") == fit_match(text, 22, "")
    assert "Šumavská" in fit_match("Pekárna a kavárna Šumavská s.r.o.", 16, "sumavska")


def test_paths_are_cut_in_the_middle_so_their_ends_stay() -> None:
    path = "/v1/customers/af96a013-0cc0-4249-8021-9acf04eb6423/relationships"
    cell = fit_middle(path, 40)
    assert cell_len(cell) == 40
    assert cell.startswith("/v1/customers/") and cell.endswith("/relationships")
    assert next(c for c in command_columns() if c.key == "path").crop == "middle"


async def test_the_peek_line_shows_the_cursor_rows_cut_and_hidden_cells(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        pane = console.app.screen.pane("subscriptions")
        row = pane.table.cursor_row
        assert row is not None
        peek = pane.query_one(PeekLine)
        text = str(peek._shown)
        # Kind and billing are not columns at 80: the peek line has them for this row.
        assert "Kind:" in text and "Billing:" in text
        assert "Kind:" in screen_text(console.app).splitlines()[-3]
        # The list "Subscriptions of all customers" cuts product names: the whole one is there.
        await pilot.press("a")
        await pilot.pause()
        long_rows = [index for index in range(pane.table.row_count)
                     if "Product" in dict(pane.table.cut_cells(pane.table._row_at(index)))]
        assert long_rows
        pane.table.move_cursor(long_rows[0])
        await pilot.pause()
        full = pane.table.cursor_row.product
        assert f"Product: {full}" in str(peek._shown)


async def test_the_filter_line_takes_the_peek_lines_place_while_it_is_open(
        make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        pane = console.app.screen.pane("customers")
        assert not pane.query_one(PeekLine).display
        assert "filter (enter keeps, esc clears)" in screen_text(console.app)
        await pilot.press("escape")
        await pilot.pause()
        assert pane.query_one(PeekLine).display
