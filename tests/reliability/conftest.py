"""Shared machinery of the reliability suite.

- the report: ``reliability.record(...)`` per scenario (see ``report.py``), the outcome of each
  test attached by a hook, the JSON written at the end of the session when asked for;
- secrets: every token or password a test uses is registered (``secret_registry``) so the last
  module (``test_zz_secrets.py``) can grep every file the run produced for them;
- the sandbox served on loopback with a ``partner-center`` profile pointed at it (production
  code path; only the address and the token differ), plus its ``/_emulator`` controls. A served
  sandbox honours only tokens it issued, so the suite plays Entra ID: every secret it makes
  while a sandbox is served (and every one made before) is issued to that sandbox;
- checks: SQLite integrity, canonical cache snapshots, the rows of state.db.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import signal
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.cache import store
from csp_tui.cache.db import open_cache
from csp_tui.config import Settings, load_settings
from csp_tui.sandbox.entities import ROLE_PROVIDER, Caller
from csp_tui.sandbox.server import start_background_server
from csp_tui.sandbox.world import World
from csp_tui.services.session import open_session
from csp_tui.services.sync import SyncEngine
from csp_tui.services.sync_run import SyncResult

from .report import Ledger, ScenarioRecord

FROZEN_AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
RESELLER = "indirect-reseller"
PROVIDER = "indirect-provider"

LEDGER = Ledger()
SECRETS: set[str] = set()

# -- the report -----------------------------------------------------------------------------------


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        LEDGER.mark_failed(item.nodeid)


@pytest.fixture(scope="session", autouse=True)
def _reliability_report() -> Iterator[Ledger]:
    yield LEDGER
    LEDGER.write_if_requested()


class Recorder:
    """The figures of a scenario, counted as things happen — never typed in.

    Operations: every call of the program's entry points while the fixture is active is
    counted by instrumentation (``cli.main``, ``SyncEngine.full_sync``,
    ``OutboxRunner.run_once``, a ``csp_tui`` process started); what they cannot see (a request
    sent by hand, a screen read) is counted with :meth:`operation` where it happens. Faults:
    what the sandbox's own counters say it injected (:meth:`sandbox_faults`,
    :meth:`auth_refusals`), a ``kill -9`` really delivered, or :meth:`fault` called where a
    test's fake server or monkeypatch really injects one. :meth:`begin` starts the count
    afresh after a scenario's setup.
    """

    def __init__(self, test: str) -> None:
        self.test = test
        self.records: list[ScenarioRecord] = []
        self.operations: Counter[str] = Counter()
        self.faults: Counter[str] = Counter()
        #: argv of every ``cli.main`` call counted.
        self.cli_calls: list[list[str]] = []
        self._depth = 0

    def begin(self) -> None:
        """Count from here (what came before was the scenario's setup)."""
        self.operations.clear()
        self.faults.clear()
        self.cli_calls.clear()

    def operation(self, kind: str, count: int = 1) -> None:
        self.operations[kind] += count

    def fault(self, kind: str, count: int = 1) -> None:
        self.faults[kind] += count

    def sandbox_faults(self, before: dict[str, Any], after: dict[str, Any]) -> int:
        """Faults the sandbox injected between two ``counters()`` readings, per kind."""
        old = before.get("injected_by_kind", {})
        injected = 0
        for kind, total in after.get("injected_by_kind", {}).items():
            if total > old.get(kind, 0):
                self.fault(kind, total - old.get(kind, 0))
                injected += total - old.get(kind, 0)
        return injected

    def auth_refusals(self, before: int, after: int) -> int:
        """401s the sandbox answered between two readings of its auth counters."""
        if after > before:
            self.fault("401", after - before)
        return after - before

    def faults_with(self, text: str, kind: str) -> int:
        """Counts (as faults of ``kind``) the CLI calls whose arguments carried ``text``."""
        fed = sum(text in argv for argv in self.cli_calls)
        if fed:
            self.fault(kind, fed)
        return fed

    # -- instrumentation of the program's entry points
    def _counted(self, kind: str, call: Callable[..., Any]) -> Callable[..., Any]:
        recorder = self

        def counted(*args: Any, **kwargs: Any) -> Any:
            outermost = recorder._depth == 0  # a CLI sync is one operation, not two
            if outermost:
                recorder.operation(kind)
                if kind == "cli":
                    recorder.cli_calls.append([str(arg) for arg in (args[0] if args else
                                                                    kwargs.get("argv") or [])])
            recorder._depth += 1
            try:
                result = call(*args, **kwargs)
            finally:
                recorder._depth -= 1
            return result

        return counted

    def _counted_async(self, kind: str, call: Callable[..., Any]) -> Callable[..., Any]:
        recorder = self

        async def counted(*args: Any, **kwargs: Any) -> Any:
            if recorder._depth == 0:
                recorder.operation(kind)
            return await call(*args, **kwargs)

        return counted

    def instrument(self, patch: pytest.MonkeyPatch) -> None:
        import subprocess

        from csp_tui import cli
        from csp_tui.services.outbox_runner import OutboxRunner

        patch.setattr(cli, "main", self._counted("cli", cli.main))
        patch.setattr(SyncEngine, "full_sync", self._counted_async("sync", SyncEngine.full_sync))
        patch.setattr(OutboxRunner, "run_once",
                      self._counted_async("outbox run", OutboxRunner.run_once))
        popen_init = subprocess.Popen.__init__
        recorder = self

        def popen(process: Any, args: Any, *rest: Any, **kwargs: Any) -> None:
            if isinstance(args, list | tuple) and "csp_tui" in [str(a) for a in args]:
                recorder.operation("process")
            popen_init(process, args, *rest, **kwargs)

        patch.setattr(subprocess.Popen, "__init__", popen)
        kill = os.kill

        def counting_kill(pid: int, sig: int) -> None:
            kill(pid, sig)
            if sig == signal.SIGKILL:  # counted once delivered
                recorder.fault("kill -9")

        patch.setattr(os, "kill", counting_kill)

    def record(self, scenario: str, *, lost: int,
               notes: list[str] | None = None) -> ScenarioRecord:
        """The scenario's figures as counted; ``lost`` is what the test measured."""
        record = LEDGER.add(ScenarioRecord(
            scenario=scenario, attempts=sum(self.operations.values()),
            faults=sum(self.faults.values()), lost=lost, test=self.test,
            notes=[*(notes or []), f"operations: {dict(sorted(self.operations.items()))}",
                   f"faults: {dict(sorted(self.faults.items()))}"]))
        self.records.append(record)
        return record


@pytest.fixture
def reliability(request: pytest.FixtureRequest) -> Iterator[Recorder]:
    recorder = Recorder(request.node.nodeid)
    with pytest.MonkeyPatch.context() as patch:
        recorder.instrument(patch)
        yield recorder


# -- secrets --------------------------------------------------------------------------------------


class SecretRegistry:
    """Every secret the suite hands to the program; none may end up in a file."""

    def new(self, prefix: str = "secret") -> str:
        value = f"{prefix}-{secrets.token_urlsafe(24)}"
        self.add(value)
        for sandbox in list(SERVED):
            sandbox.issue(value)
        return value

    def add(self, value: str) -> str:
        if value and len(value) >= 8:  # shorter strings would match by accident
            SECRETS.add(value)
        return value

    @property
    def values(self) -> set[str]:
        return set(SECRETS)


@pytest.fixture
def secret_registry() -> SecretRegistry:
    return SecretRegistry()


class RotatingTokenProvider:
    """An in-process token provider: a new token on every refresh, as Entra ID hands out a
    fresh access token when the old one expired. Every token is registered as a secret."""

    def __init__(self, registry: SecretRegistry, prefix: str = "rel-token") -> None:
        self.registry = registry
        self.prefix = prefix
        self.issued: list[str] = [registry.new(prefix)]
        self.refreshes = 0

    @property
    def current(self) -> str:
        return self.issued[-1]

    async def get_token(self, *, force_refresh: bool = False) -> str:
        if force_refresh:
            self.refreshes += 1
            self.issued.append(self.registry.new(self.prefix))
        return self.current


# -- the sandbox on loopback ----------------------------------------------------------------------


def make_world(path: Path, *, customers: int = 30, role: str = RESELLER,
               change: Callable[[World], None] | None = None) -> Path:
    """A world file with a frozen clock; any token not naming a caller acts as ``role``."""
    world = World.generate(7, customers, now=FROZEN_AT, frozen=True)
    if role == PROVIDER:
        world.default_caller = Caller(ROLE_PROVIDER, identity.PROVIDER_TENANT_ID)
    if change is not None:
        change(world)
    path.parent.mkdir(parents=True, exist_ok=True)
    world.save(path)
    return path


#: Sandboxes being served now: tokens made meanwhile are issued to them (see SecretRegistry).
SERVED: list[ServedSandbox] = []


@dataclass
class ServedSandbox:
    url: str
    world_path: Path
    stop: Callable[[], None]
    #: The token the sandbox was started with; issuing more needs it.
    token: str

    def issue(self, token: str) -> None:
        """Entra ID issued ``token`` (for the world's default caller, with MFA)."""
        response = httpx.post(self.url + "/_emulator/auth", json={"issue": {"token": token}},
                              headers={"Authorization": f"Bearer {self.token}"}, timeout=10)
        assert response.status_code == 200, response.text

    def control(self, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """An ``/_emulator`` control (never subject to faults)."""
        method = "GET" if body is None else "POST"
        response = httpx.request(method, self.url + path, json=body, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()

    def faults(self, **settings: Any) -> dict[str, Any]:
        return self.control("/_emulator/faults", settings)

    def reset(self) -> None:
        self.control("/_emulator/reset-faults", {})
        self.faults(latency_ms=0)

    def counters(self) -> dict[str, int]:
        return dict(self.control("/_emulator/faults")["counters"])

    def customer_count(self) -> int:
        return int(self.control("/_emulator/state")["counts"]["customers"])


@contextlib.contextmanager
def serve(world_path: Path, **options: Any) -> Iterator[ServedSandbox]:
    options.setdefault("rate_limit", 100000)
    token = SecretRegistry().new("served-token")
    url, stop = start_background_server(port=0, state_path=world_path, token=token, **options)
    sandbox = ServedSandbox(url, world_path, stop, token)
    for known in sorted(SECRETS):
        sandbox.issue(known)
    SERVED.append(sandbox)
    try:
        yield sandbox
    finally:
        SERVED.remove(sandbox)
        stop()


_PROFILE = """
[profiles.{name}]
kind = "partner-center"
base_url = "{base_url}"
role = "{role}"
tenant_id = "{tenant}"
{provider_line}
auth = "env-token"
rate_limit_per_minute = 100000
request_timeout_seconds = {timeout}
sync_concurrency = 4
{extra}
"""


def write_profile(home: Path, name: str, base_url: str, *, role: str = RESELLER,
                  timeout: float = 0.5, extra: str = "") -> None:
    """Append a ``partner-center`` profile pointed at ``base_url`` to ``home``'s config."""
    tenant = identity.PROVIDER_TENANT_ID if role == PROVIDER else identity.RESELLER_TENANT_ID
    provider_line = "" if role == PROVIDER else (
        f'indirect_provider_id = "{identity.PROVIDER_TENANT_ID}"')
    config = home / "config.toml"
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    config.write_text(text + _PROFILE.format(name=name, base_url=base_url, role=role,
                                             tenant=tenant, provider_line=provider_line,
                                             timeout=timeout, extra=extra), encoding="utf-8")


def settings_in(home: Path, profile: str) -> Settings:
    """The settings of ``profile`` with ``home`` as CSP_TUI_HOME (paths are absolute after)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CSP_TUI_HOME", str(home))
        return load_settings(profile)


def cli_env(home: Path, token: str) -> dict[str, str]:
    """The environment of a ``csp-tui`` subprocess on ``home`` with an env token."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TEXTUAL_", "CSP_TUI_")) and k != "NO_COLOR"}
    env.update({"CSP_TUI_HOME": str(home), "CSP_TUI_ACCESS_TOKEN": token, "LANG": "C.UTF-8"})
    return env


