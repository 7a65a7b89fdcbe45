"""The state tests' two engines: SQLite (state.db) and a throwaway PostgreSQL.

One PostgreSQL cluster per test session (per xdist worker), started from the local binaries
(``initdb`` + ``pg_ctl``, on a free loopback port, in a temporary directory; run as root, they
run as the ``postgres`` user in a directory it owns). Each test gets a role of its own, with a
password and a schema named like it (the role's default ``search_path``), so tests never see
each other's rows and no database is created per test.

Where the binaries (or psycopg) are missing, the PostgreSQL half is skipped with a reason that
says so — except under CI (``CI=true``), where it fails: CI must test both engines.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ENGINES = ("sqlite", "postgres")
#: The password every test role gets: tests check it never shows.
ROLE_PASSWORD = "Pg-s3cret-Hunter2"


def find_bindir() -> Path | None:
    """Where initdb and pg_ctl are: $CSP_TUI_PG_BINDIR, the newest /usr/lib/postgresql/N/bin,
    or the PATH."""
    explicit = os.environ.get("CSP_TUI_PG_BINDIR")
    candidates = [explicit] if explicit else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
                         reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(str(Path(initdb).parent))
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (
                Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    bindir: Path
    root: Path
    port: int
    as_postgres: bool

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *argv: str) -> None:
        command = list(argv)
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                  "--no-sync", "--locale=C")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.root / "server.log"), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        with contextlib.suppress(subprocess.SubprocessError):
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w",
                      "stop")

    def restart_stopped(self) -> None:
        """Start a stopped cluster again (a fault test's "PostgreSQL is back")."""
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
                  "-l", str(self.root / "server.log"), "-w", "-t", "60", "start")

    def admin(self):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(host=str(self.root), port=self.port, user="postgres",
                               dbname="postgres", autocommit=True)

    def new_role(self, name: str) -> str:
        """A role with a password and a schema of its own; returns its URL (password in it)."""
        with self.admin() as conn:
            conn.execute(f'CREATE ROLE "{name}" LOGIN PASSWORD \'{ROLE_PASSWORD}\'')
            conn.execute(f'CREATE SCHEMA "{name}" AUTHORIZATION "{name}"')
        return f"postgresql://{name}:{ROLE_PASSWORD}@127.0.0.1:{self.port}/postgres"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stop_orphans(bindir: Path, as_postgres: bool) -> None:
    """Clusters whose test run was killed (a timeout: no finaliser ran) are stopped and
    removed, so they do not pile up on the machine."""
    for root in Path(tempfile.gettempdir()).glob("csp-tui-pg-*"):
        try:
            owner = int((root / "owner.pid").read_text())
        except (OSError, ValueError):
            continue
        if _alive(owner):
            continue
        orphan = Cluster(bindir=bindir, root=root, port=0, as_postgres=as_postgres)
        orphan.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


def start_cluster() -> Cluster:
    bindir = find_bindir()
    if bindir is None:
        raise FileNotFoundError("initdb/pg_ctl")
    as_postgres = hasattr(os, "geteuid") and os.geteuid() == 0
    _stop_orphans(bindir, as_postgres)
    root = Path(tempfile.mkdtemp(prefix="csp-tui-pg-"))
    (root / "owner.pid").write_text(str(os.getpid()))
    if as_postgres:
        # initdb refuses to run as root; the postgres user must own the directory.
        shutil.chown(root, user="postgres", group="postgres")
    os.chmod(root, 0o700)
    cluster = Cluster(bindir=bindir, root=root, port=_free_port(), as_postgres=as_postgres)
    cluster.start()
    return cluster


def why_no_postgres() -> str | None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'csp-tui[team]')"
    if find_bindir() is None:
        return "no PostgreSQL binaries (initdb, pg_ctl) found"
    return None


def _unavailable(reason: str) -> None:
    message = f"PostgreSQL state tests skipped: {reason}"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI must run the PostgreSQL state tests, but: {reason}", pytrace=False)
    pytest.skip(message)


_roles = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """The session's PostgreSQL (started on first use, stopped and removed at the end)."""
    reason = why_no_postgres()
    if reason:
        _unavailable(reason)
    try:
        cluster = start_cluster()
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        _unavailable(f"could not start a cluster: {exc} {detail[-500:]!r}")
        raise
    try:
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """A fresh, empty team database for one test (a role and schema of its own)."""
    return pg_cluster.new_role(f"t{os.getpid()}_{next(_roles)}")


@pytest.fixture(params=ENGINES)
def state_engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def open_store(state_engine: str, request: pytest.FixtureRequest,
               tmp_path: Path) -> Iterator[Callable[[], object]]:
    """Opens the test's state on its engine; every call is a new connection to the same
    store (state.db, or the test's team database). Closed at the end."""
    from csp_tui.state.db import open_state
    from csp_tui.state.store import open_team_state

    opened: list[object] = []
    if state_engine == "postgres":
        url = request.getfixturevalue("pg_url")

        def opener() -> object:
            conn = open_team_state(url)
            opened.append(conn)
            return conn
    else:
        path = tmp_path / "state.db"

        def opener() -> object:
            conn = open_state(path)
            opened.append(conn)
            return conn
    yield opener
    for conn in opened:
        with contextlib.suppress(Exception):
            conn.close()  # type: ignore[attr-defined]


@pytest.fixture
def store(open_store: Callable[[], object]) -> object:
    """One connection to the test's state, on each engine in turn."""
    return open_store()
