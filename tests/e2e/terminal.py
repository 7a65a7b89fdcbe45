"""Drive a real program in a pseudo-terminal and read its screen, as a user over SSH would.

pyte emulates a VT100-style terminal; the program under test talks to a real pty, so this
exercises the real entry point, the real driver and real escape sequences — nothing mocked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Sequence

import pyte


class Terminal:
    def __init__(self, argv: Sequence[str], *, env: dict[str, str], columns: int = 80,
                 lines: int = 24) -> None:
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        pid, fd = pty.fork()
        if pid == 0:  # child: becomes the program
            try:
                os.execvpe(argv[0], list(argv), env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.exit_status: int | None = None

    def pump(self, seconds: float = 0.05) -> None:
        """Read whatever the program wrote within ``seconds``."""
        deadline = time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                return
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.raw.extend(data)
            self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            screen = self.text()
            if predicate(screen):
                return screen
            if self.poll() is not None:
                break
        raise AssertionError(f"screen never matched; last screen:\n{self.text()}")

    def wait_text(self, needle: str, timeout: float = 20.0) -> str:
        return self.wait_for(lambda screen: needle in screen, timeout)

    def send(self, data: str | bytes) -> None:
        os.write(self.fd, data.encode() if isinstance(data, str) else data)
        self.pump(0.15)

    def poll(self) -> int | None:
        if self.exit_status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = os.waitstatus_to_exitcode(status)
        return self.exit_status

    def wait_exit(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            status = self.poll()
            if status is not None:
                return status
        raise AssertionError("program did not exit")

    def close(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            os.close(self.fd)


# Keys as a terminal sends them.
TAB = "\t"
SHIFT_TAB = "\x1b[Z"
ENTER = "\r"
ESC = "\x1b"
DOWN = "\x1b[B"
UP = "\x1b[A"
