"""A sandbox world with a frozen clock, and profiles fast enough for tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.config import load_settings
from csp_tui.sandbox.world import World

FROZEN_AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

# Short timeouts so injected hangs cost a fraction of a second; a generous client-side rate
# limit so tests are not paced like production.
FAST_PROFILE = """
[profiles.sandbox]
kind = "sandbox"
rate_limit_per_minute = 100000
request_timeout_seconds = 0.5
sync_concurrency = 4
"""


def write_config(home: Path, extra: str = "") -> None:
    (home / "config.toml").write_text(FAST_PROFILE + extra, encoding="utf-8")


def frozen_world_file(path: Path, *, customers: int = 60, seed: int = 7) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    World.generate(seed, customers, now=FROZEN_AT, frozen=True).save(path)
    return path


@pytest.fixture
def settings(isolated_home):
    write_config(isolated_home)
    settings = load_settings("sandbox")
    frozen_world_file(settings.locations.sandbox_state)
    return settings


def loopback_profile(name: str, base_url: str) -> str:
    """A partner-center profile pointed at a sandbox served on loopback — production code path
    except the address and the token."""
    return f"""
[profiles.{name}]
kind = "partner-center"
base_url = "{base_url}"
role = "indirect-reseller"
tenant_id = "{identity.RESELLER_TENANT_ID}"
indirect_provider_id = "{identity.PROVIDER_TENANT_ID}"
auth = "env-token"
rate_limit_per_minute = 100000
request_timeout_seconds = 5
sync_concurrency = 4
"""
