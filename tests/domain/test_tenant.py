"""The new-tenant request: whole-request validation and what a request turns into."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from csp_tui.domain import tenant
from csp_tui.domain.tenant import (
    FIELDS,
    NewTenantRequest,
    distributor_request,
    partner_center_body,
    summary_lines,
    to_customer_create_payload,
    validate_request,
)
from csp_tui.i18n import catalog

RESELLER_TENANT = "484e548c-f5f3-4528-93a9-c16c6373cb59"


def typed_form() -> dict[str, object]:
    """What a person might type: spaced numbers, mixed case, a full domain."""
    return {
        "company_name": "  Šumavská pekárna   s.r.o. ",
        "ico": "2708 2440",
        "dic": "cz27082440",
        "street": "Jankovcova 1522/53",
        "city": "Praha 7",
        "postal_code": "170 00",
        "first_name": "Jana",
        "last_name": "Nováková",
        "email": "Jana.Novakova@Pekarna.CZ",
        "phone": "603 123 456",
        "domain_prefix": "SumavskaPekarna.onmicrosoft.com",
    }


def valid_request(**changes: object) -> NewTenantRequest:
    data = typed_form() | changes
    req, results = validate_request(data)
    assert req is not None, {k: r.message() for k, r in results.items() if not r.ok}
    return req


def test_valid_form_gives_a_normalised_model() -> None:
    req, results = validate_request(typed_form())
    assert req is not None
    assert set(results) == set(FIELDS)
    assert all(r.ok for r in results.values())
    assert req.model_dump() == {
        "company_name": "Šumavská pekárna s.r.o.",
        "ico": "27082440",
        "dic": "CZ27082440",
        "street": "Jankovcova 1522/53",
        "city": "Praha 7",
        "postal_code": "17000",
        "country": "CZ",
        "first_name": "Jana",
        "last_name": "Nováková",
        "email": "Jana.Novakova@pekarna.cz",
        "phone": "+420603123456",
        "domain_prefix": "sumavskapekarna",
        "culture": "cs-CZ",
        "reseller_id": None,
    }
    assert req.domain == "sumavskapekarna.onmicrosoft.com"
    assert req.language == "cs"


def test_every_field_is_checked_not_only_the_first() -> None:
    data = typed_form() | {"ico": "12345678", "email": "jana@", "postal_code": "811 01",
                           "domain_prefix": "šumava-pekárna"}
    req, results = validate_request(data)
    assert req is None
    failed = {name: r.message_key for name, r in results.items() if not r.ok}
    assert failed == {
        "ico": "validation.ico.checksum",
        "email": "validation.email.no_domain",
        "postal_code": "validation.psc.slovak",
        "domain_prefix": "validation.domain.bad_char",
    }


def test_missing_fields_are_each_reported() -> None:
    req, results = validate_request({})
    assert req is None
    required = {"company_name", "ico", "street", "city", "postal_code", "first_name",
                "last_name", "email", "phone", "domain_prefix"}
    assert {name for name, r in results.items() if not r.ok} == required
    # The optional ones and the defaults are fine when absent.
    assert results["country"].value == "CZ"
    assert results["culture"].value == "cs-CZ"
    assert results["dic"].ok and results["reseller_id"].ok


def test_unknown_field_suggests_the_closest_known_one() -> None:
    data = typed_form()
    data["emial"] = data.pop("email")
    req, results = validate_request(data)
    assert req is None
    assert results["emial"].message() == "Unknown field 'emial' — did you mean 'email'?"
    assert results["emial"].message("cs") == "Neznámé pole „emial“ — mysleli jste „email“?"
    assert results["email"].message_key == "validation.email.required"


def test_unknown_field_without_a_close_match_lists_the_fields() -> None:
    req, results = validate_request(typed_form() | {"favourite_colour": "blue"})
    assert req is None
    message = results["favourite_colour"].message() or ""
    assert "favourite_colour" in message and "domain_prefix" in message


def test_values_of_the_wrong_json_type_are_refused() -> None:
    req, results = validate_request(typed_form() | {"city": ["Praha"], "phone": True})
    assert req is None
    assert results["city"].message() == "City must be text (in quotes in the file)."
    assert results["phone"].message_key == "validation.not_text"


def test_numeric_ico_from_a_file_keeps_its_check_and_hint() -> None:
    _, results = validate_request(typed_form() | {"ico": 177041, "dic": None})
    assert results["ico"].message_key == "validation.ico.too_short"
    assert results["ico"].hint() == "Did you mean 00177041?"
    req, _ = validate_request(typed_form() | {"ico": 27082440})
    assert req is not None and req.ico == "27082440"


def test_dic_of_another_company_warns_but_does_not_block() -> None:
    req, results = validate_request(typed_form() | {"dic": "CZ45274649"})
    assert req is not None
    assert results["dic"].severity == "warning"


def test_foreign_customer_needs_no_czech_ico() -> None:
    req = valid_request(country="sk", ico="", dic="", postal_code="811 01",
                        phone="+421 905 123 456", city="Bratislava", culture="sk-SK")
    assert (req.country, req.ico, req.postal_code, req.phone) == ("SK", "", "811 01",
                                                                  "+421905123456")
    assert req.dic is None


def test_country_decides_postal_and_phone_rules() -> None:
    _, results = validate_request(typed_form() | {"country": "DE", "phone": "030 1234567"})
    assert results["phone"].message_key == "validation.phone.needs_code"
    assert results["postal_code"].ok  # "17000" is a fine German postal code too


def test_model_built_directly_is_normalised_and_strict() -> None:
    req = NewTenantRequest(**typed_form())
    assert req == valid_request()
    with pytest.raises(ValidationError, match="ico"):
        NewTenantRequest(**(typed_form() | {"ico": "12345678"}))
    with pytest.raises(ValidationError, match="emial"):
        NewTenantRequest(**(typed_form() | {"emial": "x@y.cz"}))


def test_request_survives_a_json_round_trip() -> None:
    req = valid_request(reseller_id=RESELLER_TENANT.upper())
    again, _ = validate_request(json.loads(json.dumps(req.model_dump())))
    assert again == req
    assert again is not None and again.reseller_id == RESELLER_TENANT


def test_not_a_mapping() -> None:
    req, results = validate_request(["not", "a", "dict"])  # type: ignore[arg-type]
    assert req is None
    assert not results[""].ok


# -- Partner Center payload --------------------------------------------------------------------


def test_customer_create_payload() -> None:
    req = valid_request()
    payload = to_customer_create_payload(req, associated_partner_id=RESELLER_TENANT)
    assert payload == {
        "company_name": "Šumavská pekárna s.r.o.",
        "email": "Jana.Novakova@pekarna.cz",
        "culture": "cs-CZ",
        "language": "cs",
        "first_name": "Jana",
        "last_name": "Nováková",
        "address_line1": "Jankovcova 1522/53",
        "city": "Praha 7",
        "postal_code": "17000",
        "country": "CZ",
        "phone_number": "+420603123456",
        "domain": "sumavskapekarna.onmicrosoft.com",
        # Partner Center answers 600002 to a registration number from a Czech customer.
        "organization_registration_number": None,
        "associated_partner_id": RESELLER_TENANT,
        "enable_gdap_by_default": True,
    }
    direct = to_customer_create_payload(req, associated_partner_id=None)
    assert direct["associated_partner_id"] is None


def test_registration_number_goes_only_where_partner_center_wants_it() -> None:
    req = valid_request(country="HU", ico="01-09-123456", postal_code="1051",
                        phone="+36 1 234 5678", culture="hu-HU")
    payload = to_customer_create_payload(req, associated_partner_id=None)
    assert payload["organization_registration_number"] == "01-09-123456"
    body = partner_center_body(req, associated_partner_id=None)
    assert body["companyProfile"]["organizationRegistrationNumber"] == "01-09-123456"
    assert "associatedPartnerId" not in body


def test_partner_center_body_has_the_documented_shape() -> None:
    body = partner_center_body(valid_request(), associated_partner_id=RESELLER_TENANT)
    assert body == {
        "enableGDAPByDefault": True,
        "companyProfile": {"domain": "sumavskapekarna.onmicrosoft.com"},
        "billingProfile": {
            "culture": "cs-CZ",
            "email": "Jana.Novakova@pekarna.cz",
            "language": "cs",
            "companyName": "Šumavská pekárna s.r.o.",
            "defaultAddress": {
                "firstName": "Jana",
                "lastName": "Nováková",
                "addressLine1": "Jankovcova 1522/53",
                "city": "Praha 7",
                "postalCode": "17000",
                "country": "CZ",
                "phoneNumber": "+420603123456",
            },
        },
        "associatedPartnerId": RESELLER_TENANT,
    }


def test_payload_fits_the_adapter_model() -> None:
    models = pytest.importorskip("csp_tui.partner_center.models")
    req = valid_request()
    payload = to_customer_create_payload(req, associated_partner_id=RESELLER_TENANT)
    wire = models.CustomerCreate(**payload).to_wire()
    assert wire == partner_center_body(req, associated_partner_id=RESELLER_TENANT)


# -- confirmation and the distributor request --------------------------------------------------


def test_summary_lines_show_display_forms() -> None:
    lines = summary_lines(valid_request())
    known = catalog()
    assert all(key in known for key, _ in lines)
    values = dict(lines)
    assert values["validation.label.postal_code"] == "170 00"
    assert values["validation.label.phone"] == "+420 603 123 456"
    assert values["validation.label.domain"] == "sumavskapekarna.onmicrosoft.com"
    assert values["validation.label.dic"] == "CZ27082440"
    assert "validation.label.reseller_id" not in values
    without_dic = dict(summary_lines(valid_request(dic="")))
    assert "validation.label.dic" not in without_dic


@pytest.mark.parametrize(("field", "typed", "char", "position"), [
    ("company_name", "A\x1b[31mB s.r.o.", "U+001B", 2),
    ("company_name", "Pekárna\x00 s.r.o.", "U+0000", 8),
    ("company_name", "\u202eanrákeP s.r.o.", "U+202E", 1),
    ("first_name", "Ja\u200bna", "U+200B", 3),
    ("street", "Husova\u00ad 12", "U+00AD", 7),
    ("email", "jana@pekarna\u2060.cz", "U+2060", 13),
])
def test_a_character_nobody_can_see_is_refused_never_stripped(field, typed, char, position):
    """One rule for every field: Partner Center gets exactly what was typed, or the field is
    refused saying which character and where."""
    req, results = validate_request(typed_form() | {field: typed})
    assert req is None
    result = results[field]
    assert not result.ok and result.message_key == "validation.hidden_char"
    message = result.message()
    assert char in message and f"character {position}" in message
    assert [name for name, r in results.items() if not r.ok] == [field]


def test_joiners_inside_an_emoji_are_what_the_person_sees() -> None:
    req = valid_request(company_name="Pekárna 👩\u200d🍳 s.r.o.")
    assert req.company_name == "Pekárna 👩\u200d🍳 s.r.o."


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("cs", ["Dobrý den,", "Zákazník:", "IČO: 27082440"]),
        ("en", ["Hello,", "Customer:", "Company ID (IČO): 27082440"]),
    ],
)
def test_distributor_request(language: str, expected: list[str]) -> None:
    req = valid_request()
    text, document = distributor_request(req, reseller_name="Síťaři Plzeň s.r.o.",
                                         reseller_mpn_id="6543210", language=language,
                                         reseller_tenant_id=RESELLER_TENANT)
    for piece in expected:
        assert piece in text
    for piece in ("Šumavská pekárna s.r.o.", "sumavskapekarna.onmicrosoft.com",
                  "Síťaři Plzeň s.r.o.", "6543210", RESELLER_TENANT, "+420 603 123 456",
                  "Jankovcova 1522/53, 170 00 Praha 7, CZ"):
        assert piece in text
    assert "{" not in text and "tenant.email" not in text
    assert document["customer"] == req.model_dump()
    assert document["reseller"] == {"name": "Síťaři Plzeň s.r.o.", "mpn_id": "6543210",
                                    "tenant_id": RESELLER_TENANT}
    assert document["partner_center"]["body"] == partner_center_body(
        req, associated_partner_id=RESELLER_TENANT)
    # The document is the file format: it reads back into the same request.
    again, _ = validate_request(json.loads(json.dumps(document, ensure_ascii=False))["customer"])
    assert again == req
    assert "password" not in json.dumps(document).lower()


def test_distributor_request_uses_the_reseller_id_of_the_request() -> None:
    req = valid_request(reseller_id=RESELLER_TENANT)
    _, document = distributor_request(req, reseller_name="R", reseller_mpn_id="1",
                                      language="xx")
    assert document["partner_center"]["body"]["associatedPartnerId"] == RESELLER_TENANT


def test_registration_countries_are_iso_codes() -> None:
    from csp_tui.domain.validation import COUNTRY_CODES

    assert tenant.REGISTRATION_NUMBER_COUNTRIES <= COUNTRY_CODES
