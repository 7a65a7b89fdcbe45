"""The Czech company register (ARES) for the new-tenant form: look a company up by its IČO and
say what filling the form from it would change.

The client and its parsing live in ``csp_tui.ares`` (an adapter); the session holds the
client (``session.ares``, the emulator's on a sandbox profile). This module is what the console
needs of it: the answer's types, the lookup run on the worker, and the prefill helpers.
"""

from __future__ import annotations

from typing import Any

from csp_tui.ares import AresCompany, AresResult, diff_prefill, prefill_values

__all__ = [
    "AresCompany",
    "AresResult",
    "diff_prefill",
    "look_up",
    "prefill_values",
    "unavailable",
]


async def look_up(session: Any, ico: str) -> AresResult:
    """ARES's answer for ``ico`` (run on the worker, where the session's client lives)."""
    result: AresResult = await session.ares.lookup(ico)
    return result


def unavailable() -> AresResult:
    """The answer when ARES could not be asked at all (the form is typed by hand then)."""
    return AresResult("unavailable", None, "ares.unavailable")
