"""Private directories whatever the umask; no symbolic link followed for the token cache or
the databases."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from csp_tui import cli
from csp_tui.cache.db import open_cache
from csp_tui.config import load_settings
from csp_tui.db import DatabaseError
from csp_tui.state.db import open_state


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_000():
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_directories_are_private_under_umask_000(tmp_path, monkeypatch, umask_000):
    home = tmp_path / "new" / "home"
    monkeypatch.setenv("CSP_TUI_HOME", str(home))
    settings = load_settings(None)
    settings.locations.ensure_profile_dir()
    for directory in (home, home / "profiles", settings.locations.profile_dir):
        assert _mode(directory) == 0o700, directory
    assert _mode(tmp_path / "new") == 0o700  # created on the way, so private too


@pytest.mark.parametrize("name", ["cache.db", "state.db", "state.db-wal"])
def test_a_planted_symlink_for_a_database_is_refused_with_its_path(isolated_home, tmp_path,
                                                                   name, capsys):
    settings = load_settings(None)
    settings.locations.ensure_profile_dir()
    elsewhere = tmp_path / "elsewhere.db"
    planted = settings.locations.profile_dir / name
    planted.symlink_to(elsewhere)
    opener = open_cache if name.startswith("cache") else open_state
    path = settings.locations.cache_db if name.startswith("cache") else settings.locations.state_db
    with pytest.raises(DatabaseError) as raised:
        opener(path)
    assert str(planted) in str(raised.value) and "symbolic link" in str(raised.value)
    assert not elsewhere.exists()  # nothing created where the link points
    assert planted.is_symlink()  # and the link was not "moved aside" as a corrupt cache
    assert cli.main(["customers"]) == cli.EXIT_FAILURE
    assert "symbolic link" in capsys.readouterr().err
    assert not elsewhere.exists()
