"""ARES look-up: mapping of documented response shapes, error classes, cache, sandbox."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import pytest

from csp_tui.ares import (
    ARES_BASE_URL,
    AresClient,
    AresCompany,
    company_from_ares,
    diff_prefill,
    prefill_values,
)
from csp_tui.domain.tenant import validate_request
from csp_tui.domain.validation import ico_checksum_ok
from csp_tui.sandbox.ares_emulator import DEMO_SUBJECTS, ares_subject_for, sandbox_ares_transport

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class FakeAres:
    """A transport handler that records requests and answers from a table."""

    def __init__(self, answers: dict[str, httpx.Response | Exception] | None = None,
                 default: httpx.Response | Exception | None = None) -> None:
        self.answers = answers or {}
        self.default = default or httpx.Response(404, json=fixture("ares_error_not_found.json"))
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        ico = request.url.path.rsplit("/", 1)[-1]
        answer = self.answers.get(ico, self.default)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def client(self, **kwargs) -> AresClient:
        return AresClient(transport=httpx.MockTransport(self), **kwargs)


def serving(*names: str) -> FakeAres:
    answers: dict[str, httpx.Response | Exception] = {}
    for name in names:
        body = fixture(name)
        answers[body["ico"]] = httpx.Response(200, json=body)
    return FakeAres(answers)


# -- mapping -----------------------------------------------------------------------------------

EXPECTED = {
    "ares_prague.json": AresCompany(
        ico="61204587", name="Severka Software s.r.o.", dic="CZ61204587",
        street="Jankovcova 1522/53a", city="Praha 7", postal_code="17000", country="CZ",
        dissolved_on=None, legal_form_code="112", is_school=False, city_part="Holešovice"),
    # No streets in the village: the building is numbered within the city part.
    "ares_village.json": AresCompany(
        ico="07102330", name="Truhlářství Lhota s.r.o.", dic="CZ07102330",
        street="Lhota 25", city="Dolní Břežany", postal_code="25241", country="CZ",
        dissolved_on=None, legal_form_code="112", is_school=False, city_part="Lhota"),
    "ares_cislo_evidencni.json": AresCompany(
        ico="29371856", name="Rekreační středisko Olšovec, spol. s r.o.", dic=None,
        street="Jedovnice č. ev. 12", city="Jedovnice", postal_code="67906", country="CZ",
        dissolved_on=None, legal_form_code="112", is_school=False, city_part=None),
    "ares_dissolved.json": AresCompany(
        ico="11845201", name='Obchodní dům Údolní a.s. "v likvidaci"', dic="CZ11845201",
        street="Údolní 567/33", city="Brno-střed", postal_code="60200", country="CZ",
        dissolved_on=date(2019, 12, 31), legal_form_code="121", is_school=False,
        city_part="Veveří"),
    # "Moravská Ostrava a Přívoz" does not start with "Ostrava": the city stays Ostrava.
    "ares_school.json": AresCompany(
        ico="08330174", name="Gymnázium Přívoz, příspěvková organizace", dic=None,
        street="Českobratrská 1101/18", city="Ostrava", postal_code="70200", country="CZ",
        dissolved_on=None, legal_form_code="331", is_school=True, city_part="Přívoz"),
    # Not standardised: only the one-line address.
    "ares_text_address.json": AresCompany(
        ico="24055611", name="Beskydská pila s.r.o.", dic=None,
        street="Hlavní třída 12", city="Frýdek-Místek", postal_code="73801", country="CZ",
        dissolved_on=None, legal_form_code="112", is_school=False, city_part=None),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_mapping(name: str) -> None:
    assert company_from_ares(fixture(name)) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_prefill_passes_the_form_validators(name: str) -> None:
    company = company_from_ares(fixture(name))
    contact = {"first_name": "Jana", "last_name": "Nováková", "email": "jana@firma.cz",
               "phone": "603123456", "domain_prefix": "firma"}
    req, results = validate_request(prefill_values(company) | contact)
    assert req is not None, {k: r.message() for k, r in results.items() if not r.ok}
    assert (req.street, req.city, req.postal_code) == (company.street, company.city,
                                                       company.postal_code)


def test_psc_integer_is_zero_padded_and_remote_text_is_sanitised() -> None:
    body = fixture("ares_prague.json")
    body["sidlo"]["psc"] = 1001
    body["obchodniJmeno"] = "Severka\x1b[31m Software\u202e s.r.o."
    company = company_from_ares(body)
    assert company.postal_code == "01001"
    assert company.name == "Severka[31m Software s.r.o."


@pytest.mark.parametrize("body", [[], "x", {"ico": "61204587"}, {"obchodniJmeno": "X"},
                                  {"ico": "12345678", "obchodniJmeno": "X"}])
def test_mapping_refuses_what_is_not_a_subject(body: object) -> None:
    with pytest.raises(ValueError):
        company_from_ares(body)


# -- the client --------------------------------------------------------------------------------


async def test_found_calls_the_documented_endpoint() -> None:
    fake = serving("ares_prague.json")
    async with fake.client() as ares:
        result = await ares.lookup(" 6120 4587 ")
    assert result.status == "found"
    assert result.company == EXPECTED["ares_prague.json"]
    assert result.message_key == "ares.found"
    (request,) = fake.requests
    assert str(request.url) == ARES_BASE_URL + "/ekonomicke-subjekty/61204587"
    assert request.method == "GET"
    assert request.headers["accept"] == "application/json"


async def test_dissolved_and_school_get_their_own_messages() -> None:
    fake = serving("ares_dissolved.json", "ares_school.json")
    async with fake.client() as ares:
        dissolved = await ares.lookup("11845201")
        school = await ares.lookup("08330174")
    assert (dissolved.status, dissolved.message_key) == ("found", "ares.dissolved")
    assert dissolved.params == {"date": "2019-12-31"}
    assert dissolved.company is not None and dissolved.company.is_dissolved
    assert (school.status, school.message_key) == ("found", "ares.found_school")


@pytest.mark.parametrize("typed", ["12345678", "00177040", "177041", "CZ27082440", "", "abc"])
async def test_checksum_is_checked_before_any_request(typed: str) -> None:
    fake = FakeAres()
    async with fake.client() as ares:
        result = await ares.lookup(typed)
    assert result.status == "invalid"
    assert result.company is None
    assert result.message_key and result.message_key.startswith("validation.ico.")
    assert fake.requests == []


async def test_short_ico_keeps_the_did_you_mean_suggestion() -> None:
    async with FakeAres().client() as ares:
        result = await ares.lookup("177041")
    assert result.params["suggestion"] == "00177041"


def _response(status: int, fixture_name: str | None = None, **kwargs) -> httpx.Response:
    if fixture_name:
        return httpx.Response(status, json=fixture(fixture_name))
    return httpx.Response(status, **kwargs)


@pytest.mark.parametrize(
    ("answer", "status", "key"),
    [
        (_response(404, "ares_error_not_found.json"), "not_found", "ares.not_found"),
        (_response(400, "ares_error_invalid.json"), "invalid", "ares.invalid"),
        # The endpoint itself is gone: not "no such company".
        (_response(404, "ares_error_spring_404.json"), "unavailable", "ares.unavailable"),
        (_response(404, text="<html>Not Found</html>"), "unavailable", "ares.unavailable"),
        (_response(500, json={"kod": "OBECNA_CHYBA", "popis": "x"}), "unavailable",
         "ares.unavailable"),
        (_response(503, text="Service Unavailable"), "unavailable", "ares.unavailable"),
        (_response(429, text="Too Many Requests"), "unavailable", "ares.unavailable"),
        (_response(200, text="{not json"), "unavailable", "ares.unavailable"),
        (_response(200, json=[1, 2, 3]), "unavailable", "ares.unavailable"),
        (_response(200, json={"ico": "61204587"}), "unavailable", "ares.unavailable"),
        (_response(200, json=fixture("ares_school.json")), "unavailable", "ares.unavailable"),
        (_response(302, headers={"Location": "https://example.invalid/"}), "unavailable",
         "ares.unavailable"),
        (httpx.ReadTimeout("slow"), "unavailable", "ares.unavailable"),
        (httpx.ConnectTimeout("slow"), "unavailable", "ares.unavailable"),
        (httpx.ConnectError("refused"), "unavailable", "ares.unavailable"),
        (httpx.RemoteProtocolError("broken"), "unavailable", "ares.unavailable"),
    ],
    ids=["not-found", "bad-input", "spring-404", "html-404", "500", "503", "429",
         "garbage-json", "json-list", "no-name", "other-subject", "redirect", "read-timeout",
         "connect-timeout", "connect-error", "protocol-error"],
)
async def test_error_classes(answer: httpx.Response | Exception, status: str, key: str) -> None:
    fake = FakeAres({"61204587": answer})
    async with fake.client() as ares:
        result = await ares.lookup("61204587")
    assert (result.status, result.message_key, result.company) == (status, key, None)
    assert len(fake.requests) == 1


async def test_answers_are_cached_per_ico() -> None:
    fake = serving("ares_prague.json")
    async with fake.client() as ares:
        first = await ares.lookup("61204587")
        second = await ares.lookup("6120 4587")
        missing = await ares.lookup("00177041")
        missing_again = await ares.lookup("00177041")
    assert first == second
    assert missing.status == missing_again.status == "not_found"
    assert [r.url.path.rsplit("/", 1)[-1] for r in fake.requests] == ["61204587", "00177041"]


async def test_cache_expires_after_its_ttl() -> None:
    now = [1000.0]
    fake = serving("ares_prague.json")
    async with fake.client(cache_ttl=60.0, clock=lambda: now[0]) as ares:
        await ares.lookup("61204587")
        now[0] += 59.0
        await ares.lookup("61204587")
        assert len(fake.requests) == 1
        now[0] += 2.0
        await ares.lookup("61204587")
    assert len(fake.requests) == 2


async def test_outages_are_not_cached() -> None:
    fake = FakeAres({"61204587": httpx.Response(503)})
    async with fake.client() as ares:
        assert (await ares.lookup("61204587")).status == "unavailable"
        fake.answers["61204587"] = httpx.Response(200, json=fixture("ares_prague.json"))
        assert (await ares.lookup("61204587")).status == "found"
    assert len(fake.requests) == 2


# -- diff_prefill ------------------------------------------------------------------------------


def test_diff_prefill_lists_empty_fields_too() -> None:
    company = EXPECTED["ares_prague.json"]
    changes = diff_prefill({}, company)
    assert changes == [
        ("company_name", "", "Severka Software s.r.o."),
        ("ico", "", "61204587"),
        ("street", "", "Jankovcova 1522/53a"),
        ("city", "", "Praha 7"),
        ("postal_code", "", "17000"),
        ("country", "", "CZ"),
        ("dic", "", "CZ61204587"),
    ]


def test_diff_prefill_ignores_spelling_and_keeps_what_ares_does_not_know() -> None:
    company = EXPECTED["ares_school.json"]  # no DIČ in ARES
    current = {
        "company_name": "Gymnázium Přívoz,  příspěvková organizace",
        "ico": "0833 0174",
        "street": "Českobratrská 18",
        "city": "Ostrava",
        "postal_code": "702 00",
        "country": "cz",
        "dic": "CZ08330174",
        "email": "reditel@gympr.cz",
    }
    assert diff_prefill(current, company) == [
        ("street", "Českobratrská 18", "Českobratrská 1101/18"),
    ]


# -- the sandbox transport ---------------------------------------------------------------------


def test_demo_subjects_cover_the_interesting_cases() -> None:
    companies = [company_from_ares(subject) for subject in DEMO_SUBJECTS]
    assert len(companies) >= 3
    assert all(ico_checksum_ok(c.ico) for c in companies)
    assert any(c.is_dissolved for c in companies)
    assert any(c.is_school for c in companies)
    assert any("č. ev." in c.street for c in companies)
    assert any(c.city == "Praha 7" and c.street.endswith("b") for c in companies)


async def test_sandbox_transport_serves_demo_and_extra_subjects() -> None:
    extra = fixture("ares_village.json")
    renamed = dict(DEMO_SUBJECTS[0]) | {"obchodniJmeno": "Přejmenovaná s.r.o."}
    async with AresClient(transport=sandbox_ares_transport([extra, renamed])) as ares:
        for subject in DEMO_SUBJECTS[1:]:
            result = await ares.lookup(subject["ico"])
            assert result.status == "found"
            assert result.company == company_from_ares(subject)
        village = await ares.lookup("07102330")
        overridden = await ares.lookup(DEMO_SUBJECTS[0]["ico"])
        unknown = await ares.lookup("00177041")
    assert village.company == EXPECTED["ares_village.json"]
    assert overridden.company is not None and overridden.company.name == "Přejmenovaná s.r.o."
    assert unknown.status == "not_found"


async def test_sandbox_transport_speaks_ares_errors() -> None:
    async with httpx.AsyncClient(transport=sandbox_ares_transport()) as http:
        bad = await http.get(ARES_BASE_URL + "/ekonomicke-subjekty/177041")
        wrong_checksum = await http.get(ARES_BASE_URL + "/ekonomicke-subjekty/12345678")
        wrong_path = await http.get(ARES_BASE_URL + "/ekonomicke-subjekty-xyz/26147319")
    assert (bad.status_code, bad.json()["kod"]) == (400, "CHYBA_VSTUPU")
    # Like ARES: a wrong check digit is "not found", not "bad input".
    assert (wrong_checksum.status_code, wrong_checksum.json()["kod"]) == (404, "NENALEZENO")
    assert wrong_path.status_code == 404 and "kod" not in wrong_path.json()
    async with AresClient(transport=sandbox_ares_transport(),
                          base_url="https://ares.gov.cz/wrong/rest") as ares:
        assert (await ares.lookup("26147319")).status == "unavailable"


async def test_sandbox_transport_without_demo_data() -> None:
    transport = sandbox_ares_transport([], include_demo=False)
    async with AresClient(transport=transport) as ares:
        assert (await ares.lookup(DEMO_SUBJECTS[0]["ico"])).status == "not_found"


@pytest.mark.parametrize(
    ("street", "city", "psc"),
    [
        ("Jankovcova 1522/53a", "Praha 7", "17000"),
        ("Údolní 567/33", "Brno-střed", "60200"),
        ("Lhota 25", "Lhota", "25201"),
        ("Chudenice č. ev. 12", "Chudenice", "34014"),
        ("náměstí Míru 1", "Horní Lhota", "74301"),
        ("č. ev. 12", "Jedovnice", "67906"),
        ("Hlavní 12", "Frýdek-Místek", "738 01"),
    ],
)
def test_subjects_built_from_form_fields_map_back_to_them(street: str, city: str,
                                                          psc: str) -> None:
    subject = ares_subject_for(ico="26147319", name="Demo s.r.o.", street=street, city=city,
                               postal_code=psc, dic="CZ26147319", school=True)
    company = company_from_ares(subject)
    assert (company.street, company.city, company.postal_code) == (street, city,
                                                                   psc.replace(" ", ""))
    assert (company.name, company.dic, company.is_school) == ("Demo s.r.o.", "CZ26147319", True)
