"""``csp-tui tenant create --file FILE`` end to end, against the in-process sandbox."""

from __future__ import annotations

import json
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from csp_tui import cli
from csp_tui.domain.tenant import FIELDS
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.sandbox.world import World

from . import files_containing, profile_settings, valid_request

PASSWORD_LINE = re.compile(r"Temporary password: (\S+)")


@pytest.fixture
def provider(isolated_home):
    return profile_settings(isolated_home, "distributor", "indirect-provider")


def _request_file(tmp_path, name: str = "request.json", **changes: object):
    path = tmp_path / name
    path.write_text(json.dumps(valid_request(**changes), ensure_ascii=False), encoding="utf-8")
    return path


def _create(capsys, profile: str, path, *extra: str) -> tuple[int, str, str]:
    code = cli.main(["-p", profile, "tenant", "create", "--file", str(path), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _tenants(settings, domain: str) -> list[str]:
    world = World.load(settings.locations.sandbox_state)
    return [customer.id for customer in world.customers if customer.domain == domain]


def test_create_shows_the_password_once_on_stdout_and_stores_it_nowhere(
        provider, tmp_path, capsys, isolated_home):
    code, out, err = _create(capsys, "distributor", _request_file(tmp_path))

    assert code == 0, err
    assert "Tenant created: Pekárna U Lípy s.r.o." in out
    tenants = _tenants(provider, "pekarnaulipy.onmicrosoft.com")
    assert len(tenants) == 1
    assert tenants[0] in out
    assert "admin@pekarnaulipy.onmicrosoft.com" in out
    assert "Billing → Licences" in out
    password = PASSWORD_LINE.search(out).group(1)
    assert out.count(password) == 1
    assert password not in err
    assert files_containing(isolated_home, password) == []


def test_rerunning_the_same_file_never_creates_a_second_tenant(provider, tmp_path, capsys):
    path = _request_file(tmp_path)
    first_code, _, _ = _create(capsys, "distributor", path)
    assert first_code == 0
    tenant_id = _tenants(provider, "pekarnaulipy.onmicrosoft.com")[0]

    code, out, err = _create(capsys, "distributor", path)

    assert code == 0, err
    assert "Already created" in out and tenant_id in out
    assert PASSWORD_LINE.search(out) is None  # it was shown once, the first time
    assert "Reset password" in out
    assert _tenants(provider, "pekarnaulipy.onmicrosoft.com") == [tenant_id]


def test_json_output_for_scripts(provider, tmp_path, capsys):
    path = _request_file(tmp_path, reseller_id="")
    code, out, err = _create(capsys, "distributor", path, "--json")
    assert code == 0
    created = json.loads(out)
    assert created["status"] == "created"
    assert created["tenant_id"] == _tenants(provider, "pekarnaulipy.onmicrosoft.com")[0]
    assert created["admin_user"] == "admin@pekarnaulipy.onmicrosoft.com"
    # JSON is what scripts store: the one-time password is never in it. Without a terminal
    # it is not printed at all, and the user is told how to reset it.
    assert "password" not in created and created["password_shown"] is False
    assert "Reset the admin password" in err
    assert len(created["next_steps"]) == 4
    assert "reseller_id" in created["warnings"]  # no reseller: the provider's own customer

    code, out, _ = _create(capsys, "distributor", path, "--json")
    again = json.loads(out)
    assert code == 0
    assert again["status"] == "already_created" and again["password_shown"] is False
    assert again["tenant_id"] == created["tenant_id"]


def test_every_bad_field_is_listed_in_the_chosen_language(provider, tmp_path, capsys):
    bad = {
        "company_name": "", "ico": "1234567", "dic": "CZ999", "street": "Husova",
        "city": "123", "postal_code": "3900", "country": "UK", "first_name": "J4na",
        "last_name": "", "email": "jana@@firma.cz", "phone": "12345",
        "domain_prefix": "pekárna", "culture": "xx", "reseller_id": "neplatné",
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")

    code, out, err = _create(capsys, "distributor", path, "--lang", "cs")

    assert code == 2
    assert out == ""
    assert "opravte tato pole" in err
    listed = {line.split()[0] for line in err.splitlines() if line.startswith("  ")
              and not line.startswith("      ")}
    assert listed == set(FIELDS)
    assert "ico (IČO): IČO má 8 číslic, zadali jste 7." in err

    code, out, _ = _create(capsys, "distributor", path, "--json")
    assert code == 2
    assert set(json.loads(out)["errors"]) == set(FIELDS)


def test_read_only_profile_is_refused(isolated_home, tmp_path, capsys):
    locked = profile_settings(isolated_home, "ro", "indirect-provider", "read_only = true")
    code, out, err = _create(capsys, "ro", _request_file(tmp_path))
    assert code == 2
    assert out == ""
    assert "read-only" in err and "ro" in err
    assert _tenants(locked, "pekarnaulipy.onmicrosoft.com") == []


def test_reseller_gets_the_request_for_the_distributor(isolated_home, tmp_path, capsys):
    partner = profile_settings(isolated_home, "partner", "indirect-reseller")
    code, out, err = _create(capsys, "partner", _request_file(tmp_path, reseller_id=""),
                             "--lang", "cs")

    assert code == 0, err
    assert "nepovoluje nepřímým prodejcům" in err
    assert out.startswith("Předmět:") and "pekarnaulipy.onmicrosoft.com" in out
    saved = Path(re.search(r"JSON \(přiložte ji k e-mailu\): (\S+)", err).group(1))
    assert saved.parent == partner.locations.exports_dir
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["customer"]["domain_prefix"] == "pekarnaulipy"
    assert _tenants(partner, "pekarnaulipy.onmicrosoft.com") == []


def test_a_refused_create_is_explained_and_exits_1(provider, tmp_path, capsys, monkeypatch):
    world = World.load(provider.locations.sandbox_state)
    taken = next(c.domain for c in world.customers if c.domain.endswith(".onmicrosoft.com"))

    async def looks_free(self, domain: str) -> bool:  # the name went between check and create
        return False

    monkeypatch.setattr(PartnerCenterClient, "domain_exists", looks_free)
    code, out, err = _create(capsys, "distributor",
                             _request_file(tmp_path, prefix=taken.split(".")[0]))

    assert code == 1
    assert "The tenant was not created" in err and "not available" in err
    assert out == ""
    assert len(_tenants(provider, taken)) == 1


def test_an_unusable_file_exits_2_naming_the_file(provider, tmp_path, capsys):
    missing = tmp_path / "nowhere.toml"
    code, out, err = _create(capsys, "distributor", missing)
    assert code == 2 and out == ""
    assert str(missing) in err and "does not exist" in err


def test_tenant_create_does_not_import_textual():
    code = (
        "import sys\n"
        "import csp_tui.cli.tenant\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
