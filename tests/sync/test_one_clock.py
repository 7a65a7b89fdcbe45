"""One clock per world: after the sandbox clock moves, every pane and CLI listing agrees with
what the sandbox then accepts or refuses.

The world is frozen at FROZEN_AT so the virtual time is exact; the console and the CLI read it
from the clock file the sandbox writes beside its world.
"""

from __future__ import annotations

import asyncio
import json
import os
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from csp_tui import cli
from csp_tui.cache import views
from csp_tui.config import load_settings
from csp_tui.partner_center import errors as pce
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.services import commerce_rules as rules
from csp_tui.services.invitations import world_timestamp
from csp_tui.services.session import SANDBOX_BASE_URL, open_session
from csp_tui.services.sync import SyncEngine
from csp_tui.state import invitations as ledger
from csp_tui.tui.app import world_time
from csp_tui.world_clock import WorldClock, clock_file_for, write_clock_file

from .conftest import FAST_PROFILE, FROZEN_AT, frozen_world_file

PROVIDER = FAST_PROFILE.replace("[profiles.sandbox]", "[profiles.distributor]") + \
    'role = "indirect-provider"\n'


def _listing(capsys, *args: str) -> list[dict]:
    capsys.readouterr()
    assert cli.main([*args, "--json", "--profile", "distributor"]) == 0
    return json.loads(capsys.readouterr().out)


def _until(row: dict) -> datetime:
    return datetime.fromisoformat(row["cancellation_allowed_until"].replace("Z", "+00:00"))


@pytest.fixture
async def world(isolated_home):
    (isolated_home / "config.toml").write_text(PROVIDER, encoding="utf-8")
    settings = load_settings("distributor")
    frozen_world_file(settings.locations.sandbox_state)
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)
    session = open_session(settings, transport=transport)
    emulator = httpx.AsyncClient(transport=transport, base_url=SANDBOX_BASE_URL)
    yield settings, session, emulator
    await emulator.aclose()
    await session.aclose()


async def test_advancing_the_sandbox_moves_every_clock_at_once(world, capsys) -> None:
    settings, session, emulator = world
    # The CLI's own sync (its own event loop: on a thread), as a person would run it.
    assert await asyncio.to_thread(cli.main, ["sync", "--quiet", "--profile", "distributor"]) == 0

    clock = WorldClock(settings.locations.sandbox_state)
    assert clock.now() == FROZEN_AT
    assert world_time(settings)() == FROZEN_AT  # the console's clock is the world's
    invitation = ledger.record(session.state, company_name="Kemp Pod Hradem s.r.o.",
                               contact_name="Jana Nováková", contact_email="jana@kemp.cz",
                               domain="kemp.cz", link="https://admin.microsoft.com/x",
                               now=world_timestamp(settings))
    assert _listing(capsys, "invitations")[0]["age_days"] == 0

    in_window = _listing(capsys, "subscriptions", "--in-window")
    assert in_window, "the demo world has subscriptions inside their cancellation window"
    assert all(_until(row) > FROZEN_AT for row in in_window)
    # The window that closes first: the console offers its cancellation now ...
    # The sync judged what needs attention by the same clock.
    flagged = {row[0] for row in session.cache.execute(
        "SELECT id FROM customers WHERE attention_reason = 'in_window'")}
    assert flagged and flagged <= {row["customer_id"] for row in in_window}
    first = min(in_window, key=_until)
    record = views.subscription_record(session.cache, first["id"])
    assert rules.check(record, rules.CANCEL, None, FROZEN_AT).ok

    days = (_until(first) - FROZEN_AT).days + 1
    answer = await emulator.post("/_emulator/clock/advance", json={"days": days})
    answer.raise_for_status()
    moved = FROZEN_AT + timedelta(days=days)

    # ... and after the clock moved (no sync needed) console, CLI and sandbox agree it is gone.
    assert clock.now() == moved
    assert world_time(settings)() == moved
    assert first["id"] not in {row["id"] for row in _listing(capsys, "subscriptions",
                                                             "--in-window")}
    assert not rules.check(record, rules.CANCEL, None, moved).ok
    body = {**(await session.client.get_subscription(first["customer_id"], first["id"])).raw,
            "status": "deleted"}
    with pytest.raises(pce.BadRequestError) as refused:
        await session.client.patch_subscription(first["customer_id"], body,
                                                request_id="one-clock-cancel")
    assert refused.value.code in {"900117", "900213", "900214"}
    assert _listing(capsys, "invitations")[0]["age_days"] == days
    assert ledger.get(session.state, invitation.id) is not None


async def test_what_the_console_offers_the_sandbox_accepts(world, capsys) -> None:
    settings, session, _ = world
    sync = SyncEngine(session.client, session.cache, session.state, settings.profile)
    assert (await sync.full_sync()).ok
    now = WorldClock(settings.locations.sandbox_state).now()
    row = min(_listing(capsys, "subscriptions", "--in-window"), key=_until)
    record = views.subscription_record(session.cache, row["id"])
    assert rules.check(record, rules.CANCEL, None, now).ok
    body = {**(await session.client.get_subscription(row["customer_id"], row["id"])).raw,
            "status": "deleted"}
    cancelled = await session.client.patch_subscription(row["customer_id"], body,
                                                        request_id="one-clock-accept")
    assert str(getattr(cancelled.status, "value", cancelled.status)).lower() == "deleted"


def test_partner_center_runs_on_the_wall_clock() -> None:
    before = datetime.now(UTC)
    now = WorldClock().now()
    assert before <= now <= datetime.now(UTC)


def test_the_clock_file_is_read_again_when_another_process_moves_it(tmp_path) -> None:
    world_file = tmp_path / "sandbox-world.json"
    clock = WorldClock(world_file, wall=lambda: FROZEN_AT)
    assert clock.now() == FROZEN_AT  # no world yet: the sandbox starts at the wall clock
    write_clock_file(world_file, {"offsetSeconds": 3 * 86400.0, "frozenAt": None})
    assert clock.now() == FROZEN_AT + timedelta(days=3)
    write_clock_file(world_file, {"offsetSeconds": 0.0, "frozenAt": "2030-01-02T03:04:05Z"})
    os.utime(clock_file_for(world_file), ns=(1, 1))  # even with an old modification time
    assert clock.now() == datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert oct(clock_file_for(world_file).stat().st_mode & 0o777) == "0o600"


def test_a_world_saved_before_clock_files_existed_is_read_from_its_own_clock(tmp_path) -> None:
    world_file = tmp_path / "sandbox-world.json"
    frozen_world_file(world_file)
    clock_file_for(world_file).unlink()
    assert WorldClock(world_file).now() == FROZEN_AT
