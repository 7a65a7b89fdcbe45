"""Filter and scroll latency, and peak memory, of the real console in an 80x24 pty.

One scripted session per cache: type filter words one key at a time (each key waits for the
pane title to show the filter and its new count), clear the filter, jump to the end of the
customers list and page down from near the bottom, then the same in the all-subscriptions
view. Each latency runs from the key written to the pty to the arrival of the frame that shows
the result; the next key waits until the program neither writes nor computes (its CPU time,
read from the scheduler, stands still), so every sample is one keystroke on an idle console.
The peak RSS (``VmHWM``) is read at the end, so it covers start-up, filtering and scrolling.

The SQL behind the tables is also timed directly: the count, and a window of rows at the top,
middle and bottom of each list (the middle is where a window read costs most).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from common import CacheHome, child_env, open_read_only, rounded, summary
from pty_session import BACKSPACE, END, ESCAPE, PAGE_DOWN, PAGE_UP, PtySession
from startup import CONSOLE, MINIMAL, visible_prefix

TITLE = re.compile(r"(?P<pane>Customers|Subscriptions)(?P<rest>.*?) \((?P<count>\d+)\)")


@dataclass
class Plan:
    words: Sequence[str]
    rounds: int
    page_downs: int
    window_query_repeats: int = 3


@dataclass
class SessionResult:
    filter_s: list[float] = field(default_factory=list)
    customers_page_down_s: list[float] = field(default_factory=list)
    subscriptions_page_down_s: list[float] = field(default_factory=list)
    toggle_all_s: list[float] = field(default_factory=list)
    first_paint_s: float = 0.0
    peak_rss_kb: int | None = None


def _title(session: PtySession, pane: str) -> tuple[str, int] | None:
    """(the text between the pane name and the count, the count) of ``pane``'s title."""
    for line in session.screen.display:
        match = TITLE.search(line)
        if match and match.group("pane") == pane:
            return match.group("rest"), int(match.group("count"))
    return None


