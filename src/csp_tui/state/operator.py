"""Who is at the keyboard: the name a team's shared rows carry as ``by``.

The signed-in user's UPN where the process knows it (set by sign-in), else ``user@host`` —
enough to tell two operators of one desk apart, and never a secret.
"""

from __future__ import annotations

import getpass
import os
import socket

#: Overrides the name (a service account's runs, tests of two operators in one machine).
OPERATOR_ENV = "CSP_TUI_OPERATOR"

_signed_in: str | None = None


def set_signed_in(upn: str | None) -> None:
    """The signed-in user's UPN (None: signed out); shared rows written after carry it."""
    global _signed_in
    _signed_in = (upn or "").strip() or None


def current_operator() -> str:
    explicit = os.environ.get(OPERATOR_ENV, "").strip()
    if explicit:
        return explicit[:200]
    if _signed_in:
        return _signed_in[:200]
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container's anonymous uid)
        user = str(os.getuid()) if hasattr(os, "getuid") else "?"
    return f"{user}@{socket.gethostname()}"[:200]


def engine_of(db: object) -> str:
    """``postgres`` for a team's database, ``sqlite`` for state.db."""
    return str(getattr(db, "engine", "sqlite"))


def operator_key(db: object) -> str:
    """The key of rows each operator keeps for themself (drafts, the "last looked" marker).
    state.db belongs to one operator: its rows keep the empty key, as before team mode; in a
    team's database each operator has their own."""
    return current_operator() if engine_of(db) == "postgres" else ""
