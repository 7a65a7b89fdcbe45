"""Where csp-tui keeps its files.

One module decides every path so `csp-tui info` can print them and tests can redirect all of
them at once with ``CSP_TUI_HOME``.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "csp-tui"
HOME_ENV = "CSP_TUI_HOME"

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def is_safe_profile_name(name: str) -> bool:
    """Profile names become directory names: keep them to a portable character set."""
    return bool(_SAFE_NAME.match(name)) and name not in {".", ".."}


@dataclass(frozen=True)
class Locations:
    """Every path csp-tui reads or writes, for one profile."""

    config_file: Path
    data_dir: Path
    profile: str
    # The platform's log directory; None: ``logs`` in the data directory (CSP_TUI_HOME).
    log_dir: Path | None = None

    @property
    def profile_dir(self) -> Path:
        return self.data_dir / "profiles" / self.profile

    @property
    def cache_db(self) -> Path:
        """What can be rebuilt from Partner Center."""
        return self.profile_dir / "cache.db"

    @property
    def state_db(self) -> Path:
        """What cannot be rebuilt: invitations, outbox, drafts, the command log."""
        return self.profile_dir / "state.db"

    @property
    def token_cache(self) -> Path:
        return self.profile_dir / "token-cache.json"

    @property
    def sandbox_state(self) -> Path:
        """The embedded sandbox's world, so it persists across runs of the app and the CLI."""
        return self.profile_dir / "sandbox.json"

    @property
    def exports_dir(self) -> Path:
        """Files the user asked us to write (copied links, tenant requests for the distributor)."""
        return self.profile_dir / "exports"

    @property
    def log_file(self) -> Path:
        """The rotating log of every command and console (shared by all profiles)."""
        return (self.log_dir or self.data_dir / "logs") / "csp-tui.log"

    def ensure_profile_dir(self) -> Path:
        """Create the profile directory readable by the owner only (it holds the token cache),
        and every directory above it that csp-tui creates (``mkdir(parents=True)`` would leave
        those to the umask: 0777 under ``umask 000``)."""
        private_dirs(self.profile_dir)
        with contextlib.suppress(OSError):
            os.chmod(self.data_dir / "profiles", 0o700)
        return self.profile_dir

    def as_dict(self) -> dict[str, str]:
        return {
            "config": str(self.config_file),
            "data": str(self.data_dir),
            "profile_dir": str(self.profile_dir),
            "cache_db": str(self.cache_db),
            "state_db": str(self.state_db),
            "token_cache": str(self.token_cache),
            "sandbox_state": str(self.sandbox_state),
            "exports": str(self.exports_dir),
            "log_file": str(self.log_file),
        }


def private_dirs(directory: Path) -> None:
    """Create ``directory`` and its missing parents, each 0700 whatever the umask; the leaf is
    made 0700 even when it existed."""
    missing: list[Path] = []
    candidate = directory
    while not candidate.exists() and candidate != candidate.parent:
        missing.append(candidate)
        candidate = candidate.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)
    with contextlib.suppress(OSError):
        os.chmod(directory, 0o700)


def base_dirs() -> tuple[Path, Path]:
    """(config file, data directory): ``$CSP_TUI_HOME`` puts both in one place."""
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser()
        return root / "config.toml", root
    config_dir = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    data_dir = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return config_dir / "config.toml", data_dir


def locations_for(profile: str) -> Locations:
    config_file, data_dir = base_dirs()
    log_dir = None if os.environ.get(HOME_ENV) else Path(
        platformdirs.user_log_dir(APP_NAME, appauthor=False))
    return Locations(config_file=config_file, data_dir=data_dir, profile=profile,
                     log_dir=log_dir)
