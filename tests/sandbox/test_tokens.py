"""Tokens: the sandbox honours only the tokens it issued, and can require MFA the way Partner
Center does since 1 April 2026 (401, code 10001, a claims challenge) until a step-up."""

from __future__ import annotations

import argparse
import base64
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.cli import sandbox as sandbox_cmd
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.auth import SandboxTokenProvider
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.sandbox.server import start_background_server

from . import BASE_URL, RESELLER, client, make_sandbox

MFA_CLAIMS = {"access_token": {"amr": {"values": ["mfa"]}}}


def _claims_of(response: httpx.Response) -> dict[str, Any]:
    header = response.headers["WWW-Authenticate"]
    assert 'error="insufficient_claims"' in header
    encoded = header.split('claims="', 1)[1].split('"', 1)[0]
    return json.loads(base64.b64decode(encoded))


async def test_require_mfa_walk_with_the_sandbox_profile_token_provider() -> None:
    transport, _ = make_sandbox(customers=5)
    provider = SandboxTokenProvider("indirect-reseller", identity.RESELLER_TENANT_ID)
    async with client(transport) as http, PartnerCenterClient(
            BASE_URL, provider, transport=transport) as pc:
        before = await pc.list_customers()  # works without any setup
        control = await http.post("/_emulator/auth", json={"require_mfa": True})
        assert control.json()["mfa_required"] is True

        raw = await http.get("/v1/customers")
        assert raw.status_code == 401
        assert raw.json() == {"code": 10001, "description": "Authentication failed. MFA required.",
                              "data": [], "source": "PartnerFD"}
        assert _claims_of(raw) == MFA_CLAIMS

        with pytest.raises(pce.MfaRequiredError) as refused:
            await pc.list_customers()
        assert json.loads(refused.value.claims) == MFA_CLAIMS
        # The sandbox profile's step-up: an MFA-marked token, then the call succeeds.
        after = await pc.list_customers()
        assert [c.id for c in after] == [c.id for c in before]
        # A token without the claim is still refused.
        assert (await http.get("/v1/customers")).status_code == 401
        counters = (await http.get("/_emulator/auth")).json()["counters"]
    assert counters["mfa_refused"] == 3


async def test_an_mfa_token_issued_before_the_requirement_does_not_count() -> None:
    transport, _ = make_sandbox(customers=3)
    early = identity.sandbox_mfa_token("indirect-reseller", identity.RESELLER_TENANT_ID, "n1")
    late = identity.sandbox_mfa_token("indirect-reseller", identity.RESELLER_TENANT_ID, "n2")
    async with client(transport, early) as http:
        assert (await http.get("/v1/customers")).status_code == 200
        await http.post("/_emulator/auth", json={"require_mfa": True})
        assert (await http.get("/v1/customers")).status_code == 401
        assert (await http.get("/v1/customers",
                               headers={"Authorization": f"Bearer {late}"})).status_code == 200
        await http.post("/_emulator/reset-faults", json={})
        assert (await http.get("/v1/customers",
                               headers={"Authorization": f"Bearer {RESELLER}"})).status_code == 200


