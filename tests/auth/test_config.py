"""Profiles and paths (config.py, locations.py) and what ``csp-tui info`` shows of them."""

from __future__ import annotations

import argparse
import json
import stat
from pathlib import Path

import pytest

from csp_tui import cli, i18n
from csp_tui import sandbox_identity as identity
from csp_tui.cli import info
from csp_tui.config import (
    PRODUCTION_BASE_URL,
    AuthMethod,
    ConfigError,
    ProfileKind,
    Role,
    load_settings,
)
from csp_tui.locations import is_safe_profile_name, locations_for

TENANT = "8d2a1c55-6b7e-4f10-9c3d-2e1f0a9b8c7d"
CLIENT = "3f0b6a2e-9c41-4d7a-8e55-1b2c3d4e5f60"
PROVIDER = identity.PROVIDER_TENANT_ID

PC_PROFILE = f"""
[profiles.pc]
kind = "partner-center"
role = "indirect-reseller"
tenant_id = "{TENANT}"
client_id = "{CLIENT}"
indirect_provider_id = "{PROVIDER}"
"""


def write_config(home: Path, body: str) -> Path:
    path = home / "config.toml"
    path.write_text(body, encoding="utf-8")
    return path


def config_error(home: Path, body: str, profile: str | None = None) -> ConfigError:
    path = write_config(home, body)
    with pytest.raises(ConfigError) as caught:
        load_settings(profile)
    error = caught.value
    assert error.file == path  # every error names the file ...
    assert error.key and error.problem  # ... the key and the problem
    assert str(path) in str(error) and error.key in str(error) and error.problem in str(error)
    return error


# --------------------------------------------------------------------------------------------
# Defaults and paths


def test_no_config_file_means_the_sandbox(isolated_home):
    settings = load_settings()
    assert settings.config_exists is False
    assert settings.profile.name == "sandbox"
    assert settings.profile.kind is ProfileKind.SANDBOX
    assert settings.profile.role is Role.INDIRECT_RESELLER
    assert settings.profile.tenant_id == identity.RESELLER_TENANT_ID
    assert settings.profile.indirect_provider_id == identity.PROVIDER_TENANT_ID
    assert settings.profiles == ("sandbox", "sandbox-provider")
    assert settings.keymap == {}


def test_csp_tui_home_holds_every_path(isolated_home):
    settings = load_settings()
    paths = settings.locations.as_dict()
    assert paths["config"] == str(isolated_home / "config.toml")
    assert paths["token_cache"] == str(isolated_home / "profiles" / "sandbox" /
                                       "token-cache.json")
    for name, value in paths.items():
        assert Path(value).is_relative_to(isolated_home), name
    assert {"config", "cache_db", "state_db", "token_cache"} <= set(paths)


