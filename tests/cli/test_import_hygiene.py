"""The headless commands must not import Textual: they run from cron and scripts, and a
console framework on their import path costs start-up time for nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

COMMANDS = [
    ["info", "--json"],
    ["customers", "--json"],
    ["subscriptions", "--json"],
    ["invitations", "--json"],
    ["log", "--json"],
    ["sandbox", "advance", "--hours", "0"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a))
def test_headless_command_does_not_import_textual(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from csp_tui import cli\n"
        f"status = cli.main({argv!r})\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print('TEXTUAL_MODULES=' + ','.join(loaded))\n"
        "raise SystemExit(status)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    marker = [line for line in result.stdout.splitlines() if line.startswith("TEXTUAL_MODULES=")]
    assert marker == ["TEXTUAL_MODULES="], marker
