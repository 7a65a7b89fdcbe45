"""``csp-tui today`` as a cron job runs it: a plain report in the profile's language, no
colour, stable JSON fields, the marker moved only when asked, a wrong duration refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from csp_tui import cli
from csp_tui.cache.db import open_cache
from csp_tui.config import load_settings
from csp_tui.sandbox import synthetic_cache as synthetic
from csp_tui.state import seen_marks
from csp_tui.state.db import open_state

ENTRY_FIELDS = {"section", "kind", "at", "customer_id", "subscription_id", "invitation_id",
                "text", "fields"}


def _czech_profile(home) -> None:
    (home / "config.toml").write_text('[profiles.rano]\nkind = "sandbox"\nlanguage = "cs"\n',
                                      encoding="utf-8")
    settings = load_settings("rano")
    settings.locations.ensure_profile_dir()
    cache = open_cache(settings.locations.cache_db)
    state = open_state(settings.locations.state_db)
    synthetic.populate(cache, state, customers=40, seed=7, now="2026-11-24T09:00:00Z",
                       invitations=10)
    cache.close()
    state.close()


def test_the_morning_report_in_czech_without_colour(isolated_home) -> None:
    _czech_profile(isolated_home)
    env = {**os.environ, "CSP_TUI_HOME": str(isolated_home), "TERM": "xterm-256color",
           "FORCE_COLOR": "1"}
    # Piped, as cron runs it.
    answer = subprocess.run([sys.executable, "-m", "csp_tui", "today", "--profile", "rano"],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert answer.returncode == 0, answer.stderr
    text = answer.stdout
    assert "Od posledního pohledu (ještě nikdy: vše zaznamenané)" in text
    assert "K vyřízení" in text and "Obnovení licencí po týdnech" in text
    assert "\x1b" not in text
    for english in ("Since you last looked", "Due\n", "seats"):
        assert english not in text


def test_json_fields_and_the_marker(isolated_home, capsys) -> None:
    _czech_profile(isolated_home)
    capsys.readouterr()
    assert cli.main(["today", "--profile", "rano", "--output", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document) == {"profile", "since", "now", "changed", "due", "renewals_by_week",
                             "more"}
    assert document["since"] is None and document["due"]
    assert all(set(entry) == ENTRY_FIELDS for entry in document["due"])
    assert len(document["renewals_by_week"]) == 13
    settings = load_settings("rano")
    state = open_state(settings.locations.state_db)
    assert seen_marks.last_seen(state) is None  # reading is not looking
    assert cli.main(["today", "--profile", "rano", "--mark-seen"]) == 0
    assert seen_marks.last_seen(state) is not None
    assert "Označeno jako viděné" in capsys.readouterr().err
    state.close()


def test_a_wrong_duration_is_refused_in_words(isolated_home, capsys) -> None:
    _czech_profile(isolated_home)
    assert cli.main(["today", "--profile", "rano", "--since", "tři dny"]) == 2
    assert "--since tři dny: napište číslo a jednotku" in capsys.readouterr().err
