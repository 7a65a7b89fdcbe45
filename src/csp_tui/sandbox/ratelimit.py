"""Server-side throttling: one token bucket per partner tenant, like Partner Center's 500/min.

Deliberately on the real monotonic clock, not the virtual one: throttling is about how fast a
client sends requests, and advancing the world by a day must not refill anybody's bucket.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """``per_minute`` requests per key per minute, with a burst of up to one minute's worth."""

    def __init__(self, per_minute: int = 500, *,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()
        self.per_minute = 0
        self.configure(per_minute)

    def configure(self, per_minute: int) -> None:
        if per_minute < 1:
            raise ValueError("the rate limit must allow at least one request per minute")
        with self._lock:
            self.per_minute = int(per_minute)
            self._buckets.clear()

    @property
    def _rate(self) -> float:
        return self.per_minute / 60.0

    def acquire(self, key: str) -> float | None:
        """Take one token for ``key``: ``None`` if allowed, else seconds until one is free."""
        now = self._monotonic()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(tokens=float(self.per_minute), updated=now)
            elapsed = max(0.0, now - bucket.updated)
            bucket.tokens = min(float(self.per_minute), bucket.tokens + elapsed * self._rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return None
            return (1.0 - bucket.tokens) / self._rate


def retry_after_seconds(wait: float) -> int:
    """Whole seconds for ``Retry-After`` (never 0: a client must actually wait)."""
    return max(1, math.ceil(wait))
