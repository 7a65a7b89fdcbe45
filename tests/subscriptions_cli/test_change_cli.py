"""``csp-tui subscription set-quantity|auto-renew|suspend|reactivate|cancel … [--what-if]``:
the console's plan, outbox and role matrix, headless.

The sandbox is synced once per test through the CLI itself; the distributor profile
(``sandbox-provider``) changes through Partner Center, the reseller (``sandbox``) gets the
console's request for the distributor and nothing is queued.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csp_tui import cli
from csp_tui.config import load_settings
from csp_tui.services.session import open_databases
from csp_tui.services.subscriptions import plan_action
from csp_tui.state import outbox
from csp_tui.world_clock import world_clock_for

PROVIDER = ["--profile", "sandbox-provider"]


def _synced(profile: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    """Sync the profile's sandbox; an active online subscription of its first customer."""
    assert cli.main([*profile, "sync", "--quiet"]) == 0
    capsys.readouterr()
    assert cli.main([*profile, "subscriptions", "-o", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    return next(r for r in records if r["kind"] == "online" and r["status"] == "active"
                and r["quantity"] < 900 and r["auto_renew"])


def _record(profile: list[str], sub_id: str, capsys: pytest.CaptureFixture[str]
            ) -> dict[str, object]:
    assert cli.main([*profile, "subscriptions", "-o", "json"]) == 0
    return next(r for r in json.loads(capsys.readouterr().out) if r["id"] == sub_id)


def _outbox_entries(profile: str) -> list[outbox.OutboxEntry]:
    _cache, state, _ = open_databases(load_settings(profile))
    return [entry for entry in (outbox.get(state, row[0]) for row in
                                state.execute("SELECT id FROM outbox").fetchall())
            if entry is not None and entry.kind == outbox.KIND_PATCH_SUBSCRIPTION]


@pytest.mark.slow
def test_what_if_prints_the_effect_and_changes_nothing(
        capsys: pytest.CaptureFixture[str]) -> None:
    sub = _synced(PROVIDER, capsys)
    wanted = int(sub["quantity"]) + 3  # type: ignore[call-overload]
    status = cli.main([*PROVIDER, "subscription", "set-quantity", str(sub["id"]), str(wanted),
                       "--what-if"])
    out = capsys.readouterr().out
    assert status == 0
    assert f"{sub['quantity']} → {wanted}" in out
    assert str(sub["product"]) in out and str(sub["customer_name"]) in out
    assert "--what-if" in out
    assert _outbox_entries("sandbox-provider") == []
    # For scripts: the same plan as one JSON object on stdout, the person's lines on stderr.
    status = cli.main([*PROVIDER, "subscription", "set-quantity", str(sub["id"]), str(wanted),
                       "--what-if", "--json"])
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert status == 0
    assert report["outcome"] == "what_if" and report["allowed"] is True
    assert report["route"] == "api" and report["changes"] == {"quantity": wanted}
    assert f"→ {wanted}" in captured.err
    assert _record(PROVIDER, str(sub["id"]), capsys)["quantity"] == sub["quantity"]


@pytest.mark.slow
def test_the_distributor_changes_through_the_outbox_and_sees_it_at_once(
        capsys: pytest.CaptureFixture[str]) -> None:
    sub = _synced(PROVIDER, capsys)
    wanted = int(sub["quantity"]) + 2  # type: ignore[call-overload]
    status = cli.main([*PROVIDER, "subscription", "set-quantity", str(sub["id"]), str(wanted),
                       "--yes"])
    out = capsys.readouterr().out
    assert status == 0, out
    lines = out.splitlines()
    # The effect comes first, then the queueing, then the outcome.
    effect = next(i for i, line in enumerate(lines) if f"→ {wanted}" in line)
    done = next(i for i, line in enumerate(lines) if line.startswith("Done:"))
    assert effect < done
    entries = _outbox_entries("sandbox-provider")
    assert [(e.state, e.payload["changes"]) for e in entries] == [
        (outbox.OutboxState.DONE, {"quantity": wanted})]
    assert _record(PROVIDER, str(sub["id"]), capsys)["quantity"] == wanted

    assert cli.main([*PROVIDER, "subscription", "auto-renew", str(sub["id"]), "off",
                     "-y"]) == 0
    capsys.readouterr()
    assert _record(PROVIDER, str(sub["id"]), capsys)["auto_renew"] is False


@pytest.mark.slow
def test_a_rule_refusal_is_the_consoles_own_words(capsys: pytest.CaptureFixture[str]) -> None:
    sub = _synced(PROVIDER, capsys)
    status = cli.main([*PROVIDER, "subscription", "set-quantity", str(sub["id"]), "0", "-y"])
    err = capsys.readouterr().err
    settings = load_settings("sandbox-provider")
    cache, _state, _ = open_databases(settings)
    now = world_clock_for(settings).now()
    plan = plan_action(cache, str(sub["id"]), "change_quantity", 0, now=now,
                       profile=settings.profile, zone=now.astimezone().tzinfo)
    assert status == 1
    assert not plan.allowed and plan.reason
    assert plan.reason in err
    assert _outbox_entries("sandbox-provider") == []


@pytest.mark.slow
def test_a_reseller_gets_the_request_for_the_distributor_and_nothing_is_sent(
        capsys: pytest.CaptureFixture[str]) -> None:
    sub = _synced([], capsys)
    status = cli.main(["subscription", "suspend", str(sub["id"]), "--yes"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "Nothing will be sent to Partner Center" in out
    saved = out.strip().splitlines()[-1].split(": ", 1)[1]
    document = json.loads(Path(saved).read_text(encoding="utf-8"))
    assert str(sub["id"]) in json.dumps(document)
    assert _outbox_entries("sandbox") == []
    assert _record([], str(sub["id"]), capsys)["status"] == "active"


@pytest.mark.slow
def test_a_read_only_profile_is_refused(isolated_home, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    sub = _synced(PROVIDER, capsys)
    (isolated_home / "config.toml").write_text(
        '[profiles.sandbox-provider]\nkind = "sandbox"\nrole = "indirect-provider"\n'
        'read_only = true\n', encoding="utf-8")
    status = cli.main([*PROVIDER, "subscription", "suspend", str(sub["id"]), "-y"])
    captured = capsys.readouterr()
    assert status == 1
    assert "read-only" in captured.err.lower() or "read only" in captured.err.lower(), \
        captured.err
    assert _outbox_entries("sandbox-provider") == []


@pytest.mark.slow
def test_without_a_terminal_the_change_needs_yes(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    sub = _synced(PROVIDER, capsys)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    status = cli.main([*PROVIDER, "subscription", "reactivate", str(sub["id"])])
    captured = capsys.readouterr()
    # An active subscription cannot be reactivated: the rules refuse before any question.
    assert status == 1
    status = cli.main([*PROVIDER, "subscription", "suspend", str(sub["id"])])
    captured = capsys.readouterr()
    assert status == 1
    assert "--yes" in captured.err
    assert _outbox_entries("sandbox-provider") == []


def test_an_unknown_subscription_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["subscription", "cancel", "no-such-subscription", "-y"]) == 1
    assert "no-such-subscription" in capsys.readouterr().err
