"""Team mode's state on PostgreSQL against state.db: ``python benchmarks/team_bench.py [--quick]``.

In one run, on this machine:

- **outbox throughput and claim latency**: N queued entries drained by one runner on SQLite,
  then by one and by four concurrent runner processes on one PostgreSQL (a claim is
  ``claim_next``, the send a no-op, then ``mark_done``: the queue's own cost, what limits a
  team before Partner Center's pacing does);
- **the console's state reads** (p50/p95 of the invitations and call-log windows, the pending
  count): on state.db, and in team mode on the local copy the console reads
  (``state/mirror.py``), plus the time a change takes to reach that copy (one refresh after
  another operator's invitation).

PostgreSQL is a throwaway cluster started from the local binaries (tests/state_engines.py),
without fsync (as the tests run it): a server with durable commits adds its fsync to each
claim. Results in ``benchmarks/team_results.json`` (a full run) and BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import queue
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# The cluster starter the state tests use (one way to start a throwaway PostgreSQL).
sys.path.insert(0, str(HERE.parent / "tests"))

import state_engines  # noqa: E402
from csp_tui.state import command_log, invitations, outbox  # noqa: E402
from csp_tui.state import views as state_views  # noqa: E402
from csp_tui.state.db import open_state  # noqa: E402
from csp_tui.state.mirror import Mirror  # noqa: E402
from csp_tui.state.store import open_team_state  # noqa: E402

RESULTS = HERE / "team_results.json"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _fill_outbox(db: Any, count: int) -> None:
    for n in range(count):
        outbox.enqueue(db, kind="create_customer", payload={"domain": f"t{n}.cz"},
                       subject=f"T{n}", dedupe_key=f"t{n}.cz")


def _drain(db: Any) -> list[float]:
    """Claim and finish entries until none is left; the claim latencies in ms."""
    latencies: list[float] = []
    while True:
        started = time.perf_counter()
        entry = outbox.claim_next(db)
        latencies.append((time.perf_counter() - started) * 1000)
        if entry is None:
            return latencies[:-1]
        outbox.mark_done(db, entry.id, {"customer_id": entry.id})


def _runner_process(url: str, barrier: Any, results: Any) -> None:
    db = open_team_state(url)
    barrier.wait(60)
    started = time.perf_counter()
    latencies = _drain(db)
    results.put((latencies, time.perf_counter() - started))
    db.close()


def outbox_sqlite(workdir: Path, count: int) -> dict[str, float]:
    db = open_state(workdir / "bench-state.db")
    _fill_outbox(db, count)
    started = time.perf_counter()
    latencies = _drain(db)
    elapsed = time.perf_counter() - started
    db.close()
    return _outbox_figures(latencies, elapsed, count)


def outbox_postgres(cluster: Any, count: int, runners: int) -> dict[str, float]:
    url = cluster.new_role(f"bench_outbox_{runners}")
    db = open_team_state(url)
    _fill_outbox(db, count)
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(runners), ctx.Queue()
    processes = [ctx.Process(target=_runner_process, args=(url, barrier, results))
                 for _ in range(runners)]
    for process in processes:
        process.start()
    reports: list[tuple[list[float], float]] = []
    while len(reports) < runners:
        try:
            reports.append(results.get(timeout=1))
        except queue.Empty:
            # A runner that died never reports: say so instead of waiting for it.
            if any(process.exitcode not in (None, 0) for process in processes):
                raise RuntimeError("a runner process failed") from None
    for process in processes:
        process.join(60)
    done = outbox.list_entries(db, states=["done"], limit=count + 1)
    attempts = {entry.attempts for entry in done}
    db.close()
    assert len(done) == count and attempts == {1}, "every entry once"
    latencies = [value for lat, _ in reports for value in lat]
    return _outbox_figures(latencies, max(elapsed for _, elapsed in reports), count)


def _outbox_figures(latencies: list[float], elapsed: float, count: int) -> dict[str, float]:
    return {"entries": count, "seconds": round(elapsed, 3),
            "entries_per_s": round(count / elapsed, 1),
            "claim_p50_ms": round(statistics.median(latencies), 3),
            "claim_p95_ms": round(percentile(latencies, 0.95), 3)}


def _fill_reads(db: Any, invitation_count: int, log_rows: int) -> None:
    for n in range(invitation_count):
        invitations.record(db, company_name=f"Firma {n} s.r.o.", contact_name="Jana",
                           contact_email=f"jana{n}@firma{n}.cz", domain=f"firma{n}.cz",
                           link="https://admin.microsoft.com/x")
    command_log.append_many(db, [{"at": "2026-01-01T08:00:00Z", "method": "GET",
                                  "path": f"/v1/customers/{n}", "status": 200,
                                  "duration_ms": 10} for n in range(log_rows)])
    _fill_outbox(db, 50)


def _console_reads(db: Any, rounds: int) -> dict[str, float]:
    """What the console reads of the state on a refresh: the invitations window, the call
    log's window, the pending count (the views it uses)."""
    timings: list[float] = []
    for _ in range(rounds):
        started = time.perf_counter()
        state_views.invitation_rows(db, offset=0, limit=60)
        state_views.command_rows(db, offset=0, limit=60)
        state_views.outbox_pending(db)
        timings.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(timings), 3),
            "p95_ms": round(percentile(timings, 0.95), 3)}


