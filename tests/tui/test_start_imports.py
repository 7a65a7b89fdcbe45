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
    # Opened through tui/navigation.py, each with the use cases it words or drives.
    "csp_tui.tui.screens.subscription_views",
    "csp_tui.tui.screens.subscription_words",
    "csp_tui.tui.screens.subscription_facts",
    "csp_tui.tui.screens.subscription_plans",
    "csp_tui.tui.screens.tenant_form",
    "csp_tui.tui.screens.tenant_form_checks",
    "csp_tui.tui.screens.invitation_result",
    "csp_tui.tui.password_reset_flow",
    "csp_tui.tui.sign_in_flow",
    "csp_tui.services.sign_in",
    "csp_tui.services.company_register",
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
        "import csp_tui.cli, csp_tui.tui.launch, csp_tui.services.worker,"
        " csp_tui.tui.app")
    assert "csp_tui.tui.screens.main" in loaded  # the probe did import the console
    assert loaded.isdisjoint(LATER), sorted(loaded & set(LATER))


def test_building_the_worker_back_end_imports_no_rest_client() -> None:
    # The console builds WorkerBackend before app.run(): it opens the databases, nothing more.
    loaded = loaded_after(
        "from csp_tui.config import load_settings\n"
        "from csp_tui.services.worker import WorkerBackend\n"
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


#: What the sync worker writes with (sqlite-utils) and what it brings: the console's start and
#: its reads have no use for any of it.
WORKER_WRITES_ONLY = ("sqlite_utils", "click", "dateutil", "pluggy")


def test_the_console_start_and_its_reads_leave_sqlite_utils_to_the_worker(tmp_path) -> None:
    from csp_tui.cache.db import open_cache
    from csp_tui.state.db import open_state

    # Databases that exist already, as on every start but the very first.
    cache_path, state_path = tmp_path / "cache.db", tmp_path / "state.db"
    open_cache(cache_path).close()
    open_state(state_path).close()
    loaded = loaded_after(
        "import csp_tui.cli, csp_tui.tui.app\n"
        "from pathlib import Path\n"
        "from csp_tui.cache import views\n"
        "from csp_tui.cache.db import open_cache\n"
        "from csp_tui.state import views as state_views\n"
        "from csp_tui.state.db import open_state\n"
        f"cache = open_cache(Path({str(cache_path)!r}))\n"
        f"state = open_state(Path({str(state_path)!r}))\n"
        "views.customer_rows(cache, total=views.count_customers(cache))\n"
        "views.subscription_rows(cache, total=views.count_subscriptions(cache))\n"
        "state_views.invitation_rows(state, total=state_views.count_invitations(state))\n"
        "state_views.outbox_pending(state)\n")
    assert "csp_tui.tui.app" in loaded and "csp_tui.cache.views" in loaded
    unwanted = sorted(name for name in loaded if name.split(".")[0] in WORKER_WRITES_ONLY)
    assert unwanted == []


def test_the_worker_writes_a_customers_rows_through_sqlite_utils(tmp_path) -> None:
    """The other half: sqlite-utils is loaded where it has a job, the sync's writes."""
    loaded = loaded_after(
        "from pathlib import Path\n"
        "from csp_tui.cache import store\n"
        "from csp_tui.cache.db import open_cache\n"
        f"cache = open_cache(Path({str(tmp_path / 'cache.db')!r}))\n"
        "run = store.start_run(cache, 'full')\n"
        "store.upsert_customer_page(cache, [store.CustomerRow('c1', 'Pekárna', 'p.cz',"
        " 'reseller')], run_id=run)\n"
        "store.write_customer_detail(cache, store.CustomerDetail('c1', None,"
        " domains=[('p.cz', False)]), run_id=run)\n")
    assert "sqlite_utils" in loaded
