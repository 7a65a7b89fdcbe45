"""The reliability report cannot drop results: the suite stays on one xdist worker, each
worker's records are kept (never overwritten by another's), a missing scenario fails it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from reliability.report import (  # noqa: E402
    EXPECTED_SCENARIOS,
    REPORT_ENV,
    Ledger,
    ScenarioRecord,
    load,
    missing_scenarios,
    record_files,
)


def _record(scenario: str, test: str = "t") -> ScenarioRecord:
    return ScenarioRecord(scenario=scenario, attempts=1, faults=1, lost=0, test=test)


def test_each_worker_keeps_its_own_records_and_load_merges_them(tmp_path, monkeypatch):
    target = tmp_path / "reliability.json"
    monkeypatch.setenv(REPORT_ENV, str(target))
    for worker, scenario in (("gw0", "a"), ("gw1", "b"), ("gw2", None)):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        ledger = Ledger()
        if scenario:
            ledger.add(_record(scenario))
        ledger.write_if_requested()
    assert [p.name for p in record_files(target)] == ["reliability.json.gw0",
                                                      "reliability.json.gw1"]
    assert sorted(r.scenario for r in load(target)) == ["a", "b"]


def test_a_missing_scenario_is_named():
    records = [_record(name) for name in EXPECTED_SCENARIOS[1:]]
    assert missing_scenarios(records) == [EXPECTED_SCENARIOS[0]]
    assert missing_scenarios([*records, _record(EXPECTED_SCENARIOS[0])]) == []


def test_under_loadgroup_the_reliability_tests_share_one_worker(tmp_path):
    """Six scenario runs on two workers: with the group marker in place before xdist reads
    it, one worker runs them all (one record file); without, they are split."""
    target = tmp_path / "reliability.json"
    env = {**os.environ, REPORT_ENV: str(target)}
    env.pop("PYTEST_XDIST_WORKER", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2",
         "--dist", "loadgroup", "tests/reliability/test_bad_input.py",
         "-k", "customers_filter_with_bad_text"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    files = record_files(target)
    assert len(files) == 1, files
    assert len(load(target)) == 6


def test_check_compares_scenarios_runs_and_losses_not_the_varying_counts():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "report_script", ROOT / "scripts" / "reliability_report.py")
    assert spec is not None and spec.loader is not None
    reliability_report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reliability_report)

    def readme(rows: str) -> str:
        return ("<!-- reliability:start -->\n| scenario | runs | operations tried | faults "
                "injected | lost | result |\n|---|---:|---:|---:|---:|---|\n" + rows
                + "\n<!-- reliability:end -->")

    measured = readme("| sync: 500/503 answers | 1 | 2 | 18 | 0 | ok |")
    same = readme("| sync: 500/503 answers | 1 | 3 | 16 | 0 | ok |")
    lossy = readme("| sync: 500/503 answers | 1 | 2 | 18 | 1 | **loss** |")
    fewer = readme("")
    table = reliability_report._table_only
    assert table(measured) == table(same)
    assert table(measured) != table(lossy)
    assert table(measured) != table(fewer)
