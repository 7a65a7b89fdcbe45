"""The tables of ``state.db``, as ordered migrations.

``state.db`` holds what cannot be rebuilt from Partner Center: the invitation ledger, the
outbox, form drafts, the command log (what a sync can rebuild is in ``cache.db``:
``cache/schema.py``). The list below is append-only: migration N brings the database from
version N-1 to N (run by :func:`csp_tui.db.migrations.migrate`).

The same list builds a team's PostgreSQL (``state/store.py``): an entry is SQL both engines
accept, or a :class:`~csp_tui.db.migrations.Migration` with one variant per engine. On
PostgreSQL every ordered table has a ``rowid`` column (``BIGSERIAL``), so ``ORDER BY
created_at, rowid`` reads the same on both.
"""

from __future__ import annotations

from csp_tui.db.migrations import Migration, MigrationEntry

STATE_APP_ID = "csp-tui-state"

# Version 1 on PostgreSQL: the same tables, with an explicit ``rowid`` and a serial log id.
_V1_POSTGRES = """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE invitations (
        rowid BIGSERIAL UNIQUE,
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        company_name TEXT NOT NULL,
        name_fold TEXT NOT NULL DEFAULT '',
        contact_name TEXT NOT NULL DEFAULT '',
        contact_email TEXT NOT NULL DEFAULT '',
        domain TEXT NOT NULL DEFAULT '',
        link TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT 'cs',
        reseller_id TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        status_changed_at TEXT NOT NULL,
        customer_id TEXT,
        last_sent_at TEXT NOT NULL,
        send_count INTEGER NOT NULL DEFAULT 1,
        notes TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX invitations_status ON invitations(status, created_at);
    CREATE INDEX invitations_domain ON invitations(domain);

    CREATE TABLE outbox (
        rowid BIGSERIAL UNIQUE,
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        customer_id TEXT,
        subject TEXT NOT NULL DEFAULT '',
        payload TEXT NOT NULL,
        dedupe_key TEXT,
        state TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        next_attempt_at TEXT,
        error_code TEXT,
        error_message TEXT,
        result TEXT
    );
    CREATE INDEX outbox_state ON outbox(state, next_attempt_at);
    CREATE UNIQUE INDEX outbox_dedupe ON outbox(dedupe_key)
        WHERE dedupe_key IS NOT NULL AND state NOT IN ('failed');

    CREATE TABLE drafts (
        form TEXT PRIMARY KEY,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
    );

    CREATE TABLE command_log (
        id BIGSERIAL PRIMARY KEY,
        rowid BIGSERIAL UNIQUE,
        at TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        status INTEGER,
        duration_ms INTEGER NOT NULL,
        request_id TEXT,
        correlation_id TEXT,
        error TEXT
    );
    CREATE INDEX command_log_at ON command_log(at);
"""

# Version 4 (see the list): the same on both engines, and on PostgreSQL a notification on
# every change of a shared table, so an open console shows another operator's change within
# moments (LISTEN/NOTIFY, services/team_watch.py).
_V4_SHARED = """
    ALTER TABLE invitations ADD COLUMN operator TEXT NOT NULL DEFAULT '';
    ALTER TABLE outbox ADD COLUMN operator TEXT NOT NULL DEFAULT '';
    ALTER TABLE outbox ADD COLUMN lease_until TEXT;
    ALTER TABLE command_log ADD COLUMN operator TEXT NOT NULL DEFAULT '';
    ALTER TABLE command_log ADD COLUMN origin TEXT;
    CREATE UNIQUE INDEX command_log_origin ON command_log(origin) WHERE origin IS NOT NULL;
    CREATE TABLE drafts_v4 (
        operator TEXT NOT NULL DEFAULT '',
        form TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (operator, form)
    );
    INSERT INTO drafts_v4(operator, form, updated_at, data)
        SELECT '', form, updated_at, data FROM drafts;
    DROP TABLE drafts;
    ALTER TABLE drafts_v4 RENAME TO drafts;
    """
