"""The verdict a validator returns: :class:`FieldResult`, and the two ways the validators build it.

Kept apart from the validators because every one of them, and every caller (the form, the
whole-request checks, the onboarding services), speaks this type; its messages are rendered late,
in the language in force when they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from csp_tui.i18n import t, tl


@dataclass(frozen=True)
class FieldResult:
    """The verdict on one field.

    ``params`` fill the placeholders of ``message_key`` and ``hint_key``. A parameter whose name
    ends in ``_key`` holds an i18n key; :meth:`message` translates it into the parameter without
    the suffix (``field_key="validation.label.city"`` fills ``{field}``), so the text follows the
    language in force when it is shown, not when the check ran.
    """

    ok: bool
    value: str
    message_key: str | None = None
    params: dict[str, object] = field(default_factory=dict)
    hint_key: str | None = None

    @property
    def severity(self) -> Literal["ok", "warning", "error"]:
        if not self.ok:
            return "error"
        return "warning" if self.message_key else "ok"

    def _params(self, language: str | None) -> dict[str, object]:
        rendered = dict(self.params)
        for name, value in self.params.items():
            if name.endswith("_key") and isinstance(value, str):
                rendered[name[: -len("_key")]] = tl(value, language) if language else t(value)
        return rendered

    def _render(self, key: str | None, language: str | None) -> str | None:
        if not key:
            return None
        params = self._params(language)
        return tl(key, language, **params) if language else t(key, **params)

    def message(self, language: str | None = None) -> str | None:
        """The message in the current (or the given) language, or ``None`` when all is well."""
        return self._render(self.message_key, language)

    def hint(self, language: str | None = None) -> str | None:
        """The "did you mean …" line, when there is a suggestion worth making."""
        return self._render(self.hint_key, language)


def _ok(value: str) -> FieldResult:
    return FieldResult(True, value)


def _error(value: str, key: str, hint_key: str | None = None, **params: object) -> FieldResult:
    return FieldResult(False, value, key, params, hint_key)
