"""``:profile NAME`` switches the console to another profile's files and back end."""

from __future__ import annotations

import dataclasses
from typing import Any

from csp_tui.cache.db import open_cache
from csp_tui.config import Settings
from csp_tui.sandbox import synthetic_cache as synthetic
from csp_tui.state.db import open_state
from csp_tui.tui.screens.main import MainScreen

from .conftest import DATA_NOW, NARROW, SEED, FakeBackend, screen_text


def factory_for(opened: list[FakeBackend], customers: int) -> Any:
    """Opens a profile's own files (filled with ``customers`` customers on first open)."""

    def open_backend(settings: Settings) -> FakeBackend:
        settings.locations.ensure_profile_dir()
        fresh = not settings.locations.cache_db.exists()
        cache = open_cache(settings.locations.cache_db)
        state = open_state(settings.locations.state_db)
        if fresh:
            synthetic.populate(cache, state, customers=customers, subscriptions_per_customer=2,
                               seed=SEED + 1, now=DATA_NOW, invitations=1, command_log=1)
        backend = FakeBackend(settings, cache, state)
        opened.append(backend)
        return backend

    return open_backend


async def switched(pilot: Any, name: str) -> None:
    """Wait for the switch (it runs in a worker of the app) to end on ``name``'s screen."""
    for _ in range(100):
        await pilot.pause(0.05)
        workers = [w for w in pilot.app.workers if w.group == "profile-switch"]
        if not workers and pilot.app.settings.profile.name == name \
                and isinstance(pilot.app.screen, MainScreen):
            break
    await pilot.pause()
    assert pilot.app.settings.profile.name == name


async def test_switching_uses_the_other_profiles_files_and_restarts_the_back_end(
        make_console) -> None:
    console = make_console(customers=7)
    opened: list[FakeBackend] = []
    app = console.app
    app.backend_factory = factory_for(opened, customers=3)
    try:
        async with app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            first = console.backend
            assert "Customers (7)" in screen_text(app)
            assert "sandbox " in screen_text(app).splitlines()[-2] + " "

            # Typed on the command line, as a person does (its handler belongs to the main
            # screen the switch replaces).
            await pilot.press(":", *"profile sandbox-provider", "enter")
            await switched(pilot, "sandbox-provider")
            assert first.stopped  # the old worker and writer were stopped
            [second] = opened
            assert app.backend is second and second.started
            assert app.settings.profile.name == "sandbox-provider"
            assert isinstance(app.screen, MainScreen)
            text = screen_text(app)
            assert "Customers (3)" in text
            # The status line names the profile in use.
            assert "sandbox-provider" in text
            # Its own files, beside the first profile's.
            assert second.settings.locations.cache_db != first.settings.locations.cache_db

            # And back: the first profile's cache was kept as it was.
            assert await app.execute_command(":profile sandbox")
            await switched(pilot, "sandbox")
            assert second.stopped
            assert app.settings.profile.name == "sandbox"
            assert "Customers (7)" in screen_text(app)
    finally:
        for backend in opened:
            backend.writer.close()
            backend.cache.close()
            backend.state.close()


async def test_an_unknown_profile_is_said_and_nothing_changes(make_console) -> None:
    console = make_console(customers=4)
    app = console.app
    app.backend_factory = factory_for([], customers=1)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert await app.execute_command(":profile nope")
        await pilot.pause()
        assert app.backend is console.backend and not console.backend.stopped
        assert any("nope" in str(n.message) for n in app._notifications)
        await app.execute_command(":profile sandbox")
        await pilot.pause()
        assert any("already uses" in str(n.message) for n in app._notifications)


async def test_the_palette_lists_the_profiles(make_console) -> None:
    console = make_console(customers=2)
    opened: list[FakeBackend] = []
    app = console.app
    app.backend_factory = factory_for(opened, customers=1)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p", *"profile")
            await pilot.pause(0.3)
            assert "Switch profile…" in screen_text(app)
            await pilot.press("enter")
            await pilot.pause(0.3)
            text = screen_text(app)
            assert "sandbox  (in use)" in text and "sandbox-provider" in text
            await pilot.press(*"provider")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await switched(pilot, "sandbox-provider")
            assert dataclasses.replace(app.settings.profile).name == "sandbox-provider"
    finally:
        for backend in opened:
            backend.writer.close()
            backend.cache.close()
            backend.state.close()


async def test_the_real_worker_is_stopped_and_started_again(isolated_home) -> None:
    """With the worker back end: one worker thread after the switch, the old one gone, the
    new one signed in to the new profile's world."""
    import functools
    import threading

    from csp_tui.config import load_settings
    from csp_tui.services.worker import WorkerBackend
    from csp_tui.tui.app import CspApp

    from .conftest import frozen_clock
    from .invite_support import wait_for

    def workers() -> list[threading.Thread]:
        return [thread for thread in threading.enumerate()
                if thread.name == "csp-tui-worker" and thread.is_alive()]

    first = WorkerBackend(load_settings("sandbox"), periodic=False)
    app = CspApp(first, clock=frozen_clock, theme="textual-dark", animation_level="none",
                 cursor_blink=False, tick_seconds=None, language="en")
    app.backend_factory = functools.partial(WorkerBackend, periodic=False)
    async with app.run_test(size=NARROW) as pilot:
        await wait_for(pilot, lambda: first._session is not None, "the first worker")
        assert len(workers()) == 1
        await pilot.press(":", *"profile sandbox-provider", "enter")
        await switched(pilot, "sandbox-provider")
        second = app.backend
        assert isinstance(second, WorkerBackend) and second is not first
        await wait_for(pilot, lambda: second._session is not None, "the second worker")
        assert first._thread is None  # joined
        assert len(workers()) == 1
        assert second._session is not None
        assert second._session.settings.profile.name == "sandbox-provider"
        assert second.settings.locations.state_db != first.settings.locations.state_db


def test_tab_completes_a_commands_argument() -> None:
    from csp_tui.tui.console_commands import complete_argument

    def choices(command: Any) -> list[str]:
        return {"profile": ["prod", "sandbox", "sandbox-provider"],
                "theme": ["nord", "textual-dark", "textual-light"]}.get(command.name, [])

    assert complete_argument(":profile p", choices) == (":profile prod", ["prod"])
    assert complete_argument(":ctx sa", choices) == (
        ":ctx sandbox", ["sandbox", "sandbox-provider"])
    assert complete_argument(":theme textual-", choices) == (
        ":theme textual-", ["textual-dark", "textual-light"])
    assert complete_argument(":theme x", choices) == (":theme x", [])
    assert complete_argument(":sync now", choices) == (":sync now", [])


async def test_tab_on_the_command_line_completes_a_profile(make_console) -> None:
    console = make_console(customers=2)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press(":", *"profile sandbox-p", "tab")
        await pilot.pause()
        field = console.app.main_screen.query_one("#command-line").field
        assert field.value == ":profile sandbox-provider"
