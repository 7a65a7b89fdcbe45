"""Sign-in: token providers, the MSAL device code flow against a scripted Entra ID, the token
cache file, and ``csp-tui login`` / ``logout``.

MSAL's ``http_client=`` hook gets :class:`FakeEntra`, so nothing reaches the network; device
code polling runs with ``interval`` 0 (or a fake clock) so nothing sleeps.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import functools
import json
import logging
import os
import stat
import time as real_time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import msal.oauth2cli.oauth2 as msal_oauth2
import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.cli import auth as auth_cmd
from csp_tui.config import Settings, load_settings
from csp_tui.partner_center import auth
from csp_tui.partner_center.errors import TransportError

TENANT = "8d2a1c55-6b7e-4f10-9c3d-2e1f0a9b8c7d"
CLIENT = "3f0b6a2e-9c41-4d7a-8e55-1b2c3d4e5f60"
PROVIDER = identity.PROVIDER_TENANT_ID
AUTHORITY_HOST = "https://login.microsoftonline.com"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


# --------------------------------------------------------------------------------------------
# A scripted Entra ID for MSAL's http_client hook


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def unsigned_jwt(claims: dict[str, Any]) -> str:
    """An id_token as MSAL reads it (MSAL decodes the claims without checking a signature)."""
    return f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."


class FakeResponse:
    def __init__(self, status: int, body: Any) -> None:
        self.status_code = status
        self.text = json.dumps(body)
        self.headers = {"Content-Type": "application/json"}

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise RuntimeError(f"HTTP {self.status_code}")


@dataclass
class Seen:
    method: str
    path: str
    data: dict[str, Any]


@dataclass
class FakeEntra:
    username: str = "petra.novakova@vltava-it.cz"
    oid: str = "11111111-2222-3333-4444-555555555555"
    #: Errors answered to device-code polls before the final answer.
    pending_polls: list[str] = field(default_factory=lambda: ["authorization_pending"] * 2)
    #: Final answer to the device-code poll: None = tokens, else this error body.
    device_outcome: dict[str, Any] | None = None
    #: Answer to a refresh_token grant: None = tokens, else this error body.
    refresh_outcome: dict[str, Any] | None = None
    interval: int = 0
    access_token_lifetime: int = 3600
    offline: bool = False
    device_code: str = "DEVICE-CODE-secret-0001"
    seen: list[Seen] = field(default_factory=list)
    access_tokens: list[str] = field(default_factory=list)
    refresh_tokens: list[str] = field(default_factory=list)

    def get(self, url: str, params: Any = None, headers: Any = None, **kw: Any) -> FakeResponse:
        if self.offline:
            raise ConnectionError("network is unreachable")
        path = urlsplit(url).path
        self.seen.append(Seen("GET", path, dict(params or {})))
        if path == f"/{TENANT}/v2.0/.well-known/openid-configuration":
            base = f"{AUTHORITY_HOST}/{TENANT}"
            return FakeResponse(200, {
                "issuer": f"{base}/v2.0",
                "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                "token_endpoint": f"{base}/oauth2/v2.0/token",
                "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
            })
        if path == "/common/discovery/instance":
            return FakeResponse(200, {
                "tenant_discovery_endpoint":
                    f"{AUTHORITY_HOST}/{TENANT}/v2.0/.well-known/openid-configuration",
                "api-version": "1.1",
                "metadata": [{"preferred_network": "login.microsoftonline.com",
                              "preferred_cache": "login.windows.net",
                              "aliases": ["login.microsoftonline.com", "login.windows.net",
                                          "login.microsoft.com", "sts.windows.net"]}],
            })
        return FakeResponse(400, {"error": "invalid_tenant",
                                  "error_description": "AADSTS90002: Tenant not found."})

    def post(self, url: str, params: Any = None, data: Any = None, headers: Any = None,
             **kw: Any) -> FakeResponse:
        if self.offline:
            raise ConnectionError("network is unreachable")
        path = urlsplit(url).path
        form = dict(data or {})
        self.seen.append(Seen("POST", path, form))
        if path == f"/{TENANT}/oauth2/v2.0/devicecode":
            return FakeResponse(200, {
                "user_code": "KX7QP2LM",
                "device_code": self.device_code,
                "verification_uri": "https://microsoft.com/devicelogin",
                "expires_in": 900,
                "interval": self.interval,
                "message": "To sign in, use a web browser to open the page "
                           "https://microsoft.com/devicelogin and enter the code KX7QP2LM "
                           "to authenticate.",
            })
        if path == f"/{TENANT}/oauth2/v2.0/token":
            return self._token(form)
        return FakeResponse(404, {"error": "not_found"})

    def grants(self) -> list[str]:
        return [s.data.get("grant_type", "") for s in self.seen
                if s.method == "POST" and s.path.endswith("/token")]

    def refresh_tokens_presented(self) -> list[str]:
        return [s.data["refresh_token"] for s in self.seen
                if s.data.get("grant_type") == "refresh_token"]

    def _token(self, form: dict[str, Any]) -> FakeResponse:
        grant = form.get("grant_type")
        if grant == DEVICE_GRANT:
            assert form.get("device_code") == self.device_code
            if self.pending_polls:
                error = self.pending_polls.pop(0)
                return FakeResponse(400, {"error": error,
                                          "error_description": "AADSTS70016: pending"})
            if self.device_outcome is not None:
                return FakeResponse(400, self.device_outcome)
            return FakeResponse(200, self._tokens())
        if grant == "refresh_token":
            if self.refresh_outcome is not None:
                return FakeResponse(400, self.refresh_outcome)
            if form.get("refresh_token") not in self.refresh_tokens:
                return FakeResponse(400, {"error": "invalid_grant",
                                          "error_description": "AADSTS9002313: bad request"})
            return FakeResponse(200, self._tokens())
        return FakeResponse(400, {"error": "unsupported_grant_type"})

    def _tokens(self) -> dict[str, Any]:
        number = len(self.access_tokens) + 1
        access = f"AT{number}-eyJ0eXAiOiJKV1Qi-ACCESS-SECRET"
        refresh = f"RT{number}-0.AXkA-REFRESH-SECRET"
        self.access_tokens.append(access)
        self.refresh_tokens.append(refresh)
        claims = {"aud": CLIENT, "iss": f"{AUTHORITY_HOST}/{TENANT}/v2.0",
                  "iat": 1_700_000_000, "exp": 4_000_000_000, "oid": self.oid,
                  "sub": "sub-" + self.oid, "tid": TENANT,
                  "preferred_username": self.username, "name": "Petra Nováková"}
        return {
            "token_type": "Bearer",
            "scope": "https://api.partnercenter.microsoft.com/user_impersonation",
            "expires_in": self.access_token_lifetime,
            "ext_expires_in": self.access_token_lifetime,
            "access_token": access,
            "refresh_token": refresh,
            "id_token": unsigned_jwt(claims),
            "client_info": _b64({"uid": self.oid, "utid": TENANT}),
        }


# --------------------------------------------------------------------------------------------
# Fixtures


def write_config(home: Path, body: str) -> None:
    (home / "config.toml").write_text(body, encoding="utf-8")


PC_CONFIG = f"""
[profiles.pc]
kind = "partner-center"
role = "indirect-reseller"
tenant_id = "{TENANT}"
client_id = "{CLIENT}"
indirect_provider_id = "{PROVIDER}"

