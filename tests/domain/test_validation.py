"""Validators: documented vectors, messages that say what to fix, and totality."""

from __future__ import annotations

import re
import string
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csp_tui.domain import validation as v
from csp_tui.i18n import catalog
from csp_tui.i18n.messages.validation import MESSAGES

# -- IČO ---------------------------------------------------------------------------------------

# domain-facts §1.3: real subjects, with the check digit the mod-11 rule expects.
WORKED_ICO = [
    ("00177041", 1),  # Škoda Auto: r = 0, 11 wraps to 1
    ("45274649", 9),  # ČEZ
    ("27082440", 0),  # Alza: r = 1, 10 wraps to 0
    ("47123737", 7),  # Microsoft s.r.o.
    ("26168685", 5),  # Seznam.cz
    ("48136450", 0),  # Česká národní banka
    ("00006947", 7),  # Ministerstvo financí
    ("00064581", 1),  # Hlavní město Praha
    ("00216208", 8),  # Univerzita Karlova
    ("68407700", 0),  # ČVUT
    ("45317054", 4),  # Komerční banka
]


@pytest.mark.parametrize(("ico", "check"), WORKED_ICO)
def test_worked_ico_examples_are_valid(ico: str, check: int) -> None:
    assert v.ico_check_digit(ico[:7]) == check
    result = v.validate_ico(ico)
    assert result.ok, result.message()
    assert result.value == ico
    assert result.message_key is None


def test_remainders_zero_and_one_are_not_rejected() -> None:
    # The "weighted sum incl. d8 divisible by 11" shortcut rejects exactly these.
    for ico in ("00177041", "27082440", "48136450", "68407700"):
        assert sum(int(c) * w for c, w in zip(ico, (8, 7, 6, 5, 4, 3, 2, 1), strict=True)) % 11
        assert v.validate_ico(ico).ok


@pytest.mark.parametrize(
    ("typed", "key", "params", "hint"),
    [
        ("12345678", "validation.ico.checksum", {"expected": 9, "typed": "8"}, None),
        ("00177040", "validation.ico.checksum", {"expected": 1, "typed": "0"}, None),
        ("00000000", "validation.ico.checksum", {"expected": 1, "typed": "0"}, None),
        ("177041", "validation.ico.too_short", {"count": 6, "suggestion": "00177041"},
         "validation.ico.did_you_mean"),
        # 00000123 fails the checksum, so no "did you mean" that leads nowhere.
        ("123", "validation.ico.too_short", {"count": 3}, None),
        ("CZ27082440", "validation.ico.is_dic", {"suggestion": "27082440"},
         "validation.ico.did_you_mean"),
        ("cz12345678", "validation.ico.is_dic", {}, None),
        ("2708244O", "validation.ico.not_digit", {"char": "O"}, None),
        ("27-082440", "validation.ico.not_digit", {"char": "-"}, None),
        ("270824401", "validation.ico.too_long", {"count": 9}, None),
        ("", "validation.ico.required", {}, None),
        ("   ", "validation.ico.required", {}, None),
    ],
)
def test_invalid_ico_says_what_to_fix(typed: str, key: str, params: dict, hint: str | None) -> None:
    result = v.validate_ico(typed)
    assert not result.ok
    assert result.message_key == key
    assert result.params == params
    assert result.hint_key == hint


def test_ico_short_input_message_reads_naturally() -> None:
    result = v.validate_ico("177041")
    assert result.message() == "IČO has 8 digits; you typed 6."
    assert result.hint() == "Did you mean 00177041?"
    assert result.message("cs") == "IČO má 8 číslic, zadali jste 6."


def test_ico_checksum_message_names_expected_digit() -> None:
    assert "should be 9, not 8" in (v.validate_ico("12345678").message() or "")


@pytest.mark.parametrize(
    "typed", [" 2708 2440 ", "27082440\n", "２７０８２４４０", "270\u00a082440"]
)
def test_ico_spacing_and_full_width_digits_are_normalised(typed: str) -> None:
    assert v.validate_ico(typed).value == "27082440"
    assert v.validate_ico(typed).ok


