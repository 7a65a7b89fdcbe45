"""A mistake in the config file is told in the environment's language (LANG/LC_ALL): the file,
the key and what to write instead — never pydantic's or Python's English in Czech."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from csp_tui import cli, i18n
from csp_tui import sandbox_identity as identity
from csp_tui.config import ConfigError, load_settings

from .vocabulary import english_in

TENANT = "8d2a1c55-6b7e-4f10-9c3d-2e1f0a9b8c7d"
CLIENT = "3f0b6a2e-9c41-4d7a-8e55-1b2c3d4e5f60"
PC_PROFILE = f"""[profiles.pc]
kind = "partner-center"
role = "indirect-reseller"
tenant_id = "{TENANT}"
client_id = "{CLIENT}"
indirect_provider_id = "{identity.PROVIDER_TENANT_ID}"
"""

#: (config file, profile, key, Czech words, English words)
CASES = {
    "unknown key": (PC_PROFILE + 'tennant = "x"\n', "pc", "profiles.pc.tennant",
                    "neznámý klíč", "unknown key"),
    "bad tenant id": (PC_PROFILE.replace(TENANT, "a b"), "pc", "profiles.pc.tenant_id",
                      "musí být GUID tenantu nebo doména, např. contoso.onmicrosoft.com",
                      "must be a tenant GUID or a domain"),
    "plain http to another host": (
        PC_PROFILE + 'base_url = "http://sandbox.example.com:8765"\n',
        "pc", "profiles.pc.base_url",
        "musí být adresa https:// (obyčejné http:// jen na tento počítač",
        "must be an https:// URL"),
    "sandbox with an address": (
        '[profiles.demo]\nkind = "sandbox"\nbase_url = "http://127.0.0.1:8765"\n',
        "demo", "profiles.demo.base_url",
        "sandboxový profil ji nepoužívá", "is not used by a sandbox profile"),
    "text for a number": (PC_PROFILE + 'sync_interval_minutes = "often"\n', "pc",
                          "profiles.pc.sync_interval_minutes", "musí být celé číslo",
                          "must be a whole number"),
    "below the range": (PC_PROFILE + "rate_limit_per_minute = 0\n", "pc",
                        "profiles.pc.rate_limit_per_minute", "musí být alespoň 1",
                        "must be greater than or equal to 1"),
    "above the range": (PC_PROFILE + "request_timeout_seconds = 601\n", "pc",
                        "profiles.pc.request_timeout_seconds", "musí být nejvýše 600",
                        "must be less than or equal to 600"),
    "a value not in the list": ('[profiles.x]\nkind = "production"\n', "x", "profiles.x.kind",
                                'musí být jedna z hodnot "sandbox", "partner-center"',
                                'must be one of "sandbox", "partner-center"'),
    "not a boolean": (PC_PROFILE + 'read_only = "maybe"\n', "pc", "profiles.pc.read_only",
                      "musí být logická hodnota true nebo false", "must be true or false"),
    "reseller without its distributor": (
        PC_PROFILE.replace(f'indirect_provider_id = "{identity.PROVIDER_TENANT_ID}"\n', ""),
        "pc", "profiles.pc.indirect_provider_id",
        "nepřímý prodejce musí uvést ID tenantu svého distributora",
        "an indirect reseller needs its distributor's tenant id"),
    "unknown profile": (PC_PROFILE, "prod", "--profile",
                        "profil 'prod' neexistuje (známé profily: pc, sandbox, sandbox-provider)",
                        "no profile named 'prod'"),
}


def run_cli(home: Path, body: str, profile: str, lang: str,
            monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    (home / "config.toml").write_text(body, encoding="utf-8")
    monkeypatch.setenv("LANG", lang)
    assert cli.main(["info", "--profile", profile]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_config_error_in_czech(case: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    body, profile, key, czech, english = CASES[case]
    err = run_cli(isolated_home, body, profile, "cs_CZ.UTF-8", monkeypatch, capsys)
    path = str(isolated_home / "config.toml")
    assert err.startswith(f"Chyba konfigurace v {path}: {key}: ")
    assert czech in err
    assert english not in err
    # Nothing else in English: the path and the key are the person's own words.
    assert english_in(err.replace(path, "").replace(key, "")) == [], err


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_config_error_in_english(case: str, isolated_home: Path,
                                 monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    body, profile, key, czech, english = CASES[case]
    err = run_cli(isolated_home, body, profile, "en_US.UTF-8", monkeypatch, capsys)
    assert err.startswith(f"Configuration error in {isolated_home / 'config.toml'}: {key}: ")
    assert english in err
    assert czech not in err


def test_the_environment_decides_even_when_the_profile_names_a_language(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The broken profile's own ``language`` is not trusted: it is part of what failed."""
    czech_profile = PC_PROFILE + 'language = "cs"\ntennant = "x"\n'
    err = run_cli(isolated_home, czech_profile, "pc", "en_US.UTF-8", monkeypatch, capsys)
    assert "unknown key" in err and "neznámý" not in err
    english_profile = PC_PROFILE + 'language = "en"\ntennant = "x"\n'
    err = run_cli(isolated_home, english_profile, "pc", "cs_CZ.UTF-8", monkeypatch, capsys)
    assert "neznámý klíč" in err and "unknown key" not in err


