"""Validators for what a person types into the new-tenant form (or a request file).

Every validator is *total*: it takes whatever arrived (text, ``None``, bytes, a huge paste full of
control characters) and returns a :class:`FieldResult`; none of them raises. A result carries the
normalised value and, when something is wrong, an i18n message key saying *what to fix*
("IČO has 8 digits; you typed 6"), never just "invalid".

A result with ``ok=True`` and a message is a warning: the value is usable, but the person should
look at it (e.g. a DIČ that does not belong to the IČO typed above).

Normalised values re-validate to themselves, so a form can write the normalised value back into
the field without the message changing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t, tl

# --------------------------------------------------------------------------------------------
# Result type
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Input hygiene shared by every validator
# --------------------------------------------------------------------------------------------


def as_text(value: object) -> str:
    """Whatever arrived, as a ``str``: ``None`` is empty, bytes are decoded leniently."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", errors="replace")
    try:
        return str(value)
    except Exception:  # a hostile __str__ must not break a form
        return ""


def _clean_line(value: object) -> str:
    """One line of text: controls and bidi overrides removed, whitespace collapsed, NFC."""
    text = unicodedata.normalize("NFC", safe_text(as_text(value)))
    return " ".join(text.split())


def _compact(value: object) -> str:
    """For number-like fields: compatibility forms folded (full-width digits) and no whitespace."""
    text = unicodedata.normalize("NFKC", safe_text(as_text(value)))
    return "".join(text.split())


def describe_char(ch: str) -> str:
    """A character as a person can read it in a message: itself, or its code point if invisible."""
    if ch.isprintable() and not ch.isspace():
        return ch
    return f"U+{ord(ch):04X}"


def _first_not(text: str, allowed: re.Pattern[str]) -> str | None:
    for ch in text:
        if not allowed.fullmatch(ch):
            return ch
    return None


_ASCII_DIGIT = re.compile(r"[0-9]")
_CZ_PREFIX = "CZ"

# --------------------------------------------------------------------------------------------
# IČO and DIČ
# --------------------------------------------------------------------------------------------

_ICO_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)


