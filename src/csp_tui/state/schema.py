"""The tables of ``state.db``, as ordered migrations.

``state.db`` holds what cannot be rebuilt from Partner Center: the invitation ledger, the
outbox, form drafts, the command log (what a sync can rebuild is in ``cache.db``:
``cache/schema.py``). The list below is append-only: migration N brings the database from
version N-1 to N (run by :func:`csp_tui.db.migrations.migrate`).
"""

from __future__ import annotations

STATE_APP_ID = "csp-tui-state"

STATE_MIGRATIONS: list[str] = [
    # 1: the initial state
    """
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
    """,
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
    # 4: where the person last looked (the Today screen's "since you last looked"): one row
    # per marker, moved by the console's writer or ``csp-tui today --mark-seen``. A moment of
    # the wall clock, as the outbox and the sync's runs record theirs, and the last sync event
    # seen: a sandbox sync stamps what it finds by the world's clock, which ``advance`` moves
    # ahead of the wall's, so events are told apart by their order, not their time.
    """
    CREATE TABLE seen_marks (
        name TEXT PRIMARY KEY,                    -- today
        seen_at TEXT NOT NULL,
        event_id INTEGER                          -- cache.db sync_events.id; NULL: none yet
    );
    """,
]
