"""ARES, the Czech register of economic subjects: look a company up by IČO and prefill a form.

``AresClient.lookup`` never raises. It answers ``found`` (with the company mapped to form
fields), ``not_found`` (a well-formed IČO nobody has), ``invalid`` (the number cannot be an IČO
— decided locally from the checksum before any call, or by ARES) or ``unavailable`` (ARES down,
slow, moved, or answering nonsense): the person then fills the form in by hand, nothing blocks.

Answers are cached per IČO for a few hours: ARES asks clients not to repeat the same query, and
the data changes rarely.

For the sandbox profiles the client is given the ARES emulator's transport
(csp_tui.sandbox.ares_emulator), so they work offline with the same client code.
"""

from csp_tui.ares.client import (
    ARES_BASE_URL,
    DEFAULT_CACHE_TTL,
    DEFAULT_TIMEOUT,
    AresClient,
    AresResult,
    AresStatus,
)
from csp_tui.ares.subject import (
    AresCompany,
    AresFormatError,
    company_from_ares,
    diff_prefill,
    prefill_values,
)

__all__ = [
    "ARES_BASE_URL",
    "DEFAULT_CACHE_TTL",
    "DEFAULT_TIMEOUT",
    "AresClient",
    "AresCompany",
    "AresFormatError",
    "AresResult",
    "AresStatus",
    "company_from_ares",
    "diff_prefill",
    "prefill_values",
]
