"""The window benchmark (``benchmarks/window_bench.py``) measures every list at every position
through both readers. Toy sizes: the times mean nothing, so only what was measured is
checked, never how fast."""

from __future__ import annotations

import math
from pathlib import Path

from csp_tui.cache.db import open_cache
from csp_tui.cache.views import count_customers, count_subscriptions
from csp_tui.sandbox import synthetic_cache as synthetic

from .test_bench_smoke import _load


def test_measure_reads_every_list_at_every_position(tmp_path: Path) -> None:
    bench = _load("window_bench")
    db = open_cache(tmp_path / "cache.db")
    try:
        synthetic.populate(db, None, customers=150, subscriptions=700, seed=3,
                           now="2026-11-24T09:00:00Z", removed=2)
        customers = count_customers(db)
        subscriptions = count_subscriptions(db, now=bench.CLOCK_NOW)
    finally:
        db.close()
    results = bench.measure(tmp_path / "cache.db", repeats=1)
    lists = results["lists"]
    assert {"customers/name", "subscriptions/product", "subscriptions/customer",
            "subscriptions/renewal desc"} <= set(lists)
    assert lists["customers/name"]["rows"] == customers
    assert lists["subscriptions/quantity"]["rows"] == subscriptions
    for entry in lists.values():
        for where, samples in (("top", 1), ("middle", 1), ("bottom", 1), ("jump", 6)):
            assert entry[where]["seek_ms"]["n"] == entry[where]["offset_ms"]["n"] == samples
    assert math.isfinite(results["worst_window_ms"]) and results["goal_ms"] == 15.0
    assert "worst window p95" in bench.table(results)
