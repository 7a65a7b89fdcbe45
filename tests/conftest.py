"""Isolation for every test: no real home directory, no colour/theme leakage, English."""

from __future__ import annotations

import os

import pytest

# The state tests' engines (SQLite and a throwaway PostgreSQL): fixtures for every directory.
from state_engines import open_store, pg_cluster, pg_url, state_engine, store  # noqa: F401

# Read by Textual at import time: scrub before any test module imports it. The snapshot
# plugin's own variables (its shared temp dir under xdist) must stay.
for _name in list(os.environ):
    if (_name.startswith("TEXTUAL_") and not _name.startswith("TEXTUAL_SNAPSHOT")) \
            or _name == "NO_COLOR":
        del os.environ[_name]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Every path csp-tui uses lives under a fresh CSP_TUI_HOME."""
    home = tmp_path_factory.mktemp("csp-home")
    monkeypatch.setenv("CSP_TUI_HOME", str(home))
    monkeypatch.delenv("CSP_TUI_PROFILE", raising=False)
    monkeypatch.delenv("CSP_TUI_ACCESS_TOKEN", raising=False)
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    from csp_tui import i18n

    i18n.set_language("en")
    yield home
    i18n.set_language("en")
    # A command run in-process attached the log file of this test's home: detach it.
    from csp_tui import log_file

    log_file.stop()
