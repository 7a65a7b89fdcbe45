"""Choosing the token provider for a profile."""

from __future__ import annotations

from csp_tui import sandbox_identity as identity
from csp_tui.config import AuthMethod, Profile, Role, Settings
from csp_tui.partner_center.auth.device_code import DeviceCodeAuth
from csp_tui.partner_center.auth.providers import (
    EnvTokenProvider,
    SandboxTokenProvider,
)
from csp_tui.partner_center.token_source import TokenProvider


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
