"""What the new-tenant form tests share: sandbox profiles of each role on a frozen world, the
real ``WorkerBackend`` (the production code path), waiting on conditions, typing like a person.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from csp_tui.config import Settings, load_settings
from csp_tui.sandbox.transport import SandboxTransport, sandbox_transport
from csp_tui.sandbox.world import World
from csp_tui.services.worker import WorkerBackend

from .conftest import frozen_clock

FROZEN_AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

_PROFILE = """
[profiles.{name}]
kind = "sandbox"
role = "{role}"
rate_limit_per_minute = 100000
request_timeout_seconds = 2
sync_interval_minutes = 0
{extra}
"""

ROLE_PROFILES = {
    "indirect-provider": "distributor",
    "indirect-reseller": "partner",
    "direct": "direct",
}

#: A request every field of which is valid (the IČO is a demo subject of the sandbox's ARES).
VALID = {
    "company_name": "Pekárna U Lípy s.r.o.",
    "ico": "27082440",
    "street": "Husova 12/3",
    "city": "Tábor",
    "postal_code": "390 02",
    "first_name": "Jana",
    "last_name": "Nováková",
    "email": "jana@pekarna-lipa.cz",
    "phone": "602 123 456",
}


def profile_settings(home: Path, role: str, *, language: str = "en",
                     extra: str = "") -> Settings:
    """A sandbox profile of ``role`` with a frozen world of its own."""
    name = ROLE_PROFILES[role]
    config = home / "config.toml"
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    if f"[profiles.{name}]" not in text:
        config.write_text(text + _PROFILE.format(name=name, role=role, extra=extra),
                          encoding="utf-8")
    settings = load_settings(name)
    world_file = settings.locations.sandbox_state
    if not world_file.exists():
        world_file.parent.mkdir(parents=True, exist_ok=True)
        World.generate(7, 60, now=FROZEN_AT, frozen=True).save(world_file)
    profile = settings.profile.model_copy(update={"language": language})
    return dataclasses.replace(settings, profile=profile)


@dataclasses.dataclass
class FormConsole:
    app: Any
    backend: WorkerBackend
    transport: SandboxTransport
    settings: Settings

    def customers_with_domain(self, domain: str) -> list[Any]:
        return [c for c in self.transport.world.customers if c.domain == domain]


FormConsoleFactory = Callable[..., FormConsole]


@pytest.fixture
def form_console(isolated_home: Path, monkeypatch: pytest.MonkeyPatch
                 ) -> Iterator[FormConsoleFactory]:
    """``form_console(role="indirect-provider")`` -> a console on the real worker back end.

    The debounce delays are shortened: the tests wait on conditions, not on the clock, and
    need not idle 0.4 s after every change (the real-terminal test keeps the real ones).
    """
    from csp_tui.tui.screens.new_tenant import NewTenantScreen

    monkeypatch.setattr(NewTenantScreen, "DOMAIN_DEBOUNCE", 0.05)
    monkeypatch.setattr(NewTenantScreen, "DRAFT_DEBOUNCE", 0.05)
    made: list[FormConsole] = []

    def factory(role: str = "indirect-provider", *, language: str = "en",
                theme: str = "textual-dark", faults: dict[str, Any] | None = None
                ) -> FormConsole:
        from csp_tui.tui.app import CspApp

        settings = profile_settings(isolated_home, role, language=language)
        transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000,
                                      faults=faults)
        backend = WorkerBackend(settings, transport=transport, periodic=False)
        app = CspApp(backend, clock=frozen_clock, theme=theme, animation_level="none",
                     cursor_blink=False, tick_seconds=None)
        console = FormConsole(app, backend, transport, settings)
        made.append(console)
        return console

    yield factory
    for console in made:
        for database in (console.backend.cache, console.backend.state):
            database.close()


async def wait_until(pilot: Any, predicate: Callable[[], object], timeout: float = 10.0,
                     what: str = "condition") -> None:
    """Let the app run until ``predicate()`` holds (workers, timers, the back end's thread)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)
    await pilot.pause()  # and let what it changed be drawn


async def type_text(pilot: Any, text: str) -> None:
    """Type ``text`` key by key into whatever has the focus."""
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def fill(pilot: Any, field: str, text: str, *, typed: bool = False) -> None:
    """Focus the field ``field`` and enter ``text`` in place of what it held.

    ``typed=True`` sends every character as a key press; otherwise the value is pasted in one
    change (the form reacts to ``Input.Changed`` alike, and the suite stays fast).
    """
    screen = pilot.app.screen
    widget = screen.query_one(f"#field-{field}")
    widget.focus()
    await pilot.pause()
    if typed:
        widget.value = ""
        await pilot.pause()
        await type_text(pilot, text)
    else:
        widget.value = text
        await pilot.pause()


async def fill_all(pilot: Any, values: dict[str, str]) -> None:
    """Paste several fields at once (each still a change the form reacts to)."""
    screen = pilot.app.screen
    for field, text in values.items():
        screen.query_one(f"#field-{field}").value = text
    await pilot.pause()


def form(pilot_or_app: Any) -> Any:
    from csp_tui.tui.screens.new_tenant import NewTenantScreen

    app = getattr(pilot_or_app, "app", pilot_or_app)
    screen = app.screen
    assert isinstance(screen, NewTenantScreen), type(screen).__name__
    return screen


async def settled(pilot: Any, timeout: float = 10.0) -> None:
    """The form has nothing in flight: tenant-name check answered, ARES answered, draft saved,
    resellers listed."""
    screen = form(pilot)

    def quiet() -> bool:
        return (not screen.domain_check_pending and not screen.ares_pending_now
                and not screen.draft_pending and not screen.reviewing
                and (screen.reseller_mode != "select" or screen.resellers is not None))

    await wait_until(pilot, quiet, timeout, "the form to settle")
    await pilot.pause()
