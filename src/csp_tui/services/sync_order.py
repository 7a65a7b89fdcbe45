"""The order of a full sync's detail reads, and running them together.

Customers wait in :class:`DetailQueue` (oldest details first; the one the person looks at
jumps ahead); :func:`gather_or_cancel` runs the readers and stops them all when one fails.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from typing import Any


async def gather_or_cancel(*aws: Any) -> list[Any]:
    """``asyncio.gather`` that cancels the others when one fails: a plain gather leaves them
    running, still calling Partner Center and writing the cache after the run has ended."""
    tasks = [asyncio.ensure_future(aw) for aw in aws]
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


class DetailQueue:
    """Customers waiting for a detail read; an on-demand refresh jumps the queue."""

    def __init__(self) -> None:
        self._heap: list[tuple[int, int, str]] = []
        self._counter = itertools.count()
        self._queued: set[str] = set()
        self._wakeup = asyncio.Event()

    def put(self, customer_id: str, *, urgent: bool = False) -> None:
        if customer_id in self._queued and not urgent:
            return
        self._queued.add(customer_id)
        heapq.heappush(self._heap, (0 if urgent else 1, next(self._counter), customer_id))
        self._wakeup.set()

    def pop(self) -> str | None:
        while self._heap:
            _, _, customer_id = heapq.heappop(self._heap)
            if customer_id in self._queued:
                self._queued.discard(customer_id)
                return customer_id
        return None

    def __len__(self) -> int:
        return len(self._queued)
