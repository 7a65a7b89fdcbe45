"""Bearer tokens for the Partner Center REST client.

Three sources, one small protocol (:class:`TokenProvider`):

* :class:`SandboxTokenProvider` — the embedded emulator's opaque token (no secret at all);
* :class:`EnvTokenProvider` — a token some other tool obtained, read from an environment
  variable on every call (CI, scripts);
* :class:`DeviceCodeAuth` — a real Entra ID sign-in through MSAL's device code flow, which
  works over SSH because the browser runs on another machine. The token cache (refresh token
  included) lives in one file readable by the owner only.

:meth:`DeviceCodeAuth.get_token` never starts an interactive sign-in by itself: a background
sync must not block on a person. It raises :class:`SignInRequiredError` and the console (or
``csp-tui login``) runs the device flow.

**MFA step-up.** When Partner Center refuses a token for lack of multi-factor authentication
(:mod:`csp_tui.partner_center.mfa`), the client tells the provider (``mfa_challenge``): the
device code provider remembers the claims to ask for — in memory and in a small 0600 file beside
the token cache, so ``csp-tui login`` in another terminal asks for them too — and the next device
flow sends them; the environment token provider can only say how to obtain a token with MFA; the
sandbox provider issues an MFA-marked sandbox token at the next call. A token that came from a
step-up and is still refused is told as such, and nothing starts another sign-in by itself.

Tokens are never logged, printed or shown by ``repr()``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from csp_tui import sandbox_identity as identity
from csp_tui.config import AuthMethod, Profile, Role, Settings
from csp_tui.i18n import t
from csp_tui.partner_center.errors import TransportError
from csp_tui.partner_center.mfa import MfaAdvice

if TYPE_CHECKING:  # msal (and requests under it) is imported only when a real sign-in is used
    import msal

log = logging.getLogger(__name__)

PARTNER_CENTER_RESOURCE = "https://api.partnercenter.microsoft.com"
PARTNER_CENTER_SCOPES = [f"{PARTNER_CENTER_RESOURCE}/user_impersonation"]
#: Beside the token cache: the claims Partner Center asked for and whether a step-up answered.
MFA_STATE_FILE = "mfa-step-up.json"
TOKEN_ENV = "CSP_TUI_ACCESS_TOKEN"
LOGIN_COMMAND = "csp-tui login"


# --------------------------------------------------------------------------------------------
# Errors


class AuthError(Exception):
    """Getting a token failed; ``str()`` is a sentence for a person (already translated)."""

    def __init__(self, message: str, *, error: str | None = None,
                 codes: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        #: The OAuth ``error`` value (``invalid_grant``, ``authorization_declined`` ...).
        self.error = error
        #: AADSTS numbers from the answer, for support and for code that branches on them.
        self.codes = codes


class SignInRequiredError(AuthError):
    """Nobody is signed in, or the sign-in expired or was revoked: signing in again fixes it."""


class AuthFailedError(AuthError):
    """A sign-in attempt failed for a reason signing in again will not fix by itself
    (declined, code expired, app registration or tenant misconfigured)."""


class AuthCancelledError(AuthFailedError):
    """The device flow was cancelled before the person finished signing in."""


class AuthUnreachableError(AuthFailedError, TransportError):
    """The sign-in service could not be reached or failed (network, 5xx).

    Also a :class:`TransportError`, so the sync treats it like any other network outage and
    tries again later instead of asking the person to sign in.
    """

    def __init__(self, message: str) -> None:
        TransportError.__init__(self, message)
        self.error = None
        self.codes = ()

    def __str__(self) -> str:
        return self.description


# --------------------------------------------------------------------------------------------
# Providers


@runtime_checkable
class TokenProvider(Protocol):
    async def get_token(self, *, force_refresh: bool = False) -> str: ...


class SandboxTokenProvider:
    """The emulator decodes its token into (role, partner tenant); nothing to keep secret.

    The embedded sandbox has no person to ask for MFA: when it requires MFA
    (:meth:`mfa_challenge`), the next :meth:`get_token` simply issues an MFA-marked token.
    """

    def __init__(self, role: str, tenant_id: str) -> None:
        self.role = role
        self.tenant_id = tenant_id
        self._lock = threading.Lock()
        self._mfa_token: str | None = None
        self._step_up_pending = False

    def __repr__(self) -> str:
        return f"SandboxTokenProvider(role={self.role!r}, tenant_id={self.tenant_id!r})"

    async def get_token(self, *, force_refresh: bool = False) -> str:
        with self._lock:
            if self._step_up_pending:
                self._step_up_pending = False
                self._mfa_token = identity.sandbox_mfa_token(self.role, self.tenant_id,
                                                             secrets.token_hex(6))
            return self._mfa_token or identity.sandbox_token(self.role, self.tenant_id)

    def mfa_challenge(self, claims: str, token: str) -> MfaAdvice:
        with self._lock:
            if self._mfa_token is not None and token == self._mfa_token:
                # The step-up token itself was refused: issuing another would only loop.
                return MfaAdvice("mfa.required.sandbox_repeated", repeated=True)
            self._step_up_pending = True
        return MfaAdvice("mfa.required.sandbox")


class EnvTokenProvider:
    """A bearer token from an environment variable, read again on every call so a script can
    rotate it without restarting the process."""

    def __init__(self, var: str = TOKEN_ENV) -> None:
        self.var = var

    def is_set(self) -> bool:
        return bool(_clean_bearer(os.environ.get(self.var, "")))

    async def get_token(self, *, force_refresh: bool = False) -> str:
        # force_refresh cannot mint a new token here: the same one is returned and a 401 from
        # Partner Center then tells the person to provide a fresh one.
        value = _clean_bearer(os.environ.get(self.var, ""))
        if not value:
            raise SignInRequiredError(t("auth.env_token_missing", var=self.var))
        return value

    def mfa_challenge(self, claims: str, token: str) -> MfaAdvice:
        """Nothing here can sign in: say that the token must come from an MFA sign-in."""
        return MfaAdvice("mfa.required.env_token",
                         {"var": self.var, "resource": PARTNER_CENTER_RESOURCE})

    def __repr__(self) -> str:
        return f"EnvTokenProvider(var={self.var!r})"


def _clean_bearer(value: str) -> str:
    """People paste whole header values; accept ``Bearer xyz`` as well as ``xyz``."""
    value = value.strip()
    if value[:7].lower() == "bearer ":
        value = value[7:].strip()
    return value


# --------------------------------------------------------------------------------------------
# Device code sign-in


@dataclass(frozen=True)
class DeviceCodePrompt:
    """What the person needs to finish signing in on another device."""

    user_code: str
    verification_uri: str
    #: Microsoft's own instruction sentence (URL + code), in the language Entra chose.
    message: str
    #: Epoch seconds after which the code no longer works.
    expires_at: float
    # MSAL's flow carries the device code, which can be redeemed for tokens: keep it out of
    # repr() and comparisons.
    _flow: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)
    #: The claims this sign-in asks for (a step-up for Partner Center's MFA requirement).
    claims: str | None = None

    @property
    def cancelled(self) -> bool:
        return self._flow.get("expires_at") == 0


@dataclass(frozen=True)
class LogoutResult:
    accounts: tuple[str, ...]
    file_removed: bool
    path: Path


class DeviceCodeAuth:
    """Delegated (App+User) tokens through MSAL's device code flow, cached in one 0600 file.

    Thread-safe: the sync worker asks for tokens on its own thread while the console may run
    the device flow on another. MSAL is created lazily because creating it talks to the
    network (authority discovery), and ``csp-tui info`` must not.
    """

    def __init__(
        self,
        profile: Profile,
        token_cache_path: Path,
        *,
        http_client: Any = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.profile = profile
        self.token_cache_path = Path(token_cache_path)
        self._http_client = http_client
        self._clock = clock
        self._lock = threading.RLock()
        self._cache: msal.SerializableTokenCache | None = None
        self._app: msal.PublicClientApplication | None = None
        # (inode, size, mtime) of the file as we last read or wrote it; another process
        # (``csp-tui login`` / ``logout`` in a second terminal) changes it.
        self._disk_signature: tuple[int, int, int] | None = None
        #: A translated warning about the cache file (e.g. it was unreadable), or None.
        self.cache_warning: str | None = None
        #: The MFA step-up state as last read or written (see :meth:`mfa_state`).
        self._mfa_state: dict[str, Any] = {}
        self._mfa_signature: tuple[int, int, int] | None = None

    def __repr__(self) -> str:
        return (f"DeviceCodeAuth(profile={self.profile.name!r}, "
                f"token_cache={str(self.token_cache_path)!r})")

    @property
    def authority(self) -> str:
        return f"{self.profile.authority_host.rstrip('/')}/{self.profile.tenant_id}"

    # ---- public API ------------------------------------------------------------------------

    async def get_token(self, *, force_refresh: bool = False) -> str:
        return await asyncio.to_thread(self.acquire_token_silently, force_refresh=force_refresh)

    def acquire_token_silently(self, *, force_refresh: bool = False) -> str:
        """The access token from the cache, refreshed with the refresh token when it expired
        (or when ``force_refresh``). Blocking; :meth:`get_token` runs it in a thread.

        While Partner Center's MFA requirement is pending, the refresh asks for its claims
        (Entra ID answers with a token carrying them when the session already satisfies them,
        else "interaction required": a sign-in is needed). After a step-up that Partner Center
        still refused, nothing is tried: the person has to act (see :meth:`mfa_challenge`).
        """
        with self._lock:
            state = self.mfa_state()
            if state.get("status") == "refused":
                raise SignInRequiredError(self._mfa_text("mfa.required.repeated"))
            claims = _text_or_none(state.get("claims")) if state.get("status") == "pending" \
                else None
            self._sync_from_disk()
            account = self._cached_account()
            if account is None:
                raise SignInRequiredError(self._mfa_text("mfa.required.device") if claims
                                          else self._sign_in_hint())
            app = self._application()
            try:
                # Accounts are looked up through MSAL so aliases (login.windows.net ...) match.
                accounts = app.get_accounts()
                chosen = _pick_account(accounts, self.profile.tenant_id)
                if chosen is None:
                    raise SignInRequiredError(self._sign_in_hint())
                result = app.acquire_token_silent_with_error(
                    PARTNER_CENTER_SCOPES, chosen, force_refresh=force_refresh,
                    claims_challenge=claims)
            except AuthError:
                raise
            except Exception as exc:
                raise _exception_to_auth_error(exc) from None
            finally:
                self._persist()
        if not result:
            raise SignInRequiredError(self._sign_in_hint())
        if "error" in result:
            error = _result_to_auth_error(result, refreshing=True, hint=self._login_hint())
            if claims and isinstance(error, SignInRequiredError):
                # Entra ID wants the person for these claims: say it is MFA Partner Center
                # asks for, not just "sign in again".
                raise SignInRequiredError(self._mfa_text("mfa.required.device"),
                                          error=error.error, codes=error.codes) from None
            raise error
        token = result.get("access_token")
        if not isinstance(token, str) or not token:
            raise SignInRequiredError(self._sign_in_hint())
        if claims:
            self._record_step_up(claims, token)
        return token

    # ---- MFA step-up -----------------------------------------------------------------------

    @property
    def mfa_state_path(self) -> Path:
        return self.token_cache_path.with_name(MFA_STATE_FILE)

    def mfa_state(self) -> dict[str, Any]:
        """``{"status": "pending" | "satisfied" | "refused", "claims": ..., "token": ...}``:
        Partner Center asked for ``claims`` and no sign-in answered yet (pending); a sign-in
        asked for them and got the token whose digest is ``token`` (satisfied); that token was
        refused again (refused). Empty: nothing asked. Shared with other processes through the
        file, read again when it changed."""
        with self._lock:
            signature = _signature(self.mfa_state_path)
            if signature != self._mfa_signature:
                self._mfa_signature = signature
                self._mfa_state = _read_mfa_state(self.mfa_state_path) if signature else {}
            return dict(self._mfa_state)

    def pending_claims(self) -> str | None:
        """The claims the next sign-in must ask for (pending, or refused after a step-up)."""
        state = self.mfa_state()
        if state.get("status") in ("pending", "refused"):
            return _text_or_none(state.get("claims"))
        return None

    def mfa_challenge(self, claims: str, token: str) -> MfaAdvice:
        """Partner Center refused ``token`` for lack of MFA and asks for ``claims``: remember
        them for the next sign-in. When ``token`` came from a sign-in that already asked for
        claims, the refusal is final (told, and nothing signs in again by itself)."""
        params = {"profile": self.profile.name, "command": LOGIN_COMMAND}
        with self._lock:
            state = self.mfa_state()
            repeated = (state.get("status") in ("satisfied", "refused")
                        and state.get("token") == _token_digest(token))
            if repeated:
                self._write_mfa_state({"status": "refused", "claims": claims,
                                       "token": state.get("token")})
                log.warning("Partner Center still requires MFA after a step-up (profile %s)",
                            self.profile.name)
                return MfaAdvice("mfa.required.repeated", params, repeated=True)
            self._write_mfa_state({"status": "pending", "claims": claims})
        return MfaAdvice("mfa.required.device", params)

    def _record_step_up(self, claims: str, token: str) -> None:
        with self._lock:
            self._write_mfa_state({"status": "satisfied", "claims": claims,
                                   "token": _token_digest(token)})

    def _write_mfa_state(self, state: dict[str, Any] | None) -> None:
        path = self.mfa_state_path
        try:
            if state is None:
                path.unlink(missing_ok=True)
            else:
                _private_dir(path.parent)
                write_private_file(path, json.dumps(state))
        except OSError as exc:
            # Kept in memory for this process; `csp-tui login` elsewhere then asks without the
            # claims and Partner Center's next 401 says so again.
            log.warning("cannot write %s: %s", path, exc.strerror or type(exc).__name__)
        self._mfa_state = dict(state or {})
        self._mfa_signature = _signature(path)

    def _mfa_text(self, key: str) -> str:
        return t(key, profile=self.profile.name, command=LOGIN_COMMAND, code="401")

    def start_device_flow(self, claims_challenge: str | None = None) -> DeviceCodePrompt:
        """Ask Entra ID for a user code. Blocking (one HTTP call, plus discovery the first
        time). ``claims_challenge``: the claims to ask for; by default the ones Partner Center
        asked for last (:meth:`pending_claims`), so any sign-in is the step-up it needs."""
        claims = claims_challenge if claims_challenge is not None else self.pending_claims()
        with self._lock:
            self._sync_from_disk()
            app = self._application()
        try:
            flow = app.initiate_device_flow(scopes=PARTNER_CENTER_SCOPES,
                                            claims_challenge=claims or None)
        except Exception as exc:
            raise _exception_to_auth_error(exc) from None
        if "user_code" not in flow:
            raise _result_to_auth_error(flow, refreshing=False, hint=self._login_hint())
        expires_in = float(flow.get("expires_in") or 900)
        return DeviceCodePrompt(
            user_code=str(flow["user_code"]),
            verification_uri=str(flow.get("verification_uri")
                                 or flow.get("verification_url") or ""),
            message=str(flow.get("message") or ""),
            expires_at=self._clock() + expires_in,
            _flow=flow,
            claims=claims or None,
        )

    def finish_device_flow(self, prompt: DeviceCodePrompt) -> str:
        """Wait until the person signed in (or the code expired, or the flow was cancelled)
        and return the account's user name. Blocking for minutes: callers run it in a thread.
        """
        app = self._application()
        try:
            result = app.acquire_token_by_device_flow(prompt._flow,
                                                      claims_challenge=prompt.claims)
            if "access_token" in result:
                with self._lock:
                    self._forget_other_accounts(app, result)
                    if prompt.claims:
                        self._record_step_up(prompt.claims, str(result["access_token"]))
        except Exception as exc:
            raise _exception_to_auth_error(exc) from None
        finally:
            with self._lock:
                self._persist()
        if "access_token" not in result:
            if prompt.cancelled:
                raise AuthCancelledError(t("auth.error.cancelled"), error=result.get("error"))
            raise _result_to_auth_error(result, refreshing=False, hint=self._login_hint())
        claims = result.get("id_token_claims") or {}
        name = claims.get("preferred_username") or claims.get("upn") or claims.get("email")
        if not name:
            name = self.signed_in_account() or claims.get("oid") or "?"
        log.info("signed in to profile %s", self.profile.name)
        return str(name)

    def _forget_other_accounts(self, app: msal.PublicClientApplication,
                               result: Mapping[str, Any]) -> None:
        """One profile, one person: signing in as someone else replaces the previous account
        (otherwise which one the sync uses would depend on cache order)."""
        claims = result.get("id_token_claims") or {}
        keep = {str(claims.get(k) or "").lower() for k in ("oid", "sub")} - {""}
        for account in app.get_accounts():
            if str(account.get("local_account_id") or "").lower() not in keep:
                app.remove_account(account)

    def cancel_device_flow(self, prompt: DeviceCodePrompt) -> None:
        """Make a waiting :meth:`finish_device_flow` return; MSAL checks ``expires_at`` between
        polls (so within about a second)."""
        prompt._flow["expires_at"] = 0

    def signed_in_account(self) -> str | None:
        """The cached account's user name; local only, never touches the network."""
        with self._lock:
            self._sync_from_disk()
            account = self._cached_account()
        if account is None:
            return None
        return str(account.get("username") or account.get("local_account_id") or "?")

    def logout(self) -> LogoutResult:
        """Forget every account and delete the token cache file. Idempotent; offline."""
        with self._lock:
            self._sync_from_disk()
            cache = self._token_cache()
            names = tuple(sorted({
                str(a.get("username") or a.get("local_account_id") or "?")
                for a in cache.search(cache.CredentialType.ACCOUNT)
            }))
            # Clearing the in-memory cache removes the accounts from MSAL too (it reads this
            # cache), without the network round trips of remove_account().
            cache.deserialize(None)
            removed = remove_token_cache(self.token_cache_path)
            self._write_mfa_state(None)
            self._disk_signature = None
            self.cache_warning = None
        return LogoutResult(accounts=names, file_removed=removed, path=self.token_cache_path)

    # ---- MSAL plumbing ---------------------------------------------------------------------

    def _sign_in_hint(self) -> str:
        """Nobody is signed in: the whole sentence."""
        return t("auth.sign_in_required", profile=self.profile.name, command=LOGIN_COMMAND)

    def _login_hint(self) -> str:
        """Appended to a reason (expired, MFA ...): how to sign in again."""
        return t("auth.login_hint", profile=self.profile.name, command=LOGIN_COMMAND)

    def _token_cache(self) -> msal.SerializableTokenCache:
        if self._cache is None:
            import msal

            self._cache = msal.SerializableTokenCache()
        return self._cache

    def _application(self) -> msal.PublicClientApplication:
        with self._lock:
            if self._app is None:
                import msal

                _quiet_msal_debug_log()
                try:
                    self._app = msal.PublicClientApplication(
                        self.profile.client_id,
                        authority=self.authority,
                        token_cache=self._token_cache(),
                        http_client=self._http_client,
                        timeout=self.profile.request_timeout_seconds,
                    )
                except ValueError as exc:
                    # MSAL says so when the tenant/authority does not exist.
                    raise AuthFailedError(t("auth.error.authority", authority=self.authority,
                                            detail=_first_line(str(exc)))) from None
                except Exception as exc:
                    raise _exception_to_auth_error(exc) from None
            return self._app

    def _cached_account(self) -> dict[str, Any] | None:
        cache = self._token_cache()
        accounts = list(cache.search(cache.CredentialType.ACCOUNT))
        return _pick_account(accounts, self.profile.tenant_id)

    def _sync_from_disk(self) -> None:
        """Load the cache file if it changed since we last read or wrote it."""
        signature = _signature(self.token_cache_path)
        if self._cache is not None and signature == self._disk_signature:
            return
        if self._cache is not None and self._cache.has_state_changed:
            # Tokens MSAL just added (a device flow finishing on another thread) must not be
            # replaced by an older file: write ours instead.
            self._persist()
            return
        cache = self._token_cache()
        self._disk_signature = signature
        self.cache_warning = None
        if signature is None:
            cache.deserialize(None)
            return
        if self.token_cache_path.is_symlink():
            # Reading or chmod-ing through a planted link touches a file of someone's choice.
            self.cache_warning = t("files.symlink_refused", path=self.token_cache_path)
            cache.deserialize(None)
            return
        self._tighten_permissions()
        try:
            text = self.token_cache_path.read_text(encoding="utf-8")
            parsed = json.loads(text) if text.strip() else {}
            if not isinstance(parsed, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            # Treated as signed out: signing in again rewrites the file.
            log.warning("token cache %s is unreadable (%s); treating as signed out",
                        self.token_cache_path, type(exc).__name__)
            self.cache_warning = t("auth.cache_unreadable", path=self.token_cache_path)
            cache.deserialize(None)
            return
        cache.deserialize(text if parsed else None)

    def _tighten_permissions(self) -> None:
        """A token cache anybody else can read is a leaked refresh token: fix the mode."""
        _private_dir(self.token_cache_path.parent)
        try:
            mode = self.token_cache_path.stat().st_mode & 0o777
            if mode & 0o077:
                os.chmod(self.token_cache_path, 0o600)
                log.warning("token cache %s had mode %o; changed to 600",
                            self.token_cache_path, mode)
        except OSError:
            pass

    def _persist(self) -> None:
        """Write the cache if MSAL changed it: atomically, 0600 from the first byte."""
        cache = self._cache
        if cache is None or not cache.has_state_changed:
            return
        _private_dir(self.token_cache_path.parent)
        if self.token_cache_path.is_symlink():
            self.cache_warning = t("files.symlink_refused", path=self.token_cache_path)
            return
        try:
            write_private_file(self.token_cache_path, cache.serialize())
        except OSError as exc:
            # The token still works for this process; say so rather than fail the call.
            log.warning("cannot write token cache %s: %s", self.token_cache_path,
                        exc.strerror or type(exc).__name__)
            self.cache_warning = t("auth.cache_write_failed", path=self.token_cache_path,
                                   detail=exc.strerror or type(exc).__name__)
            return
        self._disk_signature = _signature(self.token_cache_path)
        self.cache_warning = None


def _quiet_msal_debug_log() -> None:
    """MSAL's DEBUG records include the device code (redeemable for tokens) in request
    bodies. Unless someone configured the ``msal`` logger on purpose, keep them out of our
    logs even when the application logs at DEBUG."""
    msal_log = logging.getLogger("msal")
    if msal_log.level == logging.NOTSET:
        msal_log.setLevel(logging.INFO)


def _token_digest(token: str) -> str:
    """Which token a step-up produced, without keeping the token: a truncated SHA-256."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()[:32]


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _read_mfa_state(path: Path) -> dict[str, Any]:
    try:
        parsed = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # unreadable: as if nothing was asked; Partner Center will ask again
    return parsed if isinstance(parsed, dict) else {}


def _pick_account(accounts: list[dict[str, Any]], tenant_id: str) -> dict[str, Any] | None:
    """Prefer the account of the profile's partner tenant; otherwise the first one."""
    if not accounts:
        return None
    wanted = tenant_id.lower()
    for account in accounts:
        home = str(account.get("home_account_id") or "").lower()
        if wanted and (home.endswith("." + wanted) or str(account.get("realm", "")).lower()
                       == wanted):
            return account
    return accounts[0]


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _private_dir(directory: Path) -> None:
    """The profile directory holds the token cache: owner only (0700), whatever the umask."""
    from csp_tui.locations import private_dirs

    private_dirs(directory)


def write_private_file(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically; the file is 0600 from its creation, so the
    content is never readable by others, not even for a moment."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    # Make the rename itself durable (best effort: not every platform can open a directory).
    with suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def remove_token_cache(path: Path) -> bool:
    """Delete the token cache file; True when there was one."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


# --------------------------------------------------------------------------------------------
# MSAL answers -> errors a person understands

_MFA_CODES = {50072, 50074, 50076, 50078, 50079}
_EXPIRED_CODES = {70008, 70043, 700081, 700082, 700084}
_REVOKED_CODES = {50132, 50133, 50173, 54005, 50057, 50055}
_CONSENT_CODES = {65001, 65004, 650052, 650057}
_PUBLIC_CLIENT_CODES = {7000218}
_CLIENT_ID_CODES = {700016, 7000215}
_TENANT_CODES = {90002, 900023, 900022}
_CONDITIONAL_ACCESS_CODES = {53000, 53001, 53002, 53003}
_AADSTS = re.compile(r"AADSTS(\d+)")


def _codes(result: Mapping[str, Any]) -> tuple[int, ...]:
    codes: list[int] = []
    for value in result.get("error_codes") or ():
        with suppress(TypeError, ValueError):
            codes.append(int(value))
    for match in _AADSTS.findall(str(result.get("error_description") or "")):
        if int(match) not in codes:
            codes.append(int(match))
    return tuple(codes)


def _first_line(text: str, limit: int = 300) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line[:limit]


def _result_to_auth_error(result: Mapping[str, Any], *, refreshing: bool, hint: str) -> AuthError:
    """One MSAL error answer as a typed error with a translated message.

    ``refreshing``: the answer came from a silent refresh, where most failures mean "sign in
    again"; during the device flow they mean "this attempt failed".
    """
    error = str(result.get("error") or "")
    codes = _codes(result)
    found = set(codes)
    detail = _first_line(str(result.get("error_description") or error))

    def sign_in(key: str) -> SignInRequiredError:
        text = f"{t(key)} {hint}" if hint else t(key)
        return SignInRequiredError(text, error=error, codes=codes)

    def failed(key: str, **kw: object) -> AuthFailedError:
        return AuthFailedError(t(key, **kw), error=error, codes=codes)

    if found & _MFA_CODES:
        return sign_in("auth.error.mfa")
    if found & _EXPIRED_CODES and refreshing:
        return sign_in("auth.error.refresh_expired")
    if found & _REVOKED_CODES:
        return sign_in("auth.error.revoked")
    if found & _CONSENT_CODES:
        return failed("auth.error.consent")
    if found & _PUBLIC_CLIENT_CODES:
        return failed("auth.error.public_client")
    if found & _CLIENT_ID_CODES:
        return failed("auth.error.client_id")
    if found & _TENANT_CODES:
        return failed("auth.error.tenant")
    if found & _CONDITIONAL_ACCESS_CODES:
        return failed("auth.error.conditional_access")
    if error == "authorization_declined":
        return failed("auth.error.declined")
    if error in {"expired_token", "code_expired"} or (found & _EXPIRED_CODES):
        return failed("auth.error.code_expired")
    if error in {"temporarily_unavailable", "server_error"}:
        return AuthUnreachableError(t("auth.error.unreachable", detail=detail))
    if refreshing and error in {"invalid_grant", "interaction_required", "login_required",
                                "consent_required", "no_account_found"}:
        return sign_in("auth.error.sign_in_again")
    return failed("auth.error.generic", error=error or "?", detail=detail)


def _exception_to_auth_error(exc: BaseException) -> AuthError:
    """Exceptions from MSAL or its HTTP layer. Never includes request bodies (tokens)."""
    if isinstance(exc, AuthError):
        return exc
    if isinstance(exc, OSError):  # requests' errors derive from OSError too
        return AuthUnreachableError(t("auth.error.unreachable", detail=type(exc).__name__))
    name = type(exc).__name__
    if name == "MsalServiceError" and getattr(exc, "error", None):
        return _result_to_auth_error(
            {"error": exc.error, "error_description": getattr(exc, "error_description", "")},
            refreshing=False, hint="")
    if name == "MsalServiceError":  # raise_for_status() on a 5xx
        return AuthUnreachableError(t("auth.error.unreachable", detail=_first_line(str(exc))))
    log.debug("sign-in failed with %s", name)
    return AuthFailedError(t("auth.error.generic", error=name, detail=_first_line(str(exc))))


# --------------------------------------------------------------------------------------------
# Choosing a provider for a profile


def sandbox_tenant_for(profile: Profile) -> str:
    """The sandbox partner tenant: the profile's own, else the sandbox identity of its role."""
    if profile.tenant_id:
        return profile.tenant_id
    if profile.role is Role.INDIRECT_PROVIDER:
        return identity.PROVIDER_TENANT_ID
    return identity.RESELLER_TENANT_ID


def token_provider_for(settings: Settings) -> TokenProvider:
    profile = settings.profile
    if profile.is_sandbox:
        return SandboxTokenProvider(role=profile.role.value, tenant_id=sandbox_tenant_for(profile))
    if profile.auth is AuthMethod.ENV_TOKEN:
        return EnvTokenProvider()
    return DeviceCodeAuth(profile, settings.locations.token_cache)
