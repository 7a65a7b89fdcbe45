"""MFA step-up end to end: Partner Center (httpx.MockTransport) refuses a token without the MFA
claim, MSAL's device flow against a scripted Entra ID (its ``http_client`` hook) asks for the
claims, and exactly one successful Partner Center call follows. Never a loop."""

from __future__ import annotations

import argparse
import base64
import json
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from csp_tui.cli import auth as auth_cmd
from csp_tui.config import Settings, load_settings
from csp_tui.partner_center import auth
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.partner_center.mfa import MFA_CLAIMS

from .test_auth import DEVICE_GRANT, PC_CONFIG, FakeEntra, FakeResponse, Seen, sign_in, write_config

PC = "https://api.partnercenter.microsoft.com"
CUSTOMER = {"id": "c1", "companyProfile": {"companyName": "Šumavská dřevovýroba s.r.o.",
                                           "tenantId": "c1", "domain": "sumava.onmicrosoft.com"},
            "attributes": {"objectType": "Customer"}}


@dataclass
class MfaEntra(FakeEntra):
    """Entra ID that marks an access token as MFA when the sign-in asked for the MFA claim
    (the person then approves with MFA); a refresh asking for it needs the person
    (AADSTS50076)."""

    mfa_tokens: set[str] = field(default_factory=set)
    claims_seen: list[tuple[str, str]] = field(default_factory=list)

    def post(self, url: str, params: Any = None, data: Any = None, headers: Any = None,
             **kw: Any) -> FakeResponse:
        form = dict(data or {})
        if form.get("claims"):
            self.claims_seen.append((url.rsplit("/", 1)[-1], form["claims"]))
        if form.get("grant_type") == "refresh_token" and _asks_for_mfa(form.get("claims")):
            self.seen.append(_seen(url, form))
            return FakeResponse(400, {
                "error": "invalid_grant", "error_codes": [50076],
                "error_description": "AADSTS50076: Due to a configuration change made by your "
                                     "administrator, you must use multi-factor authentication."})
        response = super().post(url, params=params, data=data, headers=headers, **kw)
        if (form.get("grant_type") == DEVICE_GRANT and response.status_code == 200
                and _asks_for_mfa(form.get("claims"))):
            self.mfa_tokens.add(self.access_tokens[-1])
        return response


def _seen(url: str, form: dict[str, Any]) -> Seen:
    return Seen("POST", urlsplit(url).path, form)


def _asks_for_mfa(claims: str | None) -> bool:
    if not claims:
        return False
    values = json.loads(claims).get("access_token", {}).get("amr", {}).get("values", [])
    return "mfa" in values


@dataclass
class PartnerCenter:
    """Answers only tokens carrying the MFA claim; the others get the claims challenge."""

    entra: MfaEntra
    shape: str = "challenge"  # or "code"
    seen: list[tuple[str, int]] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        token = request.headers["Authorization"].removeprefix("Bearer ")
        if token in self.entra.mfa_tokens:
            self.seen.append((token, 200))
            return httpx.Response(200, json=CUSTOMER)
        self.seen.append((token, 401))
        if self.shape == "code":
            return httpx.Response(401, json={"code": 900421, "description": "MFA required.",
                                             "data": [], "source": "PartnerFD"})
        claims = base64.b64encode(json.dumps(MFA_CLAIMS).encode()).decode()
        return httpx.Response(401, headers={
            "WWW-Authenticate": f'Bearer error="insufficient_claims", claims="{claims}"'})

    def successes(self) -> int:
        return sum(1 for _, status in self.seen if status == 200)


@pytest.fixture
def entra() -> MfaEntra:
    return MfaEntra()


@pytest.fixture
def pc_settings(isolated_home: Path) -> Settings:
    write_config(isolated_home, PC_CONFIG)
    return load_settings("pc")


@pytest.fixture
def make_auth(pc_settings: Settings, entra: MfaEntra):  # type: ignore[no-untyped-def]
    def make() -> auth.DeviceCodeAuth:
        return auth.DeviceCodeAuth(pc_settings.profile, pc_settings.locations.token_cache,
                                   http_client=entra)
    return make


def client_for(device: auth.DeviceCodeAuth, pc: PartnerCenter) -> PartnerCenterClient:
    return PartnerCenterClient(PC, device, transport=httpx.MockTransport(pc))


