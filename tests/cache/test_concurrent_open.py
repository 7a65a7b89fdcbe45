"""Several processes opening one new profile at the same moment wait for each other: a lock
is never mistaken for a damaged file (which would move the cache aside)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path


def _open(path: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from csp_tui.cache import db, store
    from csp_tui.state.db import open_state

    barrier.wait()
    try:
        notices = []
        for _ in range(15):  # open, write a little, close — over and over, all at once
            cache = db.open_cache(Path(path))
            notices.append(db.last_rebuild_notice())
            store.finish_run(cache, store.start_run(cache, "full"), "ok")
            state = open_state(Path(path).with_name("state.db"))
            cache.close()
            state.close()
        results.put(next((n for n in notices if n), None) or "ok")
    except Exception as exc:  # reported to the parent, which fails the test
        results.put(f"error: {exc!r}")


def test_processes_opening_a_new_cache_together_all_succeed(tmp_path):
    context = multiprocessing.get_context("spawn")
    path = tmp_path / "cache.db"
    workers = 6
    barrier = context.Barrier(workers)
    results = context.Queue()
    processes = [context.Process(target=_open, args=(str(path), barrier, results))
                 for _ in range(workers)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert outcomes == ["ok"] * workers
    assert not list(tmp_path.glob("*.unusable-*"))


def test_a_new_file_being_created_by_another_opener_is_never_called_foreign(tmp_path):
    # Threads are enough to hit the window: one reads "schema version 0", another commits the
    # first migration, the first then counts tables. Both reads must come from one snapshot.
    import threading

    from csp_tui.state.db import open_state

    failures: list[str] = []
    for attempt in range(40):
        path = tmp_path / f"state-{attempt}.db"
        barrier = threading.Barrier(6)

        def open_it(path: Path = path, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            try:
                open_state(path).close()
            except Exception as exc:  # collected and asserted on below
                failures.append(repr(exc))

        threads = [threading.Thread(target=open_it) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
