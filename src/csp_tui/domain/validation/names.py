"""Names (the company, the contact person's first and last name), required fields and field labels.

The label keys live here because the name and required-field messages name the field they are
about; the CLI and the request checks use :func:`label_key` for the same purpose.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from csp_tui.domain.validation.result import FieldResult, _error, _ok
from csp_tui.domain.validation.text_input import _clean_line, describe_char

NameKind = Literal["organisation", "first_name", "last_name"]
_NAME_LIMITS: dict[str, int] = {
    "organisation": 200,  # our limit for company names; Partner Center sets none lower
    "first_name": 50,  # Partner Center: firstName / lastName 1-50 characters
    "last_name": 50,
}
_NAME_LABELS = {
    "organisation": "validation.label.company_name",
    "first_name": "validation.label.first_name",
    "last_name": "validation.label.last_name",
}
_PERSON_PUNCTUATION = frozenset(" -'’.")


def validate_name(text: object, kind: NameKind = "organisation") -> FieldResult:
    """An organisation name (1-200) or a person's first/last name (1-50)."""
    label = _NAME_LABELS.get(kind, _NAME_LABELS["organisation"])
    limit = _NAME_LIMITS.get(kind, _NAME_LIMITS["organisation"])
    value = _clean_line(text)
    if not value:
        return _error(value, "validation.required", field_key=label)
    if len(value) > limit:
        return _error(value, "validation.too_long", field_key=label, count=len(value), max=limit)
    if kind in ("first_name", "last_name"):
        for ch in value:
            if not (ch.isalpha() or unicodedata.category(ch).startswith("M")
                    or ch in _PERSON_PUNCTUATION):
                return _error(value, "validation.name.person_char", field_key=label,
                              char=describe_char(ch))
        if not any(ch.isalpha() for ch in value):
            return _error(value, "validation.name.no_letter", field_key=label)
        return _ok(value)
    if not any(ch.isalnum() for ch in value):
        return _error(value, "validation.name.no_letter", field_key=label)
    return _ok(value)


def validate_required(text: object, field_key: str) -> FieldResult:
    """Non-empty after cleaning. ``field_key`` is a request field name ("city") or a label key."""
    value = _clean_line(text)
    if value:
        return _ok(value)
    label = field_key if field_key.startswith("validation.label.") else label_key(field_key)
    return _error(value, "validation.required", field_key=label)


def label_key(field_name: str) -> str:
    """The i18n key of the human label of a request field."""
    return f"validation.label.{field_name}"
