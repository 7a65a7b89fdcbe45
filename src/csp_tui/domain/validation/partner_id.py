"""The optional reseller tenant id (a GUID), as Partner Center wants it in ``associatedPartnerId``.

Neither address nor contact, and the reseller look-up checks it on its own too, so it stands
alone.
"""

from __future__ import annotations

import re

from csp_tui.domain.validation.result import FieldResult, _error, _ok
from csp_tui.domain.validation.text_input import _compact

_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def validate_partner_id(text: object) -> FieldResult:
    """An optional reseller tenant id (GUID), as Partner Center wants in ``associatedPartnerId``."""
    value = _compact(text).lower().removeprefix("{").removesuffix("}")
    if not value:
        return _ok("")
    if not _GUID.fullmatch(value):
        return _error(value, "validation.partner_id.format")
    return _ok(value)
