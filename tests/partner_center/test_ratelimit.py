"""The shared token bucket, driven by a fake clock whose sleep advances time instantly."""

from __future__ import annotations

import asyncio

import pytest

from csp_tui.partner_center.ratelimit import RateLimiter, default_burst


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)  # let other callers run, as a real sleep would


def limiter(per_minute: int, burst: int | None = None) -> tuple[RateLimiter, FakeClock]:
    clock = FakeClock()
    return RateLimiter(per_minute, burst, clock=clock, sleep=clock.sleep), clock


async def test_burst_goes_out_at_once_then_steady_rate() -> None:
    bucket, clock = limiter(60, burst=3)  # one token per second
    for _ in range(3):
        await bucket.acquire()
    assert clock.sleeps == []
    await bucket.acquire()
    assert clock.sleeps == [pytest.approx(1.0)]
    assert bucket.acquired == 4
    assert bucket.waited_s == pytest.approx(1.0)


async def test_concurrent_callers_stay_under_the_limit_in_any_minute() -> None:
    per_minute, burst = 120, 6
    bucket, clock = limiter(per_minute, burst)
    starts: list[float] = []

    async def worker(n: int) -> None:
        for _ in range(n):
            await bucket.acquire()
            starts.append(clock.now)

    await asyncio.gather(*(worker(60) for _ in range(8)))  # 480 requests, 8 callers
    assert len(starts) == 480 == bucket.acquired
    starts.sort()
    for i, first in enumerate(starts):
        in_window = sum(1 for t in starts[i:] if t < first + 60.0)
        assert in_window <= per_minute + burst
    # ...and it does not crawl either: 480 requests at 2/s need about 237 s.
    assert starts[-1] - starts[0] == pytest.approx((480 - burst) / 2.0, abs=1.0)


async def test_pause_holds_every_caller_and_resumes_without_a_burst() -> None:
    bucket, clock = limiter(60, burst=5)
    await bucket.acquire()
    paused_at = clock.now
    bucket.pause(30)
    assert bucket.paused_for == pytest.approx(30)
    starts: list[float] = []

    async def one() -> None:
        await bucket.acquire()
        starts.append(clock.now)

    await asyncio.gather(one(), one(), one())
    assert min(starts) >= paused_at + 30
    # Tokens did not pile up during the pause: the three go out one second apart.
    assert sorted(starts) == pytest.approx([paused_at + 31, paused_at + 32, paused_at + 33])
    assert bucket.paused_for == 0


async def test_a_shorter_pause_does_not_shorten_a_longer_one() -> None:
    bucket, clock = limiter(600, burst=10)
    bucket.pause(20)
    bucket.pause(5)
    bucket.pause(0)
    start = clock.now
    await bucket.acquire()
    assert clock.now >= start + 20


async def test_pause_during_a_wait_extends_it() -> None:
    bucket, clock = limiter(60, burst=1)
    await bucket.acquire()
    waiter = asyncio.create_task(bucket.acquire())
    await asyncio.sleep(0)  # the waiter is now sleeping for its next token
    bucket.pause(10)
    start = clock.now
    await waiter
    assert clock.now >= start + 10


def test_default_burst_keeps_the_profile_default_under_500() -> None:
    assert 450 + default_burst(450) < 500
    assert default_burst(1) == 1
    with pytest.raises(ValueError):
        RateLimiter(0)