[profiles.pc-env]
kind = "partner-center"
role = "indirect-provider"
tenant_id = "{PROVIDER}"
auth = "env-token"
"""


@pytest.fixture
def pc_settings(isolated_home: Path) -> Settings:
    write_config(isolated_home, PC_CONFIG)
    return load_settings("pc")


@pytest.fixture
def entra() -> FakeEntra:
    return FakeEntra()


@pytest.fixture
def make_auth(pc_settings: Settings, entra: FakeEntra):  # type: ignore[no-untyped-def]
    def make(**kw: Any) -> auth.DeviceCodeAuth:
        return auth.DeviceCodeAuth(pc_settings.profile, pc_settings.locations.token_cache,
                                   http_client=entra, **kw)
    return make


def sign_in(device: auth.DeviceCodeAuth) -> str:
    return device.finish_device_flow(device.start_device_flow())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --------------------------------------------------------------------------------------------
# Device code flow and the token cache


def test_device_flow_prompt_signs_in_and_writes_a_private_cache(make_auth, entra, pc_settings):
    device = make_auth(clock=lambda: 1_000_000.0)
    prompt = device.start_device_flow()
    assert prompt.user_code == "KX7QP2LM"
    assert prompt.verification_uri == "https://microsoft.com/devicelogin"
    assert "KX7QP2LM" in prompt.message and "devicelogin" in prompt.message
    assert prompt.expires_at == 1_000_900.0

    assert device.finish_device_flow(prompt) == "petra.novakova@vltava-it.cz"
    # Two "authorization_pending" answers, then the tokens.
    assert entra.grants() == [DEVICE_GRANT] * 3

    cache_file = pc_settings.locations.token_cache
    assert mode(cache_file) == 0o600
    assert mode(cache_file.parent) == 0o700
    assert entra.refresh_tokens[0] in cache_file.read_text()
    # Written through a temporary file that did not stay behind.
    assert [p.name for p in cache_file.parent.iterdir()] == [cache_file.name]
    assert device.signed_in_account() == "petra.novakova@vltava-it.cz"


async def test_get_token_uses_the_cached_access_token(make_auth, entra):
    device = make_auth()
    sign_in(device)
    token_posts = len(entra.grants())
    assert await device.get_token() == entra.access_tokens[0]
    assert len(entra.grants()) == token_posts  # served from the cache, no token request


async def test_expired_access_token_is_refreshed_with_the_refresh_token(make_auth, entra,
                                                                        pc_settings):
    # MSAL treats a token with less than five minutes left as expired.
    entra.access_token_lifetime = 60
    device = make_auth()
    sign_in(device)

    token = await device.get_token()

    assert entra.grants()[-1] == "refresh_token"
    assert entra.refresh_tokens_presented() == [entra.refresh_tokens[0]]
    assert token == entra.access_tokens[1]
    # The rotated refresh token was persisted at once.
    assert entra.refresh_tokens[1] in pc_settings.locations.token_cache.read_text()


async def test_force_refresh_skips_a_valid_access_token(make_auth, entra):
    device = make_auth()
    sign_in(device)
    assert await device.get_token(force_refresh=True) == entra.access_tokens[1]
    assert entra.refresh_tokens_presented() == [entra.refresh_tokens[0]]


async def test_another_instance_reads_the_persisted_sign_in(make_auth, entra):
    sign_in(make_auth())
    later = make_auth()  # e.g. `csp-tui sync` after `csp-tui login`
    assert later.signed_in_account() == "petra.novakova@vltava-it.cz"
    assert await later.get_token() == entra.access_tokens[0]


async def test_a_login_elsewhere_is_picked_up_without_restart(make_auth, entra):
    console = make_auth()
    with pytest.raises(auth.SignInRequiredError):
        await console.get_token()
    sign_in(make_auth())  # `csp-tui login` in another terminal
    assert await console.get_token() == entra.access_tokens[0]


async def test_signing_in_as_someone_else_replaces_the_account(make_auth, entra,
                                                                 pc_settings):
    device = make_auth()
    sign_in(device)
    entra.username, entra.oid = "jan.dvorak@vltava-it.cz", "99999999-8888-7777-6666-555555555555"
    assert sign_in(device) == "jan.dvorak@vltava-it.cz"
    assert device.signed_in_account() == "jan.dvorak@vltava-it.cz"
    assert await device.get_token() == entra.access_tokens[1]
    cached = pc_settings.locations.token_cache.read_text()
    assert "petra.novakova" not in cached
    assert entra.refresh_tokens[0] not in cached
    assert device.logout().accounts == ("jan.dvorak@vltava-it.cz",)


async def test_no_account_means_sign_in_required_without_network(make_auth, entra):
    device = make_auth()
    with pytest.raises(auth.SignInRequiredError) as info:
        await device.get_token()
    assert "csp-tui login --profile pc" in str(info.value)
    assert entra.seen == []


@pytest.mark.parametrize(
    ("outcome", "phrase"),
    [
        ({"error": "invalid_grant", "error_codes": [700082],
          "error_description": "AADSTS700082: The refresh token has expired due to inactivity."},
         "expired"),
        ({"error": "invalid_grant", "error_codes": [50076],
          "error_description": "AADSTS50076: Due to a configuration change made by your "
                               "administrator, you must use multi-factor authentication."},
         "multi-factor"),
        ({"error": "invalid_grant",
          "error_description": "AADSTS50173: The provided grant has expired due to it being "
                               "revoked."},
         "revoked"),
        ({"error": "interaction_required", "error_description": "AADSTS50133: Session is "
                                                                 "invalid due to password "
                                                                 "change."},
         "revoked"),
    ],
    ids=["refresh-token-expired", "mfa", "grant-revoked", "password-changed"],
)
async def test_refresh_failures_ask_for_a_new_sign_in(make_auth, entra, outcome, phrase):
    entra.access_token_lifetime = 60
    device = make_auth()
    sign_in(device)
    entra.refresh_outcome = outcome
    with pytest.raises(auth.SignInRequiredError) as info:
        await device.get_token()
    message = str(info.value)
    assert phrase in message
    assert "csp-tui login --profile pc" in message
    assert "AADSTS" not in message  # a sentence, not Microsoft's internals
    assert info.value.codes and str(info.value.codes[0]) in outcome["error_description"]


@pytest.mark.parametrize(
    ("outcome", "phrase"),
    [
        ({"error": "authorization_declined", "error_description": "AADSTS70000: declined"},
         "declined"),
        ({"error": "expired_token", "error_description": "AADSTS70020: expired"},
         "code expired"),
        ({"error": "invalid_client", "error_codes": [7000218],
          "error_description": "AADSTS7000218: The request body must contain the following "
                               "parameter: 'client_assertion' or 'client_secret'."},
         "Allow public client flows"),
        ({"error": "invalid_grant", "error_codes": [65001],
          "error_description": "AADSTS65001: The user or administrator has not consented."},
         "consent"),
        ({"error": "weird_error", "error_description": "AADSTS12345: Something new.\r\nTrace"},
         "AADSTS12345: Something new."),
    ],
    ids=["declined", "code-expired", "public-client-off", "consent", "unknown"],
)
def test_device_flow_failures_are_explained(make_auth, entra, outcome, phrase):
    entra.device_outcome = outcome
    device = make_auth()
    with pytest.raises(auth.AuthFailedError) as info:
        sign_in(device)
    assert phrase in str(info.value)
    assert "Trace" not in str(info.value)
    assert device.signed_in_account() is None


def test_cancel_stops_a_waiting_device_flow(make_auth, entra, monkeypatch):
    entra.interval = 1
    entra.pending_polls = ["authorization_pending"] * 50
    device = make_auth()
    prompt = device.start_device_flow()

    class CancellingClock:
        """MSAL sleeps between polls; the person presses Escape during the first sleep."""

        def __init__(self) -> None:
            self.now = real_time.time()  # the flow's expiry was computed from the real clock

        def time(self) -> float:
            return self.now

        def sleep(self, seconds: float) -> None:
            self.now += seconds
            device.cancel_device_flow(prompt)

    monkeypatch.setattr(msal_oauth2, "time", CancellingClock())
    with pytest.raises(auth.AuthCancelledError):
        device.finish_device_flow(prompt)
    assert prompt.cancelled
    assert entra.grants() == [DEVICE_GRANT] * 2  # stopped after the next poll
    assert device.signed_in_account() is None


async def test_unreachable_sign_in_service_is_a_transport_error(make_auth, entra):
    entra.access_token_lifetime = 60
    device = make_auth()
    sign_in(device)
    entra.offline = True
    with pytest.raises(auth.AuthUnreachableError) as info:
        await device.get_token()
    assert isinstance(info.value, TransportError)
    assert info.value.retryable
    assert "could not be reached" in str(info.value)


def test_unknown_tenant_is_reported_as_a_configuration_problem(isolated_home, entra):
    write_config(isolated_home, PC_CONFIG.replace(f'tenant_id = "{TENANT}"',
                                                  'tenant_id = "contoso.onmicrosoft.com"', 1))
    settings = load_settings("pc")
    device = auth.DeviceCodeAuth(settings.profile, settings.locations.token_cache,
                                 http_client=entra)
    with pytest.raises(auth.AuthFailedError) as info:
        device.start_device_flow()
    assert "https://login.microsoftonline.com/contoso.onmicrosoft.com" in str(info.value)


async def test_logout_removes_accounts_and_file_and_is_idempotent(make_auth, pc_settings):
    device = make_auth()
    sign_in(device)
    result = device.logout()
    assert result.accounts == ("petra.novakova@vltava-it.cz",)
    assert result.file_removed
    assert not pc_settings.locations.token_cache.exists()
    with pytest.raises(auth.SignInRequiredError):
        await device.get_token()
    again = device.logout()
    assert again.accounts == () and not again.file_removed


async def test_logout_elsewhere_signs_out_a_running_instance(make_auth):
    console = make_auth()
    sign_in(console)
    make_auth().logout()  # `csp-tui logout` in another terminal
    with pytest.raises(auth.SignInRequiredError):
        await console.get_token()


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\udcff"],
                         ids=["broken-json", "not-an-object", "not-utf8"])
async def test_corrupt_cache_file_means_signed_out_with_a_warning(make_auth, pc_settings,
                                                                  entra, content, caplog):
    cache_file = pc_settings.locations.token_cache
    pc_settings.locations.ensure_profile_dir()
    cache_file.write_bytes(content.encode("utf-8", "surrogateescape"))
    device = make_auth()
    assert device.signed_in_account() is None
    assert device.cache_warning and str(cache_file) in device.cache_warning
    assert "unreadable" in caplog.text
    with pytest.raises(auth.SignInRequiredError):
        await device.get_token()
    # Signing in again replaces the broken file.
    sign_in(device)
    assert json.loads(cache_file.read_text())["RefreshToken"]
    assert device.cache_warning is None


def test_too_open_cache_file_and_directory_are_tightened(make_auth, pc_settings):
    sign_in(make_auth())
    cache_file = pc_settings.locations.token_cache
    os.chmod(cache_file, 0o644)
    os.chmod(cache_file.parent, 0o755)
    assert make_auth().signed_in_account() == "petra.novakova@vltava-it.cz"
    assert mode(cache_file) == 0o600
    assert mode(cache_file.parent) == 0o700


def test_a_planted_symlink_as_token_cache_is_not_followed(make_auth, pc_settings, tmp_path):
    """Neither read, nor chmod-ed, nor written through: the person is told which path."""
    sign_in(make_auth())
    cache_file = pc_settings.locations.token_cache
    target = tmp_path / "someone-elses-file.json"
    target.write_text(cache_file.read_text())
    os.chmod(target, 0o644)
    cache_file.unlink()
    cache_file.symlink_to(target)
    before = target.read_text()
    device = make_auth()
    assert device.signed_in_account() is None
    assert device.cache_warning and str(cache_file) in device.cache_warning
    assert "symbolic link" in device.cache_warning
    assert mode(target) == 0o644
    sign_in(device)
    assert cache_file.is_symlink() and target.read_text() == before
    assert mode(target) == 0o644


def test_cache_file_is_private_even_with_a_permissive_umask(make_auth, pc_settings):
    old = os.umask(0)
    try:
        sign_in(make_auth())
    finally:
        os.umask(old)
    assert mode(pc_settings.locations.token_cache) == 0o600


def test_write_private_file_replaces_atomically(tmp_path):
    target = tmp_path / "token-cache.json"
    target.write_text("old")
    os.chmod(target, 0o644)
    auth.write_private_file(target, '{"new": true}')
    assert target.read_text() == '{"new": true}'
    assert mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["token-cache.json"]


async def test_tokens_never_reach_logs_or_output(make_auth, entra, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    entra.access_token_lifetime = 60
    device = make_auth()
    sign_in(device)
    await device.get_token()
    out = capsys.readouterr()
    everything = caplog.text + out.out + out.err
    secrets = [*entra.access_tokens, *entra.refresh_tokens, entra.device_code]
    assert len(secrets) == 5
    for secret in secrets:
        assert secret not in everything


def test_repr_hides_secrets(make_auth, entra, monkeypatch):
    device = make_auth()
    prompt = device.start_device_flow()
    device.finish_device_flow(prompt)
    texts = [repr(device), repr(prompt), str(prompt)]
    for text in texts:
        assert entra.device_code not in text
        assert entra.access_tokens[0] not in text
        assert entra.refresh_tokens[0] not in text
    assert "KX7QP2LM" in repr(prompt)  # the user code is meant to be shown
    monkeypatch.setenv(auth.TOKEN_ENV, "ENV-SECRET-TOKEN")
    assert "ENV-SECRET-TOKEN" not in repr(auth.EnvTokenProvider())


async def test_concurrent_token_requests_share_one_refresh(make_auth, entra):
    entra.access_token_lifetime = 60  # the first access token is already "expired"
    device = make_auth()
    sign_in(device)
    entra.access_token_lifetime = 60 * 60
    tokens = await asyncio.gather(*(device.get_token() for _ in range(8)))
    # One refresh; the other callers waited for it and got its token from the cache.
    assert set(tokens) == {entra.access_tokens[1]}
    assert entra.grants().count("refresh_token") == 1


# --------------------------------------------------------------------------------------------
# Environment and sandbox providers, and the choice between them


async def test_env_token_provider_reads_the_variable_each_time(monkeypatch):
    provider = auth.EnvTokenProvider()
    with pytest.raises(auth.SignInRequiredError) as info:
        await provider.get_token()
    assert "CSP_TUI_ACCESS_TOKEN" in str(info.value)
    monkeypatch.setenv("CSP_TUI_ACCESS_TOKEN", "first")
    assert await provider.get_token() == "first"
    monkeypatch.setenv("CSP_TUI_ACCESS_TOKEN", "Bearer second ")
    assert await provider.get_token(force_refresh=True) == "second"
    monkeypatch.setenv("CSP_TUI_ACCESS_TOKEN", "   ")
    with pytest.raises(auth.SignInRequiredError):
        await provider.get_token()


async def test_env_token_provider_with_another_variable(monkeypatch):
    monkeypatch.setenv("MY_PC_TOKEN", "abc")
    assert await auth.EnvTokenProvider("MY_PC_TOKEN").get_token() == "abc"


async def test_sandbox_token_names_role_and_tenant():
    provider = auth.SandboxTokenProvider("indirect-provider", identity.PROVIDER_TENANT_ID)
    token = await provider.get_token(force_refresh=True)
    assert token == f"sandbox.indirect-provider.{identity.PROVIDER_TENANT_ID}"


async def test_token_provider_for_each_profile(isolated_home):
    write_config(isolated_home, PC_CONFIG)

    sandbox = auth.token_provider_for(load_settings())
    assert isinstance(sandbox, auth.SandboxTokenProvider)
    assert await sandbox.get_token() == (
        f"sandbox.indirect-reseller.{identity.RESELLER_TENANT_ID}")

    provider = auth.token_provider_for(load_settings("sandbox-provider"))
    assert await provider.get_token() == f"sandbox.indirect-provider.{PROVIDER}"

    env = auth.token_provider_for(load_settings("pc-env"))
    assert isinstance(env, auth.EnvTokenProvider)

    settings = load_settings("pc")
    device = auth.token_provider_for(settings)
    assert isinstance(device, auth.DeviceCodeAuth)
    assert device.token_cache_path == settings.locations.token_cache
    assert device.authority == f"https://login.microsoftonline.com/{TENANT}"
    for provider_ in (sandbox, env, device):
        assert isinstance(provider_, auth.TokenProvider)


async def test_user_defined_sandbox_profile_gets_the_sandbox_identity(isolated_home):
    write_config(isolated_home, '[profiles.demo]\nkind = "sandbox"\nrole = "indirect-provider"\n')
    provider = auth.token_provider_for(load_settings("demo"))
    assert await provider.get_token() == f"sandbox.indirect-provider.{PROVIDER}"


# --------------------------------------------------------------------------------------------
# csp-tui login / logout


@pytest.fixture
def fake_msal_for_cli(monkeypatch, entra):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(auth_cmd, "DeviceCodeAuth",
                        functools.partial(auth.DeviceCodeAuth, http_client=entra))
    return entra


def test_login_runs_the_device_flow(pc_settings, fake_msal_for_cli, capsys):
    assert auth_cmd.run_login(argparse.Namespace(), pc_settings) == 0
    out = capsys.readouterr()
    assert "https://microsoft.com/devicelogin" in out.err
    assert "KX7QP2LM" in out.err
    assert out.out.strip() == "Signed in as petra.novakova@vltava-it.cz (profile pc)."
    assert pc_settings.locations.token_cache.exists()
    for secret in (*fake_msal_for_cli.access_tokens, *fake_msal_for_cli.refresh_tokens):
        assert secret not in out.out + out.err


def test_login_failure_exits_1_with_the_reason(pc_settings, fake_msal_for_cli, capsys):
    fake_msal_for_cli.device_outcome = {"error": "authorization_declined"}
    assert auth_cmd.run_login(argparse.Namespace(), pc_settings) == 1
    assert "declined" in capsys.readouterr().err
    assert not pc_settings.locations.token_cache.exists()


def test_login_again_names_the_current_account(pc_settings, fake_msal_for_cli, capsys):
    auth_cmd.run_login(argparse.Namespace(), pc_settings)
    capsys.readouterr()
    assert auth_cmd.run_login(argparse.Namespace(), pc_settings) == 0
    assert "Currently signed in as petra.novakova@vltava-it.cz" in capsys.readouterr().err


def test_login_on_the_sandbox_needs_nothing(capsys):
    assert auth_cmd.run_login(argparse.Namespace(), load_settings()) == 0
    assert "no sign-in needed" in capsys.readouterr().out


def test_login_with_env_token_names_the_variable(isolated_home, monkeypatch, capsys):
    write_config(isolated_home, PC_CONFIG)
    settings = load_settings("pc-env")
    assert auth_cmd.run_login(argparse.Namespace(), settings) == 1
    assert "CSP_TUI_ACCESS_TOKEN" in capsys.readouterr().err
    monkeypatch.setenv("CSP_TUI_ACCESS_TOKEN", "ENV-SECRET-TOKEN")
    assert auth_cmd.run_login(argparse.Namespace(), settings) == 0
    out = capsys.readouterr()
    assert "CSP_TUI_ACCESS_TOKEN" in out.out
    assert "ENV-SECRET-TOKEN" not in out.out + out.err


def test_logout_says_what_it_removed_and_is_idempotent(pc_settings, fake_msal_for_cli, capsys):
    auth_cmd.run_login(argparse.Namespace(), pc_settings)
    capsys.readouterr()
    path = pc_settings.locations.token_cache
    assert auth_cmd.run_logout(argparse.Namespace(), pc_settings) == 0
    out = capsys.readouterr().out
    assert "petra.novakova@vltava-it.cz" in out and str(path) in out
    assert not path.exists()
    assert auth_cmd.run_logout(argparse.Namespace(), pc_settings) == 0
    assert "no token cache" in capsys.readouterr().out


def test_logout_on_sandbox_and_env_profiles(isolated_home, capsys):
    write_config(isolated_home, PC_CONFIG)
    assert auth_cmd.run_logout(argparse.Namespace(), load_settings()) == 0
    assert "keeps no sign-in" in capsys.readouterr().out
    env_settings = load_settings("pc-env")
    # A cache left over from when this profile used the device code still goes.
    env_settings.locations.ensure_profile_dir()
    env_settings.locations.token_cache.write_text("{}")
    assert auth_cmd.run_logout(argparse.Namespace(), env_settings) == 0
    assert not env_settings.locations.token_cache.exists()
    assert auth_cmd.run_logout(argparse.Namespace(), env_settings) == 0
    assert "CSP_TUI_ACCESS_TOKEN" in capsys.readouterr().out


def test_messages_exist_in_czech(pc_settings, fake_msal_for_cli, capsys):
    from csp_tui import i18n

    i18n.set_language("cs")
    fake_msal_for_cli.device_outcome = {"error": "authorization_declined"}
    assert auth_cmd.run_login(argparse.Namespace(), pc_settings) == 1
    assert "odmítnuto" in capsys.readouterr().err
    catalog = i18n.catalog()
    from csp_tui.i18n.messages import auth as auth_messages

    for key in auth_messages.MESSAGES:
        assert catalog[key]["cs"] and catalog[key]["en"], key


def test_info_shows_who_is_signed_in(pc_settings, make_auth, capsys):
    from csp_tui.cli import info

    sign_in(make_auth())
    capsys.readouterr()
    assert info.run(argparse.Namespace(json=True), pc_settings) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["profile"]["signed_in_as"] == "petra.novakova@vltava-it.cz"
    assert "SECRET" not in out
