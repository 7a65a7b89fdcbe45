"""state.db on disk: owner-only permissions, and no secret reaches the file."""

from __future__ import annotations

import os
import stat

import pytest

from csp_tui.state import SecretRejectedError, command_log, drafts, invitations, outbox
from csp_tui.state.db import open_state

SECRET = "Tajne-Heslo-93871"


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_state_db_is_owner_only(tmp_path):
    old_umask = os.umask(0o022)
    try:
        path = tmp_path / "state.db"
        db = open_state(path)
        try:
            outbox.enqueue(db, kind="create_customer", payload={"domain": "a.cz"}, subject="a")
            assert mode(path) == 0o600
            wal = tmp_path / "state.db-wal"
            if wal.exists():
                assert mode(wal) == 0o600
        finally:
            db.close()
        # Re-opening an existing file keeps it owner-only.
        os.chmod(path, 0o644)
        open_state(path).close()
        assert mode(path) == 0o600
    finally:
        os.umask(old_umask)


def test_no_secret_reaches_the_file(tmp_path):
    path = tmp_path / "state.db"
    db = open_state(path)
    try:
        entry = outbox.enqueue(db, kind="create_customer", payload={"domain": "a.cz"},
                               subject="Tenant a.cz")
        outbox.claim_next(db)
        with pytest.raises(SecretRejectedError):
            outbox.mark_done(db, entry.id, {"customer_id": "c1", "password": SECRET})
        outbox.mark_done(db, entry.id, {"customer_id": "c1", "credentials_delivered": True})
        with pytest.raises(SecretRejectedError):
            drafts.save_draft(db, "new-tenant", {"admin_password": SECRET})
        command_log.append(db, at="2025-03-01T08:00:00Z", method="POST",
                           path=f"/v1/customers?password={SECRET}", status=201, duration_ms=5,
                           request_id="r", correlation_id="c", error=f"token={SECRET}")
        invitations.record(db, company_name="A", contact_name="B", contact_email="b@a.cz",
                           domain="a.cz", link="https://example.invalid/invite")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    for candidate in tmp_path.iterdir():
        assert SECRET.encode() not in candidate.read_bytes(), candidate.name
