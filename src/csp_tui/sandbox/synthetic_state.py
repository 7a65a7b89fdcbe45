"""Synthetic rows of ``state.db`` for benchmarks and tests: the invitation ledger and the
command log (see ``synthetic_cache.py``)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from csp_tui import sandbox_identity as identity
from csp_tui.db import Transaction
from csp_tui.domain.text import fold
from csp_tui.sandbox.synthetic_pools import (
    FIRST_NAMES,
    HOSTILE_NAMES,
    SURNAMES,
    Names,
    iso,
    random_uuid,
    slug_of,
)


def write_invitations(
    state_db: sqlite3.Connection,
    rng: random.Random,
    moment: datetime,
    listed: Sequence[tuple[str, str, str]],
    count: int,
    hostile: bool,
) -> int:
    names = Names(random.Random(rng.random()))
    rows: list[tuple[Any, ...]] = []
    for index in range(count):
        accepted = bool(listed) and index % 4 == 1
        cancelled = index % 7 == 5
        if accepted:
            customer_id, name, _ = listed[(index * 7) % len(listed)]
        else:
            customer_id, name = None, names.next()
        if hostile and index == 0:
            name = HOSTILE_NAMES[0]
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(SURNAMES)
        slug = slug_of(name) or "zakaznik"
        domain = f"{slug[:40]}.cz"
        created = moment - timedelta(days=rng.choice((0, 1, 3, 6, 10, 16, 21, 35, 60)),
                                     hours=rng.randint(0, 20))
        status = "accepted" if accepted else "cancelled" if cancelled else "pending"
        changed = created + timedelta(days=1) if status != "pending" else created
        rows.append((
            random_uuid(rng), iso(created), name, fold(name), f"{first} {last}",
            f"{fold(first)}.{fold(last)}@{domain}", domain,
            "https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship"
            f"&partnerId={identity.RESELLER_TENANT_ID}&msppId={identity.RESELLER_MPN_ID}"
            f"&indirectCSPId={identity.PROVIDER_TENANT_ID}#/BillingAccounts/partner-invitation",
            rng.choice(("cs", "cs", "en")), identity.RESELLER_TENANT_ID, status, iso(changed),
            customer_id, iso(created), 1, "",
        ))
    with Transaction(state_db) as conn:
        conn.executemany(
            "INSERT INTO invitations (id, created_at, company_name, name_fold, contact_name, "
            "contact_email, domain, link, language, reseller_id, status, status_changed_at, "
            "customer_id, last_sent_at, send_count, notes) "
            f"VALUES ({', '.join('?' * 16)})", rows)
    return len(rows)


_CALLS = (
    ("GET", "/v1/customers", 200),
    ("GET", "/v1/customers/{id}", 200),
    ("GET", "/v1/customers/{id}/subscriptions", 200),
    ("GET", "/v1/customers/{id}/entitlements", 200),
    ("GET", "/v1/customers/{id}/relationships", 200),
    ("GET", "/v1/customers/{id}/qualifications", 404),
    ("GET", "/v1/customers/relationshiprequests", 200),
    ("PATCH", "/v1/customers/{id}/subscriptions/{sub}", 200),
    ("GET", "/v1/customers", 429),
    ("GET", "/v1/customers/{id}/subscriptions", None),
)


def write_command_log(
    state_db: sqlite3.Connection, rng: random.Random, moment: datetime, count: int
) -> int:
    rows: list[tuple[Any, ...]] = []
    at = moment - timedelta(seconds=3 * count)
    for _ in range(count):
        method, path, status = rng.choice(_CALLS)
        path = path.replace("{id}", random_uuid(rng)).replace("{sub}", random_uuid(rng))
        error = None
        if status is None:
            error = "timeout after 30 s"
        elif status >= 400:
            error = f"HTTP {status}"
        rows.append((iso(at), method, path, status, rng.randint(40, 1900), random_uuid(rng),
                     random_uuid(rng), error))
        at += timedelta(seconds=rng.randint(1, 5))
    with Transaction(state_db) as conn:
        conn.executemany(
            "INSERT INTO command_log (at, method, path, status, duration_ms, request_id, "
            "correlation_id, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)
