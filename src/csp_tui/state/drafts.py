"""Half-typed forms, kept so a closed console or a dropped SSH session loses no typing.

One draft per form (e.g. ``"new-tenant"``) and operator: in a team's database each operator
keeps their own (``state/operator.py``). Drafts hold what a person typed — never a password:
data that looks like a secret is refused.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from csp_tui.db import Transaction
from csp_tui.state import reject_secrets, timestamp
from csp_tui.state.operator import operator_key


def save_draft(db: sqlite3.Connection, form: str, data: dict[str, Any], *,
               now: str | None = None) -> str:
    """Create or replace the draft of ``form``; returns its ``updated_at``."""
    reject_secrets(data)
    at = timestamp(now)
    with Transaction(db) as conn:
        conn.execute(
            "INSERT INTO drafts(operator, form, updated_at, data) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(operator, form) DO UPDATE SET updated_at = excluded.updated_at, "
            "data = excluded.data",
            (operator_key(db), form, at, json.dumps(data, ensure_ascii=False, sort_keys=True)),
        )
    return at


def load_draft(db: sqlite3.Connection, form: str) -> tuple[dict[str, Any], str] | None:
    """``(data, updated_at)`` or None when there is no draft for ``form``."""
    row = db.execute("SELECT data, updated_at FROM drafts WHERE operator = ? AND form = ?",
                     (operator_key(db), form)).fetchone()
    if row is None:
        return None
    return json.loads(row[0]), row[1]


def delete_draft(db: sqlite3.Connection, form: str) -> bool:
    """Remove the draft (after the form was submitted); True if there was one."""
    with Transaction(db) as conn:
        cursor = conn.execute("DELETE FROM drafts WHERE operator = ? AND form = ?",
                              (operator_key(db), form))
        return cursor.rowcount > 0