@pytest.mark.parametrize("shape", ["challenge", "code"])
async def test_step_up_through_the_device_flow_then_one_successful_call(
        make_auth, entra, pc_settings, shape):
    console = make_auth()
    sign_in(console)  # an ordinary sign-in: the token carries no MFA claim
    pc = PartnerCenter(entra, shape=shape)
    async with client_for(console, pc) as client:
        with pytest.raises(pce.MfaRequiredError) as refused:
            await client.get_customer("c1")
        assert json.loads(refused.value.claims) == MFA_CLAIMS
        assert pc.seen == [(entra.access_tokens[0], 401)]

        # The challenge is remembered beside the token cache, owner-only.
        state_file = pc_settings.locations.token_cache.with_name(auth.MFA_STATE_FILE)
        assert stat.S_IMODE(state_file.stat().st_mode) == 0o600
        assert json.loads(state_file.read_text())["status"] == "pending"
        assert entra.access_tokens[0] not in state_file.read_text()

        # The background sync asks again: the refresh asks for the claims; Entra ID wants the
        # person, so it is "sign in with MFA", not the old token again.
        with pytest.raises(auth.SignInRequiredError) as sign_in_needed:
            await console.get_token()
        assert "multi-factor authentication" in str(sign_in_needed.value)
        assert entra.grants()[-1] == "refresh_token"
        assert len(pc.seen) == 1

        # `csp-tui login` in another terminal: a new instance picks the claims from the file.
        login = make_auth()
        prompt = login.start_device_flow()
        assert prompt.claims is not None and json.loads(prompt.claims) == MFA_CLAIMS
        login.finish_device_flow(prompt)
        devicecode_claims = [c for endpoint, c in entra.claims_seen if endpoint == "devicecode"]
        assert len(devicecode_claims) == 1 and _asks_for_mfa(devicecode_claims[0])

        customer = await client.get_customer("c1")
    assert customer.id == "c1"
    assert pc.successes() == 1
    assert pc.seen[-1] == (entra.access_tokens[-1], 200)
    assert entra.access_tokens[-1] in entra.mfa_tokens
    assert json.loads(state_file.read_text())["status"] == "satisfied"


async def test_a_step_up_still_refused_is_final(make_auth, entra, pc_settings):
    console = make_auth()
    sign_in(console)
    pc = PartnerCenter(entra)
    async with client_for(console, pc) as client:
        with pytest.raises(pce.MfaRequiredError):
            await client.get_customer("c1")
        sign_in(console)  # the step-up (asks for the claims) ...
        entra.mfa_tokens.clear()  # ... but Partner Center still does not see MFA
        with pytest.raises(pce.MfaRequiredError) as again:
            await client.get_customer("c1")
        assert again.value.repeated
        assert "Signing in the same way again will not help" in str(again.value)
        token_requests = len(entra.grants())
        # Nothing tries again by itself: the next sync stops before any request.
        with pytest.raises(auth.SignInRequiredError) as stopped:
            await client.get_customer("c1")
        assert "yet Partner Center still refuses" in str(stopped.value)
    assert len(entra.grants()) == token_requests
    assert [status for _, status in pc.seen] == [401, 401]


@pytest.mark.parametrize("after_refused_step_up", [False, True])
def test_login_explains_the_step_up_and_asks_for_the_claims(make_auth, entra, pc_settings,
                                                            monkeypatch, capsys,
                                                            after_refused_step_up):
    device = make_auth()
    sign_in(device)
    device.mfa_challenge(json.dumps(MFA_CLAIMS), entra.access_tokens[-1])
    if after_refused_step_up:
        sign_in(device)  # the step-up ...
        assert device.mfa_challenge(json.dumps(MFA_CLAIMS), entra.access_tokens[-1]).repeated
    asked = [e for e, _ in entra.claims_seen].count("devicecode")
    monkeypatch.setattr(auth_cmd, "DeviceCodeAuth",
                        lambda profile, path: auth.DeviceCodeAuth(profile, path,
                                                                  http_client=entra))
    assert auth_cmd.run_login(argparse.Namespace(), pc_settings) == 0
    err = " ".join(capsys.readouterr().err.split())
    if after_refused_step_up:
        assert "The last sign-in with multi-factor authentication was not enough" in err
    else:
        assert "asks for multi-factor authentication for this action" in err
        assert "approve with MFA" in err
    # Run by the person, login asks for the claims again (also after a refused step-up).
    assert [e for e, _ in entra.claims_seen].count("devicecode") == asked + 1
    assert make_auth().mfa_state()["status"] == "satisfied"


def test_logout_forgets_the_pending_challenge(make_auth, entra, pc_settings):
    device = make_auth()
    sign_in(device)
    device.mfa_challenge(json.dumps(MFA_CLAIMS), entra.access_tokens[0])
    assert device.pending_claims() is not None
    device.logout()
    assert not Path(device.mfa_state_path).exists()
    assert make_auth().pending_claims() is None
