"""The world file: saved after changes, reloaded, shared between processes, never a password."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox.transport import SandboxTransport, sandbox_transport
from csp_tui.sandbox.world import World
from csp_tui.sandbox_identity import DEFAULT_CUSTOMERS

from . import PROVIDER, advance, client, make_sandbox, new_customer_body


async def test_world_is_saved_after_a_change_and_reloaded(tmp_path: Path) -> None:
    path = tmp_path / "profile" / "sandbox.json"
    transport, world = make_sandbox(path)
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    body = new_customer_body("trvale", associatedPartnerId=identity.RESELLER_TENANT_ID)
    async with client(transport, PROVIDER) as http:
        created = await http.post("/v1/customers", json=body,
                                  headers={"MS-RequestId": "aa5e2c1f-0000-4000-8000-000000000001"})
        await advance(http, days=2)
    password = created.json()["userCredentials"]["password"]
    text = path.read_text(encoding="utf-8")
    assert password not in text
    assert '"password"' not in text

    reloaded = World.load(path)
    assert reloaded.customer(created.json()["id"]) is not None
    assert reloaded.now() >= world.now()  # the clock offset survived
    assert [c.id for c in reloaded.customers] == [c.id for c in world.customers]
    assert not list(path.parent.glob("*.tmp"))


async def test_after_a_restart_a_replayed_create_has_no_password(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.json"
    body = new_customer_body("restart", associatedPartnerId=identity.RESELLER_TENANT_ID)
    headers = {"MS-RequestId": "aa5e2c1f-0000-4000-8000-000000000002"}
    transport, _ = make_sandbox(path)
    async with client(transport, PROVIDER) as http:
        first = (await http.post("/v1/customers", json=body, headers=headers)).json()

    restarted = sandbox_transport(path)
    async with client(restarted, PROVIDER) as http:
        replay = await http.post("/v1/customers", json=body, headers=headers)
    assert replay.status_code == 201
    assert replay.json()["id"] == first["id"]
    assert replay.json()["userCredentials"] == {"userName": "admin"}
    assert sum(1 for c in restarted.world.customers
               if c.domain == "restart.onmicrosoft.com") == 1


async def test_a_change_by_another_process_is_picked_up(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.json"
    app_side, _ = make_sandbox(path)
    never = next(c for c in app_side.world.customers
                 if c.state == "prospect" and c.accepts_after is None)
    # What `csp-tui sandbox accept` does: its own sandbox on the same file.
    cli_side = sandbox_transport(path)
    async with client(cli_side) as cli:
        accepted = await cli.post("/_emulator/invitations/accept",
                                  json={"domain": never.domain})
    assert accepted.status_code == 200
    async with client(app_side) as http:
        response = await http.get(f"/v1/customers/{never.id}")
    assert response.status_code == 200
    assert response.json()["companyProfile"]["companyName"] == never.company_name


def test_a_damaged_file_is_moved_aside_and_the_world_regenerated(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.json"
    path.write_text("{not json", encoding="utf-8")
    transport, world = make_sandbox(path)
    assert (tmp_path / "sandbox.json.damaged").read_text(encoding="utf-8") == "{not json"
    assert len([c for c in world.customers if c.state == "customer"]) == DEFAULT_CUSTOMERS
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == 1
    assert transport.world is world


async def test_sandboxes_in_one_process_are_independent() -> None:
    first, first_world = make_sandbox()
    second, second_world = make_sandbox()
    async with client(first) as http:
        await http.post("/_emulator/grow", json={"customers": 75})
        await advance(http, seconds=30)
    async with client(second) as http:
        state = (await http.get("/_emulator/state")).json()
    assert len([c for c in first_world.customers if c.state == "customer"]) == 75
    assert state["counts"]["customers"] == DEFAULT_CUSTOMERS
    assert second_world.now() < first_world.now()


async def test_a_transport_can_wrap_a_world_directly() -> None:
    world = World.generate(5, 10)
    transport = SandboxTransport(world, rate_limit=100)
    async with client(transport) as http:
        response = await http.get("/v1/customers")
    assert transport.world is world
    mine = [c for c in world.customers if c.state == "customer"
            and c.reseller_id == identity.RESELLER_TENANT_ID]
    assert response.json()["totalCount"] == len(mine)


async def test_grow_adds_deterministic_customers() -> None:
    first, first_world = make_sandbox()
    async with client(first) as http:
        grown = (await http.post("/_emulator/grow", json={"customers": 90})).json()
        again = (await http.post("/_emulator/grow", json={"customers": 80})).json()
        bad = await http.post("/_emulator/grow", json={"customers": "many"})
    assert grown == {"added": 90 - DEFAULT_CUSTOMERS, "customers": 90}
    assert again == {"added": 0, "customers": 90}
    assert bad.status_code == 400
    generated = World.generate(7, 90)
    assert [c.company_name for c in first_world.customers if c.state == "customer"] == [
        c.company_name for c in generated.customers if c.state == "customer"]
