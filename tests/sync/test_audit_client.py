"""The client reads the audit log: the documented shape, seek paging through the sandbox, and
operation types nobody documented still naming their customer."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from csp_tui import sandbox_identity as identity
from csp_tui.partner_center.models import AuditRecord, parse_collection
from csp_tui.sandbox import audit
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.sandbox.world import World
from csp_tui.services.session import open_session

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "pc_samples" / "audit-records.json"


def test_the_documented_answer_reads() -> None:
    collection = parse_collection(AuditRecord, json.loads(SAMPLE.read_text(encoding="utf-8")))
    first, second = collection.items
    assert first.customer_id == "0c39d6d5-c70d-4c55-bc02-f620844f3fd1"
    assert first.operation_type == "create_order"
    assert first.datum("OrderId") == "d51a052e-043c-4a2a-aa37-2bb938cef6c1"
    assert first.operation_date is not None and first.operation_date.year == 2017
    assert first.succeeded
    assert second.operation_type == "update_customer_user_licenses"


def test_an_unknown_operation_type_and_pascal_case_still_name_the_customer() -> None:
    record = AuditRecord.model_validate({
        "CustomerId": "ABC", "OperationType": "something_new_2027",
        "OperationDate": "2026-11-24T09:00:00Z", "OperationStatus": "Succeeded",
        "ResourceType": "unheardOf", "CustomizedData": [{"Key": "X", "Value": 1}]})
    assert record.customer_id == "ABC"
    assert record.operation_type == "something_new_2027"
    assert record.succeeded
    assert record.datum("x") == "1"
    failed = AuditRecord.model_validate({"customerId": "abc", "operationStatus": "failed"})
    assert not failed.succeeded


async def test_the_client_follows_the_pages(settings) -> None:
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)
    world = transport.world
    assert isinstance(world, World)
    mine = [c for c in world.customers if c.state == "customer"
            and c.reseller_id == identity.RESELLER_TENANT_ID][:5]
    for index, customer in enumerate(mine):
        audit.record(world, customer, f"kind_{index}", "customer",
                     at=world.now() - timedelta(seconds=10 - index))
    session = open_session(settings, transport=transport)
    try:
        pages = [page async for page in session.client.iter_audit_pages(
            world.now() - timedelta(hours=1), size=2)]
    finally:
        await session.aclose()
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [r.customer_id for page in pages for r in page] == [c.id for c in mine]
