"""A terminal shrunk to a column or two (tmux resize-window -x 1) must not end the console."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("size", [(1, 1), (2, 3), (3, 2), (1, 24), (80, 1)])
async def test_every_pane_survives_a_terminal_one_or_two_columns_wide(make_console, size):
    console = make_console()
    async with console.app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in ("tab", "tab", "tab", "tab", "down", "enter", "escape", "question_mark",
                    "escape", "colon", "escape", "ctrl+p", "escape", "1", "2", "3", "4",
                    "down", "m", "escape", "3", "down", "enter", "escape", "2", "enter"):
            await pilot.press(key)
            await pilot.pause()
        assert console.app.is_running
