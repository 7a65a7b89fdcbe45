"""``/v1/customers``: the customer list (seek paging, the ``starts_with`` filter), one customer,
creating one, its domains, and whether a domain is taken.

Choices worth knowing (documented behaviour where Partner Center documents it):

- ``GET /v1/customers``: ``size`` absent or 0 means 100; at most 500 per page. Seek paging:
  ``links.next`` carries the opaque continuation token as ``MS-ContinuationToken`` header and
  the body repeats it as ``continuationToken``. Tokens are bound to the caller and the filter
  and expire after an hour of virtual time; new customers appear at the end of the order, so
  paging never skips or repeats one.
- A new customer is 404 on GET-by-id for 30 virtual seconds and missing from the list for 90.
- An indirect reseller cannot create customers through the API: its distributor does (403)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
import string
import uuid
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui.sandbox import audit, customer_rules
from csp_tui.sandbox.api_error import ApiError, ci
from csp_tui.sandbox.entities import ROLE_RESELLER, Caller, Customer
from csp_tui.sandbox.routes.common import (
    api,
    caller_of,
    collection,
    json_body,
    query_of,
    readable_customer,
    sandbox_of,
)
from csp_tui.sandbox.wire import customer_full, customer_thin
from csp_tui.sandbox.world import World

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
TOKEN_LIFETIME = timedelta(hours=1)
_FILTER_FIELDS = {
    "companyname": "CompanyName",
    "domain": "Domain",
    "indirectreseller": "IndirectReseller",
    "indirectcloudsolutionprovider": "IndirectCloudSolutionProvider",
}


def _parse_filter(text: str | None) -> tuple[str, str] | None:
    if text is None or not text.strip():
        return None
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise ApiError(400, 3000, "The filter must be a JSON object with Field, Value and "
                                  "Operator.", ["filter"]) from exc
    if not isinstance(raw, dict):
        raise ApiError(400, 3000, "The filter must be a JSON object.", ["filter"])
    data = ci(raw)
    field_name = _FILTER_FIELDS.get(str(data.get("field", "")).strip().lower())
    if field_name is None:
        raise ApiError(400, 3000, f"Unsupported filter field '{data.get('field')}'; use "
                                  "CompanyName, Domain, IndirectReseller or "
                                  "IndirectCloudSolutionProvider.", ["filter"])
    operator = str(data.get("operator") or "starts_with").strip().lower()
    if operator != "starts_with":
        raise ApiError(400, 3000, f"Unsupported filter operator '{data.get('operator')}'; "
                                  "customers support starts_with only.", ["filter"])
    value = data.get("value")
    if not isinstance(value, str):
        raise ApiError(400, 3000, "The filter value must be text.", ["filter"])
    return field_name, value


def _matches(customer: Customer, flt: tuple[str, str] | None) -> bool:
    if flt is None:
        return True
    field_name, value = flt
    wanted = value.casefold()
    if field_name == "CompanyName":
        return customer.company_name.casefold().startswith(wanted)
    if field_name == "Domain":
        return any(d.casefold().startswith(wanted) for d in customer.all_domains)
    if field_name == "IndirectReseller":
        return (customer.reseller_id or "").casefold().startswith(wanted)
    return (customer.provider_id or "").casefold().startswith(wanted)


def _encode_token(state: dict[str, Any]) -> str:
    return base64.b64encode(json.dumps(state, separators=(",", ":")).encode()).decode()


def _decode_token(token: str, world: World, caller: Caller, now: datetime) -> dict[str, Any]:
    try:
        state = json.loads(base64.b64decode(token.strip(), validate=True))
    except (ValueError, binascii.Error) as exc:
        raise ApiError(400, 3000, "The continuation token is not valid.") from exc
    if not isinstance(state, dict) or state.get("v") != 1 or state.get("e") != world.epoch \
            or state.get("p") != caller.key or not isinstance(state.get("a"), int) \
            or not isinstance(state.get("t"), int):
        raise ApiError(400, 3000, "The continuation token is not valid.")
    issued = datetime.fromtimestamp(state["t"], tz=now.tzinfo)
    if now - issued > TOKEN_LIFETIME or issued - now > TOKEN_LIFETIME:
        raise ApiError(400, 3000, "The continuation token has expired; start the listing "
                                  "again.")
    return state


def _filter_digest(flt: tuple[str, str] | None) -> str:
    if flt is None:
        return ""
    return hashlib.sha256(f"{flt[0]}\x00{flt[1].casefold()}".encode()).hexdigest()[:16]


@api
async def list_customers(request: Request) -> Response:
    ctx = sandbox_of(request)
    world = ctx.world
    caller = caller_of(request)
    query = query_of(request)
    size_text = query.get("size", "").strip()
    try:
        size = int(size_text) if size_text else 0
    except ValueError as exc:
        raise ApiError(400, 3000, "size must be a whole number.", ["size"]) from exc
    if size < 0:
        raise ApiError(400, 3000, "size must not be negative.", ["size"])
    size = min(size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    flt = _parse_filter(query.get("filter"))
    seek = query.get("seekoperation")
    token = request.headers.get("ms-continuationtoken")
    with world.lock:
        now = world.now()
        after = 0
        if seek is not None or token:
            if (seek or "").strip().lower() != "next":
                raise ApiError(400, 3000, "Only seekOperation=Next is supported.",
                               ["seekOperation"])
            if not token:
                raise ApiError(400, 3000, "seekOperation=Next needs the MS-ContinuationToken "
                                          "header from the previous page.")
            state = _decode_token(token, world, caller, now)
            token_filter = state.get("f")
            stored = (token_filter[0], token_filter[1]) if isinstance(token_filter, list) \
                else None
            if flt is not None and _filter_digest(flt) != _filter_digest(stored):
                raise ApiError(400, 3000, "The continuation token belongs to another filter.")
            flt = stored
            after = int(state["a"])
        matching = sorted(
            (c for c in world.customers
             if c.seq > after and world.listed(caller, c, now) and _matches(c, flt)),
            key=lambda c: c.seq)
        page = matching[:size]
        items = [customer_thin(c) for c in page]
        more = len(matching) > size
        if seek is not None:
            self_uri = f"/v1/customers?size={size}&seekOperation=Next"
        elif flt is not None:
            encoded = quote(json.dumps({"Field": flt[0], "Value": flt[1],
                                        "Operator": "starts_with"}), safe="")
            self_uri = f"/v1/customers?size={size}&filter={encoded}"
        else:
            self_uri = f"/v1/customers?size={size}"
        body = collection(items, self_uri)
        if more:
            next_token = _encode_token({
                "v": 1, "e": world.epoch, "a": page[-1].seq, "p": caller.key,
                "f": list(flt) if flt else None, "t": int(now.timestamp()),
            })
            body["links"]["next"] = {
                "uri": f"/v1/customers?size={size}&seekOperation=Next",
                "method": "GET",
                "headers": [{"key": "MS-ContinuationToken", "value": next_token}],
            }
            body["continuationToken"] = next_token
    return JSONResponse(body)


@api
async def get_customer(request: Request) -> Response:
    with sandbox_of(request).world.lock:
        return JSONResponse(customer_full(readable_customer(request)))


def _temporary_password() -> str:
    """Like Partner Center's: short, random, every character class."""
    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits, "*!#$%&@?")
    chars = [secrets.choice(c) for c in classes]
    chars += [secrets.choice("".join(classes)) for _ in range(8)]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


