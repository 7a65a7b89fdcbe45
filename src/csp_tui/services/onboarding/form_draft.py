"""The new-tenant form's draft: what was typed, kept until the request is submitted."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from csp_tui.state import drafts

FORM_DRAFT = "new-tenant"


def save_form_draft(state: sqlite3.Connection, data: Mapping[str, object]) -> str:
    """Keep what was typed into the new-tenant form; returns when it was saved."""
    return drafts.save_draft(state, FORM_DRAFT, {str(k): val for k, val in data.items()})


def load_form_draft(state: sqlite3.Connection) -> tuple[dict[str, Any], str] | None:
    """``(values, saved at)`` of the new-tenant form's draft, or ``None``."""
    return drafts.load_draft(state, FORM_DRAFT)


def clear_form_draft(state: sqlite3.Connection) -> bool:
    """Forget the draft (after a submit); True if there was one."""
    return drafts.delete_draft(state, FORM_DRAFT)
