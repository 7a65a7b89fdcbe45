"""``benchmarks/refresh_bench.py`` in its tiniest mode: it runs end to end, the refresh cycle
brings every change into the cache, and the figures it prints are counted and consistent.
(A toy world's ratio says nothing about the goal: the sweep is a fixed share of the rate
limit, so only at scale is it small against a full read.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks" / "refresh_bench.py"


def test_a_tiny_refresh_bench_counts_both_reads(isolated_home: Path) -> None:
    env = {**os.environ, "CSP_TUI_HOME": str(isolated_home)}
    answer = subprocess.run([sys.executable, str(BENCH), "--customers", "40", "--changes", "6",
                             "--json"], capture_output=True, text=True, env=env, timeout=300,
                            check=False)
    assert answer.returncode == 0, answer.stderr
    figures = json.loads(answer.stdout)
    assert figures["customers"] == 40
    assert figures["changes"]["made"] == 6
    assert figures["refresh"]["kind"] == "refresh"
    assert figures["refresh"]["changes_in_cache"] == 6
    assert figures["refresh"]["reread"]["audit"] == 6
    full, cycle = figures["full_read"]["requests"], figures["refresh"]["requests"]
    assert 0 < cycle < full
    assert figures["ratio"] == round(cycle / full, 4)
    assert figures["full_read"]["floor_at_500_per_minute_s"] == round(full / 500 * 60, 1)
