"""Throttling, fault injection and the transport's timeout enforcement."""

from __future__ import annotations

import json

import httpx
import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox.faults import FaultConfig, FaultConfigError, FaultInjector
from csp_tui.sandbox.ratelimit import RateLimiter

from . import PROVIDER, RESELLER, client, make_sandbox, new_customer_body


async def test_rate_limit_per_partner_answers_429_with_retry_after() -> None:
    transport, _ = make_sandbox(rate_limit=3)
    async with client(transport, RESELLER) as http:
        allowed = [await http.get("/v1/customers", params={"size": 1}) for _ in range(3)]
        throttled = await http.get("/v1/customers", params={"size": 1})
        controls = await http.get("/_emulator/faults")
    async with client(transport, PROVIDER) as other_partner:
        separate_bucket = await other_partner.get("/v1/customers", params={"size": 1})
    assert [r.status_code for r in allowed] == [200, 200, 200]
    assert throttled.status_code == 429
    wait = int(throttled.headers["Retry-After"])
    assert wait >= 1
    assert throttled.json() == {"statusCode": 429,
                                "message": f"Rate limit is exceeded. Try again in {wait} seconds."}
    assert throttled.headers["MS-RequestId"]
    assert separate_bucket.status_code == 200
    assert controls.status_code == 200
    assert controls.json()["counters"]["throttled"] == 1


def test_token_bucket_refills_with_monotonic_time() -> None:
    now = [100.0]
    limiter = RateLimiter(60, monotonic=lambda: now[0])
    assert all(limiter.acquire("p") is None for _ in range(60))
    wait = limiter.acquire("p")
    assert wait == pytest.approx(1.0)
    now[0] += 0.5
    assert limiter.acquire("p") == pytest.approx(0.5)
    now[0] += 0.5
    assert limiter.acquire("p") is None
    assert limiter.acquire("other") is None


@pytest.mark.parametrize(("kind", "status", "code"), [("500", 500, 800003), ("503", 503, 503)])
async def test_forced_server_errors_do_not_process_the_request(kind: str, status: int,
                                                               code: int) -> None:
    transport, world = make_sandbox(faults={"forced": [kind]})
    before = len(world.customers)
    async with client(transport, PROVIDER) as http:
        failed = await http.post("/v1/customers", json=new_customer_body("chyba"))
        retried = await http.post("/v1/customers", json=new_customer_body("chyba"))
    assert failed.status_code == status
    assert failed.json()["code"] == code and failed.json()["source"] == "PartnerFD"
    assert retried.status_code == 201
    assert len(world.customers) == before + 1


async def test_forced_429() -> None:
    transport, _ = make_sandbox(faults={"forced": ["429"], "retry_after_seconds": 7})
    async with client(transport) as http:
        throttled = await http.get("/v1/customers")
        fine = await http.get("/v1/customers")
    assert throttled.status_code == 429
    assert throttled.headers["Retry-After"] == "7"
    assert "Try again in 7 seconds" in throttled.json()["message"]
    assert fine.status_code == 200


async def test_malformed_body() -> None:
    transport, _ = make_sandbox(faults={"forced": ["malformed"]})
    async with client(transport) as http:
        response = await http.get("/v1/customers")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.text)


async def test_dropped_connection_surfaces_as_remote_protocol_error() -> None:
    transport, _ = make_sandbox(faults={"forced": ["drop"]})
    async with client(transport) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            await http.get("/v1/customers")
        assert (await http.get("/v1/customers")).status_code == 200


async def test_transport_enforces_the_read_timeout() -> None:
    transport, _ = make_sandbox(faults={"forced": ["timeout"], "hang_seconds": 600})
    async with client(transport, timeout=httpx.Timeout(5.0, read=0.2)) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.get("/v1/customers")
        assert (await http.get("/v1/customers")).status_code == 200


async def test_latency_counts_against_the_client_timeout() -> None:
    transport, _ = make_sandbox(faults={"latency_ms": 30_000})
    async with client(transport, timeout=httpx.Timeout(5.0, read=0.1)) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.get("/v1/customers")


async def test_a_timed_out_create_was_done_and_the_retry_replays_it() -> None:
    transport, world = make_sandbox(faults={"forced": ["timeout"], "hang_seconds": 600})
    body = new_customer_body("nejistota", associatedPartnerId=identity.RESELLER_TENANT_ID)
    headers = {"MS-RequestId": "3e1f0a52-9d7c-4c1b-8f55-0a0b0c0d0e0f"}
    async with client(transport, PROVIDER, timeout=httpx.Timeout(5.0, read=0.2)) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.post("/v1/customers", json=body, headers=headers)
        retry = await http.post("/v1/customers", json=body, headers=headers)
    assert retry.status_code == 201
    matching = [c for c in world.customers if c.domain == "nejistota.onmicrosoft.com"]
    assert len(matching) == 1
    assert retry.json()["id"] == matching[0].id
    assert retry.json()["userCredentials"]["password"]


async def test_error_rate_is_deterministic_for_a_seed() -> None:
    async def statuses(seed: int) -> list[int]:
        transport, _ = make_sandbox(faults={"error_rate": 0.5, "seed": seed})
        async with client(transport) as http:
            return [(await http.get("/v1/customers", params={"size": 1})).status_code
                    for _ in range(20)]

    first, second = await statuses(4), await statuses(4)
    assert first == second
    assert set(first) <= {200, 500, 503}
    assert any(s >= 500 for s in first) and any(s == 200 for s in first)


async def test_fault_controls_and_counters() -> None:
    transport, _ = make_sandbox()
    async with client(transport) as http:
        configured = await http.post("/_emulator/faults",
                                     json={"forced": ["503", "drop"], "latencyMs": 0})
        bad = await http.post("/_emulator/faults", json={"forced": ["explode"]})
        failed = await http.get("/v1/customers")
        with pytest.raises(httpx.RemoteProtocolError):
            await http.get("/v1/customers")
        # Controls are never subject to faults.
        state = (await http.get("/_emulator/faults")).json()
        reset = (await http.post("/_emulator/reset-faults")).json()
        limited = (await http.post("/_emulator/faults", json={"rate_limit": 1})).json()
        await http.get("/v1/customers")
        throttled = await http.get("/v1/customers")
    assert configured.json()["forced"] == ["503", "drop"]
    assert bad.status_code == 400
    assert failed.status_code == 503
    assert state["forced"] == []
    assert state["counters"] == {"requests": 2, "throttled": 0, "faults_injected": 2,
                                 "injected_by_kind": {"503": 1, "drop": 1}}
    assert reset["forced"] == [] and reset["error_rate"] == 0.0
    assert limited["rate_limit"] == 1
    assert throttled.status_code == 429


def test_fault_config_validation() -> None:
    injector = FaultInjector(FaultConfig(forced=["429", "TIMEOUT"]))
    assert injector.config.forced == ["429", "timeout"]
    assert [injector.next_fault(), injector.next_fault(), injector.next_fault()] == [
        "429", "timeout", None]
    with pytest.raises(FaultConfigError):
        FaultConfig(error_rate=1.5).validated()
    with pytest.raises(FaultConfigError):
        FaultConfig(forced=["teapot"]).validated()
