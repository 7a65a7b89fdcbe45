"""Hard limits on what one answer from Partner Center may cost: time and memory.

A per-read timeout alone does not bound a call: a server that sends one byte every few seconds
never trips it. And an answer read whole before anyone looks at its size can take all the
memory there is. So every answer is read as a stream, under a total deadline and a byte cap.
"""

from __future__ import annotations

import asyncio

import httpx

#: The most an answer's body may hold (after decompression). Partner Center's largest pages
#: (500 customers or subscriptions with their full records) stay well under 5 MB.
MAX_BODY_BYTES = 32 * 1024 * 1024
#: The total time for one attempt (connect, headers and the whole body), as a multiple of
#: the per-read timeout of the profile (30 s by default: 2 minutes).
DEADLINE_FACTOR = 4.0


#: One customer's details (its record, subscriptions, entitlements, qualifications and
#: relationships, with their retries) may take at most this many attempt deadlines: a server
#: that answers every call just in time, again and again, cannot hold a sync on one customer.
STEP_DEADLINE_FACTOR = 5.0


class DeadlineExceeded(Exception):
    """The answer did not finish within the attempt's deadline."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no complete answer within {seconds:g} s")
        self.seconds = seconds


class BodyTooLarge(Exception):
    """The answer's body is larger than the cap (nothing beyond the cap was read)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"body larger than {limit} bytes")
        self.limit = limit


async def send_bounded(http: httpx.AsyncClient, method: str, target: str, *,
                       content: bytes | None, headers: dict[str, str], deadline_s: float,
                       max_bytes: int = MAX_BODY_BYTES) -> httpx.Response:
    """Send one request and read its whole answer within ``deadline_s`` and ``max_bytes``.

    The answer comes back fully read (``.content`` works). httpx's own timeouts still apply
    to each read; this adds the bound on the total."""
    request = http.build_request(method, target, content=content, headers=headers)
    try:
        async with asyncio.timeout(deadline_s):
            response = await http.send(request, stream=True)
            try:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise BodyTooLarge(max_bytes)
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise BodyTooLarge(max_bytes)
                    chunks.append(chunk)
            finally:
                await response.aclose()
    except TimeoutError as exc:
        raise DeadlineExceeded(deadline_s) from exc
    # The body is already decoded: the copy must not claim an encoding it no longer has.
    plain = httpx.Headers([(key, value) for key, value in response.headers.multi_items()
                           if key.lower() not in ("content-encoding", "transfer-encoding",
                                                      "content-length")])
    return httpx.Response(response.status_code, headers=plain, content=b"".join(chunks),
                          request=request, extensions=response.extensions)
