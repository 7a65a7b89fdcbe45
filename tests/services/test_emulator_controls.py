"""The one client of the emulator's ``/_emulator`` controls: what it sends, what it answers,
and that it leaves the transport it was lent open."""

from __future__ import annotations

import json

import httpx
import pytest

from csp_tui.services.emulator_controls import (
    SANDBOX_BASE_URL,
    EmulatorAnswer,
    EmulatorControls,
)


class Recorder(httpx.AsyncBaseTransport):
    def __init__(self, answer: httpx.Response) -> None:
        self.answer = answer
        self.requests: list[httpx.Request] = []
        self.closed = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        self.requests.append(request)
        return self.answer

    async def aclose(self) -> None:
        self.closed = True


def _body(request: httpx.Request) -> object:
    return json.loads(request.content)


async def test_accepting_an_invitation_names_the_domain_and_a_distributors_reseller() -> None:
    transport = Recorder(httpx.Response(200, json={"accepted": True}))
    controls = EmulatorControls(transport, SANDBOX_BASE_URL)

    answer = await controls.accept_invitation("pekarna.cz")
    await controls.accept_invitation("pekarna.cz", reseller_id="abc")

    first, second = transport.requests
    assert (first.method, str(first.url)) == (
        "POST", SANDBOX_BASE_URL + "/_emulator/invitations/accept")
    assert _body(first) == {"domain": "pekarna.cz"}
    assert _body(second) == {"domain": "pekarna.cz", "indirectResellerId": "abc"}
    assert answer == EmulatorAnswer(200, '{"accepted":true}')
    assert not transport.closed  # lent by the session, which closes it


@pytest.mark.parametrize(("kwargs", "body"), [
    ({"days": 1}, {"days": 1}),
    ({"seconds": 7200.0}, {"seconds": 7200.0}),
])
async def test_the_clock_moves_by_days_or_by_seconds(kwargs: dict, body: dict) -> None:
    transport = Recorder(httpx.Response(200, json={"now": "2026-12-08T09:00:00Z"}))

    answer = await EmulatorControls(transport, SANDBOX_BASE_URL).advance_clock(**kwargs)

    assert transport.requests[0].url.path == "/_emulator/clock/advance"
    assert _body(transport.requests[0]) == body
    assert answer.json() == {"now": "2026-12-08T09:00:00Z"}


async def test_an_answer_that_is_not_json_says_so() -> None:
    transport = Recorder(httpx.Response(500, text="Internal Server Error"))

    answer = await EmulatorControls(transport, SANDBOX_BASE_URL).advance_clock(days=1)

    assert answer.status_code == 500
    with pytest.raises(ValueError):
        answer.json()


@pytest.mark.parametrize("payload", [
    {"items": [{"domain": "a.cz"}, "noise"]},
    {"prospects": [{"domain": "a.cz"}]},
    [{"domain": "a.cz"}],
])
async def test_prospects_come_as_objects_whatever_the_envelope(payload: object) -> None:
    transport = Recorder(httpx.Response(200, json=payload))

    prospects = await EmulatorControls(transport, SANDBOX_BASE_URL).prospects()

    assert transport.requests[0].method == "GET"
    assert transport.requests[0].url.path == "/_emulator/prospects"
    assert prospects == [{"domain": "a.cz"}]


async def test_prospects_that_cannot_be_read_raise() -> None:
    transport = Recorder(httpx.Response(503, text="busy"))

    with pytest.raises(httpx.HTTPStatusError):
        await EmulatorControls(transport, SANDBOX_BASE_URL).prospects()
