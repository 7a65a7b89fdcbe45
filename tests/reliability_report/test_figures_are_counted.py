"""The reliability table's "operations tried" and "faults injected" are counted by
instrumentation (the sandbox's counters, the program's entry points, the fakes where they
inject), never typed into the tests: a typed number goes stale the day the test changes."""

from __future__ import annotations

import ast
import asyncio
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from reliability.conftest import LEDGER, Recorder  # noqa: E402

SUITE = ROOT / "tests" / "reliability"


def _record_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in sorted(SUITE.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "record" and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id == "reliability":
                calls.append((f"{path.name}:{node.lineno}", node))
    return calls


def test_no_record_call_types_its_figures():
    calls = _record_calls()
    assert len(calls) >= 20  # every scenario of the suite is looked at
    typed = [where for where, call in calls
             for keyword in call.keywords if keyword.arg in ("attempts", "faults")]
    assert typed == [], f"figures typed into record(): {typed}"


def test_the_recorder_counts_entry_points_and_kills(monkeypatch, tmp_path):
    from csp_tui import cli
    from csp_tui.services.sync import SyncEngine

    recorder = Recorder("t")
    calls: list[list[str]] = []
    monkeypatch.setattr(cli, "main", lambda argv=None: calls.append(argv) or 0)

    async def fake_sync(self):  # type: ignore[no-untyped-def]
        return None

    monkeypatch.setattr(SyncEngine, "full_sync", fake_sync)
    with pytest.MonkeyPatch.context() as patch:
        recorder.instrument(patch)
        cli.main(["customers", "--filter", "\u202e"])
        cli.main(["customers"])
        asyncio.run(SyncEngine.full_sync(object()))  # type: ignore[arg-type]
        assert recorder.faults_with("\u202e", "rtl argument") == 1
        before = {"injected_by_kind": {"429": 1}}
        after = {"injected_by_kind": {"429": 3, "drop": 1}}
        assert recorder.sandbox_faults(before, after) == 3
        record = recorder.record("scenario", lost=0)
    LEDGER.records.remove(record)
    assert (record.attempts, record.faults) == (3, 4)
    assert recorder.operations == {"cli": 2, "sync": 1}
    assert recorder.faults == {"rtl argument": 1, "429": 2, "drop": 1}
