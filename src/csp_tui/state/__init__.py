"""What cannot be rebuilt from Partner Center, kept in ``state.db``.

- :mod:`~csp_tui.state.invitations` — the ledger of reseller invitations this app issued
  (Partner Center has no API that lists pending ones);
- :mod:`~csp_tui.state.outbox` — queued writes that must never be lost or sent twice;
- :mod:`~csp_tui.state.drafts` — half-typed forms;
- :mod:`~csp_tui.state.command_log` — every call made to Partner Center;
- :mod:`~csp_tui.state.db` and :mod:`~csp_tui.state.schema` — opening the file, its tables.

Helpers shared by those modules live here: timestamps in one sortable spelling, and the guard
that keeps secrets out of the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from csp_tui.i18n import t
from csp_tui.timestamps import parse_timestamp, stamp, utcnow

__all__ = ["NotFoundError", "SecretRejectedError", "reject_secrets", "secret_paths",
           "timestamp"]

# Key fragments that name a secret. "credentials_delivered" (a flag) is fine; "password" is not.
SECRET_KEY_PARTS = ("password", "passwd", "token", "secret", "authorization")
# A JSON Web Token (an access or id token) wherever it appears in a value.
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")


class NotFoundError(LookupError):
    """No row with that id (deleted meanwhile, or a typo on the command line)."""


class SecretRejectedError(ValueError):
    """Something that looks like a secret was about to be written to state.db."""


def timestamp(now: str | datetime | None = None) -> str:
    """``now`` in the one spelling stored in state.db (``utcnow``'s), so text order is time
    order. Unparseable text is kept as given rather than lost."""
    if now is None:
        return utcnow()
    moment = parse_timestamp(now)
    if moment is None:
        return str(now)
    return stamp(moment)


def secret_paths(value: Any, path: str = "") -> list[str]:
    """Where in a JSON-like value a secret seems to be: keys named like one, or a value that
    is a token. Returns the paths (``"a.b[2].password"``) for the error message."""
    found: list[str] = []
    if isinstance(value, Mapping):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            lowered = str(key).lower()
            if any(part in lowered for part in SECRET_KEY_PARTS):
                found.append(where)
            else:
                found += secret_paths(item, where)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found += secret_paths(item, f"{path}[{index}]")
    elif isinstance(value, str) and (JWT.search(value) or value.lower().startswith("bearer ")):
        found.append(path or "<value>")
    return found


def reject_secrets(value: Any) -> None:
    """Raise :class:`SecretRejectedError` if ``value`` seems to hold a secret."""
    found = secret_paths(value)
    if found:
        raise SecretRejectedError(t("state.error.secret", fields=", ".join(found)))
