"""The sandbox demo's invitations: which of the emulator's prospects a sandbox profile shows as
invited, and how long ago.

The pending pane then has something to show at first start, and the demo shows the invitations
being accepted as the sandbox's clock passes each prospect's acceptance time. A prospect that
never accepts is dated back past the stale limit, so the stale state is visible too.

This is the demo's story only, from the prospects as ``/_emulator/prospects`` serves them; the
invitations are recorded in the ledger by services/sandbox_demo.py, which the session factory
hands this plan to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any


@dataclass(frozen=True)
class DemoInvitation:
    """One prospect as an invitation sent ``age`` before the world's now."""

    company_name: str
    contact_name: str
    contact_email: str
    #: The domains a person would type: the company's own (custom) ones, and the tenant's
    #: initial onmicrosoft.com domain for when it has no other.
    custom_domains: tuple[str, ...]
    initial_domain: str
    age: timedelta


def _field(item: Mapping[str, Any], *names: str) -> str:
    lowered = {str(key).lower().replace("_", ""): value for key, value in item.items()}
    for name in names:
        value = lowered.get(name.lower().replace("_", ""))
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def demo_invitations(prospects: Iterable[Mapping[str, Any]], *,
                     stale_days: int) -> list[DemoInvitation]:
    """One invitation per prospect, the first sent an hour ago, each next two hours earlier;
    one that never accepts, ``stale_days`` + 3 days ago."""
    planned = []
    for index, prospect in enumerate(prospects):
        never = prospect.get("acceptsAfter", prospect.get("accepts_after", 0)) is None
        planned.append(DemoInvitation(
            company_name=_field(prospect, "companyName", "company_name", "name"),
            contact_name=_field(prospect, "contactName", "contact_name", "contact"),
            contact_email=_field(prospect, "contactEmail", "email"),
            custom_domains=tuple(value for value in prospect.get("customDomains") or []
                                 if isinstance(value, str)),
            initial_domain=_field(prospect, "domain"),
            age=(timedelta(days=stale_days + 3) if never else timedelta(hours=2 * index + 1)),
        ))
    return planned
