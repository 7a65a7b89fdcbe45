"""Names and purchase dates of perpetual licences, from where Partner Center gives them.

An entitlement (``GET …/entitlements``) carries a product id and an order reference, but no
product name and no purchase date (pc-samples ``entitlements-list*.json``). The name is the
product's ``title`` in the catalog (``GET /v1/products/{id}?country=``); the purchase date is the
``creationDate`` of the order the entitlement names (``GET …/orders/{orderId}``). Both are read
once and kept in cache.db (``catalog_products``, ``catalog_orders``): neither changes, so a
product or order is read again only while the cache has no answer for it.

A name that cannot be read is said in words ("name not available: <reason> (<id>)"), never
shown as a bare product id. A catalog that does not list the product (404) or refuses this
account (403) is remembered for a day, so a sync every few minutes does not ask again each
time; any other failure is not remembered and the next sync asks again.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from csp_tui.db import Transaction
from csp_tui.domain.validation import DEFAULT_COUNTRY
from csp_tui.i18n import t
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.auth import SignInRequiredError
from csp_tui.partner_center.dates import parse_pc_datetime
from csp_tui.timestamps import wire_stamp

if TYPE_CHECKING:
    from csp_tui.config import Profile
    from csp_tui.partner_center.client import PartnerCenterClient

log = logging.getLogger(__name__)

#: How long a "not in the catalog" / "refused" answer stands before it is asked again.
PROBLEM_RETRY = timedelta(days=1)
NOT_FOUND = "not_found"
REFUSED = "refused"
FAILED = "failed"
NO_PRODUCT = "no_product"

# Refusals of the sign-in end the whole sync (the caller asks the person to sign in).
_SIGN_IN_ERRORS = (pce.AuthenticationError, SignInRequiredError)

@dataclass(frozen=True)
class NamedEntitlement:
    """An entitlement with what the catalog and its order say about it.

    ``product_name``: the catalog's title, or words saying why there is none;
    ``purchase_date``: ISO-8601 UTC, or None when the order could not be read.
    """

    entitlement: Any
    product_name: str
    purchase_date: str | None


@dataclass(frozen=True)
class _Answer:
    value: str | None
    problem: str | None


def catalog_country(profile: Profile) -> str:
    """The market the catalog is read for: the profile's ``country`` if it has one, else CZ
    (the profiles of this console are Czech partners)."""
    country = str(getattr(profile, "country", "") or "").strip().upper()
    return country if len(country) == 2 and country.isalpha() else DEFAULT_COUNTRY


def _now() -> datetime:
    return datetime.now(UTC)


def _fresh_problem(read_at: str, now: datetime) -> bool:
    read = parse_pc_datetime(read_at)
    return read is not None and now - read < PROBLEM_RETRY


def _problem_of(exc: pce.PartnerCenterError) -> str:
    if isinstance(exc, pce.NotFoundError):
        return NOT_FOUND
    if isinstance(exc, pce.ForbiddenError):
        return REFUSED
    return FAILED


# Reads already under way, so concurrent customers owning the same product ask only once.
_inflight: dict[tuple[int, str], asyncio.Future[_Answer]] = {}


async def _once(key: tuple[int, str], read: Callable[[], Awaitable[_Answer]]) -> _Answer:
    running = _inflight.get(key)
    if running is not None:
        return await asyncio.shield(running)
    future: asyncio.Future[_Answer] = asyncio.get_running_loop().create_future()
    _inflight[key] = future
    try:
        answer = await read()
    except asyncio.CancelledError:
        future.cancel()
        raise
    except BaseException as exc:
        future.set_exception(exc)
        future.exception()  # retrieved: waiters re-raise it, nobody logs "never retrieved"
        raise
    else:
        future.set_result(answer)
        return answer
    finally:
        _inflight.pop(key, None)


# -- one read, remembered ---------------------------------------------------------------------


def _remembered(row: Any, now: datetime) -> _Answer | None:
    """What ``cache.db`` already knows (``row`` = value, problem, read_at), or None: read it."""
    if row is not None and row[0]:
        return _Answer(row[0], None)
    if row is not None and row[1] and _fresh_problem(row[2], now):
        return _Answer(None, row[1])
    return None


async def _read_and_remember(call: Callable[[], Awaitable[Any]],
                             value_of: Callable[[Any], str | None],
                             remember: Callable[[str | None, str | None], None],
                             key: str) -> _Answer:
    """Read once from Partner Center and keep the answer: the value, or why there is none (a
    refusal or "not in the catalog" is kept for a day; a failure is tried again next sync)."""
    try:
        result = await call()
    except _SIGN_IN_ERRORS:
        raise
    except pce.PartnerCenterError as exc:
        problem = _problem_of(exc)
        log.info("read of %s failed: %s", key, exc)
        if problem != FAILED:
            remember(None, problem)
        return _Answer(None, problem)
    value = value_of(result)
    if not value:
        return _Answer(None, NOT_FOUND)
    remember(value, None)
    return _Answer(value, None)


# -- products ---------------------------------------------------------------------------------


async def _product_name(client: PartnerCenterClient, cache: sqlite3.Connection, product_id: str,
                        country: str) -> _Answer:
    key = product_id.strip().upper()
    row = cache.execute(
        "SELECT name, problem, read_at FROM catalog_products WHERE product_id = ?", (key,)
    ).fetchone()
    known = _remembered(row, _now())
    if known is not None:
        return known

    def remember(name: str | None, problem: str | None) -> None:
        _remember_product(cache, key, country, name, problem)

    async def read() -> _Answer:
        return await _read_and_remember(
            lambda: client.get_product(key, country=country),
            lambda product: (product.title or "").strip(), remember, f"product:{key}")

    return await _once((id(cache), f"product:{key}"), read)


def _remember_product(cache: sqlite3.Connection, product_id: str, country: str,
                      name: str | None, problem: str | None) -> None:
    with Transaction(cache) as conn:
        conn.execute(
            "INSERT INTO catalog_products (product_id, country, name, problem, read_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (product_id) DO UPDATE SET "
            "country = excluded.country, name = excluded.name, problem = excluded.problem, "
            "read_at = excluded.read_at",
            (product_id, country, name, problem, wire_stamp(_now())))


# -- orders -----------------------------------------------------------------------------------


def _order_created(order: Any) -> str | None:
    created = order.creation_date
    if created is None:
        return None
    return wire_stamp(created)


async def _order_date(client: PartnerCenterClient, cache: sqlite3.Connection, customer_id: str,
                      order_id: str) -> _Answer:
    row = cache.execute(
        "SELECT created_at, problem, read_at FROM catalog_orders "
        "WHERE customer_id = ? AND order_id = ?", (customer_id, order_id)).fetchone()
    known = _remembered(row, _now())
    if known is not None:
        return known

    def remember(created: str | None, problem: str | None) -> None:
        _remember_order(cache, customer_id, order_id, created, problem)

    async def read() -> _Answer:
        return await _read_and_remember(
            lambda: client.get_order(customer_id, order_id), _order_created, remember,
            f"order:{customer_id}:{order_id}")

    return await _once((id(cache), f"order:{customer_id}:{order_id}"), read)


def _remember_order(cache: sqlite3.Connection, customer_id: str, order_id: str,
                    created: str | None, problem: str | None) -> None:
    with Transaction(cache) as conn:
        conn.execute(
            "INSERT INTO catalog_orders (customer_id, order_id, created_at, problem, read_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (customer_id, order_id) DO UPDATE SET "
            "created_at = excluded.created_at, problem = excluded.problem, "
            "read_at = excluded.read_at",
            (customer_id, order_id, created, problem, wire_stamp(_now())))


# -- the step the sync calls ------------------------------------------------------------------


def unavailable_name(problem: str, product_id: str) -> str:
    """The words shown instead of a product name that could not be read."""
    return t("catalog.name_unavailable", reason=t(f"catalog.reason.{problem}"),
             product_id=product_id or "-")


def _distinct(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return list(seen)


async def name_entitlements(client: PartnerCenterClient, cache: sqlite3.Connection,
                            profile: Profile, customer_id: str, entitlements: list[Any] | None
                            ) -> list[NamedEntitlement] | None:
    """``entitlements`` with their names and purchase dates (None stays None: a part that
    could not be read is left to the cache). Raises only when the sign-in is refused."""
    if entitlements is None:
        return None
    country = catalog_country(profile)
    products = _distinct((e.product_id or "").strip().upper() for e in entitlements)
    orders = _distinct(((e.reference_order.id if e.reference_order else None) or "").strip()
                       for e in entitlements)
    names = {pid: await _product_name(client, cache, pid, country) for pid in products}
    dates = {oid: await _order_date(client, cache, customer_id, oid) for oid in orders}
    named = []
    for entitlement in entitlements:
        product_id = (entitlement.product_id or "").strip().upper()
        answer = names.get(product_id, _Answer(None, NO_PRODUCT))
        order_id = ((entitlement.reference_order.id if entitlement.reference_order else None)
                    or "").strip()
        purchase = dates[order_id].value if order_id in dates else None
        named.append(NamedEntitlement(
            entitlement=entitlement,
            product_name=answer.value or unavailable_name(answer.problem or FAILED, product_id),
            purchase_date=purchase,
        ))
    return named
