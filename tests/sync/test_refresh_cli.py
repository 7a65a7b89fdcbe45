"""``csp-tui sync`` says what kind of refresh ran and the oldest data's age; ``--full`` forces
the full read."""

from __future__ import annotations

from csp_tui import cli


def test_sync_refreshes_after_the_first_full_read_and_full_forces_one(settings, capsys):
    assert cli.main(["sync", "--quiet"]) == 0
    first = capsys.readouterr().out
    assert "Full read." in first
    assert "Why a full read: nothing was read completely before." in first

    assert cli.main(["sync", "--quiet"]) == 0
    second = capsys.readouterr().out.splitlines()
    assert "Refresh of what changed." in second
    assert any(line.startswith("  Re-read: 0 new, 0 named by the audit log") for line in second)
    assert any(line.startswith("  Oldest data: ") for line in second)

    assert cli.main(["sync", "--quiet", "--full"]) == 0
    forced = capsys.readouterr().out
    assert "Full read." in forced
    assert "Why a full read: asked for (--full)." in forced
