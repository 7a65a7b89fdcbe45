"""The named views across all customers: renewing soon, inside the cancellation window,
suspended, auto-renew off, software, perpetual licences, expired."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from csp_tui.cache import views
from csp_tui.cache.views import SubscriptionListRow
from csp_tui.domain import terms
from csp_tui.domain.text import fold
from csp_tui.partner_center.dates import parse_pc_datetime

#: Our preset names -> the views.py preset behind each (None: answered here, see below).
PRESETS: dict[str, str | None] = {
    "renewing": "renewing_within_days",
    "in_window": "in_window",
    "suspended": "suspended",
    "auto_renew_off": "auto_renew_off",
    "software": "software",
    "perpetual": "perpetual" if "perpetual" in views.SUBSCRIPTION_PRESETS else None,
    "expired": "expired",
}


def preset_label(name: str, language: str | None = None, *, days: int | None = None) -> str:
    return terms.say(f"sub.preset.{name}", language,
                     days=days if days is not None else views.DEFAULT_RENEWING_DAYS)


# Perpetual licences live in ``entitlements``; views.py lists them only within one customer,
# so across all customers they are read here (same row shape, same refund-window rule).
_PERPETUAL_SOURCE = (
    "FROM entitlements AS e JOIN customers AS c ON c.id = e.customer_id "
    "WHERE c.removed_at IS NULL"
)


def _perpetual_filter(filter: str) -> tuple[str, tuple[Any, ...]]:
    pattern = views.like_pattern(filter)
    if not pattern:
        return "", ()
    return (" AND (csp_fold(e.product_name) LIKE ? ESCAPE '\\' "
            "OR c.name_fold LIKE ? ESCAPE '\\')", (pattern, pattern))


def _perpetual_conn(cache: sqlite3.Connection) -> sqlite3.Connection:
    conn = cache
    conn.create_function("csp_fold", 1, fold, deterministic=True)
    return conn


def _perpetual_rows(cache: sqlite3.Connection, *, filter: str, offset: int,
                    limit: int) -> list[SubscriptionListRow]:
    where, params = _perpetual_filter(filter)
    rows = _perpetual_conn(cache).execute(
        "SELECT e.id, e.customer_id, c.company_name, e.product_name, e.quantity, "
        f"e.purchase_date {_PERPETUAL_SOURCE}{where} "
        "ORDER BY c.sort_key, e.product_name, e.id LIMIT ? OFFSET ?",
        (*params, max(0, limit), max(0, offset)),
    ).fetchall()
    result = []
    for entry_id, customer_id, customer_name, product, quantity, purchased in rows:
        bought = parse_pc_datetime(purchased)
        refund_until = (bought + timedelta(days=views.PERPETUAL_REFUND_DAYS)
                        if bought else None)
        result.append(SubscriptionListRow(
            id=entry_id, customer_id=customer_id, customer_name=customer_name,
            product=product, offer_name=product, kind="perpetual", quantity=int(quantity or 0),
            status="active", term_duration=None, billing_cycle="onetime", auto_renew=None,
            commitment_end_date=None,
            cancellation_allowed_until=refund_until.strftime("%Y-%m-%dT%H:%M:%SZ")
            if refund_until else None,
            is_trial=False,
        ))
    return result


def _check_preset(name: str) -> str | None:
    if name not in PRESETS:
        raise ValueError(f"unknown subscription preset {name!r} (known: {', '.join(PRESETS)})")
    return PRESETS[name]


def preset_rows(
    cache: sqlite3.Connection,
    name: str,
    *,
    now: datetime,
    days: int = views.DEFAULT_RENEWING_DAYS,
    filter: str = "",
    sort: str = "renewal",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[SubscriptionListRow]:
    """One window of a named view across all customers (``days`` for ``renewing``)."""
    preset = _check_preset(name)
    if preset is None:
        return _perpetual_rows(cache, filter=filter, offset=offset, limit=limit)
    return views.subscription_rows(cache, filter=filter, sort=sort, descending=descending,
                                   offset=offset, limit=limit, preset=preset, now=now,
                                   renewing_days=days)


def preset_count(cache: sqlite3.Connection, name: str, *, now: datetime,
                 days: int = views.DEFAULT_RENEWING_DAYS, filter: str = "") -> int:
    preset = _check_preset(name)
    if preset is None:
        where, params = _perpetual_filter(filter)
        row = _perpetual_conn(cache).execute(
            f"SELECT count(*) {_PERPETUAL_SOURCE}{where}", params).fetchone()
        return int(row[0])
    return views.count_subscriptions(cache, filter=filter, preset=preset, now=now,
                                     renewing_days=days)


def _preset(name: str) -> Callable[..., list[SubscriptionListRow]]:
    def rows(cache: sqlite3.Connection, *, now: datetime, **kwargs: Any
             ) -> list[SubscriptionListRow]:
        return preset_rows(cache, name, now=now, **kwargs)

    rows.__name__ = name
    rows.__doc__ = f"The ``{name}`` view across all customers (see :func:`preset_rows`)."
    return rows


def renewing_within(cache: sqlite3.Connection, days: int, *, now: datetime,
                    **kwargs: Any) -> list[SubscriptionListRow]:
    """Active subscriptions with auto-renew on whose term ends within ``days``."""
    return preset_rows(cache, "renewing", now=now, days=days, **kwargs)


inside_cancellation_window = _preset("in_window")
suspended = _preset("suspended")
auto_renew_off = _preset("auto_renew_off")
software = _preset("software")
perpetual = _preset("perpetual")
expired = _preset("expired")
