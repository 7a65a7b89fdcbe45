"""What a person sees, at 80×24 and 120×40, each picture paired with assertions on state.

Regenerate with ``pytest tests/tui --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from csp_tui.cache import views
from csp_tui.services import events as ev
from csp_tui.state import views as state_views
from csp_tui.tui.backend import BackendStatus
from csp_tui.tui.screens.detail import DetailScreen
from csp_tui.tui.screens.help import HelpScreen
from csp_tui.tui.screens.log import CommandLogScreen
from csp_tui.tui.screens.main import PANE_ORDER, MainScreen
from csp_tui.tui.screens.sign_in import SignInScreen
from csp_tui.tui.widgets.command_line import CommandLine
from csp_tui.tui.widgets.pane import ListPane

from .conftest import LAST_SYNC, NARROW, WIDE, Console, footer_keys, screen_text

SIZES = pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])


def capture(app: Any) -> dict[str, Any]:
    """The state a snapshot shows, for assertions next to the picture."""
    state: dict[str, Any] = {
        "screen": app.screen,
        "text": screen_text(app),
        "footer": footer_keys(app),
        "focused_pane": None,
        "cursor_key": None,
        "filter": None,
        "rows": None,
    }
    focused = app.focused
    if isinstance(app.screen, MainScreen):
        command_line = app.screen.query_one(CommandLine)
        state["command_line"] = (command_line.display, command_line.field.value,
                                 focused is command_line.field)
    if focused is not None:
        for node in focused.ancestors_with_self:
            if isinstance(node, ListPane):
                state.update(focused_pane=node.id, cursor_key=node.table.cursor_key,
                             filter=node.filter_text, rows=node.table.row_count)
                break
            if getattr(node, "id", None) in PANE_ORDER:
                state["focused_pane"] = node.id
                break
    return state


def shoot(snap_compare: Callable[..., bool], console: Console, size: tuple[int, int],
          keys: Sequence[str] = (), before: Callable[[Console], None] | None = None
          ) -> dict[str, Any]:
    """Drive the app, record its state, compare the picture; returns the state."""
    state: dict[str, Any] = {}

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        if before is not None:
            before(console)
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        state.update(capture(console.app))

    assert snap_compare(console.app, terminal_size=size, run_before=run_before)
    return state


def first_customer(console: Console) -> views.CustomerListRow:
    return views.customer_rows(console.cache, limit=1)[0]


@SIZES
def test_empty_cache(snap_compare, make_console, size) -> None:
    console = make_console(customers=0, status=BackendStatus())
    state = shoot(snap_compare, console, size)
    assert state["focused_pane"] == "customers"
    assert state["rows"] == 0 and state["cursor_key"] is None
    assert "No customers in the cache yet" in state["text"]
    assert "not synced yet" in state["text"]
    assert "enter" not in state["footer"]  # nothing to open


@SIZES
def test_populated(snap_compare, make_console, size) -> None:
    console = make_console()
    state = shoot(snap_compare, console, size)
    assert state["focused_pane"] == "customers"
    assert state["cursor_key"] == first_customer(console).id
    assert state["rows"] == views.count_customers(console.cache)
    assert {"slash", "s", "enter", "n", "i", "question_mark", "colon", "r"} <= state["footer"]
    assert f"synced {LAST_SYNC:%H:%M}" in state["text"]
    assert first_customer(console).company_name in state["text"]


@SIZES
def test_syncing(snap_compare, make_console, size) -> None:
    console = make_console()

    def progress(c: Console) -> None:
        c.backend.emit(ev.SyncStarted(run_id=3, kind="full"))
        c.backend.emit(ev.SyncProgress(run_id=3, phase="details", done=120, total=600))

    state = shoot(snap_compare, console, size, before=progress)
    assert "sync 120/600" in state["text"]
    assert console.app.status_snapshot.sync_state == "running"


@SIZES
def test_sync_failed(snap_compare, make_console, size) -> None:
    console = make_console()

    def failure(c: Console) -> None:
        c.backend.emit(ev.SyncStarted(run_id=4, kind="full"))
        c.backend.emit(ev.SyncFinished(run_id=4, kind="full", ok=False,
                                       error="HTTP 503 Service Unavailable"))

    state = shoot(snap_compare, console, size, before=failure)
    assert "sync failed: HTTP 503 Service Unavailable" in state["text"]
    assert console.app.status_snapshot.last_success_at == LAST_SYNC


@SIZES
def test_filtered(snap_compare, make_console, size) -> None:
    console = make_console()
    expected = views.count_customers(console.cache, "šum")
    assert expected > 0  # the seeded data has Šumavská companies
    state = shoot(snap_compare, console, size, keys=["slash", "š", "u", "m"])
    assert state["filter"] == "šum"
    assert state["rows"] == expected
    assert f"Customers /šum ({expected})" in state["text"]
    assert "escape" in state["footer"]


@SIZES
def test_detail(snap_compare, make_console, size) -> None:
    console = make_console()
    state = shoot(snap_compare, console, size, keys=["down", "down", "enter"])
    screen = state["screen"]
    assert isinstance(screen, DetailScreen)
    third = views.customer_rows(console.cache, limit=3)[2]
    assert dict(screen.fields)["id"] == third.id
    assert third.company_name in state["text"]
    assert "escape" in state["footer"]


@SIZES
def test_read_only(snap_compare, make_console, size) -> None:
    console = make_console(read_only=True)
    state = shoot(snap_compare, console, size)
    assert "READ-ONLY" in state["text"]
    assert not {"n", "i"} & state["footer"]
    assert {"slash", "r", "question_mark"} <= state["footer"]  # sync is not a change


@SIZES
def test_help(snap_compare, make_console, size) -> None:
    console = make_console()
    state = shoot(snap_compare, console, size, keys=["question_mark"])
    screen = state["screen"]
    assert isinstance(screen, HelpScreen)
    assert screen.context == "Customers"
    keys = {key for keys, _, _ in screen.keys for key in keys.split(", ")}
    assert {"/", "s", "S", "⏎", "tab", "r", "n", "i", ":", "?", "f1", "q", "^q", "^p", "t"} <= keys
    assert "Filter" in state["text"]


@SIZES
def test_command_line(snap_compare, make_console, size) -> None:
    console = make_console()
    state = shoot(snap_compare, console, size, keys=["colon", "s", "u", "b", "s"])
    assert state["command_line"] == (True, "subs", True)
    assert ":subs" in state["text"].replace(" ", "")


def test_tenant_pane(snap_compare, make_console) -> None:
    console = make_console()
    state = shoot(snap_compare, console, NARROW, keys=["2"])
    assert state["focused_pane"] == "tenant"
    detail = views.customer_detail(console.cache, first_customer(console).id)
    assert detail.id in state["text"]
    assert {"c", "w"} <= state["footer"]


def test_subscriptions_of_all_customers(snap_compare, make_console) -> None:
    console = make_console()
    state = shoot(snap_compare, console, NARROW, keys=["3", "a"])
    assert state["focused_pane"] == "subscriptions"
    assert state["rows"] == views.count_subscriptions(console.cache)
    assert "all customers" in state["text"]


def test_invitations(snap_compare, make_console) -> None:
    console = make_console()
    state = shoot(snap_compare, console, NARROW, keys=["4"])
    assert state["focused_pane"] == "invitations"
    assert state["rows"] == state_views.count_invitations(console.state)
    assert "stale" in state["text"]


def test_command_log(snap_compare, make_console) -> None:
    console = make_console()
    state = shoot(snap_compare, console, NARROW, keys=["l"])
    assert isinstance(state["screen"], CommandLogScreen)
    assert state["rows"] == state_views.count_commands(console.state)


def test_sign_in(snap_compare, make_console) -> None:
    console = make_console()

    def sign_in(c: Console) -> None:
        c.app.show_sign_in("Partner Center needs you to sign in again.", "KX7P-Q2ZD",
                           "https://microsoft.com/devicelogin")

    state = shoot(snap_compare, console, NARROW, before=sign_in)
    assert isinstance(state["screen"], SignInScreen)
    assert "KX7P-Q2ZD" in state["text"]
    assert "https://microsoft.com/devicelogin" in state["text"]


def test_czech(snap_compare, make_console) -> None:
    console = make_console(language="cs")
    state = shoot(snap_compare, console, NARROW)
    assert "Zákazníci" in state["text"]
    assert "synchronizováno" in state["text"]
    assert isinstance(state["screen"], MainScreen)


def test_hostile_names_are_shown_literally(snap_compare, make_console) -> None:
    console = make_console(hostile=True)
    state = shoot(snap_compare, console, NARROW)
    assert "[bold red]X[/]" in state["text"]
    assert "\x1b" not in state["text"] and "\u202e" not in state["text"]