# -- DIČ ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "ico", "ok", "value", "key"),
    [
        ("", None, True, "", None),
        ("CZ27082440", None, True, "CZ27082440", None),
        ("cz 2708 2440", "27082440", True, "CZ27082440", None),
        ("CZ699001237", "45317054", True, "CZ699001237", None),  # VAT group: 9 digits
        ("CZ8001011234", None, True, "CZ8001011234", None),  # a person: birth number
        ("CZ12345678", None, False, "CZ12345678", "validation.dic.checksum"),
        ("CZ123", None, False, "CZ123", "validation.dic.length"),
        ("CZ12345678901", None, False, "CZ12345678901", "validation.dic.length"),
        ("CZ2708244O", None, False, "CZ2708244O", "validation.dic.not_digit"),
        ("SK2020202020", None, False, "SK2020202020", "validation.dic.foreign"),
        ("27082440", None, False, "27082440", "validation.dic.missing_prefix"),
        ("-", None, False, "-", "validation.dic.format"),
    ],
)
def test_dic(typed: str, ico: str | None, ok: bool, value: str, key: str | None) -> None:
    result = v.validate_dic(typed, ico)
    assert (result.ok, result.value, result.message_key) == (ok, value, key)


def test_dic_of_other_company_is_a_warning_not_an_error() -> None:
    result = v.validate_dic("CZ27082440", "45274649")
    assert result.ok
    assert result.severity == "warning"
    assert result.message_key == "validation.dic.ico_mismatch"
    assert "CZ45274649" in (result.message() or "")


def test_dic_digits_only_suggests_the_cz_prefix() -> None:
    result = v.validate_dic("27082440")
    assert result.hint_key == "validation.dic.did_you_mean"
    assert result.params["suggestion"] == "CZ27082440"


# -- PSČ / postal code -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "country", "ok", "value", "key"),
    [
        ("170 00", "CZ", True, "17000", None),
        ("17000", "CZ", True, "17000", None),
        (" 602 00 ", "cz", True, "60200", None),
        ("1700", "CZ", False, "1700", "validation.psc.length"),
        ("170 000", "CZ", False, "170000", "validation.psc.length"),
        ("811 01", "CZ", False, "81101", "validation.psc.slovak"),
        ("01001", "CZ", False, "01001", "validation.psc.slovak"),
        ("96001", "CZ", False, "96001", "validation.psc.slovak"),
        ("170 0O", "CZ", False, "1700O", "validation.psc.not_digit"),
        ("", "CZ", False, "", "validation.psc.required"),
        ("811 01", "SK", True, "811 01", None),
        ("10115", "DE", True, "10115", None),
        ("sw1a 1aa", "GB", True, "SW1A 1AA", None),
        ("", "DE", False, "", "validation.postal.required"),
        ("12345678901", "DE", False, "12345678901", "validation.postal.too_long"),
        ("10#15", "DE", False, "10#15", "validation.postal.bad_char"),
    ],
)
def test_postal_code(typed: str, country: str, ok: bool, value: str, key: str | None) -> None:
    result = v.validate_psc(typed, country)
    assert (result.ok, result.value, result.message_key) == (ok, value, key)


def test_slovak_postal_code_message_shows_the_code() -> None:
    assert "811 01" in (v.validate_psc("81101").message() or "")


# -- phone -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "country", "ok", "value", "key"),
    [
        ("+420 603 123 456", "CZ", True, "+420603123456", None),
        ("00420 603 123 456", "CZ", True, "+420603123456", None),
        ("603123456", "CZ", True, "+420603123456", None),
        ("603 123 456", "CZ", True, "+420603123456", None),
        ("+420603-123-456", "CZ", True, "+420603123456", None),
        ("(+420) 224 123 456", "CZ", True, "+420224123456", None),
        ("+421 905 123 456", "CZ", True, "+421905123456", None),
        ("+49 30 1234567", "DE", True, "+49301234567", None),
        ("0049 30 1234567", "DE", True, "+49301234567", None),
        ("123456789", "CZ", False, "123456789", "validation.phone.cz_first_digit"),
        ("0603123456", "CZ", False, "0603123456", "validation.phone.cz_length"),
        ("60312345", "CZ", False, "60312345", "validation.phone.cz_length"),
        ("+420 60312345", "CZ", False, "+42060312345", "validation.phone.cz_length"),
        ("+420 103 123 456", "CZ", False, "+420103123456", "validation.phone.cz_first_digit"),
        ("603 12x 456", "CZ", False, "60312x456", "validation.phone.bad_char"),
        ("030 1234567", "DE", False, "0301234567", "validation.phone.needs_code"),
        ("+49 123", "DE", False, "+49123", "validation.phone.intl_length"),
        ("+1234567890123456", "DE", False, "+1234567890123456", "validation.phone.intl_length"),
        ("+0123456789", "DE", False, "+0123456789", "validation.phone.intl_zero"),
        ("", "CZ", False, "", "validation.phone.required"),
    ],
)
def test_phone(typed: str, country: str, ok: bool, value: str, key: str | None) -> None:
    result = v.validate_phone(typed, country)
    assert (result.ok, result.value, result.message_key) == (ok, value, key)


