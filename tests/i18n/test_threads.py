"""An explicit language on one thread never leaks into another thread's texts."""

from __future__ import annotations

import sys
import threading

from csp_tui.i18n import catalog, set_language, t, tl


def test_tl_on_a_worker_thread_does_not_change_what_t_returns_elsewhere() -> None:
    key = next(k for k, texts in catalog().items()
               if texts.get("en") and texts.get("cs") and texts["en"] != texts["cs"]
               and "{" not in texts["en"])
    english, czech = catalog()[key]["en"], catalog()[key]["cs"]
    set_language("en")
    stop = threading.Event()
    worker_wrong: list[str] = []

    def worker() -> None:
        while not stop.is_set():
            text = tl(key, "cs")
            if text != czech:
                worker_wrong.append(text)

    thread = threading.Thread(target=worker)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # hand the interpreter between the threads as often as it can
    thread.start()
    try:
        seen = [t(key) for _ in range(200_000)]
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(interval)
    assert set(seen) == {english}
    assert worker_wrong == []
