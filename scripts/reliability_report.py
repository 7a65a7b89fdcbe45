"""Run the reliability suite and rewrite the README's Reliability table from what it recorded.

    python scripts/reliability_report.py            # run tests/reliability, update README.md
    python scripts/reliability_report.py --no-write # run and print the table only

Each scenario of ``tests/reliability`` records what it tried, how many faults were really
injected and what was lost (see ``tests/reliability/report.py``); this script collects those
records from one run and replaces the text between ``<!-- reliability:start -->`` and
``<!-- reliability:end -->`` in README.md. The exit code is pytest's: a failing scenario is
shown in the table *and* fails the command.
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
    REPORT_ENV,
    aggregate,
    load,
    render_table,
    replace_between_markers,
)


def run_suite(report: Path, extra: list[str]) -> int:
    env = {**os.environ, REPORT_ENV: str(report)}
    command = [sys.executable, "-m", "pytest", "tests/reliability", "-q", "-p",
               "no:cacheprovider", *extra]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def table_text(report: Path, status: int) -> str:
    rows = aggregate(load(report))
    lines = [
        render_table(rows),
        "",
        f"Produced by `python scripts/reliability_report.py` ({len(rows)} scenarios; "
        f"pytest exit code {status}).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument("pytest_args", nargs="*", help="extra arguments for pytest")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "reliability.json"
        status = run_suite(report, args.pytest_args)
        if not report.exists():
            print("the reliability suite recorded nothing (did it run?)", file=sys.stderr)
            return status or 1
        text = table_text(report, status)
    print(text)
    if not args.no_write:
        readme = ROOT / "README.md"
        readme.write_text(replace_between_markers(readme.read_text(encoding="utf-8"), text),
                          encoding="utf-8")
        print(f"updated {readme}", file=sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
