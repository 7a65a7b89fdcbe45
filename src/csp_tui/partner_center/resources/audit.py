"""The audit log: every change in the partner organisation, by anyone, seek-paged."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

from csp_tui.partner_center.models import AuditRecord, Page
from csp_tui.partner_center.paging import PagingClient
from csp_tui.partner_center.urls import with_query


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class AuditCalls(PagingClient):
    """``GET /v1/auditrecords`` (partner-center-api §8): records from ``start`` (to ``end``),
    page by page (seek paging, 500 a page)."""

    async def iter_audit_pages(
        self, start: datetime, end: datetime | None = None, *, size: int = 500
    ) -> AsyncIterator[Page[AuditRecord]]:
        first = with_query("/v1/auditrecords", {
            "startDate": _moment(start),
            "endDate": _moment(end) if end is not None else None,
            "size": max(0, int(size)),
        })
        async for page in self._iter_pages(first, AuditRecord, empty_ok=True):
            yield page

    async def list_audit_records(
        self, start: datetime, end: datetime | None = None, *, size: int = 500
    ) -> Page[AuditRecord]:
        result: Page[AuditRecord] = Page()
        async for page in self.iter_audit_pages(start, end, size=size):
            result.extend(page)
            result.skipped.extend(page.skipped)
        return result
