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

import itertools
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from common import CacheHome, child_env, open_read_only, rounded, summary
from pty_session import BACKSPACE, END, ESCAPE, HOME, PAGE_DOWN, PAGE_UP, PtySession, ScreenTimeout
from startup import CONSOLE, MINIMAL, visible_prefix

# Rows a window read brings (as the console's tables read them).
WINDOW = 200
# Rows of a list that fit on an 80x24 screen with the filter line open.
MIN_ROWS_ON_SCREEN = 15

TITLE = re.compile(r"(?P<pane>Customers|Subscriptions)(?P<rest>.*?) \((?P<count>\d+)\)")


@dataclass
class Plan:
    words: Sequence[str]
    rounds: int
    page_downs: int
    window_query_repeats: int = 3
    # Typed without waiting for the console: one key every ``typing_interval_s``.
    typing_words: Sequence[str] = ("šumav", "dvořák", "zq")
    typing_interval_s: float = 0.030


@dataclass
class SessionResult:
    filter_s: list[float] = field(default_factory=list)
    customers_page_down_s: list[float] = field(default_factory=list)
    subscriptions_page_down_s: list[float] = field(default_factory=list)
    toggle_all_s: list[float] = field(default_factory=list)
    first_paint_s: float = 0.0
    peak_rss_kb: int | None = None
    # At typing speed, per list: every key's latency and each burst's final frame.
    typing: dict[str, TypingResult] = field(default_factory=dict)
    # Page down from the top, the middle and the bottom, per list.
    page_down_s: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    # The drag of the scrollbar to the middle: key... mouse -> the rows there on screen.
    jump_to_middle_s: dict[str, float] = field(default_factory=dict)
    middle_row: dict[str, int | None] = field(default_factory=dict)


@dataclass
class TypingResult:
    key_s: list[float] = field(default_factory=list)
    intervals_s: list[float] = field(default_factory=list)  # between keys as sent
    bursts: int = 0
    final_correct: int = 0
    failures: list[str] = field(default_factory=list)


def _title(session: PtySession, pane: str) -> tuple[str, int] | None:
    """(the text between the pane name and the count, the count) of ``pane``'s title."""
    for line in session.screen.display:
        match = TITLE.search(line)
        if match and match.group("pane") == pane:
            return match.group("rest"), int(match.group("count"))
    return None


