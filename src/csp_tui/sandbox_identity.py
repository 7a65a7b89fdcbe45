"""Fixed identities of the sandbox world and the sandbox token spelling.

Read by the built-in sandbox profiles (``config``), the auth adapter (the tokens it issues to a
sandbox profile) and the emulator (``sandbox/``). A leaf with no imports, outside the emulator's
package, so production code names them without importing ``csp_tui.sandbox``.
"""

# Where the emulator mounted in-process for a sandbox profile answers (a name that can never
# resolve: nothing leaves the process).
SANDBOX_BASE_URL = "https://sandbox.csp-tui.invalid"

# The distributor (indirect provider) the sandbox reseller buys through.
PROVIDER_TENANT_ID = "6f1c2a90-3d4b-4e8f-9a10-2b3c4d5e6f70"
PROVIDER_NAME = "Moravia Cloud Distribuce s.r.o."
PROVIDER_MPN_ID = "5120001"

# The indirect reseller that the default `sandbox` profile signs in as.
RESELLER_TENANT_ID = "0a7e3f52-8c61-4b2d-9e4f-1d2c3b4a5968"
RESELLER_NAME = "Vltava IT Partner s.r.o."
RESELLER_MPN_ID = "6240417"

# A second reseller of the same distributor (visible to the provider profile only).
OTHER_RESELLER_TENANT_ID = "3b9d1e07-5f2a-4c6b-8d3e-7a6b5c4d3e21"
OTHER_RESELLER_NAME = "Krkonoše Software a.s."
OTHER_RESELLER_MPN_ID = "6240588"

# Demo customers in a new world. A few belong to the other reseller (only the distributor sees
# them), so the default reseller profile sees a round 60.
DEFAULT_CUSTOMERS = 67

SANDBOX_TOKEN_PREFIX = "sandbox"


def sandbox_token(role: str, tenant_id: str) -> str:
    """An opaque bearer token the emulator decodes into (role, partner tenant)."""
    return f"{SANDBOX_TOKEN_PREFIX}.{role}.{tenant_id}"

# A sandbox token from a sign-in approved with multi-factor authentication: the nonce makes each
# step-up a new token, so the sandbox can tell it was issued after it started asking for MFA.
SANDBOX_MFA_TOKEN_PREFIX = "sandbox-mfa"


def sandbox_mfa_token(role: str, tenant_id: str, nonce: str) -> str:
    """Like :func:`sandbox_token`, marked as carrying the ``amr: mfa`` claim."""
    return f"{SANDBOX_MFA_TOKEN_PREFIX}.{nonce}.{role}.{tenant_id}"
