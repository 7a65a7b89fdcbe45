"""``csp-tui info`` names the versions a bug report needs, in text and in JSON."""

from __future__ import annotations

import json
import platform
import sqlite3
from importlib import metadata

import pytest

from csp_tui import __version__, cli


def test_info_json_carries_the_versions(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["info", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["versions"]
    assert found == {
        "csp_tui": __version__,
        "python": f"{platform.python_version()} {platform.python_implementation()}",
        "textual": metadata.version("textual"),
        "rich": metadata.version("rich"),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def test_info_text_shows_them_in_the_persons_language(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "cs_CZ.UTF-8")
    assert cli.main(["info"]) == 0
    lines = capsys.readouterr().out.splitlines()
    heading = lines.index("Verze")
    section = lines[heading + 1:]
    assert any(line.split()[:2] == ["Textual", metadata.version("textual")] for line in section)
    assert any(line.split()[:2] == ["SQLite", sqlite3.sqlite_version] for line in section)
    assert any("systém" in line and platform.system() in line for line in section)