class ConsoleDriver:
    """Knows what the console should show (from the cache) and waits for it."""

    def __init__(self, session: PtySession, home: CacheHome) -> None:
        from csp_tui.i18n import set_language, t

        set_language("en")
        self.session = session
        self.db = open_read_only(home.cache_db)
        self.placeholder = t("tui.filter.placeholder")
        self.no_match = t("tui.empty.filtered")
        self.all_label = t("tui.subscriptions.all")
        self.cursor_colour: str | None = None

    def close(self) -> None:
        self.db.close()

    # ----------------------------------------------------------------- expectations

    def customers_showing(self, typed: str) -> Callable[[PtySession], bool]:
        """The pane title with the filter and its count. The title is drawn from the table's
        new row count in the same handler that swaps the table's rows, so the frame that
        carries the title carries the new rows too (where the cursor stays on its customer,
        the rows on screen need not start at the first match)."""
        from csp_tui.cache import views

        count = views.count_customers(self.db, typed)
        wanted_rest = f" /{typed}" if typed.strip() else ""

        def showing(session: PtySession) -> bool:
            title = _title(session, "Customers")
            if title is None or title != (wanted_rest, count):
                return False
            return count > 0 or self.no_match in session.text()

        return showing

    def cursor_line(self) -> tuple[int, str] | None:
        assert self.cursor_colour is not None
        last = self.session.screen.lines - 2  # the status bar and the footer
        for y in self.session.lines_with_background(self.cursor_colour):
            if 2 <= y < last:  # below the tab strip and the pane title
                return y, self.session.line(y)
        return None

    def moved(self) -> Callable[[PtySession], bool]:
        """The cursor row and the rows around it changed (the table scrolled)."""
        before_cursor = self.cursor_line()
        before_rows = self.session.screen.display[2:-2]

        def changed(session: PtySession) -> bool:
            cursor = self.cursor_line()
            return (cursor is not None and cursor != before_cursor
                    and session.screen.display[2:-2] != before_rows)

        return changed

    # ----------------------------------------------------------------- steps

    def start(self, needle: str) -> float:
        seconds = self.session.until_text(needle, 60) - self.session.started_at
        self.session.idle()
        # The cursor starts on the first row: its background is the cursor colour.
        y = self.session.find_line(needle)
        assert y is not None
        self.cursor_colour = self.session.background(y, self.session.line(y).index(needle))
        return seconds

    def key(self, key: str, expected: Callable[[PtySession], bool], what: str) -> float:
        seconds = self.session.press(key, expected, timeout=30, what=what)
        self.session.idle()
        return seconds

    def filter_words(self, words: Sequence[str], rounds: int) -> list[float]:
        samples: list[float] = []
        self.key("/", lambda s: self.placeholder in s.text(), "the filter line")
        for _ in range(rounds):
            for word in words:
                typed = ""
                for char in word:
                    typed += char
                    samples.append(self.key(char, self.customers_showing(typed),
                                            f"the customers filtered by {typed!r}"))
                for _ in word:
                    typed = typed[:-1]
                    samples.append(self.key(BACKSPACE, self.customers_showing(typed),
                                            f"the customers filtered by {typed!r}"))
        unfiltered = self.customers_showing("")
        self.key(ESCAPE, lambda s: self.placeholder not in s.text() and unfiltered(s),
                 "the filter closed")
        return samples

    def page_down_at_bottom(self, page_downs: int, rows: int) -> list[float]:
        """End, page up ``page_downs + 1`` times, then page down ``page_downs`` times (fewer
        when the list is too short for that many pages of an 80x24 screen, ~18 rows each)."""
        page_downs = max(0, min(page_downs, rows // 20 - 2))
        self.key(END, self.moved(), "the end of the list")
        for _ in range(page_downs + 1):
            self.key(PAGE_UP, self.moved(), "a page up")
        return [self.key(PAGE_DOWN, self.moved(), "a page down") for _ in range(page_downs)]

    def customer_count(self) -> int:
        from csp_tui.cache import views

        return views.count_customers(self.db)

    def all_subscriptions(self) -> tuple[float, int]:
        """``3`` then ``a``: the time ``a`` took, and how many subscriptions there are."""
        from csp_tui.cache import views

        total = views.count_subscriptions(self.db)
        self.key("3", lambda s: _title(s, "Subscriptions") is not None, "the subscriptions")
        seconds = self.key("a", lambda s: _title(s, "Subscriptions") == (
            f" · {self.all_label}", total), "all subscriptions")
        return seconds, total


def run_session(home: CacheHome, plan: Plan, log: Any = print,
                argv: Sequence[str] = CONSOLE) -> SessionResult:
    """The scripted session; ``argv`` may start a variant of the console to compare with."""
    from startup import first_customer

    result = SessionResult()
    with PtySession(argv, child_env(home.home)) as session:
        driver = ConsoleDriver(session, home)
        try:
            result.first_paint_s = driver.start(visible_prefix(first_customer(home)))
            result.filter_s = driver.filter_words(plan.words, plan.rounds)
            log(f"  {home.subscriptions} subscriptions: {len(result.filter_s)} filter keys")
            result.customers_page_down_s = driver.page_down_at_bottom(
                plan.page_downs, driver.customer_count())
            toggle, subscriptions = driver.all_subscriptions()
            result.toggle_all_s = [toggle]
            result.subscriptions_page_down_s = driver.page_down_at_bottom(plan.page_downs,
                                                                          subscriptions)
            log(f"  {home.subscriptions} subscriptions: page downs done")
            result.peak_rss_kb = session.peak_rss_kb()
        finally:
            driver.close()
    return result


def echo_baseline(home: CacheHome, keys: int) -> list[float]:
    """A keystroke to its echo in a minimal Textual app's Input: the floor per key."""
    samples: list[float] = []
    with PtySession([*MINIMAL, "--input"], child_env(home.home)) as session:
        session.until_text("baseline ready", 60)
        session.idle()
        typed = ""
        for index in range(keys):
            char = "abcdefghij"[index % 10]
            typed += char
            wanted = typed[-30:]
            samples.append(session.press(char, lambda s, w=wanted: w in s.text(),
                                         what=f"the echo of {char!r}"))
            session.idle()
    return samples


def window_queries(home: CacheHome, repeats: int) -> dict[str, Any]:
    """What a table pays to show a list (ms): the count behind its scrollbar and title (run
    again on every cache change while the list is shown) and one window of rows at the top,
    middle and bottom of the list."""
    from csp_tui.cache import views

    db = open_read_only(home.cache_db)

    def timed(call: Callable[[], object]) -> float:
        samples = []
        for _ in range(repeats):
            started = time.perf_counter()
            call()
            samples.append(time.perf_counter() - started)
        return summary(samples, scale=1000)["median"]

    try:
        lists = {
            "customers": (lambda: views.count_customers(db),
                          lambda offset, total: views.customer_rows(
                              db, offset=offset, limit=200, total=total)),
            "all_subscriptions": (lambda: views.count_subscriptions(db),
                                  lambda offset, total: views.subscription_rows(
                                      db, offset=offset, limit=200, total=total)),
        }
        result: dict[str, Any] = {}
        for name, (count, fetch) in lists.items():
            total = int(count())
            where = {"top": 0, "middle": max(0, total // 2 - 100),
                     "bottom": max(0, total - 200)}
            timings: dict[str, Any] = {"rows": total, "count": timed(count)}
            for label, offset in where.items():
                timings[label] = timed(
                    lambda fetch=fetch, offset=offset, total=total: fetch(offset, total))
            result[name] = timings
        return result
    finally:
        db.close()


def latency(samples: Sequence[float]) -> dict[str, Any]:
    return summary(samples, scale=1000)


def rss_mb(kb: int | None) -> float | None:
    return rounded(kb / 1024) if kb else None