def test_served_sandbox_accepts_only_the_given_token_and_those_it_issues(tmp_path: Path) -> None:
    given = "served-secret-token-for-tests"
    base_url, stop = start_background_server(port=0, customers=4, token=given,
                                             state_path=tmp_path / "w.json")
    try:
        def get(token: str | None) -> httpx.Response:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            return httpx.get(base_url + "/v1/customers", headers=headers, timeout=10)

        unknown, guessable, missing, accepted = (
            get("some-other-token"), get(RESELLER), get(None), get(given))
        anonymous_issue = httpx.post(base_url + "/_emulator/auth",
                                     json={"issue": {"mfa": False}}, timeout=10)
        issued = httpx.post(base_url + "/_emulator/auth", json={"issue": {"mfa": False}},
                            headers={"Authorization": f"Bearer {given}"}, timeout=10)
        plain = issued.json()["token"]
        plain_works = get(plain)
        httpx.post(base_url + "/_emulator/auth", json={"require_mfa": True}, timeout=10)
        plain_refused, given_refused = get(plain), get(given)
        step_up = httpx.post(base_url + "/_emulator/auth", json={"issue": {"mfa": True}},
                             headers={"Authorization": f"Bearer {given}"}, timeout=10)
        stepped = get(step_up.json()["token"])
    finally:
        stop()
    for refused in (unknown, guessable, missing):
        assert refused.status_code == 401
        assert refused.json()["code"] == 800001
        assert 'error="invalid_token"' in refused.headers["WWW-Authenticate"]
    assert accepted.status_code == 200
    assert anonymous_issue.status_code == 401
    assert plain_works.status_code == 200
    assert plain_refused.status_code == given_refused.status_code == 401
    assert plain_refused.json()["code"] == 10001
    assert _claims_of(plain_refused) == MFA_CLAIMS
    assert stepped.status_code == 200
    # Tokens are never written to the world file.
    assert given not in (tmp_path / "w.json").read_text()


def _serve_args(**extra: Any) -> argparse.Namespace:
    return argparse.Namespace(port=8765, customers=5, latency_ms=0, seed=7, state=None,
                              rate_limit=500, **extra)


def test_serve_without_token_generates_one_and_prints_it(monkeypatch, capsys) -> None:
    served: dict[str, Any] = {}
    monkeypatch.setattr("csp_tui.cli.sandbox.serve", lambda **kw: served.update(kw))
    assert sandbox_cmd.run_serve(_serve_args(token=None), settings=None) == 0
    out = capsys.readouterr()
    token = served["token"]
    assert len(token) >= 32
    assert token in out.err and token not in out.out


def test_serve_with_token_uses_it_and_does_not_echo_it(monkeypatch, capsys) -> None:
    served: dict[str, Any] = {}
    monkeypatch.setattr("csp_tui.cli.sandbox.serve", lambda **kw: served.update(kw))
    assert sandbox_cmd.run_serve(_serve_args(token="my-own-token"), settings=None) == 0
    out = capsys.readouterr()
    assert served["token"] == "my-own-token"
    assert "my-own-token" not in out.err + out.out
    assert "--token" in out.err


def test_env_token_profile_against_a_sandbox_requiring_mfa(tmp_path: Path, isolated_home,
                                                            monkeypatch, capsys) -> None:
    """`csp-tui sync` with an env-token profile: the served sandbox requires MFA, the token in
    CSP_TUI_ACCESS_TOKEN predates it, and the person is told how to obtain one with MFA."""
    from csp_tui import cli

    given = "env-profile-token-0123456789"
    base_url, stop = start_background_server(port=0, customers=4, token=given,
                                             state_path=tmp_path / "w.json")
    (isolated_home / "config.toml").write_text(f"""
[profiles.loop]
kind = "partner-center"
base_url = "{base_url}"
role = "indirect-reseller"
tenant_id = "{identity.RESELLER_TENANT_ID}"
indirect_provider_id = "{identity.PROVIDER_TENANT_ID}"
auth = "env-token"
request_timeout_seconds = 5
""", encoding="utf-8")
    monkeypatch.setenv("CSP_TUI_ACCESS_TOKEN", given)
    try:
        httpx.post(base_url + "/_emulator/auth", json={"require_mfa": True}, timeout=10)
        status = cli.main(["sync", "--profile", "loop", "--quiet"])
        counters = httpx.get(base_url + "/_emulator/auth", timeout=10).json()["counters"]
    finally:
        stop()
    err = " ".join(capsys.readouterr().err.split())
    assert status == 1
    assert "CSP_TUI_ACCESS_TOKEN was obtained without it" in err
    assert "approved with MFA" in err
    assert "csp-tui login" not in err  # no sign-in of csp-tui's renews an environment's token
    assert given not in err
    assert counters["mfa_refused"] == 1  # one refusal, no refresh and no retry
