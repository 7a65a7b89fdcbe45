"""``csp-tui completion bash|zsh|fish``: the bash script is generated, sourced in a real bash,
and asked for completions as bash asks (COMP_WORDS/COMP_CWORD); profiles come from the config
at completion time."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from csp_tui import cli

BASH = shutil.which("bash")
PROGRAM = Path(sys.executable).with_name("csp-tui")


def _script(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(["completion", shell]) == 0
    return capsys.readouterr().out


def _complete(script: Path, words: list[str], home: Path) -> list[str]:
    """What bash offers for the last of ``words`` (the word being typed)."""
    quoted = " ".join("'" + word.replace("'", "'\\''") + "'" for word in words)
    code = (f"source '{script}'\n"
            f"COMP_WORDS=('{PROGRAM}' {quoted})\n"
            f"COMP_CWORD={len(words)}\n"
            "_csp_tui\n"
            "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    result = subprocess.run([BASH, "--norc", "--noprofile", "-c", code], capture_output=True,
                            text=True, timeout=60, env={"CSP_TUI_HOME": str(home),
                                                        "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return sorted(line for line in result.stdout.splitlines() if line)


@pytest.fixture
def bash_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    if BASH is None:
        pytest.skip("no bash on this machine")
    assert PROGRAM.exists(), PROGRAM
    path = tmp_path / "csp-tui.bash"
    path.write_text(_script("bash", capsys), encoding="utf-8")
    return path


def test_bash_completes_commands_options_and_values(bash_script: Path,
                                                    isolated_home: Path) -> None:
    assert _complete(bash_script, ["sub"], isolated_home) == ["subscription", "subscriptions"]
    assert _complete(bash_script, ["subscription", ""], isolated_home) == [
        "auto-renew", "cancel", "reactivate", "set-quantity", "suspend"]
    assert _complete(bash_script, ["customers", "--o"], isolated_home) == ["--output"]
    assert _complete(bash_script, ["log", "-o", "j"], isolated_home) == ["json", "jsonl"]
    # An option's value is skipped when finding the command: `--profile x log --e`.
    assert _complete(bash_script, ["--profile", "x", "log", "--e"], isolated_home) == [
        "--errors"]
    assert _complete(bash_script, ["completion", ""], isolated_home) == ["bash", "fish", "zsh"]
    # `--output=js`: bash hands the "=" over as a word of its own.
    assert _complete(bash_script, ["customers", "--output", "=", "js"], isolated_home) == [
        "json", "jsonl"]
    assert _complete(bash_script, ["customers", "--output", "="], isolated_home) == [
        "csv", "json", "jsonl", "table", "tsv"]


def test_bash_completes_profiles_from_the_config(bash_script: Path,
                                                 isolated_home: Path) -> None:
    (isolated_home / "config.toml").write_text(
        '[profiles.prod-cz]\nkind = "sandbox"\n[profiles.prod-sk]\nkind = "sandbox"\n',
        encoding="utf-8")
    assert _complete(bash_script, ["--profile", "prod"], isolated_home) == [
        "prod-cz", "prod-sk"]
    assert _complete(bash_script, ["customers", "-p", "sandbox-p"], isolated_home) == [
        "sandbox-provider"]


def test_zsh_runs_the_bash_function_through_bashcompinit(
        capsys: pytest.CaptureFixture[str]) -> None:
    zsh = _script("zsh", capsys)
    assert zsh.startswith("#compdef csp-tui")
    assert "bashcompinit" in zsh and "complete -F _csp_tui csp-tui" in zsh


def test_fish_lists_commands_options_and_profiles(capsys: pytest.CaptureFixture[str]) -> None:
    fish = _script("fish", capsys).splitlines()
    assert "complete -c csp-tui -n '__fish_use_subcommand' -a customers" in "\n".join(fish)
    subscription = [line for line in fish
                    if "'__fish_seen_subcommand_from subscription; and not" in line]
    commands = [line for line in subscription if " -l " not in line and " -s " not in line]
    assert {line.split(" -a ")[1].split()[0] for line in commands} == {
        "set-quantity", "auto-renew", "suspend", "reactivate", "cancel"}
    assert any("-l output" in line and "'table json jsonl csv tsv'" in line for line in fish)
    assert any("-l profile" in line and "completion --list-profiles" in line for line in fish)


def test_profile_names_for_the_scripts(isolated_home: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    (isolated_home / "config.toml").write_text('[profiles.prod]\nkind = "sandbox"\n',
                                               encoding="utf-8")
    assert cli.main(["completion", "--list-profiles"]) == 0
    assert "prod" in capsys.readouterr().out.split()
