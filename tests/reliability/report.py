"""What each reliability scenario tried and what it lost, for the README's Reliability table.

Tests record one :class:`ScenarioRecord` per scenario run through the ``reliability`` fixture
(see ``conftest.py``): how many operations were attempted under the fault and how many faults
were really injected — both counted by instrumentation (the program's entry points, the
sandbox's counters, the fakes), never typed in — and how many things were lost: rows missing
from the cache after the next clean sync, outbox entries gone or duplicated, state rows
changed, a traceback shown to a person. Every test asserts ``lost == 0`` *after* recording,
so a failing run still shows the real number.

With the environment variable :data:`REPORT_ENV` set to a path, the records of the run are
written there as JSON; ``scripts/reliability_report.py`` turns them into the Markdown table.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPORT_ENV = "CSP_TUI_RELIABILITY_JSON"
START_MARKER = "<!-- reliability:start -->"
END_MARKER = "<!-- reliability:end -->"


@dataclass
class ScenarioRecord:
    #: One line of the table, in words a reader of the README understands.
    scenario: str
    #: Operations tried under the fault (CLI runs, syncs, outbox runs, processes, requests …),
    #: as counted by the ``reliability`` fixture's instrumentation.
    attempts: int
    #: Faults really injected, as counted (the sandbox's counters, kills delivered, the fakes).
    faults: int
    #: What did not survive: rows, entries, tenants duplicated, tracebacks (goal: 0).
    lost: int
    #: The test that recorded it (pytest node id).
    test: str
    #: "passed" unless the test failed after recording.
    outcome: str = "passed"
    notes: list[str] = field(default_factory=list)


class Ledger:
    """Records of one pytest session."""

    def __init__(self) -> None:
        self.records: list[ScenarioRecord] = []

    def add(self, record: ScenarioRecord) -> ScenarioRecord:
        self.records.append(record)
        return record

    def mark_failed(self, test: str) -> None:
        for record in self.records:
            if record.test == test:
                record.outcome = "failed"

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        document = {"records": [asdict(record) for record in self.records]}
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")

    def write_if_requested(self) -> Path | None:
        """Under pytest-xdist each worker writes its own file beside the requested one
        (``<path>.<worker>``), so no worker's records replace another's; :func:`load` merges
        them."""
        target = os.environ.get(REPORT_ENV)
        if not target:
            return None
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        path = Path(f"{target}.{worker}") if worker else Path(target)
        if worker and not self.records:
            return None  # a worker that ran no scenario has nothing to add
        self.write(path)
        return path


def record_files(path: Path) -> list[Path]:
    """The requested file and every worker's file beside it."""
    found = [path] if path.exists() else []
    return found + sorted(path.parent.glob(path.name + ".gw*"))


def load(path: Path) -> list[ScenarioRecord]:
    records: list[ScenarioRecord] = []
    for file in record_files(path):
        document = json.loads(file.read_text(encoding="utf-8"))
        records += [ScenarioRecord(**item) for item in document.get("records", [])]
    return records


#: Every scenario the suite records; a run whose report lacks one is not a report (a test
#: skipped, deselected or run on a worker whose records were lost).
EXPECTED_SCENARIOS = (
    "sync: access token expires mid-sync (refreshed)",
    "sync + outbox: sign-in revoked mid-sync",
    "CLI sync: revoked env token",
    "lone surrogate in a company name from Partner Center",
    "CLI `customers --filter` with huge/empty/binary/RTL/emoji text",
    "CLI `invite --company` with huge/empty/binary/RTL/emoji text",
    "CLI `tenant create --file` with huge/empty/binary/RTL/emoji files",
    "corrupt cache.db (moved aside, rebuilt, said so)",
    "corrupt state.db (refused, never replaced)",
    "profile directory is a file / not creatable",
    "disk full in the middle of a sync",
    "read-only profile: lists work, writes refused clearly",
    "two consoles + a CLI sync on one profile (2 rounds)",
    "kill -9 during a sync (3 times in a row)",
    "kill -9 during a tenant creation, restart with `csp-tui tenant create`",
    "kill -9 during a tenant creation, restart with `csp-tui sync`",
    "sender dies mid-body, resent with the same key",
    "sync: 429 burst (Retry-After honoured)",
    "sync: 500/503 answers",
    "sync: request timeouts",
    "sync: connection dropped mid-body",
    "sync: malformed JSON answers",
    "hostile remote names (markup, ANSI, OSC 52, bidi) in CLI output",
    "hostile remote names (markup, ANSI, OSC 52, bidi) on the console",
    "read-only profile: every writing service refuses",
)


def missing_scenarios(records: Iterable[ScenarioRecord]) -> list[str]:
    seen = {record.scenario for record in records}
    return [scenario for scenario in EXPECTED_SCENARIOS if scenario not in seen]


@dataclass
class TableRow:
    scenario: str
    runs: int
    attempts: int
    faults: int
    lost: int
    failed: int


def aggregate(records: Iterable[ScenarioRecord]) -> list[TableRow]:
    """One row per scenario (in first-recorded order), its runs summed."""
    rows: dict[str, TableRow] = {}
    for record in records:
        row = rows.setdefault(record.scenario, TableRow(record.scenario, 0, 0, 0, 0, 0))
        row.runs += 1
        row.attempts += record.attempts
        row.faults += record.faults
        row.lost += record.lost
        row.failed += record.outcome != "passed"
    return list(rows.values())


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_table(rows: list[TableRow]) -> str:
    lines = [
        "| scenario | runs | operations tried | faults injected | lost | result |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        result = "ok" if row.failed == 0 and row.lost == 0 else (
            f"**{row.failed} failed**" if row.failed else "**loss**")
        lines.append(f"| {_cell(row.scenario)} | {row.runs} | {row.attempts} | {row.faults} | "
                     f"{row.lost} | {result} |")
    total = TableRow("total", sum(r.runs for r in rows), sum(r.attempts for r in rows),
                     sum(r.faults for r in rows), sum(r.lost for r in rows),
                     sum(r.failed for r in rows))
    lines.append(f"| **total** | {total.runs} | {total.attempts} | {total.faults} | "
                 f"{total.lost} | {'ok' if not total.failed and not total.lost else 'NOT OK'} |")
    return "\n".join(lines)


def replace_between_markers(text: str, body: str) -> str:
    """``text`` with everything between the reliability markers replaced by ``body``."""
    start = text.find(START_MARKER)
    end = text.find(END_MARKER)
    if start < 0 or end < 0 or end < start:
        raise ValueError(f"the markers {START_MARKER} … {END_MARKER} are missing")
    return text[: start + len(START_MARKER)] + "\n" + body.strip("\n") + "\n" + text[end:]
