"""The console with a stopwatch on its event loop, for the UI-stall-during-sync benchmark.

``python console_probe.py --profile NAME --out FILE`` starts what ``csp-tui --profile NAME``
starts (the profile's settings, the real ``WorkerBackend`` with its worker thread, the real
``CspApp``) and adds one asyncio task on the console's event loop that sleeps a few
milliseconds at a time and records how late it wakes. The lateness is how long the loop could
not run: the console's own work (re-reading lists after each cache change, painting), the time
the sync's worker thread held the GIL, or the OS running another program; the CPU time of the
UI thread and of the whole process during each sleep tell these apart for the worst samples.
When the first full sync has finished (the user starts it with ``r``), the samples are
summarised into ``FILE`` as JSON and the console quits.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

from csp_tui.config import load_settings
from csp_tui.i18n import set_language
from csp_tui.services import events as ev
from csp_tui.services.worker import WorkerBackend
from csp_tui.tui.app import CspApp

PERIOD_S = 0.005
# Keep sampling this long after the sync finished: its last cache change is painted then.
TAIL_S = 0.5


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _summary(lags: list[float]) -> dict[str, Any]:
    return {
        "samples": len(lags),
        "max_ms": round(max(lags, default=0.0) * 1000, 2),
        "p99_ms": round(_percentile(lags, 0.99) * 1000, 2),
        "p50_ms": round(_percentile(lags, 0.50) * 1000, 2),
        "over_50ms": sum(1 for lag in lags if lag > 0.050),
        "over_100ms": sum(1 for lag in lags if lag > 0.100),
    }


class ProbedConsole(CspApp):
    def __init__(self, backend: WorkerBackend, out: Path) -> None:
        super().__init__(backend)
        self.out = out
        # (woke at, lateness, CPU of the UI thread, CPU of the whole process) per sleep
        self.samples: list[tuple[float, float, float, float]] = []
        self.sync_started: float | None = None
        self.sync_finished: float | None = None
        self.sync_result: dict[str, Any] = {}
        self.events = 0
        backend.subscribe(self._watch)
        # Garbage collections, whichever thread runs them: (start, end, generation, thread).
        # A full collection stops every thread, so it explains a block of the UI loop that
        # neither the UI thread's own work nor a long C call in the worker does.
        self.collections: list[tuple[float, float, int, str]] = []
        self._collecting: float | None = None
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._collecting = time.perf_counter()
        elif self._collecting is not None:
            self.collections.append((self._collecting, time.perf_counter(),
                                     int(info.get("generation", -1)),
                                     threading.current_thread().name))
            self._collecting = None

    def _gc_during(self, start: float, end: float) -> dict[str, Any]:
        spans = [(max(a, start), min(b, end), gen, thread)
                 for a, b, gen, thread in self.collections if b > start and a < end]
        return {"gc_ms": round(sum(b - a for a, b, _, _ in spans) * 1000, 1),
                "gc": [f"gen{gen} in {thread}" for _, _, gen, thread in spans]}

    def _watch(self, event: ev.Event) -> None:
        # Called on the worker thread: only record.
        self.events += 1
        if isinstance(event, ev.SyncStarted) and event.kind == "full":
            self.sync_started = self.sync_started or time.perf_counter()
        elif isinstance(event, ev.SyncFinished) and event.kind == "full":
            self.sync_result = {"ok": event.ok, "error": event.error}
            self.sync_finished = time.perf_counter()

    def on_ready(self) -> None:
        self.run_worker(self._probe(), group="probe", exit_on_error=False)

    async def _probe(self) -> None:
        while True:
            asked = time.perf_counter()
            thread_cpu, process_cpu = time.thread_time(), time.process_time()
            await asyncio.sleep(PERIOD_S)
            woke = time.perf_counter()
            self.samples.append((woke, max(0.0, woke - asked - PERIOD_S),
                                 time.thread_time() - thread_cpu,
                                 time.process_time() - process_cpu))
            if self.sync_finished is not None and woke - self.sync_finished > TAIL_S:
                break
        self._write()
        await self.action_quit()

    def _full_collections(self, start: float, end: float) -> dict[str, Any]:
        full = [b - a for a, b, gen, _ in self.collections if gen == 2 and start <= a <= end]
        return {"count": len(full), "max_ms": round(max(full, default=0.0) * 1000, 1)}

    def _write(self) -> None:
        started, finished = self.sync_started or 0.0, self.sync_finished or 0.0
        window = [sample for sample in self.samples if started <= sample[0] <= finished + TAIL_S]
        during = [lag for _, lag, _, _ in window]
        before = [lag for at, lag, _, _ in self.samples if at < started]
        # Where the worst blocks went: the UI thread's own CPU, the rest of the process (the
        # worker thread holding the GIL), or neither (the OS ran something else).
        worst = sorted(window, key=lambda sample: sample[1], reverse=True)[:5]
        result = {
            "period_ms": PERIOD_S * 1000,
            "sync_seconds": round(finished - started, 3),
            "sync": self.sync_result,
            "backend_events": self.events,
            "during_sync": _summary(during),
            # Share of one core the UI thread used while the sync ran (lists re-read, frames
            # laid out and painted after each cache change).
            "ui_thread_cpu_share": round(sum(sample[2] for sample in window)
                                         / max(1e-9, finished + TAIL_S - started), 3),
            # The longest block counting only time this process was on a CPU (the UI thread
            # working, or the worker thread holding the GIL): other programs on the machine
            # cannot inflate it.
            "max_on_cpu_ms": round(max((min(lag, all_cpu) for _, lag, _, all_cpu in window),
                                       default=0.0) * 1000, 2),
            "before_sync": _summary(before),
            "worst": [{"lag_ms": round(lag * 1000, 1),
                       "ui_thread_cpu_ms": round(ui_cpu * 1000, 1),
                       "other_threads_cpu_ms": round(max(0.0, all_cpu - ui_cpu) * 1000, 1),
                       "at_s": round(at - started, 2),
                       **self._gc_during(at - lag - PERIOD_S, at)}
                      for at, lag, ui_cpu, all_cpu in worst],
            # Full (generation 2) collections while the sync ran, and the longest.
            "full_collections": self._full_collections(started, finished + TAIL_S),
        }
        self.out.write_text(json.dumps(result, indent=1), encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", required=True)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    settings = load_settings(args.profile)
    set_language(settings.profile.language)
    app = ProbedConsole(WorkerBackend(settings), args.out)
    app.run()
    return int(app.return_code or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
