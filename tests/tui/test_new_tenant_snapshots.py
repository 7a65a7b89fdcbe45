"""What the new-tenant form looks like at 80×24 (and once at 120×40), each picture paired with
assertions on state. The sandbox world is frozen and its new ids are made predictable; the
temporary password is masked, and no picture may contain it.

Regenerate with ``pytest tests/tui/test_new_tenant_snapshots.py --snapshot-update`` and look
at the SVGs before committing.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox import middleware as sandbox_middleware
from csp_tui.sandbox.routes import customers as sandbox_customers
from csp_tui.tui.screens.new_tenant import NewTenantScreen
from csp_tui.tui.widgets.form_outcome import MASK, TenantResultScreen
from csp_tui.tui.widgets.form_review import TenantConfirmScreen

from . import new_tenant_support as support
from .conftest import NARROW, WIDE, screen_text
from .new_tenant_support import (
    VALID,
    FormConsole,
    fill,
    fill_all,
    form,
    settled,
    wait_until,
)

form_console = support.form_console  # the fixture, used by name


class _PredictableUuids:
    """The sandbox names new tenants with uuid4: count instead, so pictures do not change."""

    def __init__(self) -> None:
        self.count = 0

    def uuid4(self) -> uuid.UUID:
        self.count += 1
        return uuid.UUID(int=0x5EED0000_0000_4000_8000_000000000000 + self.count)


@pytest.fixture
def predictable_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    predictable = _PredictableUuids()
    monkeypatch.setattr(sandbox_middleware, "uuid", predictable)
    monkeypatch.setattr(sandbox_customers, "uuid", predictable)


async def _open(pilot: Any) -> NewTenantScreen:
    await pilot.press("n")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, NewTenantScreen),
                     what="the form")
    await settled(pilot)
    return form(pilot)


def shoot(snap_compare: Callable[..., bool], console: FormConsole, size: tuple[int, int],
          drive: Callable[[Any], Awaitable[None]]) -> dict[str, Any]:
    state: dict[str, Any] = {}

    async def run_before(pilot: Any) -> None:
        await pilot.pause()
        await drive(pilot)
        await pilot.pause()
        state["screen"] = pilot.app.screen
        state["text"] = screen_text(pilot.app)
        state["focused"] = pilot.app.focused
        if isinstance(pilot.app.screen, NewTenantScreen):
            state["values"] = pilot.app.screen.values()
            state["ico_message"] = pilot.app.screen.query_one("#message-ico").text

    assert snap_compare(console.app, terminal_size=size, run_before=run_before)
    return state


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_empty_form(snap_compare, form_console, size):
    console = form_console("indirect-provider")

    async def drive(pilot: Any) -> None:
        await _open(pilot)

    state = shoot(snap_compare, console, size, drive)
    assert isinstance(state["screen"], NewTenantScreen)
    assert "New tenant" in state["text"] and "Company name *" in state["text"]
    assert state["focused"].id == "field-company_name"


def test_form_with_errors(snap_compare, form_console):
    console = form_console("indirect-provider")

    async def drive(pilot: Any) -> None:
        await _open(pilot)
        await fill(pilot, "company_name", "Pekárna U Lípy s.r.o.")
        await fill(pilot, "ico", "4570120", typed=True)
        await fill(pilot, "dic", "27082440")
        await settled(pilot)
        await pilot.press("f2")
        await settled(pilot)
        pilot.app.clear_notifications()

    state = shoot(snap_compare, console, NARROW, drive)
    screen = state["screen"]
    assert isinstance(screen, NewTenantScreen)
    assert state["focused"].id == "field-ico"  # the first wrong field
    assert "04570120" in state["ico_message"]  # did you mean …
    assert "Fix " in state["text"]


def test_ares_offer(snap_compare, form_console):
    console = form_console("indirect-provider")

    async def drive(pilot: Any) -> None:
        await _open(pilot)
        await fill(pilot, "ico", "26147319", typed=True)
        await settled(pilot)

    state = shoot(snap_compare, console, NARROW, drive)
    assert "From ARES — Vltavská datová s.r.o." in state["text"]
    assert state["values"]["company_name"] == ""


def test_prefilled_from_ares(snap_compare, form_console):
    console = form_console("indirect-provider")

    async def drive(pilot: Any) -> None:
        await _open(pilot)
        await fill(pilot, "ico", "26147319", typed=True)
        await settled(pilot)
        await pilot.press("f3")
        await settled(pilot)
        await fill_all(pilot, {"first_name": "Jana", "last_name": "Nováková",
                               "email": "jana@vltavska.cz", "phone": "602123456"})
        await settled(pilot)
        await fill(pilot, "company_name", "Vltavská datová s.r.o.")
        await settled(pilot)

    state = shoot(snap_compare, console, NARROW, drive)
    values = state["values"]
    assert values["street"] == "Komunardů 894/32b" and values["domain_prefix"] == "vltavskadatova"
    assert "the form already matches" in state["ico_message"]


async def _to_confirmation(pilot: Any) -> None:
    screen = await _open(pilot)
    await fill_all(pilot, VALID)
    await settled(pilot)
    screen.query_one("#field-reseller_id").value = identity.RESELLER_TENANT_ID
    await settled(pilot)
    await pilot.press("f2")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, TenantConfirmScreen),
                     what="the confirmation")
    await pilot.pause()


def test_confirmation(snap_compare, form_console):
    console = form_console("indirect-provider")
    state = shoot(snap_compare, console, NARROW, _to_confirmation)
    assert isinstance(state["screen"], TenantConfirmScreen)
    assert "can never be changed" in state["text"] and identity.RESELLER_NAME in state["text"]
    assert state["focused"].id == "confirm-create"
    assert console.backend.state.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_result_with_the_password_masked(snap_compare, form_console, predictable_ids):
    console = form_console("indirect-provider")

    async def drive(pilot: Any) -> None:
        await _to_confirmation(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TenantResultScreen),
                         what="the result")
        pilot.app.clear_notifications()

    state = shoot(snap_compare, console, NARROW, drive)
    result = state["screen"]
    assert isinstance(result, TenantResultScreen) and result.has_password
    password = result._password
    assert MASK in state["text"] and password not in state["text"]
    assert "will NOT be shown again" in state["text"]
    # The sandbox draws a new password every run, so a matching picture cannot show it; and
    # nothing of the profile on disk holds it (state.db, the cache, the draft, the world).
    for path in console.settings.locations.state_db.parent.rglob("*"):
        if path.is_file():
            assert password.encode() not in path.read_bytes(), path
