"""A token bucket shared by every coroutine that talks to Partner Center.

Partner Center documents 500 requests per minute per partner tenant for the customer and
subscription resources and answers 429 above that. A sync reads customer details with several
workers at once; pacing them here keeps the whole process *under* the limit instead of bouncing
off 429s (each of which costs a Retry-After wait of up to a minute).

In any window of 60 seconds at most ``per_minute + burst`` requests start, so the default burst
is kept small: with the default profile limit of 450 the worst case stays below 500.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


def default_burst(per_minute: int) -> int:
    return max(1, per_minute // 20)


class RateLimiter:
    """``await acquire()`` before every request; ``pause(s)`` after a 429 stops everyone."""

    def __init__(
        self,
        per_minute: int,
        burst: int | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self.per_minute = per_minute
        self.burst = max(1, burst if burst is not None else default_burst(per_minute))
        self._rate = per_minute / 60.0  # tokens per second
        self._clock = clock
        self._sleep = sleep
        self._tokens = float(self.burst)
        self._updated = clock()
        self._paused_until = self._updated
        # One waiter at a time refills and takes tokens; asyncio.Lock hands over in FIFO order,
        # so concurrent callers are served in the order they asked.
        self._lock = asyncio.Lock()
        #: Requests let through so far.
        self.acquired = 0
        #: Total seconds callers spent waiting here (pacing and pauses).
        self.waited_s = 0.0

    @property
    def paused_for(self) -> float:
        """Seconds until a pause set by :meth:`pause` ends (0 when not paused)."""
        return max(0.0, self._paused_until - self._clock())

    def _refill(self, now: float) -> None:
        if now > self._updated:
            self._tokens = min(float(self.burst), self._tokens + (now - self._updated) * self._rate)
            self._updated = now

    async def acquire(self) -> None:
        """Wait until one more request may start."""
        async with self._lock:
            while True:
                now = self._clock()
                if now < self._paused_until:
                    wait = self._paused_until - now
                else:
                    self._refill(now)
                    if self._tokens >= 1.0:
                        self._tokens -= 1.0
                        self.acquired += 1
                        return
                    wait = (1.0 - self._tokens) / self._rate
                self.waited_s += wait
                await self._sleep(wait)

    def pause(self, seconds: float) -> None:
        """Hold every caller for ``seconds`` (the server's Retry-After), then resume gently.

        The bucket is emptied and does not refill during the pause: resuming with a full burst
        would likely hit the limit again straight away.
        """
        if seconds <= 0:
            return
        now = self._clock()
        until = now + seconds
        if until > self._paused_until:
            self._paused_until = until
        self._tokens = 0.0
        self._updated = max(self._updated, self._paused_until)
