"""``csp-tui sync`` against a Partner Center that refuses some parts: the summary says which
parts of how many customers and why, never "No changes", and the exit code is 3."""

from __future__ import annotations

import pytest

from csp_tui import cli
from csp_tui.cli import sync as sync_command
from csp_tui.services import session as session_module

from .fake_partner_center import BASE, CUSTOMER_A, CUSTOMER_B, FakePartnerCenter

PROFILE = f"""
[profiles.pc]
kind = "partner-center"
base_url = "{BASE}"
role = "indirect-reseller"
tenant_id = "6f2a3e3b-5d64-4b5e-9a3c-1c0f0e4d2b11"
indirect_provider_id = "0b8a6c3d-2e4f-4a1b-8c9d-3e5f7a9b1c2d"
auth = "env-token"
rate_limit_per_minute = 100000
language = "{{language}}"
"""


@pytest.fixture
def fake_pc(isolated_home, monkeypatch):
    monkeypatch.setenv("CSP_TUI_ACCESS_TOKEN", "test-token")
    pc = FakePartnerCenter()
    real = session_module.open_session

    def open_session(settings, **kwargs):
        return real(settings, transport=pc.transport(), **kwargs)

    monkeypatch.setattr(sync_command, "open_session", open_session)
    return pc


def _configure(home, language: str = "en") -> None:
    (home / "config.toml").write_text(PROFILE.replace("{language}", language),
                                      encoding="utf-8")


def test_refused_parts_end_in_exit_3_with_a_grouped_summary(isolated_home, fake_pc, capsys):
    _configure(isolated_home)
    fake_pc.faults[(CUSTOMER_A, "subscriptions")] = 403
    fake_pc.faults[(CUSTOMER_B, "subscriptions")] = 403
    fake_pc.faults[(CUSTOMER_B, "relationships")] = 404

    code = cli.main(["sync", "--quiet", "--profile", "pc"])

    out, err = capsys.readouterr()
    assert code == sync_command.EXIT_INCOMPLETE == 3
    # The summary, then what kind of refresh ran (the first sync reads everything).
    lines = out.splitlines()
    assert lines[-4:-2] == ["Full read.", "  Why a full read: nothing was read completely before."]
    assert lines[-1] == "  Oldest data: 0 min old."
    assert lines[:-4] == [
        "Synced 2 customers (2 read in detail).",
        "  Added 2 customers, 0 subscriptions and 4 perpetual licences.",
        "Incomplete: 3 part(s) of 2 customer(s) could not be read; the cache keeps what it had "
        "for them:",
        "  subscriptions of 2 customer(s): not available to this role (Partner Center refused: "
        "Access is denied for this operation. (HTTP 403, code 2000))",
        "  partner relationships of 1 customer(s): not available to this role (Partner Center "
        "does not offer this read: The resource was not found. (HTTP 404, code 2001))",
    ]
    assert err.strip() == ("Sync finished, but incomplete: 3 part(s) of 2 customer(s) could "
                           "not be read")

    # The run is recorded as partial, for the console's status line.
    import sqlite3

    conn = sqlite3.connect(isolated_home / "profiles" / "pc" / "cache.db")
    try:
        assert conn.execute("SELECT status FROM sync_runs").fetchall() == [("partial",)]
    finally:
        conn.close()

    # Once everything can be read: exit 0, and now "No changes" is true of everything.
    fake_pc.faults.clear()
    assert cli.main(["sync", "--quiet", "--profile", "pc"]) == 0
    out = capsys.readouterr().out
    # The subscriptions arrived for the first time: said so, not "No changes" (nor announced
    # one by one as new ones).
    assert "  Read for the first time: 2 subscriptions and 0 perpetual licences." in out
    assert "No changes." not in out and "new subscriptions" not in out
    assert cli.main(["sync", "--quiet", "--profile", "pc"]) == 0
    assert "No changes." in capsys.readouterr().out


def test_the_summary_in_czech(isolated_home, fake_pc, capsys):
    _configure(isolated_home, "cs")
    fake_pc.faults[(CUSTOMER_A, "entitlements")] = 500
    code = cli.main(["sync", "--quiet", "--profile", "pc"])
    out = capsys.readouterr().out
    assert code == 3
    assert ("  trvalé licence (nároky) – zákazníci: 1: nepodařilo se načíst: Internal server "
            "error. (odpověď HTTP 500, kód 3000)") in out.splitlines()
    assert "Žádné změny" not in out


def test_sync_help_documents_the_exit_codes(isolated_home, capsys):
    with pytest.raises(SystemExit):
        cli.main(["sync", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "3 finished, but some parts of some customers could not be read" in text
    assert "1 the sync failed" in text