@api
async def create_customer(request: Request) -> Response:
    ctx = sandbox_of(request)
    world = ctx.world
    caller = caller_of(request)
    if caller.role == ROLE_RESELLER:
        # Indirect resellers cannot create customers through the API: their distributor does.
        raise ApiError(403, 1002, "Authorization Failed")
    body = ci(await json_body(request))
    with world.lock:
        new = customer_rules.validate_new_customer(world, caller, body)
        now = world.now()
        tenant_id = str(uuid.uuid4())
        customer = Customer(
            id=tenant_id,
            commerce_id=str(uuid.uuid4()),
            company_name=new.company_name,
            domain=new.domain,
            custom_domains=[],
            web_domain=new.email.rsplit("@", 1)[-1].lower(),
            ico=new.registration_number,
            street=new.street,
            city=new.city,
            postal_code=new.postal_code,
            country=new.country,
            phone=new.phone,
            email=new.email,
            first_name=new.first_name,
            last_name=new.last_name,
            culture=new.culture,
            language=new.language,
            billing_id=str(uuid.uuid4()),
            created_at=now,
            provider_id=caller.tenant_id,
            reseller_id=new.reseller_id,
            api_created=True,
            # Since 2023 new customers get default GDAP instead of DAP when asked for.
            allow_delegated_access=not new.gdap_by_default,
            contact_name=f"{new.first_name} {new.last_name}",
        )
        world.add_customer(customer)
        audit.record(world, customer, "add_customer", "customer", at=now, caller=caller,
                     data={"CustomerId": customer.id, "Domain": customer.domain})
        payload = customer_full(customer)
    payload["userCredentials"] = {"userName": "admin", "password": _temporary_password()}
    return JSONResponse(payload, status_code=201,
                        headers={"Location": f"/customers/{customer.id}"})


@api
async def domain_exists(request: Request) -> Response:
    world = sandbox_of(request).world
    with world.lock:
        taken = world.is_domain_taken(request.path_params["domain"])
    return Response(status_code=200 if taken else 404)


@api
async def custom_domains(request: Request) -> Response:
    with sandbox_of(request).world.lock:
        return JSONResponse(list(readable_customer(request).all_domains))
