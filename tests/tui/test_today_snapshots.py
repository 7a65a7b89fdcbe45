"""What a person sees on the Today screen, at 80x24 and 120x40, in English and in Czech —
each picture paired with assertions on what it says and on the screen's state.

Regenerate with ``pytest tests/tui/test_today_snapshots.py --snapshot-update`` and look at the
SVGs before committing.
"""

from __future__ import annotations

from typing import Any

import pytest

from csp_tui.i18n.formatting import date_text
from csp_tui.services import today as today_service
from csp_tui.services.today_chart import ONLINE_BLOCK
from csp_tui.timestamps import parse_timestamp
from csp_tui.tui.screens.today import TodayList, TodayScreen

from .conftest import CLOCK_NOW, NARROW, WIDE, footer_keys, screen_text
from .today_support import LOOKED, seed_today

SIZES = pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])

WORDS = {
    "en": ("Today", "Since you last looked", "Seats renewing per week", "Mark seen"),
    "cs": ("Dnes", "Od posledního pohledu", "Obnovení licencí po týdnech", "Viděno"),
}
OTHER = {"en": ("Od posledního", "Licence", "Zpět"), "cs": ("Since you", "seats", "Back")}


def _shoot(snap_compare: Any, console: Any, size: tuple[int, int]) -> dict[str, Any]:
    state: dict[str, Any] = {}

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        app = console.app
        screen = app.screen
        state.update(screen=screen, text=screen_text(app), footer=footer_keys(app),
                     focused=app.focused, current=getattr(screen, "current", None),
                     entries=list(getattr(screen, "entries", {}).values()))

    assert snap_compare(console.app, terminal_size=size, run_before=run_before)
    return state


@SIZES
@pytest.mark.parametrize("language", ["en", "cs"])
def test_today(snap_compare, make_console, size, language) -> None:
    console = make_console(language=language)
    ids = seed_today(console)
    state = _shoot(snap_compare, console, size)
    assert isinstance(state["screen"], TodayScreen)
    assert isinstance(state["focused"], TodayList)
    text = state["text"]
    for word in WORDS[language]:
        assert word in text, word
    for word in OTHER[language]:
        assert word not in text, word
    assert ONLINE_BLOCK in text  # the chart is drawn
    assert {"escape", "m"} <= state["footer"]
    expected = today_service.build_today(console.cache, console.state, now=CLOCK_NOW,
                                         since=parse_timestamp(LOOKED))
    assert [e.kind for e in state["entries"]] == [e.kind for e in (*expected.changed,
                                                                   *expected.due)]
    # The cursor starts on the first change, and the seats line is about its customer.
    assert state["current"] == expected.changed[0]
    # The cursor line whole, under the list.
    assert state["current"].text in text
    # The first change (the earliest) is the outbox entry finished last evening.
    assert expected.changed[0].kind == "outbox_done"
    assert expected.changed[0].customer_id == ids["other_customer"]
    assert date_text(parse_timestamp(LOOKED), CLOCK_NOW.tzinfo) in text
    # At 80 columns every line fits: nothing is drawn past the edge.
    assert all(len(line) <= size[0] for line in text.splitlines())