def _row_shown(line: str, texts: Sequence[str]) -> bool:
    """``line`` shows a row with these texts, in order. The columns of an 80-column screen
    are narrow, so a cell shows a text whole or a piece of it marked with "…" where it is
    cut: at the end (``Šumavská sta…``) or at both ends, around the filter's match
    (``…ný & Dvořák…``). At least ten characters of each text (or all of a shorter one)
    must show, and nothing but "…" may follow a piece cut short."""
    position = 0
    for text in texts:
        least = min(len(text), 10)
        for start in range(0, len(text) - least + 1):
            found = line.find(text[start:start + least], position)
            if found < 0 or (start > 0 and line[found - 1:found] != "…"):
                continue
            end = start + least
            while end < len(text) and line[found + end - start:found + end - start + 1] \
                    == text[end]:
                end += 1
            after = found + end - start
            if end == len(text) or line[after:after + 1] == "…":
                position = after
                break
        else:
            return False
    return True


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
        self.top_line = ""  # the first row as the top line of the table shows it

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

    # ----------------------------------------------------------------- typing speed

    def expected(self, pane: str, typed: str) -> tuple[tuple[str, int], list[tuple[str, ...]]]:
        """What ``pane`` must show for the filter ``typed``: its title (the text between the
        pane name and the count, the count) and the first window of rows, each as the texts
        a row must show (customer: name and domain; subscription: customer and product)."""
        from csp_tui.cache import views

        wanted_filter = f" /{typed}" if typed.strip() else ""
        rows: list[tuple[str, ...]]
        if pane == "Customers":
            count = views.count_customers(self.db, typed)
            rows = [(row.company_name, row.primary_domain) for row in views.customer_rows(
                self.db, filter=typed, offset=0, limit=WINDOW, total=count)]
            return (wanted_filter, count), rows
        count = views.count_subscriptions(self.db, filter=typed)
        rows = [(row.customer_name, row.product) for row in views.subscription_rows(
            self.db, filter=typed, offset=0, limit=WINDOW, total=count)]
        return (f" · {self.all_label}{wanted_filter}", count), rows

    def final_frame_problem(self, pane: str, title: tuple[str, int],
                            rows: list[tuple[str, ...]]) -> str | None:
        """None when the screen shows ``title`` and, under it, consecutive rows of the
        filter's first window (as many as fit, or all of them); else what is wrong."""
        shown = _title(self.session, pane)
        if shown != title:
            return f"title {shown!r}, expected {title!r}"
        count = title[1]
        if count == 0:
            return None if self.no_match in self.session.text() else "no empty-list text"
        lines = self.session.screen.display[3:-2]
        start = next((k for k, row in enumerate(rows) if _row_shown(lines[0], row)), None)
        if start is None:
            return f"first row {lines[0].strip()!r} is not among the first {len(rows)} matches"
        matched = 0
        while (matched < len(lines) and start + matched < len(rows)
               and _row_shown(lines[matched], rows[start + matched])):
            matched += 1
        # 15 rows fit on an 80x24 screen with the filter line open; fewer matches, all.
        wanted = min(count - start, len(rows) - start, MIN_ROWS_ON_SCREEN)
        if matched < wanted:
            return (f"{matched} matching rows from match {start}, expected {wanted}; "
                    f"row {matched}: {lines[matched].strip()!r}, expected "
                    f"{rows[start + matched] if start + matched < len(rows) else None!r}")
        return None

    def type_at_speed(self, pane: str, keys: Sequence[str], typed: str, interval: float,
                      result: TypingResult, timeout: float = 60.0) -> str:
        """Send ``keys`` one every ``interval`` seconds without waiting for the console.

        Each key's latency runs from its write to the arrival of the first frame whose title
        shows the filter after that key (or after a later one: a frame that skips ahead shows
        this key's effect too) with that filter's count. Within one burst every filter text
        is different (keys are all typed or all erased), so a title names one key. When the
        last key's frame is in, the console is left to go idle and the final frame is
        checked against the rows the filter must show. Returns the filter text at the end.
        """
        states: list[str] = []
        for key in keys:
            typed = typed[:-1] if key == BACKSPACE else typed + key
            states.append(typed)
        # The counts and rows are read before the first key, so the harness never lags.
        expected = [self.expected(pane, state) for state in states]
        titles = [title for title, _ in expected]
        sent: list[float] = []
        shown_up_to = -1
        next_send = time.perf_counter()
        deadline = next_send + timeout
        latencies: list[float] = []
        while shown_up_to < len(keys) - 1:
            now = time.perf_counter()
            if now > deadline:
                raise ScreenTimeout(f"{pane} filtered by {states[-1]!r} did not appear within "
                                    f"{timeout:.0f} s; last screen:\n{self.session.text()}")
            if len(sent) < len(keys) and now >= next_send:
                # The time is taken before the write: on a busy machine the harness may lose
                # the CPU right after it, and a late stamp would shorten the latency.
                now = time.perf_counter()
                os.write(self.session.term.fd, keys[len(sent)].encode())
                sent.append(now)
                # Never two keys closer than the interval: when the harness was busy reading a
                # frame, the next key goes a full interval after this one (no burst to catch up).
                next_send = sent[-1] + interval
                continue
            wait = next_send - now if len(sent) < len(keys) else 0.5
            arrived = self.session._read_chunk(max(0.0, min(wait, 0.5)))
            if arrived is None:
                continue
            title = _title(self.session, pane)
            for index in range(shown_up_to + 1, len(sent)):
                if titles[index] == title:
                    latencies.extend(arrived - sent[k] for k in range(shown_up_to + 1,
                                                                       index + 1))
                    shown_up_to = index
                    break
        self.session.idle()
        result.key_s.extend(latencies)
        result.intervals_s.extend(b - a for a, b in itertools.pairwise(sent))
        result.bursts += 1
        problem = self.final_frame_problem(pane, *expected[-1])
        if problem is None:
            result.final_correct += 1
        else:
            result.failures.append(f"{pane} /{states[-1]}: {problem}")
        return states[-1]

    def typing(self, pane: str, words: Sequence[str], interval: float) -> TypingResult:
        """``/``, then each word typed and erased again at typing speed (two bursts per word,
        each ending in a checked frame), then Escape."""
        result = TypingResult()
        self.key("/", lambda s: self.placeholder in s.text(), "the filter line")
        typed = ""
        for word in words:
            typed = self.type_at_speed(pane, list(word), typed, interval, result)
            typed = self.type_at_speed(pane, [BACKSPACE] * len(word), typed, interval, result)
        title, _ = self.expected(pane, "")
        self.key(ESCAPE, lambda s: self.placeholder not in s.text()
                 and _title(s, pane) == title, "the filter closed")
        return result

    # ----------------------------------------------------------------- positions

    def to_top(self) -> None:
        cursor = self.cursor_line()
        if cursor is None or cursor[0] != 3 or self.session.line(3) != self.top_line:
            self.key(HOME, self.moved(), "the top of the list")

    def page_down_from_top(self, page_downs: int) -> list[float]:
        self.to_top()
        return [self.key(PAGE_DOWN, self.moved(), "a page down") for _ in range(page_downs)]

    def scrollbar_thumb(self) -> tuple[int, int, int] | None:
        """(column, line, track length) of the table's scrollbar thumb: the column near the
        right edge whose cells, from the header down, all look alike but for one to three
        (the thumb of a long list is a cell or less, of a short one a few)."""
        screen = self.session.screen
        lines = range(2, screen.lines - 4)
        for x in range(screen.columns - 1, screen.columns - 4, -1):
            looks = [(screen.buffer[y][x].data, screen.buffer[y][x].fg, screen.buffer[y][x].bg)
                     for y in lines]
            track = max(set(looks), key=looks.count)
            odd = [y for y, look in zip(lines, looks, strict=True) if look != track]
            if 1 <= len(odd) <= 6 and track[0] == " ":
                track_lines = [y for y, look in zip(lines, looks, strict=True)
                               if look[2] == track[2] or y in odd]
                # The middle cell of the thumb: its end cells may be partly track.
                return x, odd[len(odd) // 2], len(track_lines)
        return None

    def jump_to_middle(self) -> float:
        """Drag the scrollbar thumb from the top to half way down the track, then click a
        row in the middle of the screen (the cursor goes there). The time runs from the
        mouse move to the last frame of the scroll (the rows at the new place)."""
        found = self.scrollbar_thumb()
        if found is None:
            raise ScreenTimeout(f"no scrollbar thumb; screen:\n{self.session.text()}")
        x, thumb, track = found
        target = thumb + track // 2
        # The rows without the scrollbar column: the thumb moves before the rows arrive.
        before = [line[:x] for line in self.session.screen.display[3:-3]]

        def rows_there(session: PtySession) -> bool:
            rows = [line[:x] for line in session.screen.display[3:-3]]
            return rows != before and all(row.strip() for row in rows[:MIN_ROWS_ON_SCREEN])

        seconds = None
        for _ in range(3):  # a drag the console missed is tried again
            # SGR mouse reports, 1-based. The press grabs the thumb; the grab takes effect in
            # a later message, so the move waits for the console to go idle (a move that came
            # first would go to the table under the pointer instead).
            os.write(self.session.term.fd, f"\x1b[<35;{x + 1};{thumb + 1}M".encode())
            os.write(self.session.term.fd, f"\x1b[<0;{x + 1};{thumb + 1}M".encode())
            self.session.idle()
            sent = time.perf_counter()
            os.write(self.session.term.fd, f"\x1b[<32;{x + 1};{target + 1}M".encode())
            try:
                seconds = self.session.until(
                    rows_there, timeout=5,
                    what=f"the middle rows (thumb at column {x}, line {thumb}, track {track})"
                ) - sent
            except ScreenTimeout:
                seconds = None
            else:
                # Textual animates a scroll to the thumb's new place: the first frame is a
                # step on the way. The rows have arrived with the last frame that changed
                # them before the console went quiet.
                rows = [line[:x] for line in self.session.screen.display[3:-3]]
                while (arrived := self.session._read_chunk(0.15)) is not None:
                    now_rows = [line[:x] for line in self.session.screen.display[3:-3]]
                    if now_rows != rows:
                        rows, seconds = now_rows, arrived - sent
            os.write(self.session.term.fd, f"\x1b[<0;{x + 1};{target + 1}m".encode())
            self.session.idle()
            if seconds is not None:
                break
        if seconds is None:
            raise ScreenTimeout(f"the scrollbar drag did not scroll; screen:\n"
                                f"{self.session.text()}")
        self.session.idle()
        row_line = self.session.screen.lines // 2

        def cursor_there(session: PtySession) -> bool:
            cursor = self.cursor_line()
            return cursor is not None and cursor[0] == row_line

        self.key(f"\x1b[<0;10;{row_line + 1}M\x1b[<0;10;{row_line + 1}m", cursor_there,
                 "the cursor on a middle row")
        return seconds

    def cursor_index(self, pane: str) -> int | None:
        """Where the cursor row is in the whole list (found by its name; customers only)."""
        from csp_tui.cache import views

        cursor = self.cursor_line()
        if pane != "Customers" or cursor is None:
            return None
        cell = cursor[1][3:].split("  ")[0].rstrip("…").strip()
        found = self.db.execute(
            "SELECT id FROM customers WHERE company_name = ? AND removed_at IS NULL",
            (cell,)).fetchall()
        if len(found) != 1:
            return None
        return views.customer_index_of(self.db, found[0][0])

    def page_downs_everywhere(self, pane: str, page_downs: int, rows: int,
                              result: SessionResult, log: Any) -> None:
        """Page down at the top, the middle and the bottom of the list shown in ``pane``
        (top and middle only when the list is long enough to have a middle: three pages or
        more beyond the keys pressed)."""
        name = "customers" if pane == "Customers" else "all_subscriptions"
        runs = result.page_down_s.setdefault(name, {})
        keys = max(0, min(page_downs, rows // 20 - 2))
        if keys:
            # HOME from elsewhere brings the first row to the top line: remember it.
            self.key(HOME, lambda s: True, "the top of the list")
            self.top_line = self.session.line(3)
            runs["top"] = self.page_down_from_top(keys)
            self.to_top()
            result.jump_to_middle_s[name] = self.jump_to_middle()
            result.middle_row[name] = self.cursor_index(pane)
            # From about half way, the pages below must still hold every key.
            runs["middle"] = [self.key(PAGE_DOWN, self.moved(), "a page down")
                              for _ in range(max(1, min(keys, rows // 40 - 1)))]
        runs["bottom"] = self.page_down_at_bottom(page_downs, rows)
        log(f"  {rows} rows: page downs at the top, middle and bottom done")

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
            result.typing["customers"] = driver.typing("Customers", plan.typing_words,
                                                       plan.typing_interval_s)
            log(f"  {home.subscriptions} subscriptions: customers filtered at typing speed")
            driver.page_downs_everywhere("Customers", plan.page_downs, driver.customer_count(),
                                         result, log)
            result.customers_page_down_s = result.page_down_s["customers"]["bottom"]
            toggle, subscriptions = driver.all_subscriptions()
            result.toggle_all_s = [toggle]
            result.typing["all_subscriptions"] = driver.typing(
                "Subscriptions", plan.typing_words, plan.typing_interval_s)
            log(f"  {home.subscriptions} subscriptions: all filtered at typing speed")
            driver.page_downs_everywhere("Subscriptions", plan.page_downs, subscriptions,
                                         result, log)
            result.subscriptions_page_down_s = result.page_down_s["all_subscriptions"]["bottom"]
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
