"""Shared pieces of the benchmark run: statistics, the machine, isolated homes, child envs.

Every home the benchmarks use is a fresh directory under the run's work directory, passed to
the program as ``CSP_TUI_HOME``; nothing here reads or writes the user's real csp-tui files.
"""

from __future__ import annotations

import math
import os
import platform
import sqlite3
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent

# The synthetic cache is written "as of" this instant (see csp_tui.sandbox.synthetic_cache).
DATA_NOW = "2026-11-24T09:00:00Z"
SEED = 7


def ensure_import_paths() -> None:
    """The pty driver lives in tests/e2e; the package itself is installed (src layout)."""
    root = str(REPO_ROOT)
    if root not in sys.path:
        sys.path.insert(0, root)


# ------------------------------------------------------------------------------ statistics


def percentile(values: Sequence[float], share: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), ``share`` in 0..1."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def rounded(value: float, digits: int = 4) -> float:
    """Keep results.json readable: a few significant digits are all a noisy machine earns."""
    if value == 0 or math.isnan(value) or math.isinf(value):
        return value
    return round(value, max(0, digits - 1 - math.floor(math.log10(abs(value)))))


def summary(values: Sequence[float], *, scale: float = 1.0) -> dict[str, Any]:
    """n, median, p95, min, max of ``values`` (multiplied by ``scale``, e.g. 1000 for ms)."""
    scaled = [value * scale for value in values]
    if not scaled:
        return {"n": 0}
    return {
        "n": len(scaled),
        "median": rounded(statistics.median(scaled)),
        "p95": rounded(percentile(scaled, 0.95)),
        "min": rounded(min(scaled)),
        "max": rounded(max(scaled)),
    }


def ratio(value: float, baseline: float) -> float:
    return rounded(value / baseline) if baseline else math.inf


# ------------------------------------------------------------------------------ machine


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_mb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def calibration_ms(repeats: int = 5) -> float:
    """A fixed pure-Python workload (median ms): how fast this machine was at that moment.

    Other programs running on the machine slow everything down; comparing this number at the
    start and the end of a run (and between runs) says how much.
    """
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        total = 0
        for value in range(300_000):
            total += value * value % 7
        samples.append(time.perf_counter() - started)
    return rounded(statistics.median(samples) * 1000)


def conditions() -> dict[str, Any]:
    try:
        load = [rounded(value, 3) for value in os.getloadavg()]
    except OSError:
        load = []
    return {"load_average": load, "calibration_ms": calibration_ms()}


def machine() -> dict[str, Any]:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_mb": _memory_mb(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "textual": _version("textual"),
        "csp_tui": _version("csp-tui"),
        "sqlite": sqlite3.sqlite_version,
    }


# ------------------------------------------------------------------------------ homes


SANDBOX_CONFIG = """\
[profiles.sandbox]
kind = "sandbox"
language = "en"
# No automatic sync at start: the benchmark measures the console over a fixed cache.
sync_interval_minutes = 0
"""


@dataclass(frozen=True)
class CacheHome:
    """A CSP_TUI_HOME whose sandbox profile holds a synthetic cache."""

    home: Path
    customers: int
    subscriptions: int

    @property
    def cache_db(self) -> Path:
        return self.home / "profiles" / "sandbox" / "cache.db"


def build_cache_home(home: Path, *, customers: int, subscriptions: int) -> CacheHome:
    """A sandbox-profile home with ``customers``/``subscriptions`` rows from the generator."""
    from csp_tui.cache.db import open_cache
    from csp_tui.sandbox import synthetic_cache as synthetic
    from csp_tui.state.db import open_state

    profile_dir = home / "profiles" / "sandbox"
    profile_dir.mkdir(parents=True, mode=0o700)
    (home / "config.toml").write_text(SANDBOX_CONFIG, encoding="utf-8")
    cache = open_cache(profile_dir / "cache.db")
    state = open_state(profile_dir / "state.db")
    try:
        synthetic.populate(cache, state, customers=customers, subscriptions=subscriptions,
                           seed=SEED, now=DATA_NOW, invitations=8, command_log=40)
    finally:
        cache.close()
        state.close()
    return CacheHome(home, customers, subscriptions)


def open_read_only(path: Path) -> Any:
    """The cache as the benchmark's own reader (expected screens), never as a writer."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a program under test: its own home, a truecolor terminal, English,
    and none of the caller's Textual or csp-tui settings."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("TEXTUAL_", "CSP_TUI_")) and key != "NO_COLOR"}
    env.update(CSP_TUI_HOME=str(home), TERM="xterm-256color", COLORTERM="truecolor",
               LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.update(extra)
    return env
