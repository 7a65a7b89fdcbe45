"""The sandbox as an ASGI application: Partner Center's REST routes under ``/v1`` and the
emulator's own controls under ``/_emulator`` (never under ``/v1``), assembled here.

The handlers are in :mod:`csp_tui.sandbox.routes` (one module per resource); what every request
passes before its route (authentication, rate limit, faults, the role matrix, idempotent
replay) is :mod:`csp_tui.sandbox.middleware`; one sandbox's shared state is
:class:`~csp_tui.sandbox.context.SandboxContext`."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from csp_tui.sandbox.context import SandboxContext
from csp_tui.sandbox.entities import ROLES, Caller
from csp_tui.sandbox.faults import FaultConfig, FaultInjector, config_from_mapping
from csp_tui.sandbox.middleware import CALLER_KEY, SandboxMiddleware
from csp_tui.sandbox.ratelimit import RateLimiter
from csp_tui.sandbox.responses import classic_error
from csp_tui.sandbox.roles_enforced import RoleMatrixMiddleware
from csp_tui.sandbox.routes import (
    audit,
    catalog,
    customers,
    emulator,
    emulator_auth,
    orders,
    qualifications,
    relationships,
    seats,
    subscriptions,
    users,
)
from csp_tui.sandbox.tokens import TokenBook
from csp_tui.sandbox.world import World, WorldFileError
from csp_tui.sandbox_identity import DEFAULT_CUSTOMERS

log = logging.getLogger(__name__)


async def _not_found(request: Request, exc: Exception) -> Response:
    return classic_error(404, 1000, f"The resource '{request.url.path}' was not found.")


async def _not_allowed(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 405
    return classic_error(status, 3000, f"{request.method} is not supported on "
                                       f"'{request.url.path}'.")


def _routes() -> list[Route]:
    customer = "/v1/customers/{customer_id}"
    customer_users = customer + "/users"
    subscription = customer + "/subscriptions/{subscription_id}"
    return [
        Route("/v1/customers", customers.list_customers, methods=["GET"]),
        Route("/v1/customers", customers.create_customer, methods=["POST"]),
        Route("/v1/customers/relationshiprequests", relationships.relationship_request,
              methods=["GET"]),
        Route("/v1/customers/relationshipRequests", relationships.relationship_request,
              methods=["GET"]),
        Route(customer, customers.get_customer, methods=["GET"]),
        Route(customer + "/customDomains", customers.custom_domains, methods=["GET"]),
        Route(customer + "/customdomains", customers.custom_domains, methods=["GET"]),
        Route(customer + "/relationships", relationships.customer_relationships, methods=["GET"]),
        Route(customer + "/subscriptions", subscriptions.list_subscriptions, methods=["GET"]),
        Route(subscription, subscriptions.get_subscription, methods=["GET"]),
        Route(subscription, subscriptions.patch_subscription, methods=["PATCH"]),
        Route(customer + "/entitlements", catalog.list_entitlements, methods=["GET"]),
        Route(customer + "/orders/{order_id}", catalog.get_order, methods=["GET"]),
        Route("/v1/products/{product_id}", catalog.get_product, methods=["GET"]),
        # selling: the catalog, carts, checkout and orders
        Route("/v1/products", catalog.list_products, methods=["GET"]),
        Route("/v1/products/{product_id}/skus", catalog.list_skus, methods=["GET"]),
        Route("/v1/products/{product_id}/skus/{sku_id}", catalog.get_sku, methods=["GET"]),
        Route("/v1/products/{product_id}/skus/{sku_id}/availabilities",
              catalog.list_availabilities, methods=["GET"]),
        Route(customer + "/products/{product_id}/skus", catalog.customer_skus, methods=["GET"]),
        Route(customer + "/products/{product_id}/skus/{sku_id}/availabilities",
              catalog.customer_availabilities, methods=["GET"]),
        Route(customer + "/carts", orders.create_cart, methods=["POST"]),
        Route(customer + "/carts/{cart_id}", orders.get_cart, methods=["GET"]),
        Route(customer + "/carts/{cart_id}/checkout", orders.checkout, methods=["POST"]),
        Route(customer + "/orders", orders.list_orders, methods=["GET"]),
        Route(customer + "/orders/{order_id}/provisioningstatus", orders.provisioning_status,
              methods=["GET"]),
        Route(customer + "/qualifications", qualifications.list_qualifications, methods=["GET"]),
        Route(customer + "/qualifications", qualifications.add_qualification, methods=["POST"]),
        Route(customer_users, users.list_customer_users, methods=["GET"]),
        Route(customer_users + "/{user_id}/resetpassword", users.reset_user_password,
              methods=["PATCH"]),
        Route(customer + "/subscribedskus", seats.list_subscribed_skus, methods=["GET"]),
        Route(customer + "/subscribedSkus", seats.list_subscribed_skus, methods=["GET"]),
        Route("/v1/domains/{domain}", customers.domain_exists, methods=["HEAD"]),
        Route("/v1/relationships", relationships.partner_relationships, methods=["GET"]),
        Route("/v1/auditrecords", audit.list_audit_records, methods=["GET"]),
        Route("/_emulator/state", emulator.emulator_state, methods=["GET"]),
        Route("/_emulator/prospects", emulator.emulator_prospects, methods=["GET"]),
        Route("/_emulator/invitations/accept", emulator.emulator_accept, methods=["POST"]),
        Route("/_emulator/clock", emulator.emulator_clock, methods=["GET"]),
        Route("/_emulator/clock/advance", emulator.emulator_clock_advance, methods=["POST"]),
        Route("/_emulator/grow", emulator.emulator_grow, methods=["POST"]),
        Route("/_emulator/faults", emulator.emulator_faults, methods=["GET", "POST"]),
        Route("/_emulator/reset-faults", emulator.emulator_reset_faults, methods=["POST"]),
        Route("/_emulator/auth", emulator_auth.emulator_auth, methods=["GET", "POST"]),
    ]


def build_app(
    world: World,
    *,
    state_path: Path | None = None,
    faults: FaultConfig | dict[str, Any] | None = None,
    rate_limit: int = 500,
    tokens: TokenBook | None = None,
) -> Starlette:
    """An ASGI app serving ``world``; saved to ``state_path`` after every change if given.
    ``tokens``: the tokens it honours (default: the embedded sandbox's, no setup)."""
    if isinstance(faults, dict):
        faults = config_from_mapping(faults)
    ctx = SandboxContext(world, state_path=state_path, faults=FaultInjector(faults),
                         limiter=RateLimiter(rate_limit), tokens=tokens)
    app = Starlette(
        routes=_routes(),
        # Inside the sandbox middleware (the caller is known), in front of every route.
        middleware=[Middleware(SandboxMiddleware, ctx=ctx),
                    Middleware(RoleMatrixMiddleware, caller_key=CALLER_KEY)],
        exception_handlers={404: _not_found, 405: _not_allowed},
    )
    app.state.sandbox = ctx
    if state_path is not None and world.dirty:
        ctx.persist()
    return app


def _load_or_generate(state_path: Path | None, *, seed: int, customers: int,
                      frozen_at: datetime | None) -> World:
    if state_path is not None and Path(state_path).exists():
        try:
            return World.load(Path(state_path))
        except WorldFileError as exc:
            # A damaged world is demo data: keep it aside for inspection and start over.
            aside = Path(state_path).with_name(Path(state_path).name + ".damaged")
            log.warning("the sandbox world %s is unusable (%s); moved to %s", state_path, exc,
                        aside)
            Path(state_path).replace(aside)
    return World.generate(seed, customers, now=frozen_at, frozen=frozen_at is not None)


def create_sandbox(
    state_path: Path | None,
    *,
    seed: int = 7,
    customers: int = DEFAULT_CUSTOMERS,
    faults: FaultConfig | dict[str, Any] | None = None,
    rate_limit: int = 500,
    frozen_at: datetime | None = None,
    default_caller: tuple[str, str] | None = None,
    tokens: TokenBook | None = None,
) -> tuple[Starlette, World]:
    """The sandbox app and its world: loaded from ``state_path`` if it exists, else generated
    (deterministic for ``seed``; with ``frozen_at`` the clock stands still at that instant)."""
    world = _load_or_generate(state_path, seed=seed, customers=customers, frozen_at=frozen_at)
    if default_caller is not None:
        role, tenant = default_caller
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} (known: {', '.join(ROLES)})")
        world.default_caller = Caller(role, tenant)
        world.dirty = True
    app = build_app(world, state_path=state_path, faults=faults, rate_limit=rate_limit,
                    tokens=tokens)
    return app, world


def sandbox_context(app: Starlette) -> SandboxContext:
    """The shared state behind an app made by :func:`build_app` (for tests and tools)."""
    return cast(SandboxContext, app.state.sandbox)
