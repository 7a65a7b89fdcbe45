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


def test_plain_csp_tui_reads_its_arguments_as_the_full_parser_would() -> None:
    # `csp-tui` with no arguments skips building the parser: its answer must stay the one the
    # parser gives (a new top-level option with a default must be added to both).
    from csp_tui.cli.main import build_parser, console_defaults

    assert vars(console_defaults()) == vars(build_parser().parse_args([]))


def test_plain_csp_tui_does_not_load_the_listings_output_modules() -> None:
    # The console's start: argv empty, the parser (and csv, the listings' output) not built.
    code = (
        "import sys\n"
        "from csp_tui.cli import main as cli_main\n"
        "module = sys.modules['csp_tui.cli.main']\n"
        "module._resolve = lambda name: (lambda args, settings: print('COMMAND=' + name))\n"
        "cli_main([])\n"
        "print('LOADED=' + ','.join(sorted(m for m in sys.modules if m in "
        "('csv', 'csp_tui.cli.output', 'csp_tui.cli.subscription_args'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "COMMAND=console" in result.stdout
    assert "LOADED=\n" in result.stdout + "\n", result.stdout
