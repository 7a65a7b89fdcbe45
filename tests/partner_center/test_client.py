"""The REST client against in-test fakes of Partner Center (httpx.MockTransport).

Sleeps are injected: retries and Retry-After waits are recorded, never really waited.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.calls import BACKOFF_BASE_S, MAX_THROTTLE_RETRIES, CallRecord
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.partner_center.models import (
    CustomerCreate,
    CustomerFilter,
    QualificationType,
    Subscription,
    SubscriptionStatus,
)
from csp_tui.partner_center.ratelimit import RateLimiter
from csp_tui.partner_center.urls import loggable_path, normalise_link

SAMPLES = Path(__file__).resolve().parent / "samples"
BASE = "https://pc.test"
TOKEN = "secret-token-1"
FRESH_TOKEN = "secret-token-2"


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


class FakeTokens:
    def __init__(self) -> None:
        self.calls: list[bool] = []

    async def get_token(self, *, force_refresh: bool = False) -> str:
        self.calls.append(force_refresh)
        return FRESH_TOKEN if any(self.calls) else TOKEN


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class SpyLimiter(RateLimiter):
    def __init__(self, time: FakeTime) -> None:
        super().__init__(6000, burst=1000, clock=time.clock, sleep=time.sleep)
        self.pauses: list[float] = []

    def pause(self, seconds: float) -> None:
        self.pauses.append(seconds)
        super().pause(seconds)


Handler = Callable[[httpx.Request], httpx.Response]


class Harness:
    """A client wired to a handler, recording requests, call records and sleeps."""

    def __init__(self, handler: Handler, **kwargs: Any) -> None:
        self.requests: list[httpx.Request] = []
        self.records: list[CallRecord] = []
        self.time = FakeTime()
        self.tokens = FakeTokens()
        self.limiter = SpyLimiter(self.time)

        def recording(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return handler(request)

        options: dict[str, Any] = {
            "transport": httpx.MockTransport(recording),
            "locale": "cs-CZ",
            "rate_limiter": self.limiter,
            "on_call": self.records.append,
            "sleep": self.time.sleep,
            "rng": random.Random(7),
            "application_name": "csp-tui-tests",
        }
        options.update(kwargs)
        self.client = PartnerCenterClient(BASE, self.tokens, **options)

    def header(self, index: int, name: str) -> str | None:
        return self.requests[index].headers.get(name)


def ok(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def error(status: int, body: Any = None, headers: dict[str, str] | None = None) -> httpx.Response:
    if body is None:
        return httpx.Response(status, headers=headers)
    return httpx.Response(status, json=body, headers=headers)


def sequence(*responses: httpx.Response | Exception) -> Handler:
    queue = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        item = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(item, Exception):
            raise item
        return item

    return handler


# -- headers and call records -------------------------------------------------------------------


async def test_every_request_carries_the_documented_headers() -> None:
    h = Harness(sequence(ok(sample("customer-get.json"))))
    await h.client.get_customer("eebd1b55-5360-4438-a11d-5c06918c3014")
    await h.client.get_customer("eebd1b55-5360-4438-a11d-5c06918c3014")
    first = h.requests[0]
    assert first.method == "GET"
    assert first.url.path == "/v1/customers/eebd1b55-5360-4438-a11d-5c06918c3014"
    assert first.headers["Authorization"] == f"Bearer {TOKEN}"
    assert first.headers["Accept"] == "application/json"
    assert first.headers["X-Locale"] == "cs-CZ"
    assert first.headers["MS-PartnerCenter-Application"] == "csp-tui-tests"
    uuid.UUID(first.headers["MS-RequestId"])
    uuid.UUID(first.headers["MS-CorrelationId"])
    # A new logical call gets new ids.
    assert h.header(1, "MS-RequestId") != h.header(0, "MS-RequestId")
    assert h.header(1, "MS-CorrelationId") != h.header(0, "MS-CorrelationId")
    assert h.limiter.acquired == 2  # one token per attempt


async def test_call_records_never_contain_the_token_and_subscriber_errors_are_harmless() -> None:
    h = Harness(sequence(error(500), ok(sample("customer-get.json"))))

    def broken(record: CallRecord) -> None:
        h.records.append(record)
        raise RuntimeError("command log is full")

    h.client._on_call = broken  # the subscriber fails on every record
    customer = await h.client.get_customer("c1")
    assert customer.id == "eebd1b55-5360-4438-a11d-5c06918c3014"
    assert [(r.method, r.path, r.status, r.error) for r in h.records] == [
        ("GET", "/v1/customers/c1", 500, "HTTP 500"), ("GET", "/v1/customers/c1", 200, None)]
    for record in h.records:
        assert TOKEN not in repr(record)
        assert record.request_id == h.header(0, "MS-RequestId")
        assert record.duration_ms >= 0
        assert record.at.tzinfo is not None


def test_loggable_path_hides_secret_query_values_and_decodes_the_rest() -> None:
    shown = loggable_path("/v1/customers?size=2&filter=%7B%22Field%22%3A%22Domain%22%7D"
                          "&access_token=abc&seekOperation=Next")
    assert shown == '/v1/customers?size=2&filter={"Field":"Domain"}&access_token=***' \
                    "&seekOperation=Next"


def test_loggable_path_keeps_only_known_safe_query_values() -> None:
    """An allow-list: a name nobody foresaw as secret is hidden all the same."""
    shown = loggable_path("/v1/customers?size=500&seekOperation=Next&auth=A1&jwt=eyJ.x.y"
                          "&SharedAccessKey=k%3D&sv=2024&se=tomorrow&Size=7")
    assert shown == ("/v1/customers?size=500&seekOperation=Next&auth=***&jwt=***"
                     "&SharedAccessKey=***&sv=***&se=***&Size=7")
    for secret in ("A1", "eyJ", "k=", "2024", "tomorrow"):
        assert secret not in shown


# -- paging -------------------------------------------------------------------------------------


def customers_page(ids: list[str], next_link: dict | None = None,
                   continuation: str | None = None) -> dict:
    body: dict[str, Any] = {
        "totalCount": 999,  # never trusted
        "items": [{"id": i, "companyProfile": {"companyName": f"Firma {i}", "domain": f"{i}.cz"},
                   "relationshipToPartner": "reseller"} for i in ids],
        "links": {"self": {"uri": "/v1/customers?size=2", "method": "GET", "headers": []}},
        "attributes": {"objectType": "Collection"},
    }
    if next_link is not None:
        body["links"]["next"] = next_link
    if continuation is not None:
        body["continuationToken"] = continuation
    return body


def link(uri: str, token: str | None) -> dict:
    headers = [{"key": "MS-ContinuationToken", "value": token}] if token else []
    return {"uri": uri, "method": "GET", "headers": headers}


TOKEN_2 = "d19617b8-fbe5,0705c4a9_a4ayc/80/OGda4BO/1o/V0etpOqiLx1JwB5S3beHW0s="


async def test_three_pages_following_next_links_and_continuation_headers() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        token = request.headers.get("MS-ContinuationToken")
        if token is None:
            # Relative link without /v1 and with a second "?" (as published).
            return ok(customers_page(["a", "b"], link("/customers?size=2?seekOperation=Next",
                                                       "AQAAAA==")))
        if token == "AQAAAA==":
            return ok(customers_page(["c", "d"], link(
                "/v1//v1/customers?size=2&seekOperation=Next", TOKEN_2)))
        if token == TOKEN_2:
            return ok(customers_page(["e"]))
        return error(400, {"code": 1, "description": f"bad token {token}"})

    h = Harness(handler)
    pages = [page async for page in h.client.iter_customer_pages(size=2)]
    assert [[c.id for c in page] for page in pages] == [["a", "b"], ["c", "d"], ["e"]]
    assert pages[0][0].company_name == "Firma a"
    assert [r.url.path for r in h.requests] == ["/v1/customers"] * 3
    assert [parse_qs(r.url.query.decode()) for r in h.requests] == [
        {"size": ["2"]},
        {"size": ["2"], "seekOperation": ["Next"]},
        {"size": ["2"], "seekOperation": ["Next"]},
    ]
    assert [r.headers.get("MS-ContinuationToken") for r in h.requests] == [
        None, "AQAAAA==", TOKEN_2]
    # Each page is its own logical call.
    assert len({r.headers["MS-RequestId"] for r in h.requests}) == 3


async def test_filter_goes_into_the_query_as_url_encoded_json() -> None:
    h = Harness(sequence(ok(sample("customers-filter-indirect-reseller.json"))))
    found = await h.client.list_customers(
        filter=CustomerFilter(field="Domain", value="pekárna s.r.o."), size=0)
    assert [c.domain for c in found] == [
        "FourthCoffee137.onmicrosoft.com", "WingtipToys1254789149.onmicrosoft.com"]
    raw_query = h.requests[0].url.query.decode()
    assert "%7B%22Field%22%3A%22Domain%22" in raw_query  # encoded like the documented example
    assert " " not in raw_query and "+" not in raw_query
    query = parse_qs(raw_query)
    assert query["size"] == ["0"]
    assert json.loads(query["filter"][0]) == {
        "Field": "Domain", "Value": "pekárna s.r.o.", "Operator": "starts_with"}


async def test_top_level_continuation_token_without_next_link() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("MS-ContinuationToken") == "tok-A":
            return ok(customers_page(["b"]))
        return ok(customers_page(["a"], continuation="tok-A"))

    h = Harness(handler)
    customers = await h.client.list_customers(size=1)
    assert [c.id for c in customers] == ["a", "b"]
    assert str(h.requests[1].url) == f"{BASE}/v1/customers?size=1&seekOperation=Next"


@pytest.mark.parametrize("bad_uri", [
    "https://elsewhere.example/v1/customers?size=1&seekOperation=Next",  # would get our token
    "/v1/subscriptions?size=1",  # another resource
    "not a link at all",
    "/v1/../../etc/passwd",
])
async def test_unusable_next_link_is_rebuilt_from_the_first_request(bad_uri: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("MS-ContinuationToken") == "tok-B":
            return ok(customers_page(["b"]))
        return ok(customers_page(["a"], link(bad_uri, "tok-B")))

    h = Harness(handler)
    customers = await h.client.list_customers(size=1)
    assert [c.id for c in customers] == ["a", "b"]
    assert {r.url.host for r in h.requests} == {"pc.test"}
    assert str(h.requests[1].url) == f"{BASE}/v1/customers?size=1&seekOperation=Next"


async def test_a_token_that_never_changes_stops_paging() -> None:
    h = Harness(sequence(ok(customers_page(["a"], link(
        "/v1/customers?size=1&seekOperation=Next", "same")))))
    seen: list[str] = []
    with pytest.raises(pce.MalformedResponseError, match="does not advance"):
        async for page in h.client.iter_customer_pages(size=1):
            seen.extend(c.id for c in page)
    assert len(h.requests) == 2
    assert seen == ["a", "a"]


async def test_link_headers_cannot_override_our_own() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("MS-ContinuationToken"):
            return ok(customers_page(["b"]))
        next_link = link("/v1/customers?size=1&seekOperation=Next", "t")
        next_link["headers"].append({"key": "Authorization", "value": "Bearer stolen"})
        return ok(customers_page(["a"], next_link))

    h = Harness(handler)
    await h.client.list_customers(size=1)
    assert h.header(1, "Authorization") == f"Bearer {TOKEN}"


def test_normalise_link_variants() -> None:
    base = httpx.URL(f"{BASE}/")
    assert normalise_link("/customers/x", base) == "/v1/customers/x"
    assert normalise_link("/v1//v1/customers?size=2", base) == "/v1/customers?size=2"
    assert normalise_link("customers?size=2?seekOperation=Next", base) == \
        "/v1/customers?size=2&seekOperation=Next"
    assert normalise_link(f"{BASE}/v1/customers?a=1", base) == "/v1/customers?a=1"
    assert normalise_link("https://other.test/v1/customers", base) is None
    assert normalise_link("", base) is None


# -- retries ------------------------------------------------------------------------------------


async def test_429_waits_retry_after_and_pauses_every_worker() -> None:
    h = Harness(sequence(error(429, sample("error-429-throttled.json"), {"Retry-After": "7"}),
                         ok(sample("customer-get.json"))))
    customer = await h.client.get_customer("c1")
    assert customer.id.startswith("eebd1b55")
    assert h.limiter.pauses == [7.0]
    assert len(h.time.sleeps) == 1 and 7.0 <= h.time.sleeps[0] < 8.0
    assert h.client.stats.throttled == 1
    assert h.client.stats.retries == 1
    assert h.client.stats.requests == 2
    assert h.header(0, "MS-RequestId") == h.header(1, "MS-RequestId")
    assert [r.error for r in h.records] == ["code 429", None]


async def test_429_without_retry_after_waits_the_default() -> None:
    h = Harness(sequence(error(429), ok(sample("customer-get.json"))))
    await h.client.get_customer("c1")
    assert h.limiter.pauses == [5.0]
    assert 5.0 <= h.time.sleeps[0] < 6.0


async def test_429_budget_is_separate_and_bounded() -> None:
    h = Harness(sequence(error(429, headers={"Retry-After": "1"})), max_retries=0)
    with pytest.raises(pce.ThrottledError) as raised:
        await h.client.get_customer("c1")
    assert raised.value.retry_after == 1.0
    assert len(h.requests) == MAX_THROTTLE_RETRIES + 1
    assert h.client.stats.throttled == MAX_THROTTLE_RETRIES + 1


async def test_an_hour_long_retry_after_is_left_to_the_caller() -> None:
    h = Harness(sequence(error(429, headers={"Retry-After": "3600"})))
    with pytest.raises(pce.ThrottledError):
        await h.client.get_customer("c1")
    assert len(h.requests) == 1
    assert h.time.sleeps == []


async def test_5xx_is_retried_with_the_same_request_id_and_backoff() -> None:
    h = Harness(sequence(error(503), error(500), error(502), ok(sample("customer-get.json"))))
    await h.client.get_customer("c1")
    assert len(h.requests) == 4
    assert len({r.headers["MS-RequestId"] for r in h.requests}) == 1
    assert len({r.headers["MS-CorrelationId"] for r in h.requests}) == 1
    assert len(h.time.sleeps) == 3
    for attempt, delay in enumerate(h.time.sleeps):
        assert 0.0 <= delay <= BACKOFF_BASE_S * 2 ** attempt  # full jitter
    assert h.client.stats.retries == 3


async def test_5xx_gives_up_after_max_retries() -> None:
    h = Harness(sequence(error(500, {"code": 800003, "description": "Unexpected error"})),
                max_retries=2)
    with pytest.raises(pce.ServerError) as raised:
        await h.client.get_customer("c1")
    assert raised.value.code == "800003"
    assert len(h.requests) == 3


@pytest.mark.parametrize("status", [400, 403, 404, 409, 412])
async def test_4xx_is_not_retried(status: int) -> None:
    h = Harness(sequence(error(status, sample("error-nce-quantity-decrease.json"))))
    with pytest.raises(pce.PartnerCenterError) as raised:
        await h.client.get_customer("c1")
    assert raised.value.status == status
    assert len(h.requests) == 1
    assert h.time.sleeps == []


async def test_409_with_a_short_retry_after_is_waited_out() -> None:
    h = Harness(sequence(error(409, {"code": 800082, "description": "not ready"},
                               {"Retry-After": "12"}), ok(sample("customer-get.json"))))
    await h.client.get_customer("c1")
    assert len(h.requests) == 2
    assert 12.0 <= h.time.sleeps[0] < 13.0
    assert h.limiter.pauses == []  # a conflict on one object is not a rate limit


async def test_409_with_a_long_retry_after_goes_back_to_the_caller() -> None:
    # A renewal takes minutes to hours: the worker is not held, the outbox schedules it.
    h = Harness(sequence(error(409, {"code": 800082, "description": "not ready"},
                               {"Retry-After": "120"}), ok(sample("customer-get.json"))))
    with pytest.raises(pce.ConflictError) as raised:
        await h.client.get_customer("c1")
    assert raised.value.retry_after == 120.0
    assert len(h.requests) == 1
    assert h.time.sleeps == []


@pytest.mark.parametrize(("code", "hint"), [(900278, 24 * 3600.0), (800082, 30 * 60.0)])
async def test_409_without_retry_after_carries_the_documented_hint(code: int,
                                                                   hint: float) -> None:
    h = Harness(sequence(error(409, {"code": code, "description": "pending operation"})))
    with pytest.raises(pce.ConflictError) as raised:
        await h.client.get_customer("c1")
    assert raised.value.retry_after == hint
    assert len(h.requests) == 1


async def test_every_call_carries_the_contract_version() -> None:
    h = Harness(sequence(ok(sample("customer-get.json"))))
    await h.client.get_customer("c1")
    assert h.header(0, "MS-Contract-Version") == "v1"


async def test_401_refreshes_the_token_once() -> None:
    h = Harness(sequence(error(401), ok(sample("customer-get.json"))))
    await h.client.get_customer("c1")
    assert h.tokens.calls == [False, True]
    assert h.header(0, "Authorization") == f"Bearer {TOKEN}"
    assert h.header(1, "Authorization") == f"Bearer {FRESH_TOKEN}"


async def test_a_second_401_is_an_authentication_error() -> None:
    # An expired token (not an MFA requirement, which tests/partner_center/test_client_mfa.py
    # covers: there a refresh would not help and none is made).
    h = Harness(sequence(error(401, {"code": 800001,
                                     "description": "The access token has expired."})))
    with pytest.raises(pce.AuthenticationError) as raised:
        await h.client.get_customer("c1")
    assert not isinstance(raised.value, pce.MfaRequiredError)
    assert raised.value.code == "800001"
    assert len(h.requests) == 2
    assert h.tokens.calls == [False, True]


async def test_timeouts_end_in_transport_error_after_retries() -> None:
    h = Harness(sequence(httpx.ReadTimeout("slow")), max_retries=3)
    with pytest.raises(pce.TransportError) as raised:
        await h.client.get_customer("c1")
    assert not isinstance(raised.value, pce.MalformedResponseError)
    assert raised.value.request_id == h.header(0, "MS-RequestId")
    assert len(h.requests) == 4
    assert [(r.status, r.error) for r in h.records] == [(None, "timeout")] * 4


async def test_connection_error_then_success() -> None:
    h = Harness(sequence(httpx.ConnectError("refused"), ok(sample("customer-get.json"))))
    await h.client.get_customer("c1")
    assert [r.error for r in h.records] == ["connection error", None]


async def test_malformed_json_on_get_is_retried() -> None:
    h = Harness(sequence(httpx.Response(200, text='{"id": "c1", "compan'),
                         ok(sample("customer-get.json"))))
    await h.client.get_customer("c1")
    assert [r.error for r in h.records] == ["malformed body", None]


async def test_malformed_json_on_post_is_not_resent() -> None:
    h = Harness(sequence(httpx.Response(201, text="<html>gateway</html>")))
    with pytest.raises(pce.MalformedResponseError):
        await h.client.create_qualification("c1", {"qualification": "StateOwnedEntity"},
                                            request_id="key-1")
    assert len(h.requests) == 1


async def test_bom_and_stray_question_mark_before_bodies() -> None:
    body = json.dumps(sample("customer-get.json")).encode()
    h = Harness(sequence(httpx.Response(200, content=b"\xef\xbb\xbf" + body),
                         httpx.Response(200, content=b"?" + body)))
    assert (await h.client.get_customer("c1")).id.startswith("eebd1b55")
    assert (await h.client.get_customer("c1")).id.startswith("eebd1b55")
    assert len(h.requests) == 2


async def test_an_unexpected_shape_is_a_malformed_response() -> None:
    h = Harness(sequence(ok({"companyProfile": {"companyName": "no id"}})))
    with pytest.raises(pce.MalformedResponseError, match="Customer"):
        await h.client.get_customer("c1")


@pytest.mark.parametrize(
    ("status", "file", "cls", "code"),
    [(400, "error-400-license-quota.json", pce.BadRequestError, "60012"),
     (404, "error-404-mpn-not-found.json", pce.NotFoundError, "3000"),
     (409, "error-agreement-already-exists.json", pce.ConflictError, "600061"),
     (400, "address-validation-error-legacy.json", pce.BadRequestError, "2007")],
)
async def test_error_bodies_become_typed_errors(status, file, cls, code) -> None:
    body = sample(file)
    h = Harness(sequence(error(status, body, {"MS-RequestId": "server-rid"})))
    with pytest.raises(cls) as raised:
        await h.client.get_customer("c1")
    assert raised.value.code == code
    assert raised.value.status == status
    assert raised.value.description and "&#39;" not in raised.value.description
    assert raised.value.request_id == "server-rid"
    assert raised.value.correlation_id == h.header(0, "MS-CorrelationId")


async def test_ids_are_quoted_into_one_path_segment() -> None:
    h = Harness(sequence(ok(sample("customer-get.json"))))
    await h.client.get_customer("../partners")
    assert h.requests[0].url.raw_path == b"/v1/customers/..%2Fpartners"
    with pytest.raises(ValueError):
        await h.client.get_customer("  ")


# -- writes -------------------------------------------------------------------------------------


async def test_create_customer_posts_the_wire_body_with_the_idempotency_key() -> None:
    h = Harness(sequence(ok(sample("customer-create-indirect-response.json"), status=201)))
    body = CustomerCreate(
        company_name="Wingtip Toys", email="gena@wingtiptoys.com", first_name="Gena",
        last_name="Soto", address_line1="One Microsoft Way", city="Redmond", country="US",
        domain="wingtiptoys678.onmicrosoft.com",
        associated_partner_id="484e548c-f5f3-4528-93a9-c16c6373cb59")
    created = await h.client.create_customer(body, request_id="outbox-key-42")
    request = h.requests[0]
    assert (request.method, request.url.path) == ("POST", "/v1/customers")
    assert request.headers["MS-RequestId"] == "outbox-key-42"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == body.to_wire()
    assert created.user_credentials is not None
    assert created.user_credentials.password is not None
    assert created.user_credentials.password.get_secret_value() == "0Krha*Io"


async def test_create_customer_retry_after_timeout_reuses_the_key() -> None:
    h = Harness(sequence(httpx.ReadTimeout("lost"),
                         ok(sample("customer-create-response.json"), status=201)))
    body = CustomerCreate(company_name="x", email="a@b.cz", first_name="A", last_name="B",
                          address_line1="Ulice 1", city="Praha", country="CZ",
                          domain="x.onmicrosoft.com")
    await h.client.create_customer(body, request_id="key-7")
    assert [r.headers["MS-RequestId"] for r in h.requests] == ["key-7", "key-7"]


async def test_patch_sends_the_whole_subscription_with_etag() -> None:
    current = dict(sample("subscription-patch-nce-quantity-request.json"),
                   attributes={"etag": "123", "objectType": "Subscription"})
    assert current["autoRenewEnabled"] is True
    updated = dict(current, quantity=5)

    def handler(request: httpx.Request) -> httpx.Response:
        return ok(current) if request.method == "GET" else ok(updated)

    h = Harness(handler)
    sub = await h.client.get_subscription("c1", current["id"])
    sub.quantity = 5
    result = await h.client.patch_subscription("c1", sub, request_id="key-9", etag=sub.etag)
    patch = h.requests[1]
    assert patch.method == "PATCH"
    assert patch.url.path == f"/v1/customers/c1/subscriptions/{current['id']}"
    assert patch.headers["If-Match"] == '"123"'
    assert patch.headers["MS-RequestId"] == "key-9"
    sent = json.loads(patch.content)
    assert sent["autoRenewEnabled"] is True  # a minimal body would switch it off
    assert sent["quantity"] == 5
    assert set(sent) == set(current)
    assert result.quantity == 5


async def test_patch_with_a_dict_replaces_keys_case_insensitively() -> None:
    h = Harness(sequence(ok(sample("subscription-get-nce.json"))))
    body = dict(sample("subscription-patch-request.json"))
    body["quantity"] = 3  # beside "Quantity": 2 from the PascalCase original
    await h.client.patch_subscription("c1", body, request_id="key-1")
    sent = json.loads(h.requests[0].content)
    assert sent["Quantity"] == 3
    assert "quantity" not in sent
    assert "If-Match" not in h.requests[0].headers


async def test_patch_202_is_polled_until_the_change_shows() -> None:
    before = sample("subscription-get-nce.json")
    after = dict(before, quantity=7)
    gets: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "PATCH":
            return httpx.Response(202, headers={
                "Location": f"/customers/c1/subscriptions/{before['id']}"})
        gets.append(request.url.path)
        return ok(before if len(gets) < 3 else after)

    h = Harness(handler)
    sub = Subscription.parse(before)
    sub.quantity = 7
    result = await h.client.patch_subscription("c1", sub, request_id="key-2")
    assert result.quantity == 7
    assert gets == [f"/v1/customers/c1/subscriptions/{before['id']}"] * 3
    assert h.time.sleeps == [1.0, 2.0, 4.0]
    # The polls are new logical calls, not retries of the PATCH.
    assert h.header(1, "MS-RequestId") != "key-2"


async def test_patch_202_polling_is_bounded() -> None:
    before = sample("subscription-get-nce.json")

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "PATCH":
            return httpx.Response(202, headers={"Location": "https://evil.example/steal"})
        return ok(before)

    h = Harness(handler)
    sub = Subscription.parse(before)
    sub.status = SubscriptionStatus.SUSPENDED
    result = await h.client.patch_subscription("c1", sub, request_id="key-3")
    assert result.status is SubscriptionStatus.EXPIRED  # what the server still says
    assert 2 < len(h.requests) <= 8
    assert {r.url.host for r in h.requests} == {"pc.test"}


async def test_create_qualification_and_list() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return ok(sample("qualifications-post-response.json"), status=201)
        return ok(sample("qualifications-get-gcc-and-soe.json"))

    h = Harness(handler)
    created = await h.client.create_qualification(
        "c1", {"qualification": "Education", "educationSegment": "K12"}, request_id="key-4")
    assert created.qualification is QualificationType.EDUCATION
    assert json.loads(h.requests[0].content) == {
        "qualification": "Education", "educationSegment": "K12"}
    assert h.header(0, "MS-RequestId") == "key-4"
    listed = await h.client.list_qualifications("c1")
    assert [q.qualification for q in listed] == [
        QualificationType.GOVERNMENT_COMMUNITY_CLOUD, QualificationType.STATE_OWNED_ENTITY]
    assert h.requests[1].url.path == "/v1/customers/c1/qualifications"


# -- reads --------------------------------------------------------------------------------------


async def test_domain_exists_head_semantics() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.method == "HEAD"
        taken = request.url.path.endswith("/contoso.onmicrosoft.com")
        return httpx.Response(200 if taken else 404)

    h = Harness(handler)
    assert await h.client.domain_exists("contoso.onmicrosoft.com") is True
    assert await h.client.domain_exists("volna-firma.onmicrosoft.com") is False
    assert h.requests[1].url.path == "/v1/domains/volna-firma.onmicrosoft.com"
    assert [(r.status, r.error) for r in h.records] == [(200, None), (404, None)]


async def test_domain_check_errors_still_raise() -> None:
    h = Harness(sequence(error(403, {"code": 1002, "description": "Authorization Failed"})))
    with pytest.raises(pce.ForbiddenError):
        await h.client.domain_exists("x.onmicrosoft.com")


async def test_subscriptions_entitlements_relationships_and_domains() -> None:
    routes = {
        "/v1/customers/c1/subscriptions": sample("subscriptions-list.json"),
        "/v1/customers/c1/entitlements": sample("entitlements-list.json"),
        "/v1/customers/c1/relationships": sample("customer-relationships.json"),
        "/v1/customers/c1/customDomains": ["c1.onmicrosoft.com", "firma.cz"],
        "/v1/relationships": sample("indirect-resellers.json"),
        "/v1/customers/relationshiprequests": sample("relationship-request.json"),
    }
    h = Harness(lambda request: ok(routes[request.url.path]))
    subscriptions = await h.client.list_subscriptions("c1")
    assert [s.id for s in subscriptions] == ["83ef9d05-4169-4ef9-9657-0e86b1eab1de"]
    entitlements = await h.client.list_entitlements("c1")
    assert [e.product_id for e in entitlements] == ["DZH318Z0BQ3W", "DG7GMGF0DWTK"]
    relationships = await h.client.customer_relationships("c1")
    assert [r.name for r in relationships] == ["First Up Consultants"]
    assert await h.client.custom_domains("c1") == ["c1.onmicrosoft.com", "firma.cz"]
    resellers = await h.client.partner_relationships("is_indirect_cloud_solution_provider_of")
    assert [r.mpn_id for r in resellers] == ["4847383", "4847433"]
    assert parse_qs(h.requests[-1].url.query.decode()) == {
        "relationship_type": ["IsIndirectCloudSolutionProviderOf"]}
    url = await h.client.relationship_request_link(indirect_reseller_id="r-1")
    assert url.startswith("https://admin.microsoft.com/")
    assert parse_qs(h.requests[-1].url.query.decode()) == {"indirectResellerId": ["r-1"]}
    with pytest.raises(ValueError):
        await h.client.partner_relationships("IsFriendOf")


async def test_empty_relationship_and_qualification_lists() -> None:
    h = Harness(sequence(httpx.Response(200), httpx.Response(200, json=None),
                         httpx.Response(200, json=[])))
    assert await h.client.customer_relationships("c1") == []
    assert await h.client.customer_relationships("c1") == []
    assert await h.client.list_qualifications("c1") == []


async def test_client_closes_its_connection_pool() -> None:
    h = Harness(sequence(ok(sample("customer-get.json"))))
    async with h.client as client:
        await client.get_customer("c1")
    assert h.client._http.is_closed