def test_phone_display_grouping() -> None:
    assert v.format_phone("+420603123456") == "+420 603 123 456"
    assert v.format_phone("+49301234567") == "+49301234567"


# -- e-mail ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "ok", "value", "key"),
    [
        ("jana.novakova@firma.cz", True, "jana.novakova@firma.cz", None),
        (" Jana.Novakova@Firma.CZ ", True, "Jana.Novakova@firma.cz", None),
        ("it+csp@sub.firma-x.cz", True, "it+csp@sub.firma-x.cz", None),
        ("jana", False, "jana", "validation.email.no_at"),
        ("jana@", False, "jana@", "validation.email.no_domain"),
        ("@firma.cz", False, "@firma.cz", "validation.email.no_local"),
        ("ja na@firma.cz", False, "ja na@firma.cz", "validation.email.space"),
        ("jana@@firma.cz", False, "jana@@firma.cz", "validation.email.many_at"),
        ("jana@firma", False, "jana@firma", "validation.email.no_dot"),
        ("jana..n@firma.cz", False, "jana..n@firma.cz", "validation.email.dots"),
        (".jana@firma.cz", False, ".jana@firma.cz", "validation.email.dots"),
        ("jana@firma..cz", False, "jana@firma..cz", "validation.email.dots"),
        ("jana@-firma.cz", False, "jana@-firma.cz", "validation.email.bad_label"),
        ("jana@firma.c", False, "jana@firma.c", "validation.email.bad_tld"),
        ("jana@firma.123", False, "jana@firma.123", "validation.email.bad_tld"),
        ("jána@firma.cz", False, "jána@firma.cz", "validation.email.bad_char"),
        ("jana@fírma.cz", False, "jana@fírma.cz", "validation.email.bad_char"),
        ("jana@firma_x.cz", False, "jana@firma_x.cz", "validation.email.bad_char"),
        ("", False, "", "validation.email.required"),
    ],
)
def test_email(typed: str, ok: bool, value: str, key: str | None) -> None:
    result = v.validate_email(typed)
    assert (result.ok, result.value, result.message_key) == (ok, value, key)


def test_email_length_limits() -> None:
    assert v.validate_email("a" * 65 + "@firma.cz").message_key == "validation.email.local_too_long"
    long_domain = ".".join(["d" * 60] * 5) + ".cz"
    assert v.validate_email("a@" + long_domain).message_key == "validation.email.too_long"


def test_email_bad_char_is_named() -> None:
    assert "„á“" in (v.validate_email("jána@firma.cz").message("cs") or "")


# -- tenant domain prefix ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "ok", "value", "key", "char", "suggestion"),
    [
        ("sumavskapekarna", True, "sumavskapekarna", None, None, None),
        ("Contoso2", True, "contoso2", None, None, None),
        ("Contoso.onmicrosoft.com", True, "contoso", None, None, None),
        ("acme-corp", False, "acme-corp", "validation.domain.bad_char", "-", "acmecorp"),
        ("šumava", False, "šumava", "validation.domain.bad_char", "š", "sumava"),
        ("acme corp", False, "acme corp", "validation.domain.bad_char", "U+0020", "acmecorp"),
        ("acme.cz", False, "acme.cz", "validation.domain.bad_char", ".", "acmecz"),
        ("-", False, "-", "validation.domain.bad_char", "-", None),
        ("a" * 28, False, "a" * 28, "validation.domain.too_long", None, None),
        ("", False, "", "validation.domain.required", None, None),
        (".onmicrosoft.com", False, "", "validation.domain.required", None, None),
    ],
)
def test_domain_prefix(typed: str, ok: bool, value: str, key: str | None, char: str | None,
                       suggestion: str | None) -> None:
    result = v.validate_domain_prefix(typed)
    assert (result.ok, result.value, result.message_key) == (ok, value, key)
    assert result.params.get("char") == char
    assert result.params.get("suggestion") == suggestion


def test_domain_prefix_limit_is_inclusive() -> None:
    assert v.validate_domain_prefix("a" * v.DOMAIN_PREFIX_MAX).ok


