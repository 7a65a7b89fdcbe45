"""The console paints from the cache before anything talks to Partner Center.

Start-up time is mostly import time, so what the first frame needs is all that ``csp-tui``
imports before it: the screens opened later, the REST client with its pydantic models, the
sync engine and the outbox runner come when they are used (the worker thread imports its
stack once the first frame is on screen). These tests keep it that way.
"""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import NARROW, WIDE, FakeBackend, screen_text

# Modules the first frame has no use for, each of which pulls in more of the REST stack.
LATER = (
    "httpx",
    "csp_tui.services.invitations",
    "csp_tui.tui.screens.invitation_actions",
    "csp_tui.tui.screens.invite",
    "csp_tui.tui.screens.qualification",
    "csp_tui.partner_center.client",
    "csp_tui.partner_center.models",
    "csp_tui.services.subscriptions",
    "csp_tui.services.outbox_runner",
    "csp_tui.services.sync",
    "csp_tui.tui.screens.subscription_detail",
    "csp_tui.tui.screens.subscription_actions",
    "csp_tui.tui.screens.new_tenant",
    "csp_tui.tui.screens.help",
    "csp_tui.tui.screens.sign_in",
)


def loaded_after(code: str) -> set[str]:
    """The modules loaded by ``code`` in a fresh interpreter (the env's CSP_TUI_HOME)."""
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_the_console_modules_leave_the_rest_stack_for_later() -> None:
    # Exactly what `csp-tui` imports before app.run(): the command, the back end, the app.
    loaded = loaded_after(
        "import csp_tui.cli, csp_tui.commands.console, csp_tui.services.backend,"
        " csp_tui.tui.app")
    assert "csp_tui.tui.screens.main" in loaded  # the probe did import the console
    assert loaded.isdisjoint(LATER), sorted(loaded & set(LATER))


def test_building_the_worker_back_end_imports_no_rest_client() -> None:
    # The console builds WorkerBackend before app.run(): it opens the databases, nothing more.
    loaded = loaded_after(
        "from csp_tui.config import load_settings\n"
        "from csp_tui.services.backend import WorkerBackend\n"
        "backend = WorkerBackend(load_settings())\n"
        "assert backend.cache is not None\n")
    assert loaded.isdisjoint(LATER), sorted(loaded & set(LATER))


async def test_the_back_end_starts_once_the_cache_is_on_screen(make_console) -> None:
    console = make_console(customers=5)
    backend: FakeBackend = console.backend
    seen_at_start: list[str] = []

    async def start() -> None:
        seen_at_start.append(screen_text(console.app))
        backend.started = True

    backend.start = start  # type: ignore[method-assign]
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await console.app.workers.wait_for_complete()
        assert backend.started and len(seen_at_start) == 1
        # Subscribed before the start, so no event of the starting worker is lost.
        assert len(backend.callbacks) == 1
    assert "Customers (5)" in seen_at_start[0]


async def test_palette_still_offers_the_subscription_views(make_console) -> None:
    """Their provider is imported when the palette asks for it, not with the app."""
    from textual.command import CommandPalette

    console = make_console(customers=5)
    async with console.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(console.app.screen, CommandPalette)
        await pilot.press(*"cancellation window")
        await console.app.workers.wait_for_complete()
        await pilot.pause()
        assert "Inside the cancellation window" in screen_text(console.app)
