"""The customer's culture (language and formats) the console offers, and its billing language.

A short list of its own: Partner Center takes more cultures than these, and the list is what a
person picks from in the form.
"""

from __future__ import annotations

from csp_tui.domain.validation.result import FieldResult, _error, _ok
from csp_tui.domain.validation.text_input import _compact

# Cultures the console offers; Partner Center takes more, these cover the partners' customers.
CULTURES = ("cs-CZ", "sk-SK", "en-US", "en-GB", "de-DE", "de-AT", "pl-PL", "hu-HU", "fr-FR",
            "it-IT", "es-ES", "nl-NL", "uk-UA")
DEFAULT_CULTURE = "cs-CZ"
_CULTURE_BY_FOLDED = {c.lower(): c for c in CULTURES}
_LANGUAGE_DEFAULT_CULTURE = {c.split("-")[0].lower(): c for c in reversed(CULTURES)}


def validate_culture(text: object) -> FieldResult:
    value = _compact(text).replace("_", "-")
    if not value:
        return _ok(DEFAULT_CULTURE)
    known = _CULTURE_BY_FOLDED.get(value.lower())
    if known:
        return _ok(known)
    guess = _LANGUAGE_DEFAULT_CULTURE.get(value.lower()[:2]) if len(value) <= 5 else None
    if guess:
        return _error(value, "validation.culture.unknown", "validation.did_you_mean",
                      choices=", ".join(CULTURES), suggestion=guess)
    return _error(value, "validation.culture.unknown", choices=", ".join(CULTURES))


def language_of(culture: str) -> str:
    """"cs-CZ" -> "cs": the billing-profile language Partner Center expects."""
    return culture.split("-")[0].lower() or "cs"
