"""The README's least-privilege roles work as it says: the owner migrates (no superuser), an
operator reads and writes rows, a reader reads (and logs its calls) but cannot queue."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest

from csp_tui.state import command_log, invitations, outbox
from csp_tui.state.store import open_team_state

README = Path(__file__).resolve().parents[2] / "README.md"


def _script() -> dict[str, list[str]]:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"Least privilege.*?```sql\n(.*?)```", text, re.S)
    assert block, "the README's roles script"
    phases: dict[str, list[str]] = {}
    current = ""
    for line in block[1].splitlines():
        if line.startswith("--"):
            current = line
            phases[current] = []
        elif line.strip():
            phases[current].append(line.strip().rstrip(";"))
    return phases


def test_the_readmes_roles_script(pg_cluster):
    superuser, in_database, after_migrate = _script().values()
    with pg_cluster.admin() as admin:
        for statement in superuser:
            admin.execute(statement)
    with psycopg.connect(host=str(pg_cluster.root), port=pg_cluster.port, user="postgres",
                         dbname="csp_team", autocommit=True) as admin:
        for statement in in_database:
            admin.execute(statement)

    def url(role: str) -> str:
        return f"postgresql://{role}:change-me@127.0.0.1:{pg_cluster.port}/csp_team"

    open_team_state(url("csp_owner")).close()  # `state migrate` as the owner
    with psycopg.connect(host=str(pg_cluster.root), port=pg_cluster.port, user="postgres",
                         dbname="csp_team", autocommit=True) as admin:
        for statement in after_migrate:
            admin.execute(statement)

    operator = open_team_state(url("csp_operator"))
    reader = open_team_state(url("csp_reader"))
    try:
        entry = outbox.enqueue(operator, kind="create_customer", payload={"domain": "r.cz"},
                               subject="R", dedupe_key="r.cz")
        assert outbox.claim_next(operator).id == entry.id
        invitations.record(operator, company_name="Pekárna", contact_name="", domain="p.cz",
                           contact_email="j@p.cz", link="https://x")
        assert [e.id for e in outbox.list_entries(reader)] == [entry.id]
        command_log.append(reader, at="2025-03-01T08:00:00Z", method="GET", path="/v1/x",
                           status=200, duration_ms=1, request_id=None, correlation_id=None,
                           error=None)
        with pytest.raises(Exception, match="permission denied"):
            outbox.enqueue(reader, kind="create_customer", payload={"domain": "s.cz"},
                           subject="S")
        with pytest.raises(Exception, match="permission denied"):
            operator.execute("CREATE TABLE sneaky (x int)")
    finally:
        operator.close()
        reader.close()
