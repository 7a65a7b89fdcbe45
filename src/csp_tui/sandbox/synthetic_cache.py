"""A deterministic synthetic cache: Czech-like customers, their tenants and subscriptions.

Benchmarks and tests need realistic volumes (20,000 customers / 100,000 subscriptions) without
a sync, and the same rows for the same seed on every machine. Rows go straight into the schema
of ``cache/schema.py`` (and the invitation ledger / command log of ``state/schema.py``) in one
transaction with ``executemany``, so even the large sizes take a few seconds; the derived
columns (search texts, attention) are computed by the same functions the cache's writer uses.

Emulator data, not production code: it lives with the emulator, and nothing in production
imports it. What the rows are made of is ``synthetic_pools.py``; the rows of ``state.db`` are
written by ``synthetic_state.py``.

Everything derives from ``random.Random(seed)`` and the given ``now``; nothing reads the clock.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from csp_tui import sandbox_identity as identity
from csp_tui.cache.store import search_fold, subscription_search_fold
from csp_tui.db import Transaction
from csp_tui.domain.attention import ATTENTION_REASONS
from csp_tui.domain.text import czech_sort_key, fold
from csp_tui.sandbox.synthetic_pools import (
    BILLING,
    CITIES,
    HOSTILE_NAMES,
    ONLINE,
    PERPETUAL,
    RELATIONSHIPS,
    SOFTWARE,
    STATUSES,
    TERM_DAYS,
    Names,
    initial_domain,
    iso,
    random_uuid,
    slug_of,
    spread,
    weighted,
)
from csp_tui.sandbox.synthetic_state import write_command_log, write_invitations
from csp_tui.timestamps import parse_timestamp

DEFAULT_NOW = "2026-11-24T09:00:00Z"


def _parse_now(now: str | datetime) -> datetime:
    moment = parse_timestamp(now)
    if moment is None:
        raise ValueError(now)
    return moment.astimezone(UTC).replace(microsecond=0)


class _Memo:
    """Product names repeat across 100k rows: fold and collate each distinct name once."""

    def __init__(self) -> None:
        self.folds: dict[str, str] = {}
        self.keys: dict[str, str] = {}

    def fold(self, text: str) -> str:
        value = self.folds.get(text)
        if value is None:
            value = self.folds[text] = fold(text)
        return value

    def sort_key(self, text: str) -> str:
        value = self.keys.get(text)
        if value is None:
            value = self.keys[text] = czech_sort_key(text)
        return value


def populate(
    cache_db: sqlite3.Connection,
    state_db: sqlite3.Connection | None = None,
    *,
    customers: int = 60,
    subscriptions_per_customer: int = 5,
    subscriptions: int | None = None,
    seed: int = 1,
    now: str | datetime = DEFAULT_NOW,
    invitations: int = 5,
    command_log: int = 0,
    hostile: bool = False,
    removed: int = 0,
) -> dict[str, int]:
    """Fill ``cache_db`` (and ``state_db``) with deterministic rows; return the counts written.

    ``subscriptions`` (a total) overrides ``subscriptions_per_customer``. ``removed`` extra
    customers are written with ``removed_at`` set (the console must hide them). ``hostile``
    gives the first customers names with markup, an OSC 52 sequence and a bidi override.
    """
    rng = random.Random(seed)
    moment = _parse_now(now)
    stamp = iso(moment)
    memo = _Memo()
    names = Names(rng)
    total_subs = (subscriptions if subscriptions is not None
                  else customers * subscriptions_per_customer)
    per_customer = spread(total_subs, customers, rng)

    customer_rows: list[tuple[Any, ...]] = []
    domain_rows: list[tuple[Any, ...]] = []
    relationship_rows: list[tuple[Any, ...]] = []
    subscription_rows: list[tuple[Any, ...]] = []
    entitlement_rows: list[tuple[Any, ...]] = []
    qualification_rows: list[tuple[Any, ...]] = []
    listed: list[tuple[str, str, str]] = []  # (id, name, initial domain) for invitations
    used_prefixes: set[str] = set()

    for index in range(customers + removed):
        is_removed = index >= customers
        customer_id = random_uuid(rng)
        name = names.next()
        if hostile and index < len(HOSTILE_NAMES):
            name = HOSTILE_NAMES[index]
        slug = slug_of(name) or f"tenant-{index}"
        initial = initial_domain(slug, used_prefixes)
        custom = [f"{slug[:40]}.cz"] if rng.random() < 0.6 else []
        if custom and rng.random() < 0.25:
            custom.append(f"{slug[:40]}.eu")
        relationship = weighted(rng, RELATIONSHIPS)
        delegated = rng.choice((1, 1, 1, 1, 1, 1, 0, None, None))
        city = rng.choice(CITIES)
        first_seen = moment - timedelta(days=rng.randint(30, 2000))
        count = 0 if is_removed else per_customer[index]

        attention_reasons: list[str] = []
        for _ in range(count):
            row, reason = _subscription(rng, memo, customer_id, fold(name), moment, stamp)
            subscription_rows.append(row)
            if reason and reason not in attention_reasons:
                attention_reasons.append(reason)
        if not is_removed and rng.random() < 0.15:
            for line in range(rng.randint(1, 2)):
                entitlement_rows.append(
                    _entitlement(rng, customer_id, moment, stamp, line))
        if not is_removed and rng.random() < 0.05:
            status = rng.choice(("approved", "inreview", "denied"))
            qualification_rows.append(
                (customer_id, "education", status,
                 "Missing accreditation documents" if status == "denied" else None,
                 iso(moment - timedelta(days=rng.randint(1, 60))), stamp))
            if status == "denied":
                attention_reasons.append("qual_denied")

        customer_rows.append((
            customer_id, name, fold(name), czech_sort_key(name), initial, fold(initial),
            relationship, identity.RESELLER_TENANT_ID, delegated,
            f"it@{custom[0] if custom else initial}", city, "CZ", "cs-CZ", count,
            # the count and the most urgent code, as domain.attention.attention_for derives them
            len(attention_reasons),
            min(attention_reasons, key=ATTENTION_REASONS.index) if attention_reasons else None,
            iso(first_seen),
            stamp, stamp, stamp if is_removed else None,
            json.dumps({"id": customer_id, "companyProfile": {"companyName": name,
                                                              "domain": initial}},
                       ensure_ascii=False),
            search_fold(name, initial, custom, customer_id),
        ))
        domain_rows.append((customer_id, initial, 1))
        domain_rows.extend((customer_id, domain, 0) for domain in custom)
        # What the reseller's view of the customer lists: the distributor the tenant is linked
        # to, with the type naming what we (the reseller) are to it.
        relationship_rows.append((customer_id, identity.PROVIDER_TENANT_ID,
                                  identity.PROVIDER_NAME, "is_indirect_reseller_of",
                                  identity.PROVIDER_MPN_ID))
        if not is_removed:
            listed.append((customer_id, name, initial))

    # A larger page cache keeps the index B-trees in memory while 100k rows go in.
    cache_db.execute("PRAGMA cache_size = -131072")
    with Transaction(cache_db) as conn:
        conn.executemany(
            "INSERT INTO customers (id, company_name, name_fold, sort_key, primary_domain, "
            "domain_fold, relationship, associated_partner_id, allow_delegated_access, email, "
            "city, country, culture, subscription_count, attention, attention_reason, "
            "first_seen_at, listed_at, detail_synced_at, removed_at, raw_json, search_fold) "
            f"VALUES ({', '.join('?' * 22)})", customer_rows)
        conn.executemany(
            "INSERT INTO domains (customer_id, domain, is_initial) VALUES (?, ?, ?)",
            domain_rows)
        conn.executemany(
            "INSERT INTO customer_relationships (customer_id, partner_id, name, "
            "relationship_type, mpn_id) VALUES (?, ?, ?, ?, ?)", relationship_rows)
        # In key order: the primary-key index then grows at its end instead of splitting pages.
        subscription_rows.sort()
        conn.executemany(
            "INSERT INTO subscriptions (id, customer_id, offer_id, offer_name, friendly_name, "
            "name_fold, sort_key, product_type, kind, quantity, unit_type, status, "
            "term_duration, billing_cycle, auto_renew, is_trial, creation_date, "
            "effective_start_date, commitment_end_date, cancellation_allowed_until, "
            "refundable_quantity, refundable_until, partner_id, etag, synced_at, raw_json, "
            f"search_fold) VALUES ({', '.join('?' * 27)})", subscription_rows)
        conn.executemany(
            "INSERT INTO entitlements (id, customer_id, product_id, sku_id, product_name, "
            "quantity, entitlement_type, order_id, purchase_date, expiry_date, synced_at, "
            "raw_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entitlement_rows)
        conn.executemany(
            "INSERT INTO qualifications (customer_id, qualification, vetting_status, "
            "vetting_reason, vetting_created_at, synced_at) VALUES (?, ?, ?, ?, ?, ?)",
            qualification_rows)

    written = {
        "customers": len(customer_rows),
        "subscriptions": len(subscription_rows),
        "entitlements": len(entitlement_rows),
        "qualifications": len(qualification_rows),
        "invitations": 0,
        "command_log": 0,
    }
    if state_db is not None:
        written["invitations"] = write_invitations(state_db, rng, moment, listed, invitations,
                                                   hostile)
        written["command_log"] = write_command_log(state_db, rng, moment, command_log)
    return written


def _subscription(
    rng: random.Random, memo: _Memo, customer_id: str, customer_fold: str, moment: datetime,
    stamp: str,
) -> tuple[tuple[Any, ...], str | None]:
    product = rng.choice(SOFTWARE) if rng.random() < 0.08 else rng.choice(ONLINE)
    term = rng.choice(product.terms)
    billing = rng.choice(BILLING[term])
    status = weighted(rng, STATUSES)
    term_days = TERM_DAYS[term]
    # Where in its term the subscription is: a few just bought/renewed (inside the 7-day
    # cancellation window), a few about to renew, the rest anywhere.
    position = rng.random()
    if position < 0.03:
        elapsed = timedelta(hours=rng.randint(1, 160))
    elif position < 0.11:
        elapsed = timedelta(days=term_days - rng.randint(1, 30))
    else:
        elapsed = timedelta(days=rng.randint(0, term_days - 1), hours=rng.randint(0, 23))
    start = moment - elapsed
    if status == "expired":
        start = moment - timedelta(days=term_days + rng.randint(1, 25))
    end = start + timedelta(days=term_days - 1)
    window_end = start + timedelta(days=7)
    in_window = window_end > moment and status == "active"
    auto_renew = 0 if status in {"expired", "suspended", "disabled", "deleted"} else (
        0 if rng.random() < 0.1 else 1)
    quantity = rng.choice((1, 1, 2, 3, 5, 5, 10, 12, 15, 25, 50, 100))
    if product.kind == "software":
        quantity = rng.choice((1, 2, 4, 8))
    friendly = product.name
    if rng.random() < 0.1:
        friendly = f"{product.name} ({rng.choice(('kancelář', 'sklad', 'vedení', 'škola'))})"
    subscription_id = random_uuid(rng)
    reason = None
    if status == "suspended":
        reason = "suspended"
    elif in_window:
        reason = "in_window"
    elif auto_renew == 0 and status == "active" and (end - moment).days < 30:
        reason = "expiring"
    row = (
        subscription_id, customer_id, product.offer_id, product.name, friendly,
        memo.fold(friendly), memo.sort_key(friendly), product.product_type, product.kind,
        quantity, product.unit, status, term, billing, auto_renew,
        1 if rng.random() < 0.02 else 0, iso(start), iso(start), iso(end),
        iso(window_end) if in_window else None, quantity if in_window else 0,
        iso(window_end) if in_window else None, identity.RESELLER_TENANT_ID,
        f"W/\"{rng.getrandbits(32):08x}\"", stamp,
        None,  # the wire payload is only kept by a real sync
        subscription_search_fold(memo.fold(friendly), customer_fold),
    )
    return row, reason


def _entitlement(
    rng: random.Random, customer_id: str, moment: datetime, stamp: str, line: int
) -> tuple[Any, ...]:
    product_id, name = rng.choice(PERPETUAL)
    sku = f"{rng.randint(1, 9):04d}"
    order = f"{rng.getrandbits(40):010x}"
    purchased = moment - timedelta(days=rng.randint(0, 900), hours=rng.randint(0, 23))
    return (
        f"{customer_id}:{product_id}:{sku}:{order}:{line}", customer_id, product_id, sku,
        name, rng.choice((1, 1, 2, 5, 10)), "software", order,
        iso(purchased), None, stamp,
        json.dumps({"productId": product_id, "skuId": sku, "productName": name}),
    )


def customer_ids(cache_db: sqlite3.Connection) -> Iterable[str]:
    """Ids of the listed (not removed) customers, in Czech alphabetical order."""
    for (customer_id,) in cache_db.execute(
        "SELECT id FROM customers WHERE removed_at IS NULL ORDER BY sort_key, id"
    ):
        yield customer_id
