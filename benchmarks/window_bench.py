"""Window reads anywhere in a long list: ``python benchmarks/window_bench.py [--cache PATH]``.

Reads a 200-row window (the console's ``VirtualTable.WINDOW``) at the top, the middle, the
bottom and at scrollbar jumps of the customers list and of every customer's subscriptions, in
every sort, through the reader the console uses (``seek``: the position index far from the
ends, see ``csp_tui.db.reads``) and through the ``OFFSET`` reader as the same-run baseline.
Also the one-time cost of a list's position index (the first far window of a (filter, sort)
after the cache changed) and of a count, first and on a reload of an unchanged cache.

``measure(cache_path) -> dict`` is what ``run.py`` calls; without ``--cache`` this script
builds a synthetic cache of 20,000 customers and 100,000 subscriptions in a temporary folder.
Goal: every window ≤ 15 ms (``worst_window_ms``).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

WINDOW = 200  # VirtualTable.WINDOW
GOAL_MS = 15.0
# The console's clock for the presets (the synthetic data is written "as of" DATA_NOW).
CLOCK_NOW = datetime(2026, 11, 24, 9, 45, tzinfo=UTC)


def _timed(work: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def _lists() -> list[tuple[str, Any]]:
    """(name, ListQuery) of the lists measured: every sort of both long lists, a descending
    one and a filtered one of each."""
    from csp_tui.cache.views import customers, subscriptions

    found: list[tuple[str, Any]] = []
    for sort in customers.CUSTOMER_SORTS:
        found.append((f"customers/{sort}", customers._customer_query("", sort, False)))
    found.append(("customers/name desc", customers._customer_query("", "name", True)))
    found.append(("customers/name 'a'", customers._customer_query("a", "name", False)))
    for sort in subscriptions.SUBSCRIPTION_SORTS:
        found.append((f"subscriptions/{sort}", subscriptions._subscription_query(
            None, "", sort, False, None, CLOCK_NOW, 30)))
    found.append(("subscriptions/renewal desc", subscriptions._subscription_query(
        None, "", "renewal", True, None, CLOCK_NOW, 30)))
    found.append(("subscriptions/product '365'", subscriptions._subscription_query(
        None, "365", "product", False, None, CLOCK_NOW, 30)))
    return found


def _positions(total: int) -> dict[str, list[int]]:
    last = max(0, total - WINDOW)
    return {
        "top": [0],
        "middle": [max(0, total // 2 - WINDOW // 2)],
        "bottom": [last],
        # Scrollbar jumps: a click anywhere along the bar.
        "jump": [last * share // 100 for share in (7, 23, 38, 61, 77, 93)],
    }


def _connect(cache_path: Path) -> sqlite3.Connection:
    from csp_tui.cache.views.subscriptions import _with_text_functions

    return _with_text_functions(sqlite3.connect(f"file:{cache_path}?mode=ro", uri=True))


def _measure_list(db: sqlite3.Connection, query: Any, repeats: int) -> dict[str, Any]:
    started = time.perf_counter()
    total = query.count(db)
    count_first = time.perf_counter() - started
    entry: dict[str, Any] = {
        "rows": total,
        "count_first_ms": common.rounded(count_first * 1000),
        "count_again_ms": common.summary(_timed(lambda: query.count(db), repeats), scale=1000),
    }
    positions = _positions(total)
    # The first far window builds the list's position index (one pass).
    started = time.perf_counter()
    query.rows(db, positions["middle"][0], WINDOW, total)
    entry["first_far_window_ms"] = common.rounded((time.perf_counter() - started) * 1000)
    for where, offsets in positions.items():
        seek: list[float] = []
        offset: list[float] = []
        for start in offsets:
            seek += _timed(lambda s=start: query.rows(db, s, WINDOW, total), repeats)
            offset += _timed(lambda s=start: query.rows(db, s, WINDOW, total, seek=False),
                             repeats)
        entry[where] = {"seek_ms": common.summary(seek, scale=1000),
                        "offset_ms": common.summary(offset, scale=1000)}
    return entry


def measure(cache_path: Path | str, *, repeats: int = 5) -> dict[str, Any]:
    """Window read times (ms) per list and position, ``seek`` (the console's reader) and
    ``offset`` (the baseline), plus the position index's and the count's costs."""
    cache_path = Path(cache_path)
    results: dict[str, Any] = {"window_rows": WINDOW, "goal_ms": GOAL_MS, "lists": {}}
    for name, query in _lists():
        # A fresh connection: nothing counted or indexed yet, as after a sync.
        db = _connect(cache_path)
        try:
            results["lists"][name] = _measure_list(db, query, repeats)
        finally:
            db.close()
    entries = results["lists"].values()
    results["worst_window_ms"] = max(entry[where]["seek_ms"]["p95"] for entry in entries
                                     for where in ("top", "middle", "bottom", "jump"))
    results["worst_offset_window_ms"] = max(
        entry[where]["offset_ms"]["p95"] for entry in entries
        for where in ("top", "middle", "bottom", "jump"))
    results["worst_first_far_window_ms"] = max(entry["first_far_window_ms"]
                                               for entry in entries)
    return results


def table(results: dict[str, Any]) -> str:
    lines = [f"window of {results['window_rows']} rows, p95 ms: position index (OFFSET "
             "baseline)",
             f"{'list':32} {'rows':>7} {'top':>13} {'middle':>13} {'bottom':>13} "
             f"{'jump':>13} {'1st far':>8} {'count 1st/again':>16}"]
    for name, entry in results["lists"].items():
        cells = [f"{entry[w]['seek_ms']['p95']:5.1f} ({entry[w]['offset_ms']['p95']:5.0f})"
                 for w in ("top", "middle", "bottom", "jump")]
        lines.append(
            f"{name:32} {entry['rows']:7} {' '.join(f'{c:>13}' for c in cells)} "
            f"{entry['first_far_window_ms']:8.0f} "
            f"{entry['count_first_ms']:8.0f}/{entry['count_again_ms']['p95']:<7.2f}")
    lines.append(f"worst window p95: {results['worst_window_ms']} ms (goal ≤ "
                 f"{results['goal_ms']:.0f}; OFFSET: {results['worst_offset_window_ms']} ms); "
                 "worst first far window (builds the index): "
                 f"{results['worst_first_far_window_ms']} ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="a cache.db to read (default: build one)")
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--subscriptions", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="csp-window-bench-") as work:
        cache = args.cache
        if cache is None:
            home = common.build_cache_home(Path(work) / "home", customers=args.customers,
                                           subscriptions=args.subscriptions)
            cache = home.cache_db
        results = measure(cache, repeats=args.repeats)
    print(json.dumps(results, indent=1) if args.json else table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
