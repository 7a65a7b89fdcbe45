"""The tenant's initial domain prefix (``<prefix>.onmicrosoft.com``) and the prefix proposed from
a company name.

A prefix can never be renamed once the tenant exists, so its rules (and the transliteration and
legal-form stripping behind the proposal) are kept together in one place.
"""

from __future__ import annotations

import re
import unicodedata

from csp_tui.domain.validation.result import FieldResult, _error, _ok
from csp_tui.domain.validation.text_input import _clean_line, _first_not, describe_char

ONMICROSOFT_SUFFIX = ".onmicrosoft.com"
# Microsoft documents no limit below the DNS label maximum (63), but the prefix is typed in every
# sign-in name and SharePoint URL (and "<prefix>-my" for OneDrive), can never be renamed, and some
# order forms cut it shorter. 27 keeps it practical; should Partner Center still refuse a name,
# its error is shown to the person as well.
DOMAIN_PREFIX_MAX = 27
_DOMAIN_PREFIX_CHARS = re.compile(r"[a-z0-9]")


def validate_domain_prefix(text: object) -> FieldResult:
    value = _clean_line(text).lower()
    if value.endswith(ONMICROSOFT_SUFFIX):
        value = value[: -len(ONMICROSOFT_SUFFIX)]
    if not value:
        return _error(value, "validation.domain.required")
    bad = _first_not(value, _DOMAIN_PREFIX_CHARS)
    if bad is not None:
        suggestion = suggest_domain_prefix(value)
        if suggestion and suggestion != value:
            return _error(value, "validation.domain.bad_char", "validation.did_you_mean",
                          char=describe_char(bad), suggestion=suggestion)
        return _error(value, "validation.domain.bad_char", char=describe_char(bad))
    if len(value) > DOMAIN_PREFIX_MAX:
        return _error(value, "validation.domain.too_long", count=len(value),
                      max=DOMAIN_PREFIX_MAX)
    return _ok(value)


# Letters that Unicode does not decompose into a base letter + accent.
_TRANSLITERATE = str.maketrans({
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "&": " a ",
})
# Czech legal-form suffixes, matched at the end of the (already transliterated, lower-case)
# name. The short two-letter forms need at least one dot so "Atlas" does not lose its "as".
_LEGAL_FORM = re.compile(
    r"(?:^|[\s,])(?:"
    r"spol\.?\s*s\s*r\.?\s*o\.?"
    r"|s\.?\s*r\.?\s*o\.?"
    r"|a\.\s*s\.?"
    r"|z\.\s*s\.?"
    r"|k\.\s*s\.?"
    r"|o\.\s*p\.\s*s\.?"
    r"|v\.\s*o\.\s*s\.?"
    r"|z\.\s*u\.?"
    r")\s*$"
)


def suggest_domain_prefix(company_name: object) -> str:
    """A tenant prefix proposed from a company name: "Šumavská pekárna s.r.o." -> "sumavskapekarna".

    Only a proposal: whether the name is still free is for Partner Center to say.
    """
    text = unicodedata.normalize("NFKD", _clean_line(company_name))
    # Lower-case after decomposing: NFKD can turn a symbol into an upper-case letter ("𝕊").
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.translate(_TRANSLITERATE)
    stripped = text.strip()
    while True:
        shorter = _LEGAL_FORM.sub("", stripped).rstrip(" ,")
        if shorter == stripped or not shorter:
            break
        stripped = shorter
    prefix = "".join(ch for ch in stripped if ch.isascii() and ch.isalnum())
    return prefix[:DOMAIN_PREFIX_MAX]