def test_lc_all_wins_over_lang(isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LC_ALL", "cs_CZ.UTF-8")
    err = run_cli(isolated_home, PC_PROFILE + 'tennant = "x"\n', "pc", "en_US.UTF-8",
                  monkeypatch, capsys)
    assert "neznámý klíč" in err


def test_bad_toml_gives_the_place_in_czech_and_the_parser_words_as_data(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    err = run_cli(isolated_home, "[profiles.pc\nkind = 1\n", "pc", "cs_CZ.UTF-8",
                  monkeypatch, capsys)
    assert "(syntax): neplatný TOML na řádku 1, ve sloupci 13 (" in err
    # tomllib's own message follows in parentheses, as technical detail.
    detail = re.search(r"ve sloupci 13 \((.*)\)$", err.strip())
    assert detail is not None and "Expected" in detail.group(1)
    assert english_in(err.replace(detail.group(0), "")
                      .replace(str(isolated_home / "config.toml"), "")) == []


def test_unknown_profile_without_a_config_file(isolated_home: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "cs_CZ.UTF-8")
    assert cli.main(["customers", "--profile", "prod"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("Chyba konfigurace: --profile: profil 'prod' neexistuje "
                           "(známé profily: sandbox, sandbox-provider)")


def test_the_error_is_put_into_words_when_shown(isolated_home: Path) -> None:
    """Raised once, shown in whichever language is current then."""
    (isolated_home / "config.toml").write_text(PC_PROFILE.replace(TENANT, "x?y=1"),
                                              encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings("pc")
    error = raised.value
    assert (error.key, error.problem_key) == ("profiles.pc.tenant_id", "config.problem.tenant_id")
    i18n.set_language("cs")
    czech = str(error)
    i18n.set_language("en")
    english = str(error)
    path = str(isolated_home / "config.toml")
    assert czech == f"{path}: profiles.pc.tenant_id: " \
                    "musí být GUID tenantu nebo doména, např. contoso.onmicrosoft.com"
    assert english == f"{path}: profiles.pc.tenant_id: " \
                      "must be a tenant GUID or a domain such as contoso.onmicrosoft.com"


def test_pydantic_english_never_reaches_the_problem(isolated_home: Path) -> None:
    """The messages pydantic would have given are not what the person reads, in any language."""
    (isolated_home / "config.toml").write_text(
        PC_PROFILE + 'sync_interval_minutes = "often"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings("pc")
    assert "valid integer" not in raised.value.problem  # pydantic: "Input should be a valid …"
    assert "Input should" not in raised.value.problem


def test_a_config_path_that_is_a_directory(isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    (isolated_home / "config.toml").mkdir()
    monkeypatch.setenv("LANG", "cs_CZ.UTF-8")
    assert cli.main(["info"]) == 2
    err = capsys.readouterr().err
    assert f"{isolated_home / 'config.toml'}: (file): je to adresář, ne soubor" in err
    assert "Is a directory" not in err  # the system's English words are not needed here


def test_a_key_spelled_with_escape_sequences_does_not_reach_the_terminal(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    err = run_cli(isolated_home, '"\\u001b]52;c;ZXZpbA==\\u0007x" = 1\n', "sandbox",
                  "cs_CZ.UTF-8", monkeypatch, capsys)
    assert "\x1b" not in err and "\x07" not in err
    assert "]52;c;ZXZpbA==x: neznámý klíč" in err