_V4_POSTGRES_NOTIFY = """
    CREATE FUNCTION csp_tui_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('csp_tui_state', TG_TABLE_NAME);
        RETURN NULL;
    END
    $$;
    CREATE TRIGGER invitations_notify AFTER INSERT OR UPDATE OR DELETE ON invitations
        FOR EACH STATEMENT EXECUTE FUNCTION csp_tui_notify();
    CREATE TRIGGER outbox_notify AFTER INSERT OR UPDATE OR DELETE ON outbox
        FOR EACH STATEMENT EXECUTE FUNCTION csp_tui_notify();
    CREATE TRIGGER command_log_notify AFTER INSERT ON command_log
        FOR EACH STATEMENT EXECUTE FUNCTION csp_tui_notify();
    CREATE TRIGGER drafts_notify AFTER INSERT OR UPDATE OR DELETE ON drafts
        FOR EACH STATEMENT EXECUTE FUNCTION csp_tui_notify();
"""

STATE_MIGRATIONS: list[MigrationEntry] = [
    # 1: the initial state
    Migration(sqlite="""
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        company_name TEXT NOT NULL,
        name_fold TEXT NOT NULL DEFAULT '',
        contact_name TEXT NOT NULL DEFAULT '',
        contact_email TEXT NOT NULL DEFAULT '',
        domain TEXT NOT NULL DEFAULT '',
        link TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT 'cs',
        reseller_id TEXT,
        status TEXT NOT NULL DEFAULT 'pending',   -- pending | accepted | cancelled
        status_changed_at TEXT NOT NULL,
        customer_id TEXT,                         -- set when accepted
        last_sent_at TEXT NOT NULL,
        send_count INTEGER NOT NULL DEFAULT 1,
        notes TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX invitations_status ON invitations(status, created_at);
    CREATE INDEX invitations_domain ON invitations(domain);

    CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,     -- sent as MS-RequestId on every retry
        -- create_customer | patch_subscription | create_qualification
        kind TEXT NOT NULL,
        customer_id TEXT,
        subject TEXT NOT NULL DEFAULT '',         -- what a person reads, e.g. "12 -> 10 seats"
        payload TEXT NOT NULL,                    -- JSON, never a secret
        dedupe_key TEXT,                          -- e.g. the tenant domain: one live entry per key
        -- queued | sending | done | failed | needs_attention
        state TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        next_attempt_at TEXT,
        error_code TEXT,
        error_message TEXT,
        result TEXT                               -- JSON, never a password
    );
    CREATE INDEX outbox_state ON outbox(state, next_attempt_at);
    CREATE UNIQUE INDEX outbox_dedupe ON outbox(dedupe_key)
        WHERE dedupe_key IS NOT NULL AND state NOT IN ('failed');

    CREATE TABLE drafts (
        form TEXT PRIMARY KEY,                    -- e.g. "new-tenant"
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL                        -- JSON of the typed fields
    );

    CREATE TABLE command_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,                       -- no query secrets, no bodies
        status INTEGER,                           -- NULL when no response (timeout, network)
        duration_ms INTEGER NOT NULL,
        request_id TEXT,
        correlation_id TEXT,
        error TEXT
    );
    CREATE INDEX command_log_at ON command_log(at);
    """, postgres=_V1_POSTGRES),
    # 2: who is sending an outbox entry, so a restart can tell a crashed sender (its process is
    # gone: check, then resend) from a live one in another console (leave it alone).
    """
    ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
    """,
    # 3: a finished entry releases its dedupe key too: the same change may be made again
    # next week; only two *live* entries for one key are impossible.
    """
    DROP INDEX outbox_dedupe;
    CREATE UNIQUE INDEX outbox_dedupe ON outbox(dedupe_key)
        WHERE dedupe_key IS NOT NULL AND state NOT IN ('failed', 'done');
    """,
    # 4: a team on one ledger (PostgreSQL). Every shared row records its operator (the
    # signed-in UPN, else user@host: shown as "by"); an outbox claim holds a lease, so an
    # entry whose sender died is picked up by another operator once the lease ends (and
    # checked before any resend); drafts are each operator's own; a log row imported from an
    # operator's state.db remembers where it came from, so importing twice imports it once.
    Migration(sqlite=_V4_SHARED, postgres=_V4_SHARED + _V4_POSTGRES_NOTIFY),
]
