"""A real program in an 80x24 pseudo-terminal, with the time each screen state arrived.

Built on the pty+pyte driver of the end-to-end tests. A latency is measured from the moment a
key is written to the terminal to the moment the bytes that complete the expected screen are
read back: the time the emulator then spends parsing them is not counted, and the program
under test pays for every step a user's terminal would see (key decoding, the handler, the
queries, rendering and writing the frame).
"""

from __future__ import annotations

import os
import select
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from common import ensure_import_paths

ensure_import_paths()

from tests.e2e.terminal import Terminal  # noqa: E402 - needs the repo root on sys.path

# Keys as a terminal sends them.
PAGE_UP = "\x1b[5~"
PAGE_DOWN = "\x1b[6~"
END = "\x1b[F"
HOME = "\x1b[H"
BACKSPACE = "\x7f"
ESCAPE = "\x1b"

# Output closer together than this is one burst (one frame written in several pieces).
FRAME_GAP_S = 0.002


class ScreenTimeout(RuntimeError):
    """The expected screen never came; carries the last screen for the report."""


class PtySession:
    """``PtySession(argv, env)`` starts the program; ``close()`` (always) kills it."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], *, columns: int = 80,
                 lines: int = 24) -> None:
        self.started_at = time.perf_counter()
        self.term = Terminal(argv, env=env, columns=columns, lines=lines)
        self.screen = self.term.screen
        self.bytes_read = 0

    # -------------------------------------------------------------------------- reading

    def _read_chunk(self, timeout: float) -> float | None:
        """Feed the next burst of output to the emulator; when its last byte arrived, or None.

        A frame may come in several reads: whatever follows within ``FRAME_GAP_S`` belongs to
        the same burst. Everything is read before the emulator parses any of it, so parsing
        never delays an arrival time.
        """
        ready, _, _ = select.select([self.term.fd], [], [], max(0.0, timeout))
        if not ready:
            return None
        data = bytearray()
        arrived = time.perf_counter()
        while True:
            try:
                chunk = os.read(self.term.fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            data.extend(chunk)
            arrived = time.perf_counter()
            ready, _, _ = select.select([self.term.fd], [], [], FRAME_GAP_S)
            if not ready:
                break
        if not data:
            raise ScreenTimeout(f"the program ended (status {self.term.poll()}); last screen:\n"
                                f"{self.text()}")
        self.bytes_read += len(data)
        self.term.stream.feed(bytes(data))
        return arrived

    def until(self, predicate: Callable[[PtySession], bool], timeout: float = 30.0,
              what: str = "the expected screen") -> float:
        """Read until ``predicate(self)`` holds; the arrival time of the completing chunk."""
        if predicate(self):
            return time.perf_counter()
        deadline = time.perf_counter() + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise ScreenTimeout(f"{what} did not appear within {timeout:.0f} s; "
                                    f"last screen:\n{self.text()}")
            arrived = self._read_chunk(min(remaining, 0.5))
            if arrived is None:
                if self.term.poll() is not None:
                    raise ScreenTimeout(f"the program ended (status {self.term.exit_status}) "
                                        f"before {what}; last screen:\n{self.text()}")
                continue
            if predicate(self):
                return arrived

    def until_text(self, needle: str, timeout: float = 30.0) -> float:
        return self.until(lambda session: needle in session.text(), timeout, repr(needle))

    def press(self, key: str, predicate: Callable[[PtySession], bool],
              timeout: float = 30.0, what: str = "the expected screen") -> float:
        """Send ``key``; seconds until the screen satisfying ``predicate`` arrived."""
        sent = time.perf_counter()
        os.write(self.term.fd, key.encode())
        return self.until(predicate, timeout, what) - sent

    def settle(self, quiet: float = 0.15, limit: float = 5.0) -> None:
        """Read until the program has written nothing for ``quiet`` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if self._read_chunk(quiet) is None:
                return

    def cpu_seconds(self) -> float:
        """CPU time used so far by every thread of the program (scheduler statistics, ns)."""
        total = 0
        for task in Path(f"/proc/{self.term.pid}/task").glob("*"):
            try:
                total += int((task / "schedstat").read_text().split()[0])
            except (OSError, ValueError, IndexError):
                continue
        return total / 1e9

    def idle(self, window: float = 0.05, busy_share: float = 0.05, limit: float = 10.0) -> None:
        """Wait until the program neither writes nor computes for ``window`` seconds.

        Silence alone is not enough: a frame that takes longer than the window to compute is
        silent too. The program counts as idle when it wrote nothing and used less than
        ``busy_share`` of one core during the window (a blinking cursor is allowed).
        """
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            started, cpu = time.perf_counter(), self.cpu_seconds()
            wrote = False
            while (remaining := started + window - time.perf_counter()) > 0:
                if self._read_chunk(remaining) is not None:
                    wrote = True
            if not wrote and self.cpu_seconds() - cpu < busy_share * window:
                return

    def drain(self, seconds: float) -> None:
        """Keep the terminal's buffer empty without emulating it (a program blocked on a full
        pty would look stalled)."""
        deadline = time.perf_counter() + seconds
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return
            ready, _, _ = select.select([self.term.fd], [], [], min(remaining, 0.5))
            if ready:
                try:
                    data = os.read(self.term.fd, 65536)
                except OSError:
                    return
                if not data:
                    return
                self.bytes_read += len(data)

    # -------------------------------------------------------------------------- the screen

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def line(self, y: int) -> str:
        return self.screen.display[y]

    def background(self, y: int, x: int) -> str:
        return self.screen.buffer[y][x].bg

    def find_line(self, needle: str) -> int | None:
        for y, line in enumerate(self.screen.display):
            if needle in line:
                return y
        return None

    def lines_with_background(self, colour: str, x: int = 3) -> list[int]:
        return [y for y in range(self.screen.lines) if self.background(y, x) == colour]

    # -------------------------------------------------------------------------- the process

    @property
    def pid(self) -> int:
        return self.term.pid

    def alive(self) -> bool:
        return self.term.poll() is None

    def peak_rss_kb(self) -> int | None:
        """The process's peak resident set so far (``VmHWM``), in KiB."""
        try:
            status = Path(f"/proc/{self.term.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return None

    def wait_exit(self, timeout: float) -> int | None:
        """Drain output until the program exits; its status, or None on timeout."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self.drain(0.2)
            status = self.term.poll()
            if status is not None:
                return status
        return None

    def close(self) -> None:
        self.term.close()

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
