"""A customer's qualifications (Education, GovernmentCommunityCloud, …) and their vetting."""

from __future__ import annotations

from typing import ClassVar

from csp_tui.partner_center.models.base import PCModel
from csp_tui.partner_center.models.enums import QualificationType, VettingStatus
from csp_tui.partner_center.models.scalars import PCDateTime, Text


class Qualification(PCModel):
    """One qualification; the old sync API returned just the bare string (``"education"``)."""

    _alternate_keys: ClassVar[dict[str, str]] = {"vettingcreatedate": "vetting_created_date"}
    _scalar_field: ClassVar[str | None] = "qualification"

    qualification: QualificationType | None = None
    vetting_status: VettingStatus | None = None
    vetting_reason: Text = None
    vetting_created_date: PCDateTime = None
