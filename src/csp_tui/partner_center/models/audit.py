"""Audit records (``GET /v1/auditrecords``): who changed what in the partner organisation.

The sync reads them as its change feed, so only what says *which customer* changed and *when*
matters; ``operationType`` and ``resourceType`` stay text, because Partner Center adds
operation types without notice and an unknown one must still name its customer."""

from __future__ import annotations

from pydantic import Field

from csp_tui.partner_center.models.base import PCModel
from csp_tui.partner_center.models.scalars import PCDateTime, Text


class AuditDatum(PCModel):
    key: Text = None
    value: Text = None


class AuditRecord(PCModel):
    id: Text = None
    partner_id: Text = None
    customer_id: Text = None
    customer_name: Text = None
    user_principal_name: Text = None
    application_id: Text = None
    resource_type: Text = None
    operation_type: Text = None
    operation_date: PCDateTime = None
    operation_status: Text = None
    customized_data: list[AuditDatum] = Field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        """A failed operation changed nothing; a record without a status is taken as done."""
        return (self.operation_status or "succeeded").strip().lower() == "succeeded"

    def datum(self, key: str) -> str | None:
        wanted = key.lower()
        return next((item.value for item in self.customized_data
                     if item.key and item.key.lower() == wanted), None)