def test_without_csp_tui_home_the_platform_directories_are_used(monkeypatch, tmp_path):
    monkeypatch.delenv("CSP_TUI_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    locations = locations_for("pc")
    assert locations.config_file == tmp_path / "xdg-config" / "csp-tui" / "config.toml"
    assert locations.profile_dir == tmp_path / "xdg-data" / "csp-tui" / "profiles" / "pc"


def test_each_profile_has_its_own_directory(isolated_home):
    write_config(isolated_home, PC_PROFILE)
    pc = load_settings("pc").locations
    sandbox = load_settings().locations
    assert pc.profile_dir != sandbox.profile_dir
    assert pc.token_cache.parent == isolated_home / "profiles" / "pc"
    assert pc.config_file == sandbox.config_file


def test_profile_dir_is_private(isolated_home):
    directory = load_settings().locations.ensure_profile_dir()
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700


@pytest.mark.parametrize("name", ["pc", "Vltava-IT_2.prod", "a" * 64])
def test_safe_profile_names(name):
    assert is_safe_profile_name(name)


@pytest.mark.parametrize("name", ["", ".", "..", "a/b", "-x", "with space", "a" * 65, "č"])
def test_unsafe_profile_names(name):
    assert not is_safe_profile_name(name)


# --------------------------------------------------------------------------------------------
# Choosing the profile


def test_profile_argument_selects_a_profile(isolated_home):
    write_config(isolated_home, PC_PROFILE)
    settings = load_settings("pc")
    profile = settings.profile
    assert settings.config_exists
    assert profile.name == "pc"
    assert profile.kind is ProfileKind.PARTNER_CENTER
    assert profile.auth is AuthMethod.DEVICE_CODE
    assert profile.base_url == PRODUCTION_BASE_URL
    assert profile.tenant_id == TENANT
    assert settings.locations.profile == "pc"
    assert settings.profiles == ("pc", "sandbox", "sandbox-provider")


def test_precedence_argument_then_env_then_file_default(isolated_home, monkeypatch):
    write_config(isolated_home, 'default_profile = "sandbox-provider"\n' + PC_PROFILE)
    assert load_settings().profile.name == "sandbox-provider"
    monkeypatch.setenv("CSP_TUI_PROFILE", "pc")
    assert load_settings().profile.name == "pc"
    assert load_settings("sandbox").profile.name == "sandbox"


def test_unknown_profile_names_where_the_name_came_from(isolated_home, monkeypatch):
    write_config(isolated_home, 'default_profile = "missing"\n' + PC_PROFILE)
    with pytest.raises(ConfigError) as from_file:
        load_settings()
    assert from_file.value.key == "default_profile"
    assert "missing" in from_file.value.problem and "pc" in from_file.value.problem

    with pytest.raises(ConfigError) as from_argument:
        load_settings("nope")
    assert from_argument.value.key == "--profile"

    monkeypatch.setenv("CSP_TUI_PROFILE", "typo")
    with pytest.raises(ConfigError) as from_env:
        load_settings()
    assert from_env.value.key == "CSP_TUI_PROFILE"
    assert "typo" in from_env.value.problem


def test_unknown_profile_without_a_config_file(isolated_home):
    with pytest.raises(ConfigError) as caught:
        load_settings("pc")
    assert caught.value.file is None
    assert "sandbox" in caught.value.problem


def test_a_profile_may_replace_a_builtin_one(isolated_home):
    write_config(isolated_home, '[profiles.sandbox]\nread_only = true\nlanguage = "cs"\n')
    profile = load_settings().profile
    assert profile.read_only is True
    assert profile.language == "cs"
    assert profile.tenant_id == identity.RESELLER_TENANT_ID


def test_user_sandbox_profile_takes_the_sandbox_identity_of_its_role(isolated_home):
    write_config(isolated_home, '[profiles.demo-provider]\nkind = "sandbox"\n'
                                'role = "indirect-provider"\n')
    profile = load_settings("demo-provider").profile
    assert profile.tenant_id == identity.PROVIDER_TENANT_ID
    assert profile.indirect_provider_id == ""


# --------------------------------------------------------------------------------------------
# Errors: file + key + problem


def test_bad_toml(isolated_home):
    error = config_error(isolated_home, "[profiles.pc\nkind = 1\n")
    assert error.key == "(syntax)"
    assert "TOML" in error.problem


def test_not_utf8(isolated_home):
    path = isolated_home / "config.toml"
    path.write_bytes(b'default_profile = "\xff"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert caught.value.file == path
    assert caught.value.key in {"(encoding)", "(syntax)"}


def test_unknown_top_level_key(isolated_home):
    error = config_error(isolated_home, 'defualt_profile = "pc"\n')
    assert error.key == "defualt_profile"
    assert "unknown key" in error.problem


def test_unknown_profile_key(isolated_home):
    error = config_error(isolated_home, PC_PROFILE + 'tennant = "x"\n', "pc")
    assert error.key == "profiles.pc.tennant"
    assert "unknown key" in error.problem


def test_name_inside_the_table_is_rejected_clearly(isolated_home):
    error = config_error(isolated_home, PC_PROFILE + 'name = "other"\n', "pc")
    assert error.key == "profiles.pc.name"
    assert "table name" in error.problem


@pytest.mark.parametrize(
    ("line", "key", "phrase"),
    [
        ('sync_interval_minutes = "often"', "sync_interval_minutes", "integer"),
        ("sync_interval_minutes = 12.5", "sync_interval_minutes", "integer"),
        ("sync_interval_minutes = -1", "sync_interval_minutes", "greater than or equal"),
        ("rate_limit_per_minute = 0", "rate_limit_per_minute", "greater than or equal"),
        ('read_only = "maybe"', "read_only", "boolean"),
        ("locale = 42", "locale", "string"),
    ],
)
def test_wrong_type_or_range(isolated_home, line, key, phrase):
    body = PC_PROFILE.replace("[profiles.pc]\n", f"[profiles.pc]\n{line}\n")
    error = config_error(isolated_home, body, "pc")
    assert error.key == f"profiles.pc.{key}"
    assert phrase in error.problem


@pytest.mark.parametrize(
    ("line", "key", "allowed"),
    [
        ('kind = "production"', "kind", "partner-center"),
        ('role = "reseller"', "role", "indirect-reseller"),
        ('auth = "password"', "auth", "device-code"),
        ('language = "de"', "language", '"cs" or "en"'),
    ],
)
def test_bad_enum_lists_the_allowed_values(isolated_home, line, key, allowed):
    error = config_error(isolated_home, f"[profiles.x]\n{line}\n", "x")
    assert error.key == f"profiles.x.{key}"
    assert allowed in error.problem


def test_partner_center_profile_needs_tenant_id(isolated_home):
    error = config_error(isolated_home, f'[profiles.pc]\nkind = "partner-center"\n'
                                        f'client_id = "{CLIENT}"\n')
    assert error.key == "profiles.pc.tenant_id"
    assert "required" in error.problem


def test_device_code_needs_client_id(isolated_home):
    error = config_error(isolated_home, f'[profiles.pc]\nkind = "partner-center"\n'
                                        f'tenant_id = "{TENANT}"\n'
                                        f'indirect_provider_id = "{PROVIDER}"\n')
    assert error.key == "profiles.pc.client_id"


def test_env_token_needs_no_client_id(isolated_home):
    write_config(isolated_home, f'[profiles.ci]\nkind = "partner-center"\n'
                                f'role = "indirect-provider"\ntenant_id = "{PROVIDER}"\n'
                                'auth = "env-token"\n')
    assert load_settings("ci").profile.auth is AuthMethod.ENV_TOKEN


def test_indirect_reseller_needs_its_distributor(isolated_home):
    error = config_error(isolated_home, f'[profiles.pc]\nkind = "partner-center"\n'
                                        f'tenant_id = "{TENANT}"\nclient_id = "{CLIENT}"\n')
    assert error.key == "profiles.pc.indirect_provider_id"


@pytest.mark.parametrize("tenant", ["common/../evil", "a b", "x?y=1"])
def test_tenant_id_must_fit_in_the_sign_in_address(isolated_home, tenant):
    body = PC_PROFILE.replace(f'tenant_id = "{TENANT}"', f'tenant_id = "{tenant}"')
    error = config_error(isolated_home, body, "pc")
    assert error.key == "profiles.pc.tenant_id"


def test_tenant_id_may_be_a_domain(isolated_home):
    write_config(isolated_home, PC_PROFILE.replace(f'tenant_id = "{TENANT}"',
                                                   'tenant_id = "vltava.onmicrosoft.com"'))
    assert load_settings("pc").profile.tenant_id == "vltava.onmicrosoft.com"


@pytest.mark.parametrize(
    "url",
    [
        "http://api.partnercenter.microsoft.com",
        "http://127.example.com",
        "http://localhost.example.com:8765",
        "ftp://127.0.0.1",
        "https://",
        "api.partnercenter.microsoft.com",
        "https://host:notaport",
        "https://host/?x=1",
    ],
)
def test_bad_base_url(isolated_home, url):
    body = PC_PROFILE.replace("[profiles.pc]\n", f'[profiles.pc]\nbase_url = "{url}"\n')
    error = config_error(isolated_home, body, "pc")
    assert error.key == "profiles.pc.base_url"


@pytest.mark.parametrize(
    ("url", "stored"),
    [
        ("https://api.partnercenter.microsoft.com/", "https://api.partnercenter.microsoft.com"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://localhost:8765/", "http://localhost:8765"),
        ("http://[::1]:8765", "http://[::1]:8765"),
    ],
)
def test_good_base_url(isolated_home, url, stored):
    write_config(isolated_home,
                 PC_PROFILE.replace("[profiles.pc]\n", f'[profiles.pc]\nbase_url = "{url}"\n'))
    assert load_settings("pc").profile.base_url == stored


@pytest.mark.parametrize("url", ["https://user:hunter2@pc.example.com",
                                 "https://hunter2@pc.example.com", "http://a:hunter2@127.0.0.1:8765"])
def test_a_password_in_base_url_is_refused_and_never_shown(isolated_home, url, capsys):
    from csp_tui import cli

    body = PC_PROFILE.replace("[profiles.pc]\n", f'[profiles.pc]\nbase_url = "{url}"\n')
    error = config_error(isolated_home, body, "pc")
    assert error.key == "profiles.pc.base_url"
    assert "user name or password" in error.problem
    assert cli.main(["info", "--profile", "pc"]) == cli.EXIT_USAGE
    assert cli.main(["info", "--profile", "pc", "--json"]) == cli.EXIT_USAGE
    shown = capsys.readouterr()
    assert "hunter2" not in shown.out + shown.err
    assert "user name or password" in shown.err


def test_authority_host_must_not_be_plain_http(isolated_home):
    body = PC_PROFILE.replace("[profiles.pc]\n",
                              '[profiles.pc]\nauthority_host = "http://login.example.com"\n')
    error = config_error(isolated_home, body, "pc")
    assert error.key == "profiles.pc.authority_host"


def test_bad_profile_name(isolated_home):
    error = config_error(isolated_home, '[profiles."my profile"]\nkind = "sandbox"\n')
    assert error.key == "profiles.my profile"


def test_profiles_must_be_tables(isolated_home):
    assert config_error(isolated_home, "profiles = 3\n").key == "profiles"
    assert config_error(isolated_home, "[profiles]\npc = 3\n").key == "profiles.pc"


def test_default_profile_must_be_text(isolated_home):
    assert config_error(isolated_home, "default_profile = 3\n").key == "default_profile"


def test_config_error_exits_2_from_the_command_line(isolated_home, capsys):
    write_config(isolated_home, PC_PROFILE + 'tennant = "x"\n')
    assert cli.main(["info", "--profile", "pc"]) == 2
    err = capsys.readouterr().err
    assert str(isolated_home / "config.toml") in err
    assert "profiles.pc.tennant" in err and "unknown key" in err


# --------------------------------------------------------------------------------------------
# Keymap


def test_keymap_is_read(isolated_home):
    write_config(isolated_home, '[keymap]\nsync = "r,f5"\n"app.quit" = "ctrl+q"\n')
    assert load_settings().keymap == {"sync": "r,f5", "app.quit": "ctrl+q"}


@pytest.mark.parametrize("body", ["keymap = 3\n", "[keymap]\nsync = 5\n",
                                  "[keymap]\nsync = ['r']\n"])
def test_bad_keymap(isolated_home, body):
    error = config_error(isolated_home, body)
    assert error.key == "keymap"
    assert "binding" in error.problem


# --------------------------------------------------------------------------------------------
# csp-tui info


def run_info(settings, capsys, *, as_json: bool) -> str:  # type: ignore[no-untyped-def]
    assert info.run(argparse.Namespace(json=as_json), settings) == 0
    out = capsys.readouterr()
    assert out.err == ""
    return out.out


def test_info_text_for_the_sandbox(isolated_home, capsys):
    settings = load_settings()
    text = run_info(settings, capsys, as_json=False)
    assert "sandbox (active)" in text and "sandbox-provider" in text
    assert "embedded sandbox" in text
    assert identity.RESELLER_TENANT_ID in text
    assert "every 2 min" in text
    assert "not found" in text  # no config file
    for path in settings.locations.as_dict().values():
        assert path in text
    assert "from the environment (now en)" in text


def test_info_json_is_one_object_with_every_path(isolated_home, capsys):
    write_config(isolated_home, PC_PROFILE.replace(
        "[profiles.pc]\n", "[profiles.pc]\nread_only = true\nsync_interval_minutes = 0\n"))
    settings = load_settings("pc")
    data = json.loads(run_info(settings, capsys, as_json=True))
    assert data["paths"] == settings.locations.as_dict()
    assert data["config_exists"] is True
    assert data["profiles"] == ["pc", "sandbox", "sandbox-provider"]
    profile = data["profile"]
    assert profile["name"] == "pc"
    assert profile["kind"] == "partner-center"
    assert profile["role"] == "indirect-reseller"
    assert profile["base_url"] == PRODUCTION_BASE_URL
    assert profile["tenant_id"] == TENANT
    assert profile["indirect_provider_id"] == PROVIDER
    assert profile["auth"] == "device-code"
    assert profile["read_only"] is True
    assert profile["sync_interval_minutes"] == 0
    assert profile["signed_in_as"] is None
    assert profile["authority"] == f"https://login.microsoftonline.com/{TENANT}"


def test_info_never_shows_an_env_token(isolated_home, monkeypatch, capsys):
    write_config(isolated_home, f'[profiles.ci]\nkind = "partner-center"\n'
                                f'role = "indirect-provider"\ntenant_id = "{PROVIDER}"\n'
                                'auth = "env-token"\n')
    monkeypatch.setenv("CSP_TUI_ACCESS_TOKEN", "ENV-SECRET-TOKEN")
    settings = load_settings("ci")
    text = run_info(settings, capsys, as_json=False)
    data = json.loads(run_info(settings, capsys, as_json=True))
    assert "ENV-SECRET-TOKEN" not in text + json.dumps(data)
    assert "CSP_TUI_ACCESS_TOKEN (set)" in text
    assert data["profile"]["token_env_set"] is True


def test_info_in_czech(isolated_home, capsys):
    i18n.set_language("cs")
    text = run_info(load_settings(), capsys, as_json=False)
    assert "Soubory" in text and "uložené tokeny" in text and "(aktivní)" in text


def test_info_does_not_create_files(isolated_home, capsys):
    write_config(isolated_home, PC_PROFILE)
    run_info(load_settings("pc"), capsys, as_json=False)
    assert sorted(p.name for p in isolated_home.iterdir()) == ["config.toml"]


def test_a_sandbox_profile_with_a_base_url_is_refused_with_what_to_write(isolated_home):
    # The sandbox runs inside csp-tui: an address there used to be silently ignored.
    error = config_error(isolated_home, '[profiles.lab]\nkind = "sandbox"\n'
                                        'base_url = "http://127.0.0.1:8400"\n', "lab")
    assert error.key == "profiles.lab.base_url"
    assert 'kind = "partner-center"' in error.problem
    assert "csp-tui sandbox serve" in error.problem


def test_a_user_defined_sandbox_profile_is_paced_like_the_built_in_one(isolated_home):
    write_config(isolated_home, '[profiles.lab]\nkind = "sandbox"\nrole = "indirect-provider"\n'
                                '[profiles.slow]\nkind = "sandbox"\nrate_limit_per_minute = 60\n')
    builtin = load_settings("sandbox").profile.rate_limit_per_minute
    assert load_settings("lab").profile.rate_limit_per_minute == builtin
    assert load_settings("slow").profile.rate_limit_per_minute == 60  # an explicit value wins
    production = ('[profiles.pc]\nkind = "partner-center"\nrole = "direct"\n'
                  'tenant_id = "contoso.onmicrosoft.com"\n')
    write_config(isolated_home, production + 'client_id = "11111111-2222-4333-8444-555555555555"\n')
    assert load_settings("pc").profile.rate_limit_per_minute == 450


def test_a_config_starting_with_a_utf8_byte_order_mark_is_read(isolated_home):
    from csp_tui.config import save_profile_language

    path = isolated_home / "config.toml"
    path.write_bytes(b"\xef\xbb\xbf" + f'default_profile = "pc"\n{PC_PROFILE}'.encode())
    settings = load_settings(None)
    assert settings.profile.name == "pc" and settings.profile.tenant_id == TENANT
    # and the language can still be saved into it
    save_profile_language(settings, "cs")
    assert load_settings(None).profile.language == "cs"
