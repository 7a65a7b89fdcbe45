"""`csp-tui invite` end to end on the embedded sandbox, in a temporary CSP_TUI_HOME."""

from __future__ import annotations

import base64
import json
import re
import stat
import sys

import httpx
import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.cli import invite as invite_command
from csp_tui.cli import main
from csp_tui.config import load_settings
from csp_tui.services import session as session_module
from csp_tui.state import invitations as ledger
from csp_tui.state.db import open_state

ARGS = ["invite", "--company", "Zahradnictví Kvítek s.r.o.", "--email", "petra@kvitek.cz",
        "--domain", "Kvitek.cz", "--contact", "Petra Kvítková"]


def _ledger(profile: str = "sandbox") -> list[ledger.Invitation]:
    state = open_state(load_settings(profile).locations.state_db)
    try:
        return ledger.list_invitations(state)
    finally:
        state.close()


def test_json_output_and_ledger(capsys) -> None:
    assert main([*ARGS, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["duplicate"] is False
    assert f"indirectCSPId={identity.PROVIDER_TENANT_ID}" in out["link"]
    assert out["link"] in out["body"]
    assert "Zahradnictví Kvítek s.r.o." in out["subject"]
    assert "„Globální správce“" in out["body"]  # Czech is the default for the customer
    (stored,) = _ledger()
    assert stored.id == out["invitation_id"]
    assert stored.domain == "kvitek.cz" and stored.link == out["link"]
    # No secret of any kind in the machine-readable output.
    assert "sandbox." not in json.dumps(out) and "token" not in json.dumps(out).lower()


def test_text_output_in_english(capsys) -> None:
    assert main([*ARGS, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    (stored,) = _ledger()
    assert "Zahradnictví Kvítek s.r.o. (kvitek.cz)" in out.splitlines()[0]
    assert stored.link in out.splitlines()
    assert "Dear Petra Kvítková," in out
    assert "Global administrator" in out
    assert stored.language == "en"


def test_second_run_returns_the_pending_invitation(capsys) -> None:
    assert main([*ARGS, "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main([*ARGS, "--json", "--domain", "KVITEK.CZ"]) == 0
    captured = capsys.readouterr()
    second = json.loads(captured.out)
    assert second["duplicate"] is True
    assert second["invitation_id"] == first["invitation_id"]
    assert "already exists" in captured.err
    # the day it was sent, written for people ("24 Nov 2026"), not ISO
    assert re.search(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b", captured.err)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", captured.err)
    assert len(_ledger()) == 1


def test_bad_input_exits_2_naming_the_options(capsys) -> None:
    code = main(["invite", "--company", " ", "--email", "petra(at)kvitek.cz",
                 "--domain", "https://kvitek.cz"])
    assert code == 2
    err = capsys.readouterr().err
    assert "--company:" in err and "--email:" in err and "--domain:" in err
    assert "--contact" not in err
    assert _ledger() == []


def test_read_only_profile_exits_1(capsys, isolated_home) -> None:
    (isolated_home / "config.toml").write_text(
        '[profiles.look]\nkind = "sandbox"\nread_only = true\n'
        f'tenant_id = "{identity.RESELLER_TENANT_ID}"\n'
        f'indirect_provider_id = "{identity.PROVIDER_TENANT_ID}"\n',
        encoding="utf-8",
    )
    assert main(["--profile", "look", *ARGS]) == 1
    assert "read-only" in capsys.readouterr().err
    assert _ledger("look") == []


@pytest.mark.parametrize("status, body, expected", [
    (403, {"code": 1002, "description": "Authorization Failed", "source": "PartnerFD"},
     "Admin agent"),
    (400, {"code": 600000, "description": "The request is invalid", "source": "PartnerFD"},
     "The request is invalid"),
])
def test_partner_center_refusal_exits_1_in_words(capsys, monkeypatch, status, body,
                                                  expected) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body)

    def open_refusing(settings):  # type: ignore[no-untyped-def]
        return session_module.open_session(settings, transport=httpx.MockTransport(refuse))

    monkeypatch.setattr(invite_command, "open_session", open_refusing)
    assert main(ARGS) == 1
    captured = capsys.readouterr()
    assert expected in captured.err
    assert captured.out == ""
    assert _ledger() == []


def test_copy_without_a_terminal_saves_a_private_file(capsys) -> None:
    assert main([*ARGS, "--copy"]) == 0
    captured = capsys.readouterr()
    (stored,) = _ledger()
    assert "\x1b]52" not in captured.out  # never an escape sequence into a pipe
    exports = load_settings().locations.exports_dir
    (saved,) = exports.iterdir()
    assert saved.read_text(encoding="utf-8") == stored.link
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert str(saved) in captured.err


def test_copy_on_a_terminal_writes_osc52(capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main([*ARGS, "--copy"]) == 0
    captured = capsys.readouterr()
    (stored,) = _ledger()
    encoded = base64.b64encode(stored.link.encode()).decode()
    assert f"\x1b]52;c;{encoded}\x07" in captured.out
    assert "OSC 52" in captured.err
    assert not load_settings().locations.exports_dir.exists()
