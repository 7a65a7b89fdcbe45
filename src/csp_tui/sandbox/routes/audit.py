"""``GET /v1/auditrecords``: the audit log in the documented shape, seek-paged, 90 days kept.

Query (names in any case): ``startDate`` (a day or a moment; default 30 days back, as Partner
Center), ``endDate`` (default now), ``size`` (0 = the default page, at most 500) and ``filter``
(``{"Field": "CustomerId"|"ResourceType"|"CompanyName", "Value": …, "Operator":
"equals"|"substring"}``). Further pages come from ``links.next`` with its
``MS-ContinuationToken`` header, which carries the query; the records come oldest first. A
caller sees the records of its own customers (a reseller: those it is the reseller of)."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui.sandbox import audit
from csp_tui.sandbox.api_error import ApiError
from csp_tui.sandbox.clock import from_iso
from csp_tui.sandbox.entities import ROLE_RESELLER, Caller
from csp_tui.sandbox.routes.common import api, caller_of, collection, query_of, sandbox_of

DEFAULT_PAGE_SIZE = 500
MAX_PAGE_SIZE = 500
DEFAULT_SPAN = timedelta(days=30)
_FILTER_FIELDS = {"customerid": "customerId", "resourcetype": "resourceType",
                  "companyname": "customerName"}


def _moment(text: str | None, name: str) -> datetime | None:
    if not text:
        return None
    try:
        return from_iso(text.strip())
    except ValueError as exc:
        raise ApiError(400, 3000, f"{name} is not a date.", [name]) from exc


def _filter(text: str | None) -> tuple[str, str, str] | None:
    if not text:
        return None
    try:
        raw = json.loads(text)
        field = _FILTER_FIELDS[str(raw["Field"]).lower()]
        operator = str(raw.get("Operator") or "equals").lower()
        value = str(raw["Value"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ApiError(400, 3000, "The filter is not valid.", ["filter"]) from exc
    if operator not in ("equals", "substring"):
        raise ApiError(400, 3000, f"Unknown filter operator '{operator}'.", ["filter"])
    return field, operator, value


def _matches(rec: dict[str, Any], flt: tuple[str, str, str] | None) -> bool:
    if flt is None:
        return True
    field, operator, value = flt
    have = str(rec.get(field) or "").lower()
    return have == value.lower() if operator == "equals" else value.lower() in have


def _visible(rec: dict[str, Any], caller: Caller) -> bool:
    owner = rec.get(audit.RESELLER if caller.role == ROLE_RESELLER else audit.PROVIDER)
    return owner == caller.key


def _token(state: dict[str, Any]) -> str:
    return base64.b64encode(json.dumps(state, separators=(",", ":")).encode()).decode()


def _untoken(token: str) -> dict[str, Any]:
    try:
        state = json.loads(base64.b64decode(token.strip(), validate=True))
        if not isinstance(state, dict) or state.get("k") != "audit":
            raise ValueError(token)
        return state
    except (ValueError, binascii.Error) as exc:
        raise ApiError(400, 3000, "The continuation token is not valid.") from exc


@api
async def list_audit_records(request: Request) -> Response:
    world = sandbox_of(request).world
    caller = caller_of(request)
    if caller.role in world.audit_refused_roles:
        raise ApiError(403, 1002, "Authorization Failed")
    query = query_of(request)
    token = request.headers.get("ms-continuationtoken")
    with world.lock:
        now = world.now()
        audit.prune(world, now)
        after = 0
        if (query.get("seekoperation") or "").lower() == "next":
            if not token:
                raise ApiError(400, 3000, "seekOperation=Next needs the MS-ContinuationToken "
                                          "header from the previous page.")
            state = _untoken(token)
            if state.get("p") != caller.key:
                raise ApiError(400, 3000, "The continuation token is not valid.")
            start, end = from_iso(state["s"]), from_iso(state["e"])
            flt = tuple(state["f"]) if state.get("f") else None
            size, after = int(state["z"]), int(state["a"])
        else:
            start = _moment(query.get("startdate"), "startDate") or now - DEFAULT_SPAN
            end = _moment(query.get("enddate"), "endDate") or now
            flt = _filter(query.get("filter"))
            try:
                size = int(query.get("size") or 0)
            except ValueError as exc:
                raise ApiError(400, 3000, "size must be a whole number.", ["size"]) from exc
            if size < 0:
                raise ApiError(400, 3000, "size must not be negative.", ["size"])
            size = min(size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        low, high = audit.moment(start), audit.moment(end)
        page: list[dict[str, Any]] = []
        more = False
        for rec in world.audit_records:
            if (int(rec[audit.SEQ]) <= after or not low <= str(rec["operationDate"]) <= high
                    or not _visible(rec, caller) or not _matches(rec, flt)):
                continue
            if len(page) == size:
                more = True
                break
            page.append(rec)
        items = [{key: value for key, value in rec.items() if key not in audit.PRIVATE}
                 for rec in page]
        body = collection(items, f"/auditrecords?size={size}")
        if more:
            next_token = _token({"k": "audit", "p": caller.key, "s": low, "e": high,
                                 "f": list(flt) if flt else None, "z": size,
                                 "a": page[-1][audit.SEQ]})
            body["links"]["next"] = {
                "uri": f"/v1/auditrecords?size={size}&seekOperation=Next",
                "method": "GET",
                "headers": [{"key": "MS-ContinuationToken", "value": next_token}],
            }
            body["continuationToken"] = next_token
    return JSONResponse(body)
