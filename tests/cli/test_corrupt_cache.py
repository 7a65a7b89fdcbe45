"""A corrupt cache.db is reported, moved aside and rebuilt; state.db is never touched."""

from __future__ import annotations

from csp_tui.cli import main
from csp_tui.config import load_settings
from csp_tui.state import invitations
from csp_tui.state.db import open_state


def test_corrupt_cache_is_rebuilt_by_a_sync_and_state_survives(capsys):
    settings = load_settings()
    locations = settings.locations
    locations.ensure_profile_dir()
    state = open_state(locations.state_db)
    kept = invitations.record(state, company_name="Šumavská pekárna s.r.o.",
                              contact_name="Jana", contact_email="jana@pekarna.cz",
                              domain="pekarna.cz", link="https://admin.microsoft.com/x")
    state.close()
    locations.cache_db.write_bytes(b"this is not sqlite" * 100)

    assert main(["sync", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "could not be used" in err and "unusable" in err
    assert list(locations.profile_dir.glob("cache.db.unusable-*"))

    assert main(["customers", "--json"]) == 0
    assert '"company_name"' in capsys.readouterr().out
    state = open_state(locations.state_db)
    try:
        assert invitations.get(state, kept.id).company_name == "Šumavská pekárna s.r.o."
    finally:
        state.close()
