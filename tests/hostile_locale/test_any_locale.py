"""Listings and info in a locale whose encoding cannot show every character: no traceback,
text output replaces what it cannot show, JSON keeps the exact data as escapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from csp_tui.cache import store
from csp_tui.cache.db import open_cache
from csp_tui.cache.store import CustomerRow
from csp_tui.config import load_settings

NAME = "Šumavská ↓ pekárna ☃ Ελλάδα 😀"


def _cache_with_a_customer() -> None:
    settings = load_settings(None)
    settings.locations.ensure_profile_dir()
    cache = open_cache(settings.locations.cache_db)
    try:
        run = store.start_run(cache, "full")
        store.upsert_customer_page(cache, [CustomerRow("c1", NAME, "sumava.cz", "reseller")],
                                   run_id=run)
        store.finish_run(cache, run, "ok")
    finally:
        cache.close()


def _cli(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, LANG="cs_CZ.ISO-8859-2", LC_ALL="cs_CZ.ISO-8859-2",
               PYTHONIOENCODING=encoding, PYTHONCOERCECLOCALE="0", PYTHONUTF8="0")
    return subprocess.run([sys.executable, "-m", "csp_tui", *args], capture_output=True,
                          env=env, timeout=120)


@pytest.mark.parametrize("encoding", ["iso-8859-2", "ascii"])
def test_listings_survive_a_narrow_encoding(encoding):
    _cache_with_a_customer()
    for args in (["customers"], ["info"], ["log"], ["subscriptions"]):
        done = _cli(*args, encoding=encoding)
        assert done.returncode == 0, done.stderr.decode(encoding, "replace")
        assert b"Traceback" not in done.stderr and b"UnicodeEncodeError" not in done.stderr
    shown = _cli("customers", encoding=encoding).stdout.decode(encoding)
    assert "sumava.cz" in shown and "?" in shown  # what the encoding lacks is replaced


@pytest.mark.parametrize("encoding", ["iso-8859-2", "ascii"])
def test_json_keeps_the_exact_data_in_a_narrow_encoding(encoding):
    _cache_with_a_customer()
    done = _cli("customers", "--json", encoding=encoding)
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    [customer] = json.loads(done.stdout.decode("ascii"))
    assert customer["company_name"] == NAME
