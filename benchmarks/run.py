"""csp-tui benchmarks: ``python benchmarks/run.py [--quick | --tiny]``.

One invocation measures everything against baselines taken in the same run (machines are
noisy; ratios and medians travel better than milliseconds), writes ``benchmarks/results.json``
and prints a table. ``--quick`` finishes in about two minutes; the full run takes several
minutes (two full syncs of 2,000 customers paced at 6,000 requests/minute dominate it).
``--tiny`` exists for the smoke test: the same code paths on toy sizes, numbers meaningless.

Every program under test gets its own ``CSP_TUI_HOME`` in a temporary work directory, which is
removed at the end (``--keep`` keeps it); the user's own csp-tui files are never touched.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# The sibling modules (not a package: tests/benchmarks would shadow the name).
sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import interaction
import startup
import sync_bench

RESULTS = common.BENCH_DIR / "results.json"
# The two lists filtered at typing speed.
LISTS = ("customers", "all_subscriptions")


@dataclass(frozen=True)
class Mode:
    customers: int
    subscriptions: int
    small_customers: int
    small_subscriptions: int
    start_repeats: int
    warm_up: bool
    plan: interaction.Plan
    echo_keys: int
    sync_customers: int
    sync_rate: int
    sync_latency_ms: int
    subscriptions_table: bool
    diagnostics: bool = True
    # The refresh cycle's world (refresh_bench.py): customers with five subscriptions each.
    refresh_customers: int = 20_000


MODES = {
    "full": Mode(20_000, 100_000, 200, 1_000, 5, True,
                 interaction.Plan(("šumav", "dvořák", "zq"), rounds=3, page_downs=40),
                 echo_keys=30, sync_customers=2_000, sync_rate=6_000, sync_latency_ms=30,
                 subscriptions_table=True),
    "quick": Mode(20_000, 100_000, 200, 1_000, 3, True,
                  interaction.Plan(("šumav", "dvořák", "zq"), rounds=1, page_downs=15),
                  echo_keys=15, sync_customers=300, sync_rate=6_000, sync_latency_ms=30,
                  subscriptions_table=False, refresh_customers=2_000),
    "tiny": Mode(120, 600, 40, 200, 1, False,
                 interaction.Plan(("šu",), rounds=1, page_downs=1, window_query_repeats=1,
                                  typing_words=("šu", "zq")),
                 echo_keys=2, sync_customers=12, sync_rate=60_000, sync_latency_ms=5,
                 subscriptions_table=False, diagnostics=False, refresh_customers=60),
}

# (key in "goals", what, comparison, limit)
GOALS = (
    ("cold_start_ratio", "cold start / minimal Textual app", "<=", 1.5),
    ("filter_p95_ms", "filter keystroke p95 (ms)", "<=", 50.0),
    ("typing_filter_p95_ms", "filter at typing speed p95, worst list (ms)", "<=", 50.0),
    ("typing_final_frames_wrong", "final frames wrong after typing", "<=", 0),
    ("page_down_p95_ms", "page down at the bottom p95 (ms)", "<=", 30.0),
    ("page_down_anywhere_p95_ms", "page down top/middle/bottom p95, worst (ms)", "<=", 30.0),
    ("memory_ratio", "peak RSS, big / small cache", "<=", 1.3),
    ("sync_ratio", "full sync / floor (requests / rate)", "<=", 1.25),
    ("sync_429_share", "429s / requests during the sync", "<=", 0.01),
    ("ui_stall_ms", "longest UI-loop block during sync (ms)", "<=", 100.0),
    ("worst_window_ms", "window read anywhere in the long lists, worst (ms)", "<=", 15.0),
    ("refresh_ratio", "refresh of 50 changes / full read (requests)", "<=", 0.02),
    ("refresh_changes_missing", "changes not in the cache after the refresh", "<=", 0),
)


_STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


def measure_sessions(big: common.CacheHome, small: common.CacheHome,
                     mode: Mode) -> dict[str, Any]:
    sessions = {home: interaction.run_session(home, mode.plan, log) for home in (big, small)}
    echo = interaction.echo_baseline(small, mode.echo_keys)
    big_run, small_run = sessions[big], sessions[small]
    return {
        "method": "real console in an 80x24 pty; key written to the pty -> arrival of the "
                  "frame showing the result; the console is idle (no output, no CPU) before "
                  "each key",
        "filter_ms": {
            "words": list(mode.plan.words), "rounds": mode.plan.rounds,
            "big_cache": interaction.latency(big_run.filter_s),
            "small_cache": interaction.latency(small_run.filter_s),
        },
        "page_down_at_bottom_ms": {
            "customers": interaction.latency(big_run.customers_page_down_s),
            "all_subscriptions": interaction.latency(big_run.subscriptions_page_down_s),
        },
        "typing_speed_ms": {
            "method": "keys written one every 30 ms without waiting for the console; each "
                      "key: write -> first frame whose title shows the filter after it (or a "
                      "later one) with that filter's count; each word typed then erased, the "
                      "final frame of each burst checked against the filter's rows",
            "words": list(mode.plan.typing_words),
            **{name: _typing(result) for name, result in big_run.typing.items()},
        },
        "page_down_ms": {
            name: {where: interaction.latency(samples) for where, samples in places.items()}
            for name, places in big_run.page_down_s.items()
        },
        "jump_to_middle_ms": {
            "method": "scrollbar thumb grabbed at the top and moved half way down the track: "
                      "mouse move -> the last frame of the (animated) scroll, the rows there",
            **{name: interaction.rounded(seconds * 1000)
               for name, seconds in big_run.jump_to_middle_s.items()},
            "customer_row_reached": big_run.middle_row.get("customers"),
        },
        "show_all_subscriptions_ms": interaction.latency(big_run.toggle_all_s),
        "echo_baseline_ms": {
            "method": "minimal Textual app with an Input: key -> its echo on screen",
            **interaction.latency(echo),
        },
        "window_query_ms": interaction.window_queries(big, mode.plan.window_query_repeats),
        "memory": {
            "method": "VmHWM of the console after start, filtering and scrolling",
            "peak_rss_mb_big": interaction.rss_mb(big_run.peak_rss_kb),
            "peak_rss_mb_small": interaction.rss_mb(small_run.peak_rss_kb),
            "ratio": common.ratio(big_run.peak_rss_kb or 0, small_run.peak_rss_kb or 0),
        },
    }


def _typing(result: interaction.TypingResult) -> dict[str, Any]:
    return {
        **interaction.latency(result.key_s),
        "key_interval_ms": interaction.latency(result.intervals_s),
        "bursts": result.bursts,
        "final_frames_correct": result.final_correct,
        "failures": result.failures,
    }


def git_state() -> dict[str, Any]:
    """The commit measured, and whether the work tree differed from it ("dirty")."""
    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", *args], cwd=common.REPO_ROOT, capture_output=True,
                                  text=True, timeout=30, check=True)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def window_reads(cache_db: Path, log: Any) -> dict[str, Any] | None:
    """Window read times from ``benchmarks/window_bench.py`` when that module is present."""
    # Another change adds that module; until it is merged, the run goes on without it.
    try:
        window_bench = importlib.import_module("window_bench")
    except ModuleNotFoundError as error:
        if error.name != "window_bench":
            raise  # the module is there but one of its imports is not: say so
        return None
    log("window reads (window_bench)")
    measured: dict[str, Any] = window_bench.measure(cache_db)
    return measured


def refresh_cycle(customers: int, log: Any) -> dict[str, Any]:
    """``refresh_bench.py`` in a process of its own (it has its own home and sandbox world):
    a full read, 50 changes by another operator, one refresh cycle."""
    log(f"refresh cycle ({customers} customers, 50 changes)")
    done = subprocess.run(
        [sys.executable, str(common.BENCH_DIR / "refresh_bench.py"),
         "--customers", str(customers), "--json"],
        capture_output=True, text=True, timeout=7200, check=False)
    if not done.stdout.strip():
        raise RuntimeError(f"refresh_bench.py printed nothing: {done.stderr[-2000:]}")
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def goals_from(results: dict[str, Any]) -> dict[str, Any]:
    start = results["cold_start"]
    ui = results["interaction"]
    sync = results["sync"]
    page_downs = ui["page_down_at_bottom_ms"]
    typing = ui["typing_speed_ms"]
    headless = sync["headless"]
    values = {
        "cold_start_ratio": start["ratio_console_to_minimal"],
        "filter_p95_ms": ui["filter_ms"]["big_cache"].get("p95"),
        # The worst of the two lists at typing speed, and a wrong final frame fails it.
        "typing_filter_p95_ms": max(typing[name].get("p95", math.inf) for name in LISTS),
        "typing_final_frames_wrong": sum(typing[name]["bursts"]
                                         - typing[name]["final_frames_correct"]
                                         for name in LISTS),
        "page_down_p95_ms": max(page_downs[name].get("p95", 0.0) for name in page_downs),
        "page_down_anywhere_p95_ms": max(
            stats.get("p95", 0.0) for places in ui["page_down_ms"].values()
            for stats in places.values()),
        "memory_ratio": ui["memory"]["ratio"],
        "sync_ratio": headless["ratio_to_floor"],
        "sync_429_share": common.rounded(
            headless["server_429s"] / max(1, headless["server_requests"])),
        "ui_stall_ms": sync["console"]["stall"]["during_sync"]["max_ms"],
        "worst_window_ms": (results.get("window_reads") or {}).get("worst_window_ms"),
        "refresh_ratio": results["refresh"]["ratio"],
        "refresh_changes_missing": (results["refresh"]["changes"]["made"]
                                    - results["refresh"]["refresh"]["changes_in_cache"]),
    }
    goals = {}
    for key, what, comparison, limit in GOALS:
        value = values[key]
        met = value is not None and value <= limit
        goals[key] = {"what": what, "value": value, "goal": f"{comparison} {limit:g}",
                      "met": met}
    return goals


def table(results: dict[str, Any]) -> str:
    start = results["cold_start"]
    ui = results["interaction"]
    sync = results["sync"]
    lines = [
        f"csp-tui benchmarks ({results['mode']}) on {results['machine']['cpu']}, "
        f"{results['machine']['cores']} cores, Python {results['machine']['python']}, "
        f"Textual {results['machine']['textual']}",
        f"commit {results['git']['commit']}{' (dirty)' if results['git']['dirty'] else ''}, "
        f"{results['started_at']}",
        f"big cache: {results['sizes']['customers']:,} customers / "
        f"{results['sizes']['subscriptions']:,} subscriptions; small cache: "
        f"{results['sizes']['small_customers']:,} / {results['sizes']['small_subscriptions']:,}",
        "",
        f"{'measurement':<44}{'value':>12}{'baseline':>12}  result",
    ]

    def row(name: str, value: Any, baseline: Any = "", result: str = "") -> None:
        lines.append(f"{name:<44}{value!s:>12}{baseline!s:>12}  {result}")

    row("cold start, median s (vs minimal app)", start["console_s"]["median"],
        start["minimal_s"]["median"], f"ratio {start['ratio_console_to_minimal']}")
    row("  plain DataTable, all customers, s", start["datatable_s"]["median"], "",
        f"{start['ratio_datatable_to_console']}x the console")
    imports = start["import_only_s"]
    if "console_without_backend" in start["program_s"]:
        row("  console without its back end, s",
            start["program_s"]["console_without_backend"]["median"], "",
            "diagnostic: StaticBackend")
    if imports["console_modules"]["n"]:
        row("  imports only: console modules / Textual, s",
            imports["console_modules"]["median"], imports["textual_only"]["median"])
    if "datatable_all_subscriptions" in start:
        table_all = start["datatable_all_subscriptions"]
        row("  plain DataTable, all subscriptions, s", table_all["first_paint_s"], "",
            f"RSS {table_all['rss_mb']} MB")
    filter_big, filter_small = ui["filter_ms"]["big_cache"], ui["filter_ms"]["small_cache"]
    row("filter keystroke p50 / p95, ms", filter_big.get("median"),
        filter_big.get("p95"), f"n={filter_big['n']}")
    row("  same on the small cache, p50 / p95, ms", filter_small.get("median"),
        filter_small.get("p95"), f"n={filter_small['n']}")
    row("  key echo in a minimal app, p50 / p95, ms", ui["echo_baseline_ms"].get("median"),
        ui["echo_baseline_ms"].get("p95"))
    typing = ui["typing_speed_ms"]
    for name in LISTS:
        stats = typing[name]
        row(f"typing speed, {name} p50 / p95, ms", stats.get("median"), stats.get("p95"),
            f"n={stats['n']}, final frames {stats['final_frames_correct']}/{stats['bursts']}")
    for name, places in ui["page_down_ms"].items():
        for where, stats in places.items():
            row(f"page down {where} ({name}) p50 / p95", stats.get("median"),
                stats.get("p95"), f"n={stats['n']}")
    jump = ui["jump_to_middle_ms"]
    row("  scrollbar drag to the middle, ms", jump.get("customers"),
        jump.get("all_subscriptions"), "customers / all subs")
    window = ui["window_query_ms"]
    row("  count per reload, customers / all subs, ms", window["customers"]["count"],
        window["all_subscriptions"]["count"])
    row("  window read in the middle: customers / subs", window["customers"]["middle"],
        window["all_subscriptions"]["middle"], "ms")
    reads = results.get("window_reads")
    if reads is not None:
        # The summary figures only; every list and position is in the results file.
        lines.append("  window reads (window_bench): " + ", ".join(
            f"{key} {value}" for key, value in reads.items()
            if isinstance(value, int | float) and not isinstance(value, bool)))
    memory = ui["memory"]
    row("peak RSS MB, big cache vs small cache", memory["peak_rss_mb_big"],
        memory["peak_rss_mb_small"], f"ratio {memory['ratio']}")
    rss = start["rss_after_first_paint_mb"]
    row("  RSS MB after first paint: DataTable / app", rss.get("datatable"), rss.get("minimal"))
    headless = sync["headless"]
    row("full sync s (vs floor)", headless["elapsed_s"], headless["floor_s"],
        f"ratio {headless['ratio_to_floor']}, 429s {headless['server_429s']}")
    console = sync["console"]
    stall = console["stall"]["during_sync"]
    row("UI loop: longest block during sync, ms", stall["max_ms"], stall["p99_ms"],
        f"(baseline = p99), sync {console['elapsed_s']} s")
    row("  same, counting only time on a CPU, ms", console["stall"]["max_on_cpu_ms"], "",
        f"UI thread used {console['stall']['ui_thread_cpu_share']:.0%} of a core")
    refresh = results["refresh"]
    full_read, cycle = refresh["full_read"], refresh["refresh"]
    row(f"refresh: {refresh['customers']:,} customers, requests", cycle["requests"],
        full_read["requests"], f"ratio {refresh['ratio']:.2%}, "
        f"{cycle['changes_in_cache']}/{refresh['changes']['made']} changes in the cache")
    row("  full read s (in-process) / floor at 500/min s", full_read["seconds"],
        full_read["floor_at_500_per_minute_s"], f"refresh {cycle['seconds']} s")
    conditions = results["conditions"]
    lines.append("")
    lines.append("machine load (1-min average) / calibration loop ms: " + ", ".join(
        f"{phase} {values['load_average'][:1]} {values['calibration_ms']}"
        for phase, values in conditions.items()))
    lines.append("")
    for goal in results["goals"].values():
        verdict = "met" if goal["met"] else "MISSED"
        lines.append(f"  {verdict:<7}{goal['what']}: {goal['value']} (goal {goal['goal']})")
    return "\n".join(lines)


def run(mode_name: str, workdir: Path) -> dict[str, Any]:
    mode = MODES[mode_name]
    began = time.perf_counter()
    results: dict[str, Any] = {
        "schema": 1,
        "mode": mode_name,
        "started_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        # What was measured: the commit, and "dirty" when the tree had changes.
        "git": git_state(),
        "machine": common.machine(),
        # Load and speed of the machine at the start, after each phase and at the end: other
        # programs running at the same time show here.
        "conditions": {"start": common.conditions()},
        "sizes": {"customers": mode.customers, "subscriptions": mode.subscriptions,
                  "small_customers": mode.small_customers,
                  "small_subscriptions": mode.small_subscriptions},
    }
    log(f"building caches ({mode.customers} customers / {mode.subscriptions} subscriptions)")
    built = time.perf_counter()
    big = common.build_cache_home(workdir / "big", customers=mode.customers,
                                  subscriptions=mode.subscriptions)
    results["sizes"]["build_big_cache_s"] = common.rounded(time.perf_counter() - built)
    small = common.build_cache_home(workdir / "small", customers=mode.small_customers,
                                    subscriptions=mode.small_subscriptions)
    results["conditions"]["after_build"] = common.conditions()
    log("cold start")
    results["cold_start"] = startup.measure(big, repeats=mode.start_repeats,
                                            warm_up=mode.warm_up,
                                            subscriptions_table=mode.subscriptions_table,
                                            diagnostics=mode.diagnostics, log=log)
    results["conditions"]["after_cold_start"] = common.conditions()
    log("filter, scroll, memory")
    results["interaction"] = measure_sessions(big, small, mode)
    results["conditions"]["after_interaction"] = common.conditions()
    results["window_reads"] = window_reads(big.cache_db, log)
    log(f"sync ({mode.sync_customers} customers at {mode.sync_rate}/min)")
    results["sync"] = sync_bench.measure(workdir / "sync", customers=mode.sync_customers,
                                         rate=mode.sync_rate,
                                         latency_ms=mode.sync_latency_ms, log=log)
    results["conditions"]["after_sync"] = common.conditions()
    results["refresh"] = refresh_cycle(mode.refresh_customers, log)
    results["goals"] = goals_from(results)
    results["duration_s"] = common.rounded(time.perf_counter() - began)
    results["conditions"]["end"] = common.conditions()
    return results


def readable_json(results: dict[str, Any]) -> str:
    """Indented JSON with short lists (samples, load averages) kept on one line."""
    text = json.dumps(results, indent=1, ensure_ascii=False)
    return re.sub(r"\[\s+([^\[\]{}\s][^\[\]{}]*?)\s+\]",
                  lambda match: "[" + " ".join(match.group(1).split()) + "]", text) + "\n"


def results_path(mode_name: str) -> Path:
    """Where a run of this mode writes by default."""
    return RESULTS if mode_name == "full" else RESULTS.with_name(f"results-{mode_name}.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="fewer repeats, a smaller sync")
    size.add_argument("--tiny", action="store_true", help="toy sizes (for the smoke test)")
    parser.add_argument("--output", type=Path, default=None,
                        help="results JSON file (default: results.json for the full run, "
                             "results-quick.json / results-tiny.json otherwise)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the temporary homes go (default: a new temp directory)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    mode_name = "tiny" if args.tiny else "quick" if args.quick else "full"
    # Only a full run may replace the recorded results that BENCHMARKS.md cites.
    output: Path = args.output or results_path(mode_name)

    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="csp-tui-bench-", dir=args.workdir))
    # Anything in this process that resolves csp-tui paths lands in the work directory too.
    os.environ["CSP_TUI_HOME"] = str(workdir / "harness-home")
    for name in [name for name in os.environ if name.startswith("TEXTUAL_")]:
        del os.environ[name]
    try:
        results = run(mode_name, workdir)
    finally:
        if args.keep:
            log(f"work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(readable_json(results), encoding="utf-8")
    print(table(results))
    print(f"\nresults: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
