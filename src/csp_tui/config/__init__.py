"""Profiles and settings, read from one TOML file.

A profile says which Partner Center to talk to (the embedded sandbox or the real API), as whom
(role, tenants, app registration) and how (auth, read-only). With no config file at all the
built-in ``sandbox`` profile is used, so a new user sees the whole product without an account.

This package is the configuration's one interface; its modules:

- :mod:`~.profiles` — what a profile is, the built-in ones, the settings a program runs with;
- :mod:`~.loading` — reading the file and picking the profile;
- :mod:`~.problems` and :mod:`~.errors` — what is wrong with the file, in the person's words;
- :mod:`~.language_file` — saving the language chosen on the console into the file.
"""

from __future__ import annotations

from csp_tui.config.errors import ConfigError
from csp_tui.config.language_file import ProfileNotInFile, UnsafeEdit, save_profile_language
from csp_tui.config.loading import load_settings
from csp_tui.config.profiles import (
    DEFAULT_PROFILE,
    PRODUCTION_BASE_URL,
    PROFILE_ENV,
    SANDBOX_RATE_LIMIT,
    AuthMethod,
    Profile,
    ProfileKind,
    Role,
    Settings,
    builtin_profiles,
)

__all__ = [
    "DEFAULT_PROFILE", "PRODUCTION_BASE_URL", "PROFILE_ENV", "SANDBOX_RATE_LIMIT", "AuthMethod",
    "ConfigError", "Profile", "ProfileKind", "ProfileNotInFile", "Role", "Settings",
    "UnsafeEdit", "builtin_profiles", "load_settings", "save_profile_language",
]
