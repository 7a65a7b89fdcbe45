"""Security end to end: private files, no secret in any output or log, hostile remote text
made inert all the way from the wire to the screen, read-only profiles that cannot write, and
a sandbox that never listens beyond loopback.

(The unit-level pieces have their own tests — token cache modes in ``tests/auth``, state file
modes in ``tests/store``, the loopback check in ``tests/sandbox/test_server.py``, hostile
synthetic rows in ``tests/tui/test_console.py``; here they are checked on real runs.)
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import stat
from datetime import UTC
from pathlib import Path

import pytest

from csp_tui import cli
from csp_tui import sandbox_identity as identity
from csp_tui.config import load_settings
from csp_tui.domain.tenant import to_customer_create_payload, validate_request
from csp_tui.partner_center.auth import write_private_file
from csp_tui.sandbox.server import NotLoopbackError, start_background_server
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.sandbox.world import World
from csp_tui.services import invitations, onboarding, qualifications, subscriptions
from csp_tui.services.invitations import ReadOnlyError
from csp_tui.services.outbox_runner import KIND_CREATE_CUSTOMER, OutboxRunner
from csp_tui.services.session import open_session
from csp_tui.services.sync import SyncEngine
from csp_tui.state import invitations as ledger
from csp_tui.state import outbox

from .conftest import (
    FROZEN_AT,
    PROVIDER,
    RotatingTokenProvider,
    cache_snapshot,
    loopback_home,
    make_world,
    run_sync,
    serve,
    state_rows,
)

HOSTILE = {
    "markup": "[bold red]Rudá[/] [link=https://evil.example]klikni[/link] s.r.o.",
    "osc52": "Evil\x1b]52;c;ZXZpbA==\x07 Clipboard s.r.o.",
    "ansi": "\x1b[2J\x1b[31mSmazaná obrazovka\x1b[0m a.s.",
    "bidi": "Bidi \u202eexe.txt\u202c Trojan a.s.",
    "c1": "C1 \x9b31m řídicí znaky \x90 s.r.o.",
}
TENANT_REQUEST = {
    "company_name": "Pekárna U Lípy s.r.o.", "ico": "27082440", "street": "Husova 12/3",
    "city": "Tábor", "postal_code": "390 02", "country": "CZ", "first_name": "Jana",
    "last_name": "Nováková", "email": "jana@pekarna-lipa.cz", "phone": "+420 602 123 456",
    "domain_prefix": "pekarnaulipy", "culture": "cs-CZ",
}
CONTROL_CHARACTERS = ("\x1b", "\x07", "\x9b", "\x90", "\u202e", "\u202c")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- private files --------------------------------------------------------------------------------


def test_everything_in_a_used_profile_is_private_whatever_the_umask(isolated_home, capsys,
                                                                     secret_registry, tmp_path):
    (isolated_home / "config.toml").write_text(
        '[profiles.dist]\nkind = "sandbox"\nrole = "indirect-provider"\n'
        'rate_limit_per_minute = 100000\nrequest_timeout_seconds = 2\n', encoding="utf-8")
    settings = load_settings("dist")
    request = tmp_path / "request.json"
    request.write_text(json.dumps(TENANT_REQUEST), encoding="utf-8")
    old = os.umask(0o022)  # what most systems use: new files readable by everybody
    try:
        assert cli.main(["-p", "dist", "sync", "--quiet"]) == 0
        assert cli.main(["-p", "dist", "invite", "--company", "Firma s.r.o.", "--email",
                         "jana@firma.cz", "--domain", "firma.cz", "--copy", "--reseller",
                         identity.RESELLER_TENANT_ID]) == 0
        assert cli.main(["-p", "dist", "tenant", "create", "--file", str(request)]) == 0
        # A sign-in's token cache, written the way DeviceCodeAuth writes it.
        refresh = secret_registry.new("refresh-token")
        write_private_file(settings.locations.token_cache, json.dumps({"RefreshToken": {
            "x": {"secret": refresh}}}))
    finally:
        os.umask(old)
    out = capsys.readouterr().out
    for line in out.splitlines():
        if line.startswith("Temporary password: "):
            secret_registry.add(line.split(": ", 1)[1])

    profile_dir = settings.locations.profile_dir
    files = [path for path in profile_dir.rglob("*") if path.is_file()]
    directories = [profile_dir, *(path for path in profile_dir.rglob("*") if path.is_dir())]
    names = {path.name for path in files}
    assert {"cache.db", "state.db", "sandbox.json", "token-cache.json"} <= names
    assert any(path.parent.name == "exports" for path in files)  # the copied link
    assert {str(path): oct(_mode(path)) for path in files if _mode(path) & 0o077} == {}
    assert {str(path): oct(_mode(path)) for path in directories if _mode(path) != 0o700} == {}


# -- no secret in outputs or logs -----------------------------------------------------------------


async def test_no_token_in_debug_logs_the_command_log_or_any_json(sandbox, tmp_path, caplog,
                                                                  secret_registry, monkeypatch,
                                                                  capsys):
    home, settings = loopback_home(tmp_path, sandbox.url)
    provider = RotatingTokenProvider(secret_registry)
    sandbox.control("/_emulator/auth", {"expire": [provider.current]})  # forces a refresh too
    caplog.set_level(logging.DEBUG)
    result = await run_sync(settings, provider)
    assert result.ok, result.error
    assert provider.refreshes >= 1 and len(provider.issued) >= 2

    monkeypatch.setenv("CSP_TUI_HOME", str(home))
    monkeypatch.setenv("CSP_TUI_ACCESS_TOKEN", provider.current)
    outputs = []
    for argv in (["info", "--json"], ["log", "--json", "--limit", "100000"],
                 ["customers", "--json"], ["subscriptions", "--json"], ["invitations", "--json"],
                 ["log"]):
        code = cli.main(["--profile", "loop", *argv])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        outputs.append(captured.out + captured.err)
    logged = json.loads(outputs[1])
    assert len(logged) >= 60 and any(row["status"] == 401 for row in logged)

    everything = caplog.text + "".join(outputs)
    assert caplog.records, "debug logging was on"
    assert [token for token in provider.issued if token in everything] == []


# -- hostile remote text ---------------------------------------------------------------------------


def _hostile_world(world: World) -> None:
    visible = [c for c in world.customers if c.reseller_id]
    for customer, name in zip(visible, HOSTILE.values(), strict=False):
        customer.company_name = name


@pytest.fixture
def hostile_cache(tmp_path, secret_registry):
    """A cache synced over loopback from a Partner Center whose names attack the terminal."""
    with serve(make_world(tmp_path / "world" / "sandbox.json", customers=20,
                          change=_hostile_world)) as sandbox:
        home, settings = loopback_home(tmp_path, sandbox.url)
        result = asyncio.run(run_sync(settings, RotatingTokenProvider(secret_registry)))
        assert result.ok, result.error
    return home, settings


def test_cli_table_and_json_show_hostile_names_inertly(hostile_cache, monkeypatch, capsys,
                                                       reliability):
    home, settings = hostile_cache
    _count_hostile_names(reliability, settings)
    monkeypatch.setenv("CSP_TUI_HOME", str(home))
    code, table, _ = _run(capsys, ["--profile", "loop", "customers"])
    json_code, listed, _ = _run(capsys, ["--profile", "loop", "customers", "--json"])
    names = {row["company_name"] for row in json.loads(listed)}
    leaked = [ch for ch in CONTROL_CHARACTERS if ch in table] + [
        ch for ch in ("\x1b", "\x07", "\x9b", "\x90") if ch in listed]
    reliability.record("hostile remote names (markup, ANSI, OSC 52, bidi) in CLI output",
                       lost=len(leaked))
    assert (code, json_code) == (0, 0)
    assert leaked == []
    assert "[bold red]Rudá[/]" in table  # markup is shown as the text it is
    assert "Evil]52;c;ZXZpbA== Clipboard s.r.o." in table  # the sequence's bytes are gone
    assert any("Rudá" in name for name in names) and len(names) >= 10


async def test_console_shows_hostile_names_inertly(hostile_cache, reliability, secret_registry):
    from csp_tui.services.worker import WorkerBackend
    from csp_tui.tui.app import CspApp

    _home, settings = hostile_cache
    _count_hostile_names(reliability, settings)
    # The real back end on the synced cache; no periodic sync (the sandbox is gone).
    backend = WorkerBackend(settings, token_provider=RotatingTokenProvider(secret_registry),
                            periodic=False)
    app = CspApp(backend, clock=lambda: FROZEN_AT, theme="textual-dark",
                 animation_level="none", cursor_blink=False, tick_seconds=None)
    shown: list[str] = []
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        shown.append(_screen_text(app))
        shown.append(app.export_screenshot())
        reliability.operation("screen read")
        await pilot.press("slash", *"clipboard", "enter")
        await pilot.pause()
        await pilot.press("enter")  # the detail of the OSC 52 customer: every field
        await pilot.pause()
        shown.append(_screen_text(app))
        shown.append(app.export_screenshot())
        reliability.operation("screen read")
    leaked = [ch for text in shown for ch in CONTROL_CHARACTERS if ch in text]
    reliability.record("hostile remote names (markup, ANSI, OSC 52, bidi) on the console",
                       lost=len(leaked))
    assert leaked == []
    assert "[bold red]Rudá[/]" in shown[0]  # literally, not red
    assert "Evil]52;c;ZXZpbA== Clipboard s.r.o." in shown[2]


def _count_hostile_names(reliability, settings) -> None:  # type: ignore[no-untyped-def]
    """The hostile names Partner Center (the sandbox) really served into the cache."""
    served = {row["company_name"] for row in cache_snapshot(settings.locations.cache_db)
              ["customers"]}
    reliability.fault("hostile name", sum(name in served for name in HOSTILE.values()))


def _screen_text(app) -> str:  # type: ignore[no-untyped-def]
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


# -- read-only profiles ---------------------------------------------------------------------------


async def test_read_only_profile_is_refused_by_every_writing_service(isolated_home,
                                                                     reliability):
    (isolated_home / "config.toml").write_text(
        '[profiles.ro]\nkind = "sandbox"\nrole = "indirect-provider"\nread_only = true\n'
        'rate_limit_per_minute = 100000\nrequest_timeout_seconds = 2\n', encoding="utf-8")
    settings = load_settings("ro")
    make_world(settings.locations.sandbox_state, customers=15, role=PROVIDER)
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)
    session = open_session(settings, transport=transport)
    sent: list[str] = []
    counted = transport.handle_async_request

    async def counting(request):  # type: ignore[no-untyped-def]
        if request.method not in ("GET", "HEAD"):
            sent.append(f"{request.method} {request.url.path}")
        return await counted(request)

    transport.handle_async_request = counting  # type: ignore[method-assign]
    refused: list[str] = []
    try:
        synced = await SyncEngine(session.client, session.cache, session.state,
                                  settings.profile).full_sync()
        assert synced.ok, synced.error  # reading is what a read-only profile is for
        reliability.begin()
        # Rows a writable twin (or an older version) left behind.
        invitation = ledger.record(session.state, company_name="Firma s.r.o.",
                                   contact_name="Jana", contact_email="jana@firma.cz",
                                   domain="firma.cz", link="https://admin.microsoft.com/x")
        tenant, _ = validate_request({**TENANT_REQUEST, "domain_prefix": "vinarstvijih"})
        assert tenant is not None
        stale = outbox.enqueue(session.state, kind=KIND_CREATE_CUSTOMER, subject="y",
                               payload=to_customer_create_payload(
                                   tenant, associated_partner_id=None))
        outbox.claim_next(session.state, owner=f"{socket.gethostname()}:999999999:gone")
        queued = outbox.enqueue(session.state, kind=KIND_CREATE_CUSTOMER,
                                payload={"domain": "x.onmicrosoft.com"}, subject="x")
        before = state_rows(settings.locations.state_db)
        customer_id, sub_id = session.cache.execute(
            "SELECT customer_id, id FROM subscriptions WHERE status = 'active' "
            "AND kind = 'online' AND is_trial = 0 ORDER BY id LIMIT 1"
        ).fetchone()
        plan = subscriptions.plan_action(session.cache, sub_id, "change_quantity", 99,
                                         now=FROZEN_AT, profile=settings.profile, zone=UTC)
        prepared = await onboarding.prepare(session, TENANT_REQUEST)

        attempts = {
            "invite": lambda: invitations.invite(
                session, company_name="Nová s.r.o.", contact_name="", language="cs",
                contact_email="jana@nova.cz", domain="nova.cz"),
            "resend": lambda: invitations.resend(session, invitation.id),
            "cancel": lambda: invitations.cancel(session, invitation.id),
            "note": lambda: invitations.add_note(session, invitation.id, "x"),
            "subscription": lambda: subscriptions.queue_action(
                session.state, plan, customer_id=customer_id, subscription_id=sub_id,
                profile=settings.profile),
            "qualification": lambda: qualifications.request_education(
                session.state, session.cache, customer_id, "K12", "https://skola.cz",
                profile=settings.profile),
            "tenant": lambda: onboarding.submit(session, prepared),
            "tenant run": lambda: onboarding.run_until_settled(
                session, queued.id, secret_sink=None, timeout=0),
        }
        for name, attempt in attempts.items():
            reliability.operation("write")
            try:
                outcome = attempt()
                if hasattr(outcome, "__await__"):
                    await outcome
            except ReadOnlyError:
                refused.append(name)
        runner = OutboxRunner(session.client, session.state, read_only=True)
        reliability.operation("outbox recover")
        recovered = await runner.recover()
        ran = await runner.run_once()
        after = state_rows(settings.locations.state_db)
        still_queued = outbox.get(session.state, queued.id)
        still_stale = outbox.get(session.state, stale.id)
    finally:
        await session.aclose()
    lost = (len(attempts) - len(refused)) + len(sent) + int(before != after)
    reliability.record("read-only profile: every writing service refuses", lost=lost,
                       notes=[f"refused: {refused}"])

    assert not plan.allowed and "read-only" in plan.reason
    assert refused == list(attempts)
    assert (recovered, ran) == (0, 0)  # not even a resend of what a crash left behind
    assert still_queued.state.value == "queued" and still_stale.state.value == "sending"
    assert sent == []
    assert after == before


# -- the sandbox stays on loopback ----------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1",
                                  "localhost.evil.example", "127.0.0.1.nip.io", ""])
def test_sandbox_server_refuses_a_non_loopback_host(tmp_path, host):
    with pytest.raises(NotLoopbackError):
        start_background_server(port=0, host=host, state_path=tmp_path / "w.json")
    assert not (tmp_path / "w.json").exists()  # refused before anything was created
