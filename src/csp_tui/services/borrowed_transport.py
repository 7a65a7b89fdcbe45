"""An httpx transport that lends another one without closing it."""

from __future__ import annotations

import httpx


class BorrowedTransport(httpx.AsyncBaseTransport):
    """Uses the session's transport without closing it: the session owns it."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        return None
