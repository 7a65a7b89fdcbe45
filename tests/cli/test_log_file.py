"""The log file: where `info` says, written by every command, tracebacks of background
errors in it (and only words on the screen), --debug adds each call to Partner Center."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

from csp_tui import cli


def _log_path(capsys) -> Path:
    assert cli.main(["info", "--json"]) == 0
    return Path(json.loads(capsys.readouterr().out)["paths"]["log_file"])


def test_info_names_the_log_file_and_commands_write_it_privately(isolated_home, capsys):
    path = _log_path(capsys)
    assert path == isolated_home / "logs" / "csp-tui.log"
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_failure_inside_the_sync_is_a_traceback_in_the_log_and_words_on_screen(
        isolated_home, capsys, monkeypatch):
    from csp_tui.cache import store

    def broken(*args, **kwargs):
        raise RuntimeError("disk says no")

    monkeypatch.setattr(store, "write_customer_detail", broken)
    assert cli.main(["sync", "--debug"]) == cli.EXIT_FAILURE
    shown = capsys.readouterr()
    assert "Traceback" not in shown.out + shown.err
    assert "disk says no" in shown.out + shown.err
    text = _log_path(capsys).read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "RuntimeError: disk says no" in text
    assert "DEBUG csp_tui.partner_center.client [" in text and "GET /v1/customers" in text
    assert "Bearer" not in text


def test_log_level_warning_leaves_debug_out(isolated_home, capsys):
    assert cli.main(["customers", "--log-level", "warning"]) == 0
    capsys.readouterr()
    logging.getLogger("csp_tui.test").info("an info line")
    logging.getLogger("csp_tui.test").warning("a warning line")
    text = _log_path(capsys).read_text(encoding="utf-8")
    assert "a warning line" in text and "an info line" not in text
