"""``/_emulator/auth``: the emulated Entra ID's side of tokens — expiring and revoking them,
requiring MFA, and issuing new ones (a sign-in)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox.api_error import ApiError
from csp_tui.sandbox.context import SandboxContext
from csp_tui.sandbox.entities import ROLE_PROVIDER, ROLE_RESELLER, ROLES, Caller
from csp_tui.sandbox.routes.common import api, json_body, sandbox_of

_AUTH_KEYS = {"expire", "revoke", "revokeall", "signin", "reset", "requiremfa", "issue"}
_ISSUE_KEYS = {"role", "tenant", "mfa", "token"}


def _issue(request: Request, ctx: SandboxContext, spec: Any) -> str:
    """``{"issue": {"role", "tenant", "mfa", "token"}}``: a sign-in at the emulated Entra ID.
    A served sandbox issues only to a holder of a token it issued before (the ``--token`` one),
    so its tokens cannot be minted by anybody who can reach the port."""
    if spec is True:
        spec = {}
    if not isinstance(spec, dict) or set(map(str, spec)) - _ISSUE_KEYS:
        raise ApiError(400, 3000, f"issue takes an object with {', '.join(sorted(_ISSUE_KEYS))}.")
    if ctx.tokens.issued_only and ctx.token_for(request.headers.get("authorization")) is None:
        raise ApiError(401, 800001, "Issuing a token needs the sandbox's token "
                                    "(Authorization: Bearer ...).")
    role = spec.get("role", ctx.world.default_caller.role)
    tenant = spec.get("tenant")
    if role not in ROLES:
        raise ApiError(400, 3000, f"role must be one of {', '.join(ROLES)}.")
    if tenant is None:
        tenant = (ctx.world.default_caller.tenant_id if role == ctx.world.default_caller.role
                  else {ROLE_RESELLER: identity.RESELLER_TENANT_ID,
                        ROLE_PROVIDER: identity.PROVIDER_TENANT_ID}.get(role, ""))
    mfa = spec.get("mfa", True)
    token = spec.get("token")
    if not isinstance(tenant, str) or not tenant or not isinstance(mfa, bool) or (
            token is not None and (not isinstance(token, str) or not token.strip())):
        raise ApiError(400, 3000, "tenant and token must be text, mfa true or false.")
    return ctx.issue_token(Caller(role, tenant), mfa=mfa, token=token)


@api
async def emulator_auth(request: Request) -> Response:
    """Token faults: ``{"expire": [tokens]}`` (those tokens get 401; a refreshed one works),
    ``{"revoke": [tokens]}`` (every token of those tokens' callers gets 401),
    ``{"revoke_all": true}`` (every token of every caller), ``{"sign_in": true}`` (revocations
    end: the person signed in again), ``{"reset": true}`` (no token faults at all),
    ``{"require_mfa": true}`` (every call answers 401 with Partner Center's MFA requirement
    until it carries a token marked as MFA issued after this), ``{"issue": {...}}`` (a new
    token, returned as ``token``: see :func:`_issue`)."""
    ctx = sandbox_of(request)
    if request.method == "POST":
        body = await json_body(request)
        if not isinstance(body, dict):
            raise ApiError(400, 3000, "Send the token faults as a JSON object.")
        settings = {str(key).replace("_", "").replace("-", "").lower(): value
                    for key, value in body.items()}
        unknown = sorted(set(settings) - _AUTH_KEYS)
        if unknown:
            raise ApiError(400, 3000, f"unknown token fault setting(s): {', '.join(unknown)}")
        for key in ("expire", "revoke"):
            tokens = settings.get(key, [])
            if not isinstance(tokens, list) or not all(
                    isinstance(token, str) and token.strip() for token in tokens):
                raise ApiError(400, 3000, f"{key} must be a list of tokens.")
        for key in ("revokeall", "signin", "reset", "requiremfa"):
            if not isinstance(settings.get(key, False), bool):
                raise ApiError(400, 3000, f"{key} must be true or false.")
        if settings.get("reset"):
            ctx.auth.reset()
        if settings.get("signin"):
            ctx.auth.sign_in()
        ctx.auth.expire([token.strip() for token in settings.get("expire", [])])
        for token in settings.get("revoke", []):
            caller = ctx.tokens.caller_of(token.strip())
            if caller is not None:
                ctx.auth.revoke(caller.key)
        if settings.get("revokeall"):
            ctx.auth.revoke_all()
        if settings.get("requiremfa"):
            ctx.auth.require_mfa(ctx.tokens.sequence)
        if "issue" in settings:
            issued = _issue(request, ctx, settings["issue"])
            return JSONResponse({**ctx.auth.snapshot(), "token": issued})
    return JSONResponse(ctx.auth.snapshot())
