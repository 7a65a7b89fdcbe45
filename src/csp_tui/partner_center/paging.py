"""Listings page by page: following seek / continuation links tolerantly (relative, doubled
``/v1``, token in a header or in the body), and stopping a server whose pages never end."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from csp_tui.partner_center.bodies import malformed
from csp_tui.partner_center.calls import CallingClient, M
from csp_tui.partner_center.models import Page
from csp_tui.partner_center.urls import normalise_link, split_target, with_seek_next

#: A sanity bound on one listing (500 per page: millions of items).
MAX_PAGES = 10_000
#: Further pages in a row that bring no item not seen before in this listing: a server whose
#: continuation token changes every time but whose pages do not is stopped here, not after
#: MAX_PAGES.
MAX_PAGES_WITHOUT_NEW_ITEMS = 5
CONTINUATION_HEADER = "MS-ContinuationToken"
# Headers this client owns; a next link cannot override them.
_OWN_HEADERS = frozenset({
    "authorization", "accept", "content-type", "content-length", "host", "ms-requestid",
    "ms-correlationid", "x-locale", "ms-partnercenter-application", "if-match",
    "ms-contract-version",
})


class PagingClient(CallingClient):
    """A :class:`CallingClient` that also reads collections to their end."""

    def _next_target(self, uri: str, first: str) -> str | None:
        target = normalise_link(uri, self.base_url)
        if target is None:
            return None
        if split_target(target)[0].lower() != split_target(first)[0].lower():
            return None  # a link to some other resource is not this listing's next page
        return target

    async def _iter_pages(
        self, first: str, model: type[M], *, empty_ok: bool = False
    ) -> AsyncIterator[Page[M]]:
        """Every page of a collection, following seek/continuation links tolerantly.

        ``empty_ok``: an empty body or ``null`` means "no items" (relationships lists).
        """
        target = first
        extra: dict[str, str] = {}
        seen: set[tuple[str, str | None]] = {(first, None)}
        progress = _ListingProgress()
        for _ in range(MAX_PAGES):
            answer = await self._call("GET", target, extra_headers=extra,
                                      require_body=not empty_ok)
            items, collection = self._items(model, answer.body, target)
            if not progress.advanced(items):
                raise malformed("pc.malformed.no_new_items", first,
                                pages=MAX_PAGES_WITHOUT_NEW_ITEMS)
            yield items
            link = collection.links.next if collection.links else None
            if link is not None and not link.uri and not link.headers:
                link = None  # "next": {} promises nothing
            headers: dict[str, str] = {}
            next_target: str | None = None
            if link is not None:
                for item in link.headers:
                    if item.key and item.value and item.key.strip().lower() not in _OWN_HEADERS:
                        headers[item.key.strip()] = item.value
                if link.uri:
                    next_target = self._next_target(link.uri, first)
            token = next(
                (v for k, v in headers.items() if k.lower() == CONTINUATION_HEADER.lower()), None)
            if token is None and collection.continuation_token:
                token = collection.continuation_token
                headers[CONTINUATION_HEADER] = token
            if link is None and token is None:
                return
            if next_target is None:
                next_target = with_seek_next(first)
            key = (next_target, token)
            if key in seen:
                raise malformed("pc.malformed.paging_stuck", first)
            seen.add(key)
            target, extra = next_target, headers
        raise malformed("pc.malformed.too_many_pages", first, pages=MAX_PAGES)

    async def _collect(self, first: str, model: type[M], *, empty_ok: bool = False) -> Page[M]:
        result: Page[M] = Page()
        async for page in self._iter_pages(first, model, empty_ok=empty_ok):
            result.extend(page)
            result.skipped.extend(page.skipped)
        return result


class _ListingProgress:
    """Whether a listing's pages still bring items it has not seen (by id, else by content)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._pages = 0
        self._idle = 0

    def advanced(self, items: list[Any]) -> bool:
        """Count one page; False once MAX_PAGES_WITHOUT_NEW_ITEMS further pages brought
        nothing new (the first page always counts, even when empty)."""
        keys = {_item_key(item) for item in items}
        new = keys - self._seen
        self._seen |= keys
        self._pages += 1
        if self._pages == 1 or new:
            self._idle = 0
            return True
        self._idle += 1
        return self._idle < MAX_PAGES_WITHOUT_NEW_ITEMS


def _item_key(item: Any) -> str:
    item_id = getattr(item, "id", None)
    if item_id:
        return f"id:{str(item_id).lower()}"
    raw = getattr(item, "raw", None)
    return "raw:" + json.dumps(raw, sort_keys=True, default=str)