@pytest.mark.parametrize(
    ("company", "prefix"),
    [
        ("Šumavská pekárna s.r.o.", "sumavskapekarna"),
        ("Účetnictví Novák s. r. o.", "ucetnictvinovak"),
        ("ČEZ, a. s.", "cez"),
        ("Alza.cz a.s.", "alzacz"),
        ("Řeznictví Dvořák, spol. s r.o.", "reznictvidvorak"),
        ("Spolek přátel Šumavy, z.s.", "spolekpratelsumavy"),
        ("Nadace Života o.p.s.", "nadacezivota"),
        ("Bratři Kůrkové v.o.s.", "bratrikurkove"),
        ("Hrubý a Lhota k.s.", "hrubyalhota"),
        ("Firma sro", "firma"),
        ("Atlas", "atlas"),  # not the "a.s." suffix
        ("ZŠ a MŠ Horní Lhota", "zsamshornilhota"),
        ("Straße & Ørsted GmbH", "strasseaorstedgmbh"),
        ("s.r.o.", "sro"),  # nothing left without the suffix: keep what there is
        ("日本", ""),
        ("Velmi dlouhý název společnosti pro účely testu s.r.o.", "velmidlouhynazevspolecnosti"),
    ],
)
def test_suggest_domain_prefix(company: str, prefix: str) -> None:
    assert v.suggest_domain_prefix(company) == prefix
    if prefix:
        assert v.validate_domain_prefix(prefix).ok


# -- names, street, city, country, culture, partner id -----------------------------------------


def test_names() -> None:
    assert v.validate_name("  Pekárna   Novák  ").value == "Pekárna Novák"
    assert v.validate_name("x" * 201).message_key == "validation.too_long"
    assert v.validate_name("x" * 200).ok
    assert v.validate_name("---").message_key == "validation.name.no_letter"
    assert v.validate_name("Jana", "first_name").ok
    assert v.validate_name("O’Neil-Nováková", "last_name").ok
    assert v.validate_name("x" * 51, "first_name").params["max"] == 50
    bad = v.validate_name("Jana2", "first_name")
    assert (bad.message_key, bad.params["char"]) == ("validation.name.person_char", "2")
    assert bad.message() == ('First name: "2" does not belong in a name; use letters, spaces, '
                             'hyphens or apostrophes.')
    assert v.validate_name("", "last_name").message() == "Last name is required."


@pytest.mark.parametrize(
    ("typed", "ok", "key"),
    [
        ("Jankovcova 1522/53", True, None),
        ("Jankovcova 1522/53a", True, None),
        ("Lhota 25", True, None),
        ("č. ev. 12", True, None),
        ("Chatová osada č.ev.12", True, None),
        ("Jankovcova", False, "validation.street.house_number"),
        ("Jankovcova1522", False, "validation.street.house_number"),
        ("", False, "validation.street.required"),
        ("Ulice 1" + "x" * 200, False, "validation.too_long"),
    ],
)
def test_street(typed: str, ok: bool, key: str | None) -> None:
    result = v.validate_street(typed)
    assert (result.ok, result.message_key) == (ok, key)


def test_city_country_culture() -> None:
    assert v.validate_city(" Praha  7 ").value == "Praha 7"
    assert v.validate_city("123").message_key == "validation.city.no_letter"
    assert v.validate_city("").message_key == "validation.city.required"
    assert v.validate_country("").value == "CZ"
    assert v.validate_country(" sk ").value == "SK"
    uk = v.validate_country("UK")
    assert (uk.ok, uk.params["suggestion"]) == (False, "GB")
    assert v.validate_country("XX").message_key == "validation.country.unknown"
    assert v.validate_country("Czechia").message_key == "validation.country.length"
    assert v.validate_culture("").value == "cs-CZ"
    assert v.validate_culture("en_us").value == "en-US"
    guess = v.validate_culture("cs")
    assert (guess.ok, guess.params["suggestion"]) == (False, "cs-CZ")
    assert v.validate_culture("tlh-KX").message_key == "validation.culture.unknown"
    assert v.language_of("cs-CZ") == "cs"


def test_required_and_partner_id() -> None:
    assert v.validate_required(" x ", "city").value == "x"
    missing = v.validate_required("\x00 \t", "city")
    assert missing.message() == "City is required."
    assert missing.message("cs") == "Pole Obec je povinné."
    guid = "484E548C-F5F3-4528-93A9-C16C6373CB59"
    assert v.validate_partner_id("{" + guid + "}").value == guid.lower()
    assert v.validate_partner_id("").ok
    assert v.validate_partner_id("1234567").message_key == "validation.partner_id.format"


