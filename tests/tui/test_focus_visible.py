"""Where the keys go is always visible: the focused pane's edge and title are lit — by the
focus change that moved them, not one change later — and its cursor row is drawn unlike the
cursor rows of the other lists."""

from __future__ import annotations

import pytest
from textual.color import Color

from csp_tui.tui.screens.main import PANE_ORDER
from csp_tui.tui.widgets.pane import PaneTitle

from .conftest import NARROW, WIDE
from .test_snapshots import shoot


def lit_panes(screen) -> list[str]:
    """Panes drawn as focused: the title in the focus colour, and the left edge too where
    the panes stand side by side."""
    primary = Color.parse(screen.app.get_css_variables()["primary"])
    lit = []
    for pane in screen.panes():
        title = pane.query_one(PaneTitle).styles.background
        edge = pane.styles.border_left[1]
        if title == primary and (edge == primary or not screen.is_wide):
            lit.append(pane.id)
        elif screen.is_wide:
            assert edge != primary, pane.id
    return lit


def focused_pane(app) -> str | None:
    for node in app.focused.ancestors_with_self:
        if getattr(node, "id", None) in PANE_ORDER:
            return node.id
    return None


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
async def test_exactly_the_focused_pane_is_lit_after_every_move(make_console, size) -> None:
    console = make_console()
    async with console.app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = console.app.screen
        for key in ["tab", "tab", "tab", "tab", "shift+tab", "3", "1", "4", "2"]:
            await pilot.press(key)
            lit = lit_panes(screen)
            assert lit == [focused_pane(console.app)], (key, lit)


async def test_the_cursor_row_of_the_focused_list_differs_from_the_others(make_console) -> None:
    console = make_console()
    async with console.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = console.app.screen

        def cursor_style(name: str):
            table = screen.pane(name).table
            strip = table.render_line(table.cursor_index - table.scroll_offset.y + 1)
            return next(iter(strip)).style

        focused = cursor_style("customers")
        assert cursor_style("subscriptions") != focused
        assert cursor_style("subscriptions").bgcolor != focused.bgcolor
        await pilot.press("3")
        assert cursor_style("subscriptions") == focused
        assert cursor_style("customers").bgcolor != focused.bgcolor


# A pair of pictures: the same screen with the keys in the customers list, then in the
# subscriptions list.
@pytest.mark.parametrize("keys", [(), ("3",)], ids=["customers", "subscriptions"])
def test_focus_pair(snap_compare, make_console, keys) -> None:
    console = make_console()
    state = shoot(snap_compare, console, WIDE, keys=keys)
    assert state["focused_pane"] == ("subscriptions" if keys else "customers")
