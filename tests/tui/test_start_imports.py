"""The console paints from the cache before anything talks to Partner Center.

Start-up time is mostly import time, so what the first frame needs is all that ``csp-tui``
imports before it: the screens opened later, the REST client with its pydantic models, the
sync engine and the outbox runner come when they are used (the worker thread imports its
stack once the first frame is on screen). These tests keep it that way.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

from textual.screen import Screen

from csp_tui.tui import screens, widgets
from csp_tui.tui.stylesheets import SHARED_STYLES, style_sheets

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
    # Partner Center's errors (with html and json) are read on the worker's thread; a new
    # password's secrets (hashlib, hmac) when one is drawn; the outbox's ids when one is queued.
    "csp_tui.partner_center.errors",
    "secrets",
    "hmac",
    # Today: its screen, its read and its chart (opened with t or :today).
    "csp_tui.tui.screens.today",
    "csp_tui.tui.widgets.today_chart",
    "csp_tui.services.today",
    "csp_tui.services.today_chart",
    # The panes a narrow screen's first frame does not show, made right after it
    # (screens/main.py, _new_pane), with their sources, records, words and keys.
    "csp_tui.tui.widgets.tenant",
    "csp_tui.tui.widgets.lists",
    "csp_tui.tui.subscription_sources",
    "csp_tui.tui.state_sources",
    "csp_tui.tui.role_words",
    "csp_tui.domain.roles",
    "csp_tui.services.seat_words",
    "csp_tui.domain.seats",
    "csp_tui.services.part_words",
    "csp_tui.tui.invitation_keys",
    "csp_tui.state.invitations",
    "csp_tui.cache.views.subscriptions",
    "csp_tui.cache.views.details",
    # What the app does on request after the first frame: the palette, the copy, export and
    # profile commands, the record and log screens, the key map's check; the back end's events
    # and what the notices about them read (none arrive before the first frame).
    "csp_tui.tui.palette",
    "csp_tui.tui.copying",
    "csp_tui.tui.export",
    "csp_tui.tui.profile_switch",
    "csp_tui.tui.screens.detail",
    "csp_tui.tui.screens.log",
    "csp_tui.tui.keymap_check",
    "csp_tui.services.events",
    "csp_tui.services.password_reset",
    "csp_tui.state.outbox",
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


#: The wire models' validation library: the configuration is read without it, so the console's
#: start does not pay for loading it (about 90 ms).
VALIDATION = ("pydantic", "pydantic_core", "annotated_types")


def test_the_console_start_reads_its_configuration_without_pydantic() -> None:
    # A config file with a profile of each kind, so every check of a table runs.
    home = Path(os.environ["CSP_TUI_HOME"])
    (home / "config.toml").write_text(
        'default_profile = "pc"\n[profiles.pc]\nkind = "partner-center"\n'
        'role = "indirect-provider"\ntenant_id = "contoso.onmicrosoft.com"\n'
        'auth = "env-token"\nsync_interval_minutes = 5\nrequest_timeout_seconds = 12.5\n'
        '[profiles.lab]\nkind = "sandbox"\nread_only = true\nlanguage = "cs"\n',
        encoding="utf-8")
    loaded = loaded_after(
        "import csp_tui.cli, csp_tui.tui.launch, csp_tui.services.worker, csp_tui.tui.app\n"
        "from csp_tui.config import load_settings\n"
        "from csp_tui.services.worker import WorkerBackend\n"
        "settings = load_settings()\n"
        "assert settings.profile.name == 'pc' and settings.profile.sync_interval_minutes == 5\n"
        "assert load_settings('lab').profile.read_only\n"
        "WorkerBackend(settings)\n")
    assert "csp_tui.config.loading" in loaded
    assert sorted(name for name in loaded if name.split(".")[0] in VALIDATION) == []


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


async def test_a_narrow_first_frame_makes_one_pane_and_the_rest_right_after(make_console) -> None:
    from csp_tui.tui.screens.main import MainScreen
    from csp_tui.tui.widgets.command_line import CommandLine

    console = make_console(customers=5)
    at_mount: dict[str, object] = {}
    original = MainScreen.on_mount

    def on_mount(screen: MainScreen) -> None:
        original(screen)
        # What the first frame is made of: the customers pane, no other pane, no command line.
        at_mount["panes"] = sorted(screen._panes)
        at_mount["command_lines"] = len(screen.query(CommandLine))

    MainScreen.on_mount = on_mount  # type: ignore[method-assign]
    try:
        async with console.app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            main = console.app.main_screen
            assert at_mount == {"panes": ["customers"], "command_lines": 0}
            # A moment later every pane is made and mounted, and the command line too.
            assert [main.pane(name).is_mounted for name in
                    ("customers", "tenant", "subscriptions", "invitations")] == [True] * 4
            assert len(main.query(CommandLine)) == 1
            # The customer under the cursor reached the panes made after it was chosen.
            first = console.app.main_screen.pane("customers")
            assert main.pane("tenant").customer_id == str(first.table.cursor_key)
            await pilot.press("colon")
            await pilot.pause()
            assert main.query_one(CommandLine).display
    finally:
        MainScreen.on_mount = original  # type: ignore[method-assign]


async def test_a_colon_typed_before_the_command_line_is_mounted_opens_it(make_console) -> None:
    from csp_tui.tui.screens.main import MainScreen

    console = make_console(customers=5)
    opened: list[bool] = []
    original = MainScreen.on_mount

    def on_mount(screen: MainScreen) -> None:
        original(screen)
        # ":" before the first frame: the command line does not exist yet.
        assert not screen.query("#command-line")
        opened.append(True)
        screen.run_worker(screen.run_action("command_line"))

    MainScreen.on_mount = on_mount  # type: ignore[method-assign]
    try:
        async with console.app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            main = console.app.main_screen
            lines = list(main.query("#command-line"))
            assert opened and len(lines) == 1 and lines[0].display
            assert console.app.focused is not None and console.app.focused.parent is lines[0]
    finally:
        MainScreen.on_mount = original  # type: ignore[method-assign]


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


def screen_classes() -> list[type[Screen[object]]]:
    """Every screen of the console (screens live in ``screens/`` and, for the new-tenant
    flow, beside their widgets in ``widgets/``)."""
    found: dict[str, type[Screen[object]]] = {}
    for package in (screens, widgets):
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            for value in vars(module).values():
                if inspect.isclass(value) and issubclass(value, Screen) \
                        and value.__module__ == module.__name__:
                    found[f"{value.__module__}.{value.__name__}"] = value
    return list(found.values())


def sheet_names(paths: object) -> list[str]:
    return [Path(str(path)).name for path in (paths or [])]  # type: ignore[attr-defined]


def test_the_first_frame_is_styled_by_the_main_screens_sheets_only() -> None:
    from csp_tui.tui.app import CspApp

    assert sheet_names(CspApp.CSS_PATH) == ["app.tcss", "panes.tcss"]


def test_every_sheet_is_loaded_by_a_screen_that_uses_it() -> None:
    """A sheet no screen names would never be loaded; the shared one comes first with each."""
    from csp_tui.tui.app import CspApp

    named = set(sheet_names(CspApp.CSS_PATH))
    order = [path.name for path in style_sheets()]
    found = screen_classes()
    for screen in found:
        if any(other is not screen and issubclass(other, screen) for other in found):
            continue  # a base of screens (the tenant form), never shown itself
        own = sheet_names(screen.CSS_PATH)
        if screen.__name__ == "MainScreen":
            assert own == [], "the main screen is styled by the app's own sheets"
            continue
        assert own and own[0] == SHARED_STYLES, screen
        assert own == sorted(own, key=order.index), screen
        named.update(own)
    assert named == set(order)


async def test_a_screens_sheet_is_loaded_when_the_screen_is_shown(make_console) -> None:
    console = make_console(customers=5)
    async with console.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        loaded = {Path(path).name for path, _ in console.app.stylesheet.source if path}
        assert {"app.tcss", "panes.tcss"} <= loaded
        assert loaded.isdisjoint({SHARED_STYLES, "invite.tcss", "subscriptions.tcss"})
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(console.app.screen).__name__ == "HelpScreen"
        loaded = {Path(path).name for path, _ in console.app.stylesheet.source if path}
        assert SHARED_STYLES in loaded and "subscriptions.tcss" not in loaded


#: What building the worker's back end does not load: the console builds it before its first
#: frame, and it only opens the databases and reads the status line's first figures
#: (``cache/freshness.py``, the outbox's pending count). The rest loads where it is used — on
#: the worker's thread once it starts, on the writer's thread with the first write, or for a
#: team's profile only.
WORKER_THREAD_ONLY = (
    # The sync's writes (the rows' dataclasses, the attention rules) and the schedule.
    "csp_tui.cache.store",
    "csp_tui.cache.store.refresh_marks",
    "csp_tui.domain.attention",
    "csp_tui.services.worker_schedule",
    # The events the worker publishes, and the sync's clock.
    "csp_tui.services.events",
    "csp_tui.world_clock",
    # The outbox's queue, the call log and who is at the keyboard (getpass).
    "csp_tui.state.outbox",
    "csp_tui.state.command_log",
    "csp_tui.state.operator",
    "getpass",
    # A team's PostgreSQL adapter and the console's copy of its rows (hashlib).
    "csp_tui.db.postgres",
    "csp_tui.state.mirror",
    "hashlib",
    # The emulator's controls; the writer's thread pool.
    "csp_tui.services.emulator_controls",
    "concurrent.futures.thread",
)


def test_building_the_worker_back_end_loads_nothing_the_worker_loads_for_itself() -> None:
    # Only the worker and its back end: the console's own modules are held by the tests above.
    loaded = loaded_after(
        "import csp_tui.services.worker\n"
        "from csp_tui.config import load_settings\n"
        "backend = csp_tui.services.worker.WorkerBackend(load_settings())\n"
        "status = backend.status()\n"
        "assert status.outbox_pending == 0 and status.last_success_at is None, status\n")
    assert "csp_tui.cache.freshness" in loaded  # the probe did read the status line's figures
    assert loaded.isdisjoint(WORKER_THREAD_ONLY), sorted(loaded & set(WORKER_THREAD_ONLY))
