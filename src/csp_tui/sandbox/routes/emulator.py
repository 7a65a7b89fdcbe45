"""The emulator's own controls under ``/_emulator`` (never under ``/v1``): its state, the
prospects waiting to accept an invitation (and accepting one), the virtual clock, growing the
world, and the fault settings."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox import rules
from csp_tui.sandbox.api_error import ApiError, ci
from csp_tui.sandbox.clock import to_iso
from csp_tui.sandbox.entities import ROLE_PROVIDER, ROLE_RESELLER, Caller, Customer
from csp_tui.sandbox.faults import FaultConfigError, config_from_mapping
from csp_tui.sandbox.routes.common import api, json_body, query_of, sandbox_of
from csp_tui.sandbox.wire import customer_thin
from csp_tui.sandbox.world import World


def _prospect_wire(world: World, prospect: Customer) -> dict[str, Any]:
    accepts_at = (world.created_at + timedelta(seconds=prospect.accepts_after)
                  if prospect.accepts_after is not None else None)
    return {
        "tenantId": prospect.id,
        "companyName": prospect.company_name,
        "domain": prospect.domain,
        "customDomains": list(prospect.custom_domains),
        "contactName": prospect.contact_name,
        "contactEmail": prospect.email,
        "acceptsAfter": prospect.accepts_after,
        "acceptsAt": to_iso(accepts_at) if accepts_at else None,
        "status": "accepted" if prospect.state == "customer" else "waiting",
        "acceptedAt": to_iso(prospect.related_at) if prospect.related_at else None,
    }


def _clock_wire(world: World) -> dict[str, Any]:
    return {"now": to_iso(world.now()), "frozen": world.clock.frozen}


@api
async def emulator_state(request: Request) -> Response:
    ctx = sandbox_of(request)
    world = ctx.world
    with world.lock:
        now = world.now()
        body = {
            **_clock_wire(world),
            "seed": world.seed,
            "epoch": world.epoch,
            "createdAt": to_iso(world.created_at),
            "counts": world.counts(),
            "visibleCustomers": {
                role: sum(1 for c in world.customers if world.listed(Caller(role, tenant), c, now))
                for role, tenant in ((ROLE_RESELLER, identity.RESELLER_TENANT_ID),
                                     (ROLE_PROVIDER, identity.PROVIDER_TENANT_ID))
            },
            "rateLimitPerMinute": ctx.limiter.per_minute,
            "statePath": str(ctx.state_path) if ctx.state_path else None,
        }
    body["faults"] = ctx.faults.snapshot()
    return JSONResponse(body)


@api
async def emulator_prospects(request: Request) -> Response:
    world = sandbox_of(request).world
    with world.lock:
        prospects = sorted(world.prospects(),
                           key=lambda c: (c.accepts_after is None, c.accepts_after or 0.0))
        return JSONResponse({"items": [_prospect_wire(world, p) for p in prospects]})


@api
async def emulator_accept(request: Request) -> Response:
    world = sandbox_of(request).world
    body = ci(await json_body(request))
    query = query_of(request)
    domain = str(body.get("domain") or query.get("domain") or "").strip().lower()
    tenant = str(body.get("tenantid") or query.get("tenantid") or "").strip().lower()
    reseller = str(body.get("indirectresellerid") or identity.RESELLER_TENANT_ID)
    if not domain and not tenant:
        raise ApiError(400, 3000, "Give the prospect's domain or tenantId.")
    with world.lock:
        prospect = world.domain_owner(domain) if domain else world.customer(tenant)
        if prospect is None or not prospect.was_prospect:
            raise ApiError(404, 1000, f"No tenant waiting for an invitation matches "
                                      f"'{domain or tenant}'.")
        already = prospect.state == "customer"
        if not already:
            partner = world.partner(reseller)
            if partner is None or partner.role != ROLE_RESELLER:
                raise ApiError(400, 800016, f"'{reseller}' is not a known indirect reseller.")
            rules.accept_prospect(world, prospect, world.now(), partner.tenant_id)
        return JSONResponse({"accepted": True, "alreadyAccepted": already,
                             "customer": customer_thin(prospect),
                             "prospect": _prospect_wire(world, prospect)})


def _number(body: dict[str, Any], key: str) -> float:
    value = body.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ApiError(400, 3000, f"{key} must be a number >= 0.")
    return float(value)


@api
async def emulator_clock_advance(request: Request) -> Response:
    world = sandbox_of(request).world
    body = ci(await json_body(request))
    if not isinstance(body, dict):
        raise ApiError(400, 3000, "Send {\"seconds\": N} or {\"days\": N}.")
    seconds = (_number(body, "seconds") + 60 * _number(body, "minutes")
               + 3600 * _number(body, "hours") + 86400 * _number(body, "days"))
    freeze = body.get("freeze")
    if freeze is not None and not isinstance(freeze, bool):
        raise ApiError(400, 3000, "freeze must be true or false.")
    with world.lock:
        if freeze is True:
            world.clock.freeze()
        elif freeze is False:
            world.clock.unfreeze()
        world.clock.advance(seconds)
        world.changed()
        rules.advance(world, world.now())
        return JSONResponse(_clock_wire(world))


@api
async def emulator_clock(request: Request) -> Response:
    world = sandbox_of(request).world
    with world.lock:
        return JSONResponse(_clock_wire(world))


@api
async def emulator_grow(request: Request) -> Response:
    world = sandbox_of(request).world
    body = ci(await json_body(request))
    total = body.get("customers") if isinstance(body, dict) else None
    if isinstance(total, bool) or not isinstance(total, int) or not 0 <= total <= 200_000:
        raise ApiError(400, 3000, "customers must be a whole number between 0 and 200000.")
    with world.lock:
        added = world.grow(total)
        return JSONResponse({"added": added, "customers": world.counts()["customers"]})


@api
async def emulator_faults(request: Request) -> Response:
    ctx = sandbox_of(request)
    if request.method == "POST":
        body = await json_body(request)
        if not isinstance(body, dict):
            raise ApiError(400, 3000, "Send the fault settings as a JSON object.")
        settings = dict(body)
        limit = None
        for key in list(settings):
            if key.replace("_", "").lower() in ("ratelimit", "ratelimitperminute"):
                limit = settings.pop(key)
        try:
            config = config_from_mapping(settings, ctx.faults.config)
        except FaultConfigError as exc:
            raise ApiError(400, 3000, str(exc)) from exc
        if limit is not None:
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
                raise ApiError(400, 3000, "rate_limit must be a whole number >= 1.")
            ctx.limiter.configure(limit)
        ctx.faults.configure(config)
    return JSONResponse({**ctx.faults.snapshot(), "rate_limit": ctx.limiter.per_minute})


@api
async def emulator_reset_faults(request: Request) -> Response:
    ctx = sandbox_of(request)
    ctx.faults.reset()
    ctx.auth.reset()
    return JSONResponse({**ctx.faults.snapshot(), "rate_limit": ctx.limiter.per_minute})
