"""Run the reliability suite and rewrite the README's Reliability table from what it recorded.

    python scripts/reliability_report.py            # run tests/reliability, update README.md
    python scripts/reliability_report.py --no-write # run and print the table only
    python scripts/reliability_report.py --from-json FILE --check
        # the records of a run already made (CI: the whole suite, CSP_TUI_RELIABILITY_JSON
        # set); fails when README.md's table differs from them

Each scenario of ``tests/reliability`` records what it tried, how many faults were really
injected and what was lost (see ``tests/reliability/report.py``); this script collects those
records from one run and replaces the text between ``<!-- reliability:start -->`` and
``<!-- reliability:end -->`` in README.md. The exit code is pytest's: a failing scenario is
shown in the table *and* fails the command. A scenario missing from the records (skipped,
deselected, its worker's records lost) fails it too: a table without it would claim less than
it seems to.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from reliability.report import (  # noqa: E402 - the tests directory is not a package
    END_MARKER,
    REPORT_ENV,
    START_MARKER,
    aggregate,
    load,
    missing_scenarios,
    record_files,
    render_table,
    replace_between_markers,
)


def run_suite(report: Path, extra: list[str]) -> int:
    env = {**os.environ, REPORT_ENV: str(report)}
    command = [sys.executable, "-m", "pytest", "tests/reliability", "-q", "-p",
               "no:cacheprovider", *extra]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def commit() -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=False)
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def table_text(report: Path, status: int) -> str:
    rows = aggregate(load(report))
    lines = [
        render_table(rows),
        "",
        f"Produced by `python scripts/reliability_report.py` ({len(rows)} scenarios; "
        f"pytest exit code {status}; measured at commit {commit()}).",
    ]
    return "\n".join(lines)


def _table_only(text: str) -> str:
    """What a fresh run must reproduce: each row's scenario, runs, losses and result. The
    counts of operations and faults are left out: how many 401s a revoked sign-in meets
    depends on how the concurrent workers interleave, so they vary from run to run."""
    start, end = text.find(START_MARKER), text.find(END_MARKER)
    body = text[start + len(START_MARKER):end] if 0 <= start < end else ""
    rows = []
    for line in body.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if line.startswith("|") and len(cells) == 6:
            rows.append(" | ".join([cells[0], cells[1], cells[4], cells[5]]))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument("--from-json", type=Path, default=None,
                        help="use the records of a run already made instead of running")
    parser.add_argument("--check", action="store_true",
                        help="fail when README.md's table differs from the records")
    parser.add_argument("pytest_args", nargs="*", help="extra arguments for pytest")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        if args.from_json is not None:
            report, status = args.from_json, 0
        else:
            report = Path(scratch) / "reliability.json"
            status = run_suite(report, args.pytest_args)
        if not record_files(report):
            print("the reliability suite recorded nothing (did it run?)", file=sys.stderr)
            return status or 1
        missing = missing_scenarios(load(report))
        text = table_text(report, status)
    print(text)
    if missing:
        print("scenarios missing from the records: " + "; ".join(missing), file=sys.stderr)
        status = status or 1
    readme = ROOT / "README.md"
    current = readme.read_text(encoding="utf-8")
    if args.check:
        if _table_only(current) != _table_only(f"{START_MARKER}\n{text}\n{END_MARKER}"):
            print("README.md's reliability table is stale: run "
                  "`python scripts/reliability_report.py`", file=sys.stderr)
            return status or 1
        return status
    if not args.no_write:
        readme.write_text(replace_between_markers(current, text), encoding="utf-8")
        print(f"updated {readme}", file=sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
