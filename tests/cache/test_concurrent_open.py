"""Several processes opening one new profile at the same moment wait for each other: a lock
is never mistaken for a damaged file (which would move the cache aside)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path


def _open(path: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from csp_tui.cache import db, store

    barrier.wait()
    try:
        notices = []
        for _ in range(15):  # open, write a little, close — over and over, all at once
            cache = db.open_cache(Path(path))
            notices.append(db.last_rebuild_notice())
            store.finish_run(cache, store.start_run(cache, "full"), "ok")
            state = db.open_state(Path(path).with_name("state.db"))
            cache.conn.close()
            state.conn.close()
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
