"""Serving the sandbox on loopback, and refusing anything else."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from csp_tui import i18n
from csp_tui import sandbox_identity as identity
from csp_tui.sandbox.server import (
    NotLoopbackError,
    check_loopback,
    reset,
    serve,
    start_background_server,
)

from . import RESELLER


def test_served_on_127_0_0_1_answers_real_http(tmp_path: Path) -> None:
    state = tmp_path / "served.json"
    base_url, stop = start_background_server(port=0, customers=12, state_path=state,
                                             faults={"forced": ["503", "drop"]},
                                             token=RESELLER)
    try:
        assert base_url.startswith("http://127.0.0.1:")
        assert not base_url.endswith(":0")
        headers = {"Authorization": f"Bearer {RESELLER}"}
        with httpx.Client(base_url=base_url, headers=headers, timeout=10) as http:
            unavailable = http.get("/v1/customers")
            with pytest.raises(httpx.RemoteProtocolError):
                http.get("/v1/customers")
            response = http.get("/v1/customers", params={"size": 5},
                                headers={"MS-RequestId": "5e7a1c0d-0000-4000-8000-0000000000aa"})
            link = http.get("/v1/customers/relationshiprequests")
    finally:
        stop()
    assert unavailable.status_code == 503
    assert response.status_code == 200
    assert response.headers["MS-RequestId"] == "5e7a1c0d-0000-4000-8000-0000000000aa"
    assert response.json()["totalCount"] == 5
    assert "links" in response.json() and "next" in response.json()["links"]
    assert identity.RESELLER_TENANT_ID in link.json()["url"]
    assert state.exists()


def test_served_timeout_fault_makes_the_client_time_out() -> None:
    base_url, stop = start_background_server(port=0, customers=5,
                                             faults={"forced": ["timeout"]}, token=RESELLER)
    try:
        headers = {"Authorization": f"Bearer {RESELLER}"}
        with httpx.Client(base_url=base_url, headers=headers,
                          timeout=httpx.Timeout(5.0, read=0.3)) as http:
            with pytest.raises(httpx.ReadTimeout):
                http.get("/v1/customers")
            after = http.get("/v1/customers")
    finally:
        stop()
    assert after.status_code == 200


@pytest.mark.parametrize("host", ["127.0.0.1", "127.4.5.6", "::1", "[::1]", "localhost"])
def test_loopback_hosts_are_accepted(host: str) -> None:
    assert check_loopback(host) == host.strip("[]")


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "example.com", ""])
def test_other_hosts_are_refused_before_listening(host: str) -> None:
    with pytest.raises(NotLoopbackError) as raised:
        serve(host=host, port=0)
    assert "127.0.0.1" in str(raised.value)
    with pytest.raises(NotLoopbackError):
        start_background_server(port=0, host=host)


def test_the_refusal_is_translated() -> None:
    i18n.set_language("cs")
    try:
        message = str(NotLoopbackError("0.0.0.0"))
    finally:
        i18n.set_language("en")
    assert "Sandbox naslouchá jen na tomto počítači" in message
    assert "0.0.0.0" in message


def test_reset_removes_the_world_file(tmp_path: Path) -> None:
    path = tmp_path / "sandbox.json"
    path.write_text("{}", encoding="utf-8")
    assert reset(path) is True
    assert not path.exists()
    assert reset(path) is False
