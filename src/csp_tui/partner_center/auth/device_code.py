"""A real Entra ID sign-in through MSAL's device code flow, which works over SSH because the
browser runs on another machine. The token cache (refresh token included) lives in one file
readable by the owner only.

:meth:`DeviceCodeAuth.get_token` never starts an interactive sign-in by itself: a background
sync must not block on a person. It raises
:class:`~csp_tui.partner_center.auth.errors.SignInRequiredError` and the console (or
``csp-tui login``) runs the device flow."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csp_tui.config import Profile
from csp_tui.i18n import t
from csp_tui.partner_center.auth.errors import (
    LOGIN_COMMAND,
    AuthCancelledError,
    AuthError,
    AuthFailedError,
    SignInRequiredError,
)
from csp_tui.partner_center.auth.mfa_step_up import MfaStepUp, text_or_none
from csp_tui.partner_center.auth.msal_errors import (
    exception_to_auth_error,
    first_line,
    result_to_auth_error,
)
from csp_tui.partner_center.auth.private_files import remove_token_cache
from csp_tui.partner_center.auth.providers import PARTNER_CENTER_RESOURCE
from csp_tui.partner_center.auth.token_cache import TokenCacheFile

if TYPE_CHECKING:  # msal (and requests under it) is imported only when a real sign-in is used
    import msal  # msal ships no type information (mypy: ignore_missing_imports)

log = logging.getLogger(__name__)


PARTNER_CENTER_SCOPES = [f"{PARTNER_CENTER_RESOURCE}/user_impersonation"]


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


class DeviceCodeAuth(MfaStepUp, TokenCacheFile):
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
        self._mfa_state = {}
        self._mfa_signature = None

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
            claims = text_or_none(state.get("claims")) if state.get("status") == "pending" \
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
                raise exception_to_auth_error(exc) from None
            finally:
                self._persist()
        if not result:
            raise SignInRequiredError(self._sign_in_hint())
        if "error" in result:
            error = result_to_auth_error(result, refreshing=True, hint=self._login_hint())
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
            raise exception_to_auth_error(exc) from None
        if "user_code" not in flow:
            raise result_to_auth_error(flow, refreshing=False, hint=self._login_hint())
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
            raise exception_to_auth_error(exc) from None
        finally:
            with self._lock:
                self._persist()
        if "access_token" not in result:
            if prompt.cancelled:
                raise AuthCancelledError(t("auth.error.cancelled"), error=result.get("error"))
            raise result_to_auth_error(result, refreshing=False, hint=self._login_hint())
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
                                            detail=first_line(str(exc)))) from None
                except Exception as exc:
                    raise exception_to_auth_error(exc) from None
            return self._app

    def _cached_account(self) -> dict[str, Any] | None:
        cache = self._token_cache()
        accounts = list(cache.search(cache.CredentialType.ACCOUNT))
        return _pick_account(accounts, self.profile.tenant_id)


def _quiet_msal_debug_log() -> None:
    """MSAL's DEBUG records include the device code (redeemable for tokens) in request
    bodies. Unless someone configured the ``msal`` logger on purpose, keep them out of our
    logs even when the application logs at DEBUG."""
    msal_log = logging.getLogger("msal")
    if msal_log.level == logging.NOTSET:
        msal_log.setLevel(logging.INFO)


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