def reads(workdir: Path, cluster: Any, invitation_count: int, log_rows: int,
          rounds: int) -> dict[str, Any]:
    local = open_state(workdir / "reads-state.db")
    _fill_reads(local, invitation_count, log_rows)
    sqlite_reads = _console_reads(local, rounds)
    local.close()

    url = cluster.new_role("bench_reads")
    team = open_team_state(url)
    _fill_reads(team, invitation_count, log_rows)
    copy = open_state(workdir / "team-state.db")
    mirror = Mirror(copy)
    started = time.perf_counter()
    mirror.refresh(team)
    first_copy = (time.perf_counter() - started) * 1000
    mirror_reads = _console_reads(copy, rounds)
    refreshes: list[float] = []
    for n in range(20):
        invitations.record(team, company_name=f"Nová {n}", contact_name="", domain=f"n{n}.cz",
                           contact_email=f"x@n{n}.cz", link="https://x")
        started = time.perf_counter()
        mirror.refresh(team)
        refreshes.append((time.perf_counter() - started) * 1000)
    team.close()
    copy.close()
    return {"invitations": invitation_count, "log_rows": log_rows,
            "sqlite_state_db": sqlite_reads, "team_copy": mirror_reads,
            "team_first_copy_ms": round(first_copy, 1),
            "team_change_to_copy_p50_ms": round(statistics.median(refreshes), 1),
            "team_change_to_copy_p95_ms": round(percentile(refreshes, 0.95), 1)}


def run(quick: bool) -> dict[str, Any]:
    count = 500 if quick else 2000
    workdir = Path(tempfile.mkdtemp(prefix="csp-tui-team-bench-"))
    os.environ["CSP_TUI_HOME"] = str(workdir / "home")
    cluster = state_engines.start_cluster()
    try:
        results = {
            "mode": "quick" if quick else "full",
            "cpus": os.cpu_count(),
            "outbox": {
                "sqlite_1_runner": outbox_sqlite(workdir, count),
                "postgres_1_runner": outbox_postgres(cluster, count, 1),
                "postgres_4_runners": outbox_postgres(cluster, count, 4),
            },
            "reads": reads(workdir, cluster, 500 if quick else 2000,
                           5000 if quick else 20000, 100 if quick else 300),
        }
    finally:
        cluster.stop("immediate")
        shutil.rmtree(cluster.root, ignore_errors=True)
        shutil.rmtree(workdir, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    args = parser.parse_args(argv)
    if state_engines.why_no_postgres():
        print(f"team benchmark skipped: {state_engines.why_no_postgres()}", file=sys.stderr)
        return 1
    results = run(args.quick)
    text = json.dumps(results, indent=2)
    print(text)
    if not args.quick:
        RESULTS.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