# -- checks ---------------------------------------------------------------------------------------


def integrity_problems(path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` and ``foreign_key_check`` complain about (ok: [])."""
    conn = sqlite3.connect(path, timeout=15)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [f"foreign key: {row}" for row in conn.execute("PRAGMA foreign_key_check")]
        return problems
    finally:
        conn.close()


def cache_snapshot(path: Path) -> dict[str, list[dict[str, Any]]]:
    db = open_cache(path, rebuild_if_unusable=False)
    try:
        return store.snapshot(db)
    finally:
        db.close()


def snapshot_loss(expected: dict[str, list[dict[str, Any]]],
                  actual: dict[str, list[dict[str, Any]]]) -> int:
    """Rows of ``expected`` missing from ``actual`` plus rows ``actual`` has in excess."""
    lost = 0
    for table in set(expected) | set(actual):
        want = {json.dumps(row, sort_keys=True) for row in expected.get(table, [])}
        have = {json.dumps(row, sort_keys=True) for row in actual.get(table, [])}
        lost += len(want ^ have)
    return lost


# What state.db must never lose: the ledger and drafts whole, and each outbox entry's identity
# (its attempts, timestamps and last error legitimately change while it is being sent).
STATE_QUERIES = {
    "invitations": "SELECT * FROM invitations",
    "drafts": "SELECT * FROM drafts",
    "outbox": "SELECT id, idempotency_key, kind, customer_id, subject, payload, dedupe_key "
              "FROM outbox",
}


def state_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of state.db that cannot be rebuilt (the command log only grows: left out)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=15)
    try:
        return {table: sorted(conn.execute(sql).fetchall(), key=repr)
                for table, sql in STATE_QUERIES.items()}
    finally:
        conn.close()


def rows_changed(before: dict[str, list[tuple[Any, ...]]],
                 after: dict[str, list[tuple[Any, ...]]]) -> int:
    return sum(len(set(before[t]) ^ set(after.get(t, []))) for t in before)


def files_under(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            yield path


# -- syncing against the served sandbox -----------------------------------------------------------


async def run_sync(settings: Settings, token_provider: Any, *,
                   publish: Callable[[Any], None] | None = None) -> SyncResult:
    """One full sync through ``open_session`` (the production wiring) with ``token_provider``."""
    session = open_session(settings, token_provider=token_provider)
    try:
        engine = SyncEngine(session.client, session.cache, session.state, settings.profile,
                            publish=publish)
        return await engine.full_sync()
    finally:
        await session.aclose()


def loopback_home(root: Path, base_url: str, *, name: str = "loop", role: str = RESELLER,
                  timeout: float = 0.5, extra: str = "") -> tuple[Path, Settings]:
    home = root / f"home-{name}"
    home.mkdir(parents=True, exist_ok=True)
    write_profile(home, name, base_url, role=role, timeout=timeout, extra=extra)
    return home, settings_in(home, name)


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSandbox]:
    """A reseller's sandbox on loopback for scenarios that only read (the world never
    changes, so one undisturbed sync is the reference for all of them)."""
    world = make_world(tmp_path_factory.mktemp("served") / "sandbox.json")
    with serve(world) as sandbox:
        yield sandbox


@pytest.fixture(scope="session")
def clean_snapshot(served: ServedSandbox, tmp_path_factory: pytest.TempPathFactory
                   ) -> dict[str, list[dict[str, Any]]]:
    """The cache after an undisturbed sync of :func:`served`."""
    _home, settings = loopback_home(tmp_path_factory.mktemp("clean"), served.url)
    result = asyncio.run(run_sync(settings, RotatingTokenProvider(SecretRegistry())))
    assert result.ok, result.error
    snapshot = cache_snapshot(settings.locations.cache_db)
    assert len(snapshot["customers"]) >= 25 and snapshot["subscriptions"]
    return snapshot


@pytest.fixture
def sandbox(served: ServedSandbox) -> Iterator[ServedSandbox]:
    """:func:`served` with no faults before and after the test."""
    served.reset()
    served.control("/_emulator/auth", {"reset": True})
    yield served
    served.reset()
    served.control("/_emulator/auth", {"reset": True})


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    """Under pytest-xdist every reliability test runs on one worker, in file order, so the
    secrets sweep (test_zz_secrets.py) comes after every scenario whose files it searches.

    ``tryfirst``: xdist's own hook (``--dist loadgroup``) reads the marker to give each test
    its group; a marker added after it has run is ignored and the suite is split."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.xdist_group("reliability"))
