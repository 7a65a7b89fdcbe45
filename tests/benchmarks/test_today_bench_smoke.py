"""``benchmarks/today_bench.py`` in its tiniest mode: it runs end to end and its figures are
counted and consistent (a toy cache's times say nothing about the goal)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "benchmarks" / "today_bench.py"


def test_a_tiny_today_bench_reads_the_last_sync(isolated_home: Path) -> None:
    env = {**os.environ, "CSP_TUI_HOME": str(isolated_home)}
    answer = subprocess.run([sys.executable, str(BENCH), "--customers", "40", "--syncs", "3",
                             "--repeat", "2", "--json"], capture_output=True, text=True,
                            env=env, timeout=300, check=False)
    assert answer.returncode == 0, answer.stderr
    figures = json.loads(answer.stdout)
    assert figures["customers"] == 40
    # 40 customers' subscriptions, each changed in each of the three syncs.
    assert figures["events"] == 3 * figures["subscriptions"]
    # Only the last sync is after the last look.
    assert figures["changed_listed"] == figures["subscriptions"]
    assert figures["due_listed"] > 0
    assert 0 < figures["build_today_ms"]["median"] <= figures["build_today_ms"]["worst"]
