"""The sandbox's audit log: every change it makes, by whoever made it, kept 90 days.

Partner Center records an audit record for each change in the partner organisation — made in
this console, by another operator in Partner Center's portal, or by another tool — and serves
them at ``GET /v1/auditrecords`` (partner-center-api §8, pc-samples/audit-records.json). The
emulator does the same: the routes and rules that change the world call :func:`record`, and
:mod:`csp_tui.sandbox.routes.audit` serves the log in the documented shape.

Records are plain dicts in the documented (camelCase) wire shape, kept in the world (and its
file) in the order they happened; anything older than :data:`RETENTION` is dropped.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from csp_tui.sandbox.entities import Caller, Customer
    from csp_tui.sandbox.world import World

#: Keys of a stored record that are not part of the wire shape.
SEQ, PROVIDER, RESELLER = "_seq", "_provider", "_reseller"
PRIVATE = (SEQ, PROVIDER, RESELLER)

#: How long Partner Center keeps audit records.
RETENTION = timedelta(days=90)


def moment(value: datetime) -> str:
    """Always with microseconds, so stored moments sort as text."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def operator_of(caller: Caller | None) -> str:
    """The user principal name an audit record names for ``caller`` (the emulator has no
    users: one operator per partner tenant, enough to tell "someone else" apart)."""
    if caller is None:
        return "system"
    return f"operator@{caller.tenant_id.lower()}"


def record(world: World, customer: Customer, operation_type: str, resource_type: str, *,
           at: datetime, caller: Caller | None = None, new_value: Any = None,
           data: dict[str, Any] | None = None) -> None:
    """Append one record of a change to ``customer``; prunes records past retention."""
    partner_id = (customer.reseller_id or customer.provider_id or "").lower()
    last = world.audit_records[-1].get(SEQ, 0) if world.audit_records else 0
    world.audit_records.append({
        # Not on the wire: the seek position, and who may read the record.
        SEQ: int(last) + 1,
        PROVIDER: (customer.provider_id or "").lower(),
        RESELLER: (customer.reseller_id or "").lower(),
        "partnerId": partner_id,
        "customerId": customer.id,
        "customerName": customer.company_name,
        "userPrincipalName": operator_of(caller),
        "applicationId": "csp-sandbox",
        "resourceType": resource_type,
        "resourceNewValue": json.dumps(new_value) if new_value is not None else None,
        "operationType": operation_type,
        "operationDate": moment(at),
        "operationStatus": "succeeded",
        "customizedData": [{"key": key, "value": None if value is None else str(value)}
                           for key, value in (data or {}).items()],
        "attributes": {"objectType": "AuditRecord"},
    })
    prune(world, at)
    world.changed()


def prune(world: World, now: datetime) -> None:
    """Forget records older than the retention period (they are appended in time order)."""
    cutoff = moment(now - RETENTION)
    records = world.audit_records
    keep_from = 0
    while keep_from < len(records) and str(records[keep_from]["operationDate"]) < cutoff:
        keep_from += 1
    if keep_from:
        del records[:keep_from]
