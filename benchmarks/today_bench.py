"""Today at a distributor's scale: how long the morning's read takes, without the network.

A synthetic cache of N customers with five subscriptions each (``--customers``; 20,000 is the
goal's size) and the events of ``--syncs`` earlier syncs (2,000 changed subscriptions each;
the last one after the person last looked). The bench times
:func:`csp_tui.services.today.build_today` — the one read behind the Today screen and
``csp-tui today`` — and the seats of one customer over the syncs, and prints the median and
the worst of ``--repeat`` runs. Goal: the Today screen is drawn in under a second, so the read
must leave the screen most of that second.

    python benchmarks/today_bench.py --customers 20000
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA_NOW, SEED, ensure_import_paths

ensure_import_paths()

from csp_tui.cache import store  # noqa: E402
from csp_tui.cache.db import open_cache  # noqa: E402
from csp_tui.domain.changes import Change  # noqa: E402
from csp_tui.i18n import set_language  # noqa: E402
from csp_tui.sandbox import synthetic_cache as synthetic  # noqa: E402
from csp_tui.services import today as today_service  # noqa: E402
from csp_tui.state.db import open_state  # noqa: E402

NOW = datetime(2026, 11, 24, 9, 45, tzinfo=UTC)
LOOKED = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
CHANGES_PER_SYNC = 2000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=20000)
    parser.add_argument("--syncs", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    set_language("cs")
    home = Path(tempfile.mkdtemp(prefix="today-bench-"))
    cache = open_cache(home / "cache.db")
    state = open_state(home / "state.db")
    synthetic.populate(cache, state, customers=args.customers, subscriptions_per_customer=5,
                       seed=SEED, now=DATA_NOW, invitations=max(5, args.customers // 40))
    subscriptions = cache.execute("SELECT customer_id, id, quantity FROM subscriptions"
                                  ).fetchall()
    rng = random.Random(SEED)
    per_sync = min(CHANGES_PER_SYNC, len(subscriptions))
    for number in range(args.syncs):
        # Every sync but the last is older than the last look.
        at = (f"2026-10-{1 + number % 28:02d}T07:30:00.000000Z" if number < args.syncs - 1
              else "2026-11-24T07:30:00.000000Z")
        run = store.start_run(cache, "full", now=at)
        store.record_events(cache, run, [
            Change("quantity_changed", customer, sub, {"old": quantity, "new": quantity + 1,
                                                       "name": "bench"})
            for customer, sub, quantity in rng.sample(subscriptions, per_sync)], now=at)
        store.finish_run(cache, run, "ok", now=at)
    customer = subscriptions[0][0]
    reads: list[float] = []
    seats: list[float] = []
    report = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        report = today_service.build_today(cache, state, now=NOW, since=LOOKED)
        middle = time.perf_counter()
        today_service.seats_over_syncs(cache, customer)
        seats.append(time.perf_counter() - middle)
        reads.append(middle - start)
    assert report is not None
    figures = {
        "customers": args.customers,
        "subscriptions": len(subscriptions),
        "events": cache.execute("SELECT count(*) FROM sync_events").fetchone()[0],
        "changed_listed": len(report.changed),
        "due_listed": len(report.due),
        "more": report.more,
        "build_today_ms": {"median": round(statistics.median(reads) * 1000, 1),
                           "worst": round(max(reads) * 1000, 1)},
        "seats_over_syncs_ms": {"median": round(statistics.median(seats) * 1000, 1),
                                "worst": round(max(seats) * 1000, 1)},
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    cache.close()
    state.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