# -- messages ----------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_catalog_has_both_languages_with_the_same_placeholders() -> None:
    for key, texts in MESSAGES.items():
        assert texts.get("en") and texts.get("cs"), key
        assert set(_PLACEHOLDER.findall(texts["en"])) == set(_PLACEHOLDER.findall(texts["cs"])), key


SAMPLES = [
    "", " ", "x", "0", "123", "CZ123", "cz27082440", "27082440", "12345678", "+", "+420",
    "a@b", "šš", "-", "UK", "€", "\u202e", "1" * 40, "00420 1", "jana@firma..cz",
]


def _all_validators() -> list[tuple[str, Callable[[object], v.FieldResult]]]:
    return [
        ("ico", v.validate_ico),
        ("dic", v.validate_dic),
        ("dic_with_ico", lambda s: v.validate_dic(s, "45274649")),
        ("psc", v.validate_psc),
        ("postal_de", lambda s: v.validate_psc(s, "DE")),
        ("phone", v.validate_phone),
        ("phone_de", lambda s: v.validate_phone(s, "DE")),
        ("email", v.validate_email),
        ("domain", v.validate_domain_prefix),
        ("org", v.validate_name),
        ("first", lambda s: v.validate_name(s, "first_name")),
        ("street", v.validate_street),
        ("city", v.validate_city),
        ("country", v.validate_country),
        ("culture", v.validate_culture),
        ("required", lambda s: v.validate_required(s, "company_name")),
        ("partner", v.validate_partner_id),
    ]


VALIDATORS = _all_validators()


@pytest.mark.parametrize(("name", "check"), VALIDATORS, ids=[n for n, _ in VALIDATORS])
@pytest.mark.parametrize("language", ["en", "cs"])
def test_every_message_renders_completely(name: str, check, language: str) -> None:
    known = catalog()
    for sample in SAMPLES:
        result = check(sample)
        for key in (result.message_key, result.hint_key):
            if key:
                assert key in known, key
        for text in (result.message(language), result.hint(language)):
            if text is not None:
                assert "{" not in text and "validation." not in text, (sample, text)


# -- totality and idempotence ------------------------------------------------------------------

ANY_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(exclude_categories=())),  # lone surrogates, controls too
    st.text(alphabet=string.digits + " +-/CZcz.@", max_size=20),
    st.text(alphabet="0123456789 ", min_size=6, max_size=12),
    st.binary().map(lambda b: b.decode("utf-8", errors="surrogateescape")),
)
ANY_INPUT = st.one_of(ANY_TEXT, st.binary(), st.none(), st.integers())


@pytest.mark.parametrize(("name", "check"), VALIDATORS, ids=[n for n, _ in VALIDATORS])
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=ANY_INPUT)
def test_validators_are_total_and_idempotent(name: str, check, raw: object) -> None:
    result = check(raw)
    assert isinstance(result, v.FieldResult)
    assert isinstance(result.value, str)
    assert result.ok or result.message_key
    result.message()
    result.hint()
    if result.ok:
        again = check(result.value)
        assert again.ok, (raw, result.value, again.message())
        assert again.value == result.value


@given(name=st.text())
@settings(max_examples=200, deadline=None)
def test_suggested_prefix_is_valid_or_empty(name: str) -> None:
    prefix = v.suggest_domain_prefix(name)
    assert prefix == "" or v.validate_domain_prefix(prefix).value == prefix
    assert v.suggest_domain_prefix(prefix) == prefix


@pytest.mark.parametrize(
    "hostile",
    [
        "1" * 1_000_000,
        "\x00" * 100_000,
        "\u202e27082440\u202c",
        "🏢" * 10_000,
        "a@" * 50_000,
        b"\xff\xfe\x00garbage",
        bytearray(b"27082440"),
        12.5,
        ["27082440"],
    ],
    ids=["huge-digits", "nul", "rtl", "emoji", "many-at", "bytes", "bytearray", "float", "list"],
)
def test_hostile_inputs_do_not_raise(hostile: object) -> None:
    for _, check in VALIDATORS:
        result = check(hostile)
        assert isinstance(result, v.FieldResult)
    assert v.validate_ico(bytearray(b"27082440")).value == "27082440"
    assert v.validate_ico("\u202e27082440\u202c").ok  # bidi controls are stripped, not digits