def ico_check_digit(first_seven: str) -> int:
    """The mod-11 check digit for the first seven digits of an IČO.

    Computed, never tested as "weighted sum including the last digit is divisible by 11": that
    shortcut rejects real numbers whose remainder is 0 or 1 (Škoda Auto, Alza, ČNB).
    """
    total = sum(int(c) * w for c, w in zip(first_seven, _ICO_WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def ico_checksum_ok(ico: str) -> bool:
    return (len(ico) == 8 and ico.isascii() and ico.isdigit()
            and ico_check_digit(ico[:7]) == int(ico[7]))


def validate_ico(text: object) -> FieldResult:
    value = _compact(text)
    if not value:
        return _error(value, "validation.ico.required")
    if value[:2].upper() == _CZ_PREFIX:
        # A DIČ in the IČO field: for a legal entity the IČO is the DIČ without "CZ".
        rest = value[2:]
        if ico_checksum_ok(rest):
            return _error(value, "validation.ico.is_dic", "validation.ico.did_you_mean",
                          suggestion=rest)
        return _error(value, "validation.ico.is_dic")
    bad = _first_not(value, _ASCII_DIGIT)
    if bad is not None:
        return _error(value, "validation.ico.not_digit", char=describe_char(bad))
    if len(value) < 8:
        padded = value.zfill(8)
        # Offer the zero-padded number only when it is a valid IČO; otherwise the hint would
        # lead the person to a number that cannot exist.
        if ico_checksum_ok(padded):
            return _error(value, "validation.ico.too_short", "validation.ico.did_you_mean",
                          count=len(value), suggestion=padded)
        return _error(value, "validation.ico.too_short", count=len(value))
    if len(value) > 8:
        return _error(value, "validation.ico.too_long", count=len(value))
    expected = ico_check_digit(value[:7])
    if expected != int(value[7]):
        return _error(value, "validation.ico.checksum", expected=expected, typed=value[7])
    return _ok(value)


_DIC_BODY = re.compile(r"[0-9]{8,10}")


def validate_dic(text: object, ico: object = None) -> FieldResult:
    """DIČ (VAT ID) is optional: empty is fine.

    Legal entities have ``CZ`` + their IČO (8 digits, the IČO check digit); persons ``CZ`` +
    9 or 10 digits; VAT groups ``CZ699…`` (9 digits). When an IČO is given, an 8-digit DIČ that
    is not ``CZ`` + that IČO gets a warning, not an error: a VAT-group member or a typo in the
    IČO are both possible, and the person decides.
    """
    value = _compact(text).upper()
    if not value:
        return _ok("")
    if value.isascii() and value.isdigit():
        if (len(value) == 8 and ico_checksum_ok(value)) or len(value) in (9, 10):
            return _error(value, "validation.dic.missing_prefix", "validation.dic.did_you_mean",
                          suggestion=_CZ_PREFIX + value)
        return _error(value, "validation.dic.missing_prefix")
    if not value.startswith(_CZ_PREFIX):
        if len(value) >= 2 and value[:2].isascii() and value[:2].isalpha():
            return _error(value, "validation.dic.foreign", prefix=value[:2])
        return _error(value, "validation.dic.format")
    body = value[2:]
    bad = _first_not(body, _ASCII_DIGIT)
    if bad is not None:
        return _error(value, "validation.dic.not_digit", char=describe_char(bad))
    if not _DIC_BODY.fullmatch(body):
        return _error(value, "validation.dic.length", count=len(body))
    if len(body) == 8:
        expected = ico_check_digit(body[:7])
        if expected != int(body[7]):
            return _error(value, "validation.dic.checksum", expected=expected, typed=body[7])
        ico_value = _compact(ico)
        if ico_value and ico_checksum_ok(ico_value) and ico_value != body:
            return FieldResult(True, value, "validation.dic.ico_mismatch",
                               {"expected": _CZ_PREFIX + ico_value})
    return _ok(value)


# --------------------------------------------------------------------------------------------
# Address
# --------------------------------------------------------------------------------------------

_POSTAL_CHARS = re.compile(r"[A-Z0-9 \-]")
_POSTAL_MAX = 10


def format_psc(psc: str) -> str:
    """"17000" -> "170 00", the way Czech addresses print it; anything else unchanged."""
    if len(psc) == 5 and psc.isascii() and psc.isdigit():
        return f"{psc[:3]} {psc[3:]}"
    return psc


def validate_psc(text: object, country: object = "CZ") -> FieldResult:
    if _country_code(country) != "CZ":
        value = _clean_line(text).upper()
        if not value:
            return _error(value, "validation.postal.required")
        if len(value) > _POSTAL_MAX:
            return _error(value, "validation.postal.too_long", count=len(value), max=_POSTAL_MAX)
        bad = _first_not(value, _POSTAL_CHARS)
        if bad is not None:
            return _error(value, "validation.postal.bad_char", char=describe_char(bad))
        return _ok(value)
    value = _compact(text)
    if not value:
        return _error(value, "validation.psc.required")
    bad = _first_not(value, _ASCII_DIGIT)
    if bad is not None:
        return _error(value, "validation.psc.not_digit", char=describe_char(bad))
    if len(value) != 5:
        return _error(value, "validation.psc.length", count=len(value))
    if value[0] in "089":
        # Czech codes start with 1-7; 0, 8 and 9 belong to the Slovak numbering.
        return _error(value, "validation.psc.slovak", psc=format_psc(value))
    return _ok(value)


# A house number is a token that starts with a digit: "Lhota 25", "Jankovcova 1522/53a",
# "č. ev. 12" (the digit after "ev.").
_HOUSE_NUMBER = re.compile(r"(?:^|[\s,.])\d")
_STREET_MAX = 200  # Partner Center: addressLine1 1-200 characters


def validate_street(text: object) -> FieldResult:
    value = _clean_line(text)
    if not value:
        return _error(value, "validation.street.required")
    if len(value) > _STREET_MAX:
        return _error(value, "validation.too_long", field_key="validation.label.street",
                      count=len(value), max=_STREET_MAX)
    if not _HOUSE_NUMBER.search(value):
        return _error(value, "validation.street.house_number")
    return _ok(value)


_CITY_MAX = 100


def validate_city(text: object) -> FieldResult:
    value = _clean_line(text)
    if not value:
        return _error(value, "validation.city.required")
    if len(value) > _CITY_MAX:
        return _error(value, "validation.too_long", field_key="validation.label.city",
                      count=len(value), max=_CITY_MAX)
    if not any(ch.isalpha() for ch in value):
        return _error(value, "validation.city.no_letter")
    return _ok(value)


# ISO 3166-1 alpha-2, the codes Partner Center takes in ``country``; kept as a table to be easy
# to compare with the standard.
COUNTRY_CODES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())  # noqa: SIM905
DEFAULT_COUNTRY = "CZ"
# Common look-alikes that are not ISO codes; Partner Center answers "No validation rules were
# found for the country/region UK".
_COUNTRY_ALIASES = {"UK": "GB", "EL": "GR", "CS": "CZ", "CZE": "CZ", "SVK": "SK"}


def _country_code(country: object) -> str:
    code = _compact(country).upper()
    return code or DEFAULT_COUNTRY


def validate_country(text: object) -> FieldResult:
    value = _compact(text).upper()
    if not value:
        return _ok(DEFAULT_COUNTRY)
    if value in COUNTRY_CODES:
        return _ok(value)
    if value in _COUNTRY_ALIASES:
        return _error(value, "validation.country.alias", "validation.did_you_mean",
                      suggestion=_COUNTRY_ALIASES[value])
    if len(value) != 2:
        return _error(value, "validation.country.length", count=len(value))
    return _error(value, "validation.country.unknown", code=value)


# --------------------------------------------------------------------------------------------
# Contact
# --------------------------------------------------------------------------------------------

_PHONE_SEPARATORS = str.maketrans("", "", " -./()\u00a0")
_E164_MAX_DIGITS = 15
_E164_MIN_DIGITS = 8
_CZ_CALLING_CODE = "420"


def format_phone(e164: str) -> str:
    """"+420123456789" -> "+420 123 456 789" (Czech grouping); other numbers unchanged."""
    if e164.startswith("+" + _CZ_CALLING_CODE) and len(e164) == 13:
        rest = e164[4:]
        return f"+420 {rest[:3]} {rest[3:6]} {rest[6:]}"
    return e164


def validate_phone(text: object, country: object = "CZ") -> FieldResult:
    """Any usual spelling in, E.164 out (``+420123456789``)."""
    typed = _compact(text).translate(_PHONE_SEPARATORS)
    if not typed:
        return _error(typed, "validation.phone.required")
    international = typed.startswith(("+", "00"))
    digits = typed[1:] if typed.startswith("+") else typed[2:] if typed.startswith("00") else typed
    bad = _first_not(digits, _ASCII_DIGIT)
    if bad is not None:
        return _error(typed, "validation.phone.bad_char", char=describe_char(bad))
    if not digits:
        return _error(typed, "validation.phone.required")
    if international and digits.startswith(_CZ_CALLING_CODE):
        return _czech_phone(typed, digits[len(_CZ_CALLING_CODE):])
    if international:
        if not _E164_MIN_DIGITS <= len(digits) <= _E164_MAX_DIGITS:
            return _error(typed, "validation.phone.intl_length", count=len(digits))
        if digits[0] == "0":
            return _error(typed, "validation.phone.intl_zero")
        return _ok("+" + digits)
    if _country_code(country) == "CZ":
        return _czech_phone(typed, digits)
    return _error(typed, "validation.phone.needs_code")


def _czech_phone(typed: str, national: str) -> FieldResult:
    if len(national) != 9:
        return _error(typed, "validation.phone.cz_length", count=len(national))
    if national[0] in "01":
        # No trunk zero since 2002; numbers starting with 1 are short codes, not reachable lines.
        return _error(typed, "validation.phone.cz_first_digit", digit=national[0])
    return _ok("+" + _CZ_CALLING_CODE + national)


_EMAIL_MAX = 254
_EMAIL_LOCAL_MAX = 64
_EMAIL_LOCAL_CHARS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]")
_EMAIL_DOMAIN_CHARS = re.compile(r"[a-z0-9.\-]")
_DNS_LABEL_MAX = 63


