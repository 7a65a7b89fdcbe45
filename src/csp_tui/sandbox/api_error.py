"""What the routes and the rules share: the error a rule raises, and how request JSON is read.

A rule that refuses a request raises :class:`ApiError`; the route renders it as Partner
Center's classic error body ``{code, description, data, source}``.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Partner Center error answer: HTTP status, error code and description."""

    def __init__(self, status: int, code: int, description: str,
                 data: list[str] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.code = code
        self.description = description
        self.data = data or []


def ci(value: Any) -> Any:
    """JSON input is case-insensitive: every object key lower-cased, recursively."""
    if isinstance(value, dict):
        return {str(k).lower(): ci(v) for k, v in value.items()}
    if isinstance(value, list):
        return [ci(v) for v in value]
    return value
