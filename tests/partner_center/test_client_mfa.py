"""Partner Center's MFA requirement (401 with code 900421 / 10001, or a claims challenge in
``WWW-Authenticate``): the client stops with :class:`MfaRequiredError` and the claims to sign in
with, without the refresh that would only return the same claims again, and never loops."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.auth import EnvTokenProvider, SandboxTokenProvider
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.partner_center.mfa import (
    MFA_CLAIMS,
    MfaAdvice,
    challenge_params,
    decode_claims,
)

from .test_client import BASE, TOKEN, Harness, error, ok, sample, sequence

MFA_BODY = {"code": 10001, "description": "Authentication failed. MFA required.",
            "data": [], "source": "PartnerFD"}
# What a resource asks for under a Conditional Access policy (acrs), as Entra ID documents it.
CA_CLAIMS = {"access_token": {"acrs": {"essential": True, "value": "c1"}}}


def challenge(claims: dict[str, object], *, urlsafe: bool = False) -> str:
    raw = json.dumps(claims).encode()
    encoded = (base64.urlsafe_b64encode(raw) if urlsafe else base64.b64encode(raw)).decode()
    return ('Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/'
            'oauth2/authorize", error="insufficient_claims", '
            f'claims="{encoded.rstrip("=")}"')


@pytest.mark.parametrize("code", [10001, 900421, "900421"])
async def test_mfa_code_in_the_classic_body_raises_without_a_refresh(code: object) -> None:
    h = Harness(sequence(error(401, {**MFA_BODY, "code": code}), ok(sample("customer-get.json"))))
    with pytest.raises(pce.MfaRequiredError) as raised:
        await h.client.get_customer("c1")
    assert isinstance(raised.value, pce.AuthenticationError)  # the sync's "sign in" branch
    assert json.loads(raised.value.claims) == MFA_CLAIMS
    assert raised.value.code == str(code)
    assert not raised.value.repeated
    assert len(h.requests) == 1
    assert h.tokens.calls == [False]  # no forced refresh
    assert "multi-factor authentication" in str(raised.value)


@pytest.mark.parametrize("urlsafe", [False, True])
async def test_claims_challenge_in_www_authenticate_gives_its_own_claims(urlsafe: bool) -> None:
    h = Harness(sequence(error(401, headers={"WWW-Authenticate":
                                             challenge(CA_CLAIMS, urlsafe=urlsafe)})))
    with pytest.raises(pce.MfaRequiredError) as raised:
        await h.client.get_customer("c1")
    assert json.loads(raised.value.claims) == CA_CLAIMS
    assert len(h.requests) == 1 and h.tokens.calls == [False]


async def test_insufficient_claims_without_readable_claims_asks_for_mfa() -> None:
    h = Harness(sequence(error(401, headers={
        "WWW-Authenticate": 'Bearer error="insufficient_claims", claims="%%%not-base64"'})))
    with pytest.raises(pce.MfaRequiredError) as raised:
        await h.client.get_customer("c1")
    assert json.loads(raised.value.claims) == MFA_CLAIMS


async def test_an_expired_token_still_gets_its_one_refresh() -> None:
    h = Harness(sequence(
        error(401, {"code": 800001, "description": "The access token has expired."},
              headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}),
        ok(sample("customer-get.json"))))
    await h.client.get_customer("c1")
    assert h.tokens.calls == [False, True]


class SteppingTokens:
    """A token source taking part in the step-up: remembers the challenge, and says when the
    refused token is the one its step-up produced."""

    def __init__(self) -> None:
        self.token = TOKEN
        self.challenges: list[tuple[str, str]] = []
        self.stepped_up_token: str | None = None

    async def get_token(self, *, force_refresh: bool = False) -> str:
        return self.token

    def mfa_challenge(self, claims: str, token: str) -> MfaAdvice:
        self.challenges.append((claims, token))
        repeated = token == self.stepped_up_token
        return MfaAdvice("mfa.required.repeated" if repeated else "mfa.required.device",
                         {"profile": "pc", "command": "csp-tui login"}, repeated=repeated)

    def step_up(self) -> None:
        self.token = self.stepped_up_token = "mfa-token"


async def test_a_step_up_still_refused_says_so_and_stops() -> None:
    requests: list[httpx.Request] = []

    def always_mfa(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return error(401, MFA_BODY)

    tokens = SteppingTokens()
    async with PartnerCenterClient(BASE, tokens, transport=httpx.MockTransport(always_mfa),
                                   sleep=_no_sleep) as client:
        with pytest.raises(pce.MfaRequiredError) as first:
            await client.get_customer("c1")
        tokens.step_up()
        with pytest.raises(pce.MfaRequiredError) as second:
            await client.get_customer("c1")
    assert not first.value.repeated
    assert second.value.repeated
    assert "yet Partner Center still refuses" in str(second.value)
    # One request per call: neither the first refusal nor the repeated one was retried.
    assert len(requests) == 2
    assert [token for _, token in tokens.challenges] == [TOKEN, "mfa-token"]


async def _no_sleep(seconds: float) -> None:
    raise AssertionError("an MFA refusal is never waited out and retried")


async def test_env_token_profile_is_told_to_obtain_the_token_with_mfa(monkeypatch) -> None:
    monkeypatch.setenv("CSP_TUI_ACCESS_TOKEN", "Bearer env-token-without-mfa")
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.headers["Authorization"])
        return error(401, {**MFA_BODY, "code": 900421})

    async with PartnerCenterClient(BASE, EnvTokenProvider(),
                                   transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(pce.MfaRequiredError) as raised:
            await client.get_customer("c1")
    text = str(raised.value)
    assert "CSP_TUI_ACCESS_TOKEN was obtained without it" in text
    assert "approved with MFA" in text and 'auth = "device-code"' in text
    assert "env-token-without-mfa" not in text
    assert calls == ["Bearer env-token-without-mfa"]


async def test_sandbox_provider_steps_up_with_an_mfa_marked_token() -> None:
    provider = SandboxTokenProvider("indirect-reseller", identity.RESELLER_TENANT_ID)
    plain = await provider.get_token()
    advice = provider.mfa_challenge(json.dumps(MFA_CLAIMS), plain)
    stepped = await provider.get_token()
    assert not advice.repeated
    assert plain == identity.sandbox_token("indirect-reseller", identity.RESELLER_TENANT_ID)
    assert stepped.startswith(identity.SANDBOX_MFA_TOKEN_PREFIX + ".")
    assert stepped.endswith(".indirect-reseller." + identity.RESELLER_TENANT_ID)
    assert await provider.get_token() == stepped  # kept, not re-issued per call
    # The step-up token refused again: final, no new token.
    assert provider.mfa_challenge(json.dumps(MFA_CLAIMS), stepped).repeated
    assert await provider.get_token() == stepped


def test_challenge_parsing() -> None:
    params = challenge_params('Bearer realm="", error="insufficient_claims", '
                              'error_description="a \\"quoted\\" word", claims=eyJhIjoxfQ')
    assert params["error"] == "insufficient_claims"
    assert params["error_description"] == 'a "quoted" word'
    assert decode_claims(params["claims"]) == '{"a":1}'
    assert decode_claims('{"access_token":{}}') == '{"access_token":{}}'
    assert decode_claims("bm90IGpzb24") is None  # base64 of "not json"
