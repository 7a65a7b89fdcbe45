"""Runs last (the name sorts after every other module here): every token and password the
reliability scenarios handed to csp-tui is looked for in every file the test run produced —
the pytest temporary directory (profiles, caches, state.db with its command log, sandbox world
files, exports) and the console snapshot files. None may be there.

The token cache (``token-cache.json``, 0600, see ``test_security.py``) is the one file whose
job is to hold a refresh token; it is the only file not searched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SecretRegistry, files_under

TESTS = Path(__file__).resolve().parents[1]
TOKEN_CACHE = "token-cache.json"


def _places(basetemp: Path) -> list[Path]:
    return [basetemp, *sorted(TESTS.glob("**/__snapshots__"))]


def test_no_secret_the_suite_used_is_in_any_file_it_wrote(tmp_path_factory):
    secrets = SecretRegistry().values
    if not secrets:
        pytest.skip("run with the other reliability modules: no secret was used yet")
    needles = {secret: secret.encode("utf-8") for secret in secrets}
    scanned = 0
    found: dict[str, list[str]] = {}
    for root in _places(tmp_path_factory.getbasetemp()):
        for path in files_under(root):
            if path.name == TOKEN_CACHE:
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue  # a socket or a file another test removed meanwhile
            scanned += 1
            for secret, needle in needles.items():
                if needle in data:
                    found.setdefault(str(path), []).append(secret[:10] + "…")
    assert scanned >= 20, "the sweep looked at the files the suite wrote"
    assert found == {}
    # The secrets were real inputs: tokens sent on every request, passwords shown once.
    assert any(secret.startswith(("rel-token", "env-token")) for secret in secrets)
