"""``benchmarks/team_bench.py`` on toy sizes, on the session's PostgreSQL: it runs end to end,
every entry is sent once by the concurrent runners, and the figures are consistent. (Toy
sizes: the numbers themselves say nothing.)"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "team_bench.py"


def _bench(monkeypatch):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("team_bench", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # The spawned runners import it by this name, from the parent's sys.path.
    monkeypatch.setitem(sys.modules, "team_bench", module)
    monkeypatch.syspath_prepend(str(BENCH.parent))
    spec.loader.exec_module(module)
    return module


def test_a_tiny_team_bench(pg_cluster, tmp_path, monkeypatch):
    bench = _bench(monkeypatch)
    sqlite = bench.outbox_sqlite(tmp_path, 30)
    postgres = bench.outbox_postgres(pg_cluster, 30, 2)  # checks: every entry done once
    assert sqlite["entries"] == postgres["entries"] == 30
    assert 0 < postgres["claim_p50_ms"] <= postgres["claim_p95_ms"]
    reads = bench.reads(tmp_path, pg_cluster, 20, 100, 5)
    assert reads["sqlite_state_db"]["p50_ms"] <= reads["sqlite_state_db"]["p95_ms"]
    assert reads["team_change_to_copy_p95_ms"] > 0
