"""A failure the client finds itself (no answer, an unreadable one) is told in the person's
language whenever it is shown; the call and the technical detail stay as data."""

from __future__ import annotations

import pickle

import httpx
import pytest

from csp_tui import i18n
from csp_tui.partner_center import errors as pce

from .test_client import Harness, customers_page, link, ok, sequence


async def test_a_timed_out_request_is_told_in_czech_and_in_english() -> None:
    h = Harness(sequence(httpx.ReadTimeout("slow")), max_retries=0)
    with pytest.raises(pce.TransportError) as raised:
        await h.client.get_customer("c1")
    error = raised.value

    i18n.set_language("cs")
    czech = str(error)
    assert czech.startswith("GET /v1/customers/c1: vypršel čas na odpověď")
    assert "ReadTimeout('slow')" in czech  # the technical detail, untranslated
    assert "timed out" not in czech

    # The same error, shown after the language changed: the words follow.
    i18n.set_language("en")
    assert str(error) == "GET /v1/customers/c1: timed out (ReadTimeout('slow'))"
    assert error.description == str(error)  # no status, no code: nothing before it


async def test_a_dropped_connection_is_told_in_czech() -> None:
    i18n.set_language("cs")
    h = Harness(sequence(httpx.ConnectError("refused")), max_retries=0)
    with pytest.raises(pce.TransportError) as raised:
        await h.client.get_customer("c1")
    assert str(raised.value) == "GET /v1/customers/c1: spojení selhalo (ConnectError)"


async def test_an_unreadable_answer_names_the_status_and_keeps_the_parser_detail() -> None:
    i18n.set_language("cs")
    h = Harness(sequence(httpx.Response(201, text="<html>gateway</html>")))
    with pytest.raises(pce.MalformedResponseError) as raised:
        await h.client.create_qualification("c1", {"qualification": "StateOwnedEntity"},
                                            request_id="key-1")
    text = str(raised.value)
    assert text.startswith("[HTTP 201] POST /v1/customers/c1/qualifications: odpověď není JSON")
    assert "Expecting value" in text  # json's own message, as data


@pytest.mark.parametrize(
    ("call", "answer", "czech", "english"),
    [
        ("domains", {"items": "x"}, "odpověď měla být seznam domén",
         "expected a list of domains"),
        ("link", {"attributes": {"objectType": "RelationshipRequest"}},
         "v odpovědi chybí adresa (url)", "no url in the answer"),
        ("customer", {"companyProfile": {"companyName": "bez id"}},
         "neočekávaný tvar odpovědi (Customer)", "unexpected Customer shape"),
    ],
)
async def test_answers_of_the_wrong_shape_in_both_languages(
        call: str, answer: dict, czech: str, english: str) -> None:
    h = Harness(sequence(ok(answer)))
    calls = {
        "domains": lambda: h.client.custom_domains("c1"),
        "link": lambda: h.client.relationship_request_link(),
        "customer": lambda: h.client.get_customer("c1"),
    }
    with pytest.raises(pce.MalformedResponseError) as raised:
        await calls[call]()
    i18n.set_language("cs")
    assert czech in str(raised.value)
    assert english not in str(raised.value)
    i18n.set_language("en")
    assert english in str(raised.value)


async def test_a_next_page_of_the_wrong_shape_hides_secrets_of_its_link() -> None:
    next_uri = "/v1/customers?size=1&seekOperation=Next&continuationToken=SECRET-42"

    def handler(request: httpx.Request) -> httpx.Response:
        if "SECRET-42" in str(request.url):
            return ok(42)  # not a collection at all
        return ok(customers_page(["a"], link(next_uri, None)))

    h = Harness(handler)
    with pytest.raises(pce.MalformedResponseError) as raised:
        await h.client.list_customers(size=1)
    text = str(raised.value)
    assert len(h.requests) == 2  # the second page was fetched and could not be read
    assert "SECRET-42" not in text
    assert "continuationToken=***" in text


async def test_an_unreadable_item_is_named_without_the_secrets_of_its_link() -> None:
    next_uri = "/v1/customers?size=1&seekOperation=Next&continuationToken=SECRET-42"

    def handler(request: httpx.Request) -> httpx.Response:
        if "SECRET-42" in str(request.url):
            return ok({"items": [{"companyProfile": {"companyName": "bez id"}}]})
        return ok(customers_page(["a"], link(next_uri, None)))

    h = Harness(handler)
    customers = await h.client.list_customers(size=1)
    assert [c.id for c in customers] == ["a"]
    assert len(customers.skipped) == 1
    assert "SECRET-42" not in customers.skipped[0]
    assert "continuationToken=***" in customers.skipped[0]


def test_remote_descriptions_stay_as_partner_center_wrote_them() -> None:
    error = pce.error_from_parts(400, '{"code": 600012, "description": "Invalid input"}')
    i18n.set_language("cs")
    assert error.description == "Invalid input"
    assert error.message_key is None


def test_a_keyed_error_survives_pickling() -> None:
    error = pce.TransportError(message_key="pc.transport.timed_out", where="GET /v1/x",
                               detail="ReadTimeout('')", request_id="r1")
    copy = pickle.loads(pickle.dumps(error))
    i18n.set_language("cs")
    assert str(copy) == str(error) == "GET /v1/x: vypršel čas na odpověď (ReadTimeout(''))"
    assert copy.request_id == "r1"


async def test_an_explanation_asked_in_another_language_describes_the_failure_in_it() -> None:
    from csp_tui.services.pc_explain import explain

    h = Harness(sequence(httpx.ReadTimeout("slow")), max_retries=0)
    with pytest.raises(pce.TransportError) as raised:
        await h.client.get_customer("c1")
    i18n.set_language("en")  # the console speaks English; the text is wanted in Czech
    assert raised.value.describe("cs").startswith("GET /v1/customers/c1: vypršel čas")
    explained = explain(raised.value, "cs")
    assert "vypršel čas" in explained and "timed out" not in explained
    assert "timed out" in explain(raised.value, "en")
