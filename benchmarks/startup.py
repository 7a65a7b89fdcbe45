"""Cold start to first paint, in a real process on an 80x24 pseudo-terminal.

Programs started the same way are timed from fork to the moment a known text is on screen:
the console (``python -m csp_tui``) on the big cache, a minimal Textual app (one Static) and a
plain DataTable loaded with every row of the same cache. Runs are interleaved so that a slow
moment of the machine hits all of them alike; one unmeasured warm-up of each fills the OS file
cache first. As diagnostics, the console without its back end (``static_console.py``) is timed
the same way, and the import time of the console's modules against Textual's alone: together
they tell where the start-up goes.

Every program reads its modules as compiled bytecode, as an installed package does (pip
compiles them at install time, and Textual's arrive compiled). An environment that forbids
writing bytecode (``PYTHONDONTWRITEBYTECODE``, usual in containers and CI) would otherwise make
each start of the console compile all of csp-tui's modules from source, a cost no user pays and
the baselines do not pay either. The programs keep their bytecode in the work directory; the
warm-up start of each writes it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Any

from common import BENCH_DIR, CacheHome, child_env, open_read_only, ratio, rounded, summary
from pty_session import PtySession

CONSOLE = [sys.executable, "-m", "csp_tui"]
MINIMAL = [sys.executable, str(BENCH_DIR / "minimal_app.py")]
WITHOUT_BACKEND = [sys.executable, str(BENCH_DIR / "static_console.py")]
MINIMAL_TEXT = "baseline ready"  # minimal_app.READY_TEXT (not imported: it pulls in Textual)


def datatable_argv(home: CacheHome, which: str) -> list[str]:
    return [sys.executable, str(BENCH_DIR / "datatable_app.py"), str(home.cache_db), which]


def visible_prefix(name: str, width: int = 16) -> str:
    """What of a company name is on screen in any layout (columns are at least 16 wide)."""
    from csp_tui.domain.text import safe_text

    return safe_text(name)[:width].rstrip()


def first_customer(home: CacheHome) -> str:
    from csp_tui.cache import views

    db = open_read_only(home.cache_db)
    try:
        return views.customer_rows(db, limit=1)[0].company_name
    finally:
        db.close()


def first_subscription_customer(home: CacheHome) -> str:
    from csp_tui.cache import views

    db = open_read_only(home.cache_db)
    try:
        return views.subscription_rows(db, limit=1)[0].customer_name
    finally:
        db.close()


@dataclass
class Paint:
    seconds: float
    rss_kb: int | None


def program_env(home: CacheHome) -> dict[str, str]:
    """The environment of the programs under test, with bytecode caching on (see above)."""
    return child_env(home.home, PYTHONDONTWRITEBYTECODE="",
                     PYTHONPYCACHEPREFIX=str(home.home / "pycache"))


def first_paint(argv: list[str], env: dict[str, str], needle: str, *,
                timeout: float = 60.0, settle: float = 0.3) -> Paint:
    """Seconds from start to ``needle`` on screen; peak RSS once the program went quiet."""
    with PtySession(argv, env) as session:
        seconds = session.until_text(needle, timeout) - session.started_at
        session.settle(settle, limit=5.0)
        return Paint(seconds, session.peak_rss_kb())


def import_seconds(modules: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {modules}"], env=env, check=True,
                   timeout=60)
    return time.perf_counter() - started


CONSOLE_MODULES = "csp_tui.cli, csp_tui.tui.launch, csp_tui.services.worker, csp_tui.tui.app"
TEXTUAL_MODULES = "textual.app, textual.widgets"


def measure(home: CacheHome, *, repeats: int, warm_up: bool, subscriptions_table: bool,
            diagnostics: bool, log: Any = print) -> dict[str, Any]:
    """``diagnostics`` adds the console without its back end and the import-only timings."""
    env = program_env(home)
    needle = visible_prefix(first_customer(home))
    programs = {
        "console": (CONSOLE, needle),
        "minimal": (MINIMAL, MINIMAL_TEXT),
        "datatable": (datatable_argv(home, "customers"), needle),
    }
    if diagnostics:
        programs["console_without_backend"] = (WITHOUT_BACKEND, needle)
    if warm_up:
        for argv, text in programs.values():
            first_paint(argv, env, text)
    paints: dict[str, list[Paint]] = {name: [] for name in programs}
    for round_number in range(repeats):
        for name, (argv, text) in programs.items():
            paint = first_paint(argv, env, text)
            paints[name].append(paint)
            log(f"  start {round_number + 1}/{repeats} {name}: {paint.seconds:.3f} s")

    imports: dict[str, list[float]] = {"console_modules": [], "textual_only": []}
    for _ in range(3 if diagnostics else 0):
        imports["console_modules"].append(import_seconds(CONSOLE_MODULES, env))
        imports["textual_only"].append(import_seconds(TEXTUAL_MODULES, env))

    def seconds(name: str) -> list[float]:
        return [paint.seconds for paint in paints[name]]

    def rss_mb(name: str) -> float | None:
        values = [paint.rss_kb for paint in paints[name] if paint.rss_kb]
        return rounded(statistics.median(values) / 1024) if values else None

    console = statistics.median(seconds("console"))
    minimal = statistics.median(seconds("minimal"))
    table = statistics.median(seconds("datatable"))
    result: dict[str, Any] = {
        "method": "real process in an 80x24 pty (pyte); fork to the known text on screen",
        "needle": needle,
        "console_s": {**summary(seconds("console")),
                      "samples": [rounded(v) for v in seconds("console")]},
        "minimal_s": {**summary(seconds("minimal")),
                      "samples": [rounded(v) for v in seconds("minimal")]},
        "datatable_s": {**summary(seconds("datatable")),
                        "samples": [rounded(v) for v in seconds("datatable")]},
        "ratio_console_to_minimal": ratio(console, minimal),
        "ratio_datatable_to_console": ratio(table, console),
        "rss_after_first_paint_mb": {name: rss_mb(name) for name in programs},
        "program_s": {name: summary(seconds(name)) for name in programs},
        "import_only_s": {name: summary(values) for name, values in imports.items()},
    }
    if subscriptions_table:
        # Every subscription of every customer in one DataTable: once (it is slow).
        paint = first_paint(datatable_argv(home, "subscriptions"), env,
                            visible_prefix(first_subscription_customer(home)), timeout=300)
        log(f"  start datatable (all subscriptions): {paint.seconds:.3f} s")
        result["datatable_all_subscriptions"] = {
            "rows": home.subscriptions, "first_paint_s": rounded(paint.seconds),
            "rss_mb": rounded(paint.rss_kb / 1024) if paint.rss_kb else None,
        }
    return result