def validate_email(text: object) -> FieldResult:
    """A pragmatic subset of RFC 5322: what real mailboxes look like, nothing exotic.

    Quoted local parts, comments and IP-literal domains are legal in the RFC but rejected by the
    services these addresses end up in, so they are refused here with a clear message.
    """
    raw = _clean_line(text)
    if not raw:
        return _error(raw, "validation.email.required")
    if " " in raw:
        return _error(raw, "validation.email.space")
    if raw.count("@") == 0:
        return _error(raw, "validation.email.no_at")
    if raw.count("@") > 1:
        return _error(raw, "validation.email.many_at")
    local, domain = raw.split("@")
    domain = domain.lower()
    value = f"{local}@{domain}"
    if len(value) > _EMAIL_MAX:
        return _error(value, "validation.email.too_long", count=len(value), max=_EMAIL_MAX)
    if not local:
        return _error(value, "validation.email.no_local")
    if len(local) > _EMAIL_LOCAL_MAX:
        return _error(value, "validation.email.local_too_long", count=len(local),
                      max=_EMAIL_LOCAL_MAX)
    bad = _first_not(local, _EMAIL_LOCAL_CHARS)
    if bad is not None:
        return _error(value, "validation.email.bad_char", char=describe_char(bad))
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return _error(value, "validation.email.dots")
    if not domain:
        return _error(value, "validation.email.no_domain")
    bad = _first_not(domain, _EMAIL_DOMAIN_CHARS)
    if bad is not None:
        return _error(value, "validation.email.bad_char", char=describe_char(bad))
    if "." not in domain:
        return _error(value, "validation.email.no_dot")
    labels = domain.split(".")
    if any(not label for label in labels):
        return _error(value, "validation.email.dots")
    if any(label.startswith("-") or label.endswith("-") or len(label) > _DNS_LABEL_MAX
           for label in labels):
        return _error(value, "validation.email.bad_label")
    tld = labels[-1]
    if len(tld) < 2 or not tld.isalpha():
        return _error(value, "validation.email.bad_tld", tld=tld)
    return _ok(value)


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Tenant domain and culture
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Partner ids
# --------------------------------------------------------------------------------------------

_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def validate_partner_id(text: object) -> FieldResult:
    """An optional reseller tenant id (GUID), as Partner Center wants in ``associatedPartnerId``."""
    value = _compact(text).lower().removeprefix("{").removesuffix("}")
    if not value:
        return _ok("")
    if not _GUID.fullmatch(value):
        return _error(value, "validation.partner_id.format")
    return _ok(value)
