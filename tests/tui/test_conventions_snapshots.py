"""Pictures of the console's conventions: the copy menu (``Y``) at 80 columns.

Regenerate with ``pytest tests/tui/test_conventions_snapshots.py --snapshot-update`` and look
at the SVG.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from csp_tui.tui.screens.copy_menu import CopyMenuScreen

from .conftest import NARROW, ConsoleFactory, screen_text


def test_copy_menu(snap_compare: Callable[..., bool], make_console: ConsoleFactory) -> None:
    console = make_console(customers=5)
    seen: dict[str, Any] = {}

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("Y")
        await pilot.pause()
        seen.update(screen=console.app.screen, text=screen_text(console.app),
                    row=console.app.main_screen.pane("customers").table.cursor_row)

    assert snap_compare(console.app, terminal_size=NARROW, run_before=run_before)
    assert isinstance(seen["screen"], CopyMenuScreen)
    assert f"1  Tenant id  {seen['row'].id}" in seen["text"]
    assert "a digit or enter copies" in seen["text"]
