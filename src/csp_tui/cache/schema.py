"""The tables of ``cache.db``, as ordered migrations.

``cache.db`` holds only what a sync can rebuild from Partner Center (what cannot be rebuilt is
in ``state.db``: ``state/schema.py``). The list below is append-only: migration N brings the
database from version N-1 to N (run by :func:`csp_tui.db.migrations.migrate`).

Text columns ending in ``_fold`` hold the value lower-cased with diacritics removed, so a filter
for "sumavska" finds "Šumavská" with an indexed ``LIKE``; ``sort_key`` columns hold a Czech
collation key (Č after C, "ch" after H) computed in Python.
"""

from __future__ import annotations

CACHE_APP_ID = "csp-tui-cache"

CATALOG_NAMES_MIGRATION = """
    CREATE TABLE catalog_products (
        product_id TEXT PRIMARY KEY,         -- upper-case catalog id, e.g. DG7GMGF0PWJ9
        country TEXT NOT NULL,               -- the market it was read for
        name TEXT,                           -- the catalog's title; NULL when unreadable
        problem TEXT,                        -- why not: not_found | refused | failed
        read_at TEXT NOT NULL
    );
    CREATE TABLE catalog_orders (
        customer_id TEXT NOT NULL,
        order_id TEXT NOT NULL,              -- as Partner Center spells it
        created_at TEXT,                     -- the order's creationDate (UTC); NULL if unreadable
        problem TEXT,
        read_at TEXT NOT NULL,
        PRIMARY KEY (customer_id, order_id)
    );
"""

# The fold learnt letters without a decomposition (ł ø đ æ œ þ ß: "Łódź" folds to
# "lodz") and the Czech collation key ends in the original text (so "ABC" and "abc" differ,
# and every order is total): every stored fold and key is computed again with the
# functions the store uses (csp_fold, csp_sort_key: db/connection.py registers them on
# every connection), the search texts the same way cache/store/search.py writes them.
REFOLD_MIGRATION = """
UPDATE customers SET name_fold = csp_fold(company_name),
    sort_key = csp_sort_key(company_name), domain_fold = csp_fold(primary_domain);
UPDATE customers SET search_fold = name_fold || char(10) || domain_fold
    || IFNULL((SELECT char(10) || group_concat(folded, char(10)) FROM (
           SELECT DISTINCT csp_fold(d.domain) AS folded FROM domains AS d
           WHERE d.customer_id = customers.id
             AND csp_fold(d.domain) != customers.domain_fold
           ORDER BY folded)), '')
    || char(10) || lower(id);
UPDATE subscriptions SET
    name_fold = csp_fold(trim(offer_name || ' ' || friendly_name)),
    sort_key = csp_sort_key(CASE WHEN offer_name != '' THEN offer_name
                                 ELSE friendly_name END);
UPDATE subscriptions SET search_fold = name_fold || char(10)
    || IFNULL((SELECT c.name_fold FROM customers AS c
               WHERE c.id = subscriptions.customer_id), '');
"""

# Seats in use: each customer's licence pools (GET …/subscribedskus, a part of the customer read
# on its own) and, on each subscription, what the matching rule (domain/seats.py) made of them —
# bought, assigned, unused, the pool it shares with how many others, or why there is nothing to
# show. cache/store/seats.py recomputes the subscription columns whenever either side is
# written. The index is the "unused seats" order's walk (most unused first, read backwards;
# subscriptions without a figure are NULL, so they come last in that order).
SEATS_MIGRATION = """
    CREATE TABLE subscribed_skus (
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        sku_id TEXT NOT NULL,                -- productSku.id
        sku_part_number TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL DEFAULT '',
        target_type TEXT,
        license_group_id TEXT,
        available_units INTEGER,
        active_units INTEGER,
        consumed_units INTEGER NOT NULL DEFAULT 0,  -- assigned to users
        suspended_units INTEGER,
        total_units INTEGER,
        warning_units INTEGER,
        capability_status TEXT,
        synced_at TEXT NOT NULL,
        raw_json TEXT,
        PRIMARY KEY (customer_id, sku_id)
    );
    ALTER TABLE subscriptions ADD COLUMN seats_bought INTEGER;
    ALTER TABLE subscriptions ADD COLUMN seats_assigned INTEGER;
    ALTER TABLE subscriptions ADD COLUMN seats_unused INTEGER;
    ALTER TABLE subscriptions ADD COLUMN seats_shared INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE subscriptions ADD COLUMN seats_pool TEXT;
    ALTER TABLE subscriptions ADD COLUMN seats_reason TEXT;  -- domain/seats.REASONS
    CREATE INDEX subscriptions_unused ON subscriptions(seats_unused, id);
"""

CACHE_MIGRATIONS: list[str] = [
    # 1: the initial cache
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE customers (
        id TEXT PRIMARY KEY,                 -- customer tenant id, lower-case
        company_name TEXT NOT NULL DEFAULT '',
        name_fold TEXT NOT NULL DEFAULT '',
        sort_key TEXT NOT NULL DEFAULT '',
        primary_domain TEXT NOT NULL DEFAULT '',  -- companyProfile.domain
        domain_fold TEXT NOT NULL DEFAULT '',
        relationship TEXT NOT NULL DEFAULT 'unknown',  -- reseller | advisor | none | ...
        associated_partner_id TEXT,
        allow_delegated_access INTEGER,      -- NULL until the customer detail was read
        email TEXT,
        city TEXT,
        country TEXT,
        culture TEXT,
        subscription_count INTEGER NOT NULL DEFAULT 0,
        attention INTEGER NOT NULL DEFAULT 0,  -- number of things needing attention
        attention_reason TEXT,
        first_seen_at TEXT NOT NULL,
        listed_at TEXT NOT NULL,             -- last time a customer listing included it
        detail_synced_at TEXT,               -- last time its subscriptions etc. were read
        removed_at TEXT,                     -- set only after a complete listing missed it
        raw_json TEXT
    );
    CREATE INDEX customers_sort ON customers(sort_key, id);
    CREATE INDEX customers_name_fold ON customers(name_fold);
    CREATE INDEX customers_domain_fold ON customers(domain_fold);
    CREATE INDEX customers_removed ON customers(removed_at);

    CREATE TABLE domains (
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        domain TEXT NOT NULL,
        is_initial INTEGER NOT NULL DEFAULT 0,   -- the tenant's *.onmicrosoft.com name
        PRIMARY KEY (customer_id, domain)
    );
    CREATE INDEX domains_domain ON domains(domain);

    CREATE TABLE customer_relationships (
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        partner_id TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        relationship_type TEXT NOT NULL DEFAULT '',
        mpn_id TEXT,
        PRIMARY KEY (customer_id, partner_id, relationship_type)
    );

    CREATE TABLE subscriptions (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        offer_id TEXT NOT NULL DEFAULT '',
        offer_name TEXT NOT NULL DEFAULT '',
        friendly_name TEXT NOT NULL DEFAULT '',
        name_fold TEXT NOT NULL DEFAULT '',
        sort_key TEXT NOT NULL DEFAULT '',
        product_type TEXT NOT NULL DEFAULT '',   -- OnlineServicesNCE | Software | ...
        kind TEXT NOT NULL DEFAULT 'online',     -- online | software (perpetual: entitlements)
        quantity INTEGER NOT NULL DEFAULT 0,
        unit_type TEXT,
        status TEXT NOT NULL DEFAULT 'unknown',
        term_duration TEXT,
        billing_cycle TEXT,
        auto_renew INTEGER,
        is_trial INTEGER NOT NULL DEFAULT 0,
        creation_date TEXT,
        effective_start_date TEXT,
        commitment_end_date TEXT,
        cancellation_allowed_until TEXT,
        refundable_quantity INTEGER,
        refundable_until TEXT,
        partner_id TEXT,
        etag TEXT,
        synced_at TEXT NOT NULL,
        raw_json TEXT
    );
    CREATE INDEX subscriptions_customer ON subscriptions(customer_id);
    CREATE INDEX subscriptions_sort ON subscriptions(sort_key, id);
    CREATE INDEX subscriptions_name_fold ON subscriptions(name_fold);
    CREATE INDEX subscriptions_status ON subscriptions(status);
    CREATE INDEX subscriptions_end ON subscriptions(commitment_end_date);
    CREATE INDEX subscriptions_cancel ON subscriptions(cancellation_allowed_until);

    CREATE TABLE entitlements (
        id TEXT PRIMARY KEY,                 -- customer:product:sku:order:line
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        product_id TEXT NOT NULL DEFAULT '',
        sku_id TEXT NOT NULL DEFAULT '',
        product_name TEXT NOT NULL DEFAULT '',
        quantity INTEGER NOT NULL DEFAULT 0,
        entitlement_type TEXT NOT NULL DEFAULT 'software',
        order_id TEXT,
        purchase_date TEXT,
        expiry_date TEXT,
        synced_at TEXT NOT NULL,
        raw_json TEXT
    );
    CREATE INDEX entitlements_customer ON entitlements(customer_id);

    CREATE TABLE qualifications (
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        qualification TEXT NOT NULL,
        vetting_status TEXT,
        vetting_reason TEXT,
        vetting_created_at TEXT,
        synced_at TEXT NOT NULL,
        PRIMARY KEY (customer_id, qualification)
    );

    CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,                  -- full | customer
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,                -- running | ok | failed | interrupted
        customers_listed INTEGER NOT NULL DEFAULT 0,
        customers_done INTEGER NOT NULL DEFAULT 0,
        requests INTEGER NOT NULL DEFAULT 0,
        throttled INTEGER NOT NULL DEFAULT 0,
        error TEXT
    );

    CREATE TABLE sync_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        -- customer_added | customer_removed | quantity_changed | status_changed
        -- | auto_renew_changed | subscription_added | invitation_accepted
        kind TEXT NOT NULL,
        customer_id TEXT,
        subscription_id TEXT,
        detail TEXT           -- JSON
    );
    CREATE INDEX sync_events_run ON sync_events(run_id);
    """,
    # 2: one folded search text per customer (name, primary domain, every other domain, id,
    # one per line), so the customer filter is a single LIKE instead of four with a
    # correlated subquery over domains. cache/store and sandbox/synthetic_cache.py (which
    # writes rows straight into these tables, for benchmarks and scale tests) keep it current;
    # this fills it for an existing cache from the columns already folded (domains are stored
    # lower-cased, and the old filter matched them as they are). The partial index holds
    # only listed customers: a filter scans it instead of the wider table rows.
    """
    ALTER TABLE customers ADD COLUMN search_fold TEXT NOT NULL DEFAULT '';
    UPDATE customers SET search_fold = name_fold || char(10) || domain_fold
        || IFNULL((SELECT char(10) || group_concat(domain, char(10)) FROM (
               SELECT d.domain FROM domains AS d
               WHERE d.customer_id = customers.id AND d.domain != customers.primary_domain
               ORDER BY d.domain)), '')
        || char(10) || id;
    CREATE INDEX customers_search ON customers(search_fold) WHERE removed_at IS NULL;
    """,
    # 3: one folded search text per subscription (its product name, then its customer's
    # name, one per line), so the filter over every customer's subscriptions is a single LIKE
    # over one index instead of a LIKE plus a lookup of the matching customers. cache/store
    # and sandbox/synthetic_cache.py keep it current (a customer's rename rewrites its
    # subscriptions' texts); this fills it for an existing cache. The index carries the
    # customer id, so counting the matches of listed customers never reads a table row.
    """
    ALTER TABLE subscriptions ADD COLUMN search_fold TEXT NOT NULL DEFAULT '';
    UPDATE subscriptions SET search_fold = name_fold || char(10)
        || IFNULL((SELECT c.name_fold FROM customers AS c
                   WHERE c.id = subscriptions.customer_id), '');
    CREATE INDEX subscriptions_search ON subscriptions(search_fold, customer_id);
    """,
    # 4: each part of a customer (its record with the domains, subscriptions, entitlements,
    # qualifications, relationships) is read on its own; a part Partner Center refused (403),
    # does not offer (404 on the part's route) or kept failing keeps its previous rows, and
    # this table says so, with the reason and when it was last read whole. And a tenant this
    # console created is shown at once, marked until a customer listing includes it
    # (``created_pending_at``; store.py keeps a listing inside the propagation window from
    # marking it removed).
    """
    CREATE TABLE customer_parts (
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        -- customer | subscriptions | entitlements | qualifications | relationships
        part TEXT NOT NULL,
        state TEXT NOT NULL,                 -- ok | refused | missing | failed
        read_at TEXT NOT NULL,               -- the last attempt
        last_ok_at TEXT,                     -- the last complete read; NULL: never
        status INTEGER,                      -- HTTP status of the failure; NULL: no answer
        code TEXT,                           -- Partner Center's error code
        message TEXT,                        -- Partner Center's words (remote text)
        PRIMARY KEY (customer_id, part)
    );
    ALTER TABLE customers ADD COLUMN created_pending_at TEXT;
    """,
    # 5: what Partner Center's entitlements do not carry, read once from where it does say it:
    # a product's name from the catalog (GET /v1/products/{id}), an order's creation date (the
    # purchase date of the licences bought in it). A failed read keeps its reason and time
    # (name/created NULL) so it is retried later instead of on every sync.
    CATALOG_NAMES_MIGRATION,
    # 6: a subscription is keyed by its customer too. Partner Center's ids are GUIDs, but a
    # server that repeats one under two customers must not move the row from one customer to
    # the other (their counts and lists would disagree): each customer keeps its own.
    """
    CREATE TABLE subscriptions_by_customer (
        id TEXT NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        offer_id TEXT NOT NULL DEFAULT '',
        offer_name TEXT NOT NULL DEFAULT '',
        friendly_name TEXT NOT NULL DEFAULT '',
        name_fold TEXT NOT NULL DEFAULT '',
        sort_key TEXT NOT NULL DEFAULT '',
        product_type TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'online',
        quantity INTEGER NOT NULL DEFAULT 0,
        unit_type TEXT,
        status TEXT NOT NULL DEFAULT 'unknown',
        term_duration TEXT,
        billing_cycle TEXT,
        auto_renew INTEGER,
        is_trial INTEGER NOT NULL DEFAULT 0,
        creation_date TEXT,
        effective_start_date TEXT,
        commitment_end_date TEXT,
        cancellation_allowed_until TEXT,
        refundable_quantity INTEGER,
        refundable_until TEXT,
        partner_id TEXT,
        etag TEXT,
        synced_at TEXT NOT NULL,
        raw_json TEXT,
        search_fold TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (customer_id, id)
    );
    INSERT INTO subscriptions_by_customer SELECT id, customer_id, offer_id, offer_name,
        friendly_name, name_fold, sort_key, product_type, kind, quantity, unit_type, status,
        term_duration, billing_cycle, auto_renew, is_trial, creation_date, effective_start_date,
        commitment_end_date, cancellation_allowed_until, refundable_quantity, refundable_until,
        partner_id, etag, synced_at, raw_json, search_fold FROM subscriptions;
    DROP TABLE subscriptions;
    ALTER TABLE subscriptions_by_customer RENAME TO subscriptions;
    CREATE INDEX subscriptions_customer ON subscriptions(customer_id);
    CREATE INDEX subscriptions_id ON subscriptions(id);
    CREATE INDEX subscriptions_sort ON subscriptions(sort_key, id);
    CREATE INDEX subscriptions_name_fold ON subscriptions(name_fold);
    CREATE INDEX subscriptions_status ON subscriptions(status);
    CREATE INDEX subscriptions_end ON subscriptions(commitment_end_date);
    CREATE INDEX subscriptions_cancel ON subscriptions(cancellation_allowed_until);
    CREATE INDEX subscriptions_search ON subscriptions(search_fold, customer_id);
    """,
    # 7: the list of every customer's subscriptions sorted by quantity, by customer, by
    # renewal date or by cancellation deadline, each read as a walk along one index that stops
    # at the window (views/subscriptions._SUBSCRIPTION_ORDER) instead of sorting 100k rows per
    # window. The deadline's order puts subscriptions without one last, so its index leads with
    # that.
    # The id completes each index's order, as the list's tie-breaker does. The two indexes
    # dropped are prefixes of new ones (and of the primary key), so they only cost space.
    """
    CREATE INDEX subscriptions_quantity ON subscriptions(quantity, id);
    CREATE INDEX subscriptions_customer_sort ON subscriptions(customer_id, sort_key, id);
    DROP INDEX subscriptions_customer;
    CREATE INDEX subscriptions_end_order ON subscriptions(commitment_end_date, id);
    DROP INDEX subscriptions_end;
    CREATE INDEX subscriptions_cancel_order ON subscriptions(
        cancellation_allowed_until IS NULL, cancellation_allowed_until, id);
    """,
    # 8: the refresh cycle's bookkeeping (services/refresh.py): where the audit log was read
    # to, the records already handled near that moment, customers still owed a re-read. The
    # per-customer "last full read" is customers.detail_synced_at (migration 1); its index
    # lets the slow sweep take the oldest customers first and the status say the oldest age.
    """
    CREATE TABLE refresh_marks (
        key TEXT PRIMARY KEY,                -- audit_from | audit_seen | owed
        value TEXT NOT NULL                  -- a stored moment, or JSON
    );
    CREATE INDEX customers_detail_synced ON customers(detail_synced_at);
    """,
    # 9: (selling) the catalog for the profile's country: one row per availability
    # (catalogItemId = product:sku:availability), with the terms and billing it is sold on as
    # JSON; catalog_marks says when a country's catalog was last read (refreshed at most
    # daily). Subscriptions just ordered wait in `subscriptions` as status 'provisioning'
    # rows (no migration needed) until Partner Center lists them.
    """
    CREATE TABLE catalog_items (
        catalog_item_id TEXT NOT NULL,
        country TEXT NOT NULL,
        product_id TEXT NOT NULL,
        sku_id TEXT NOT NULL,
        availability_id TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        product_title TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL,                  -- online | software | perpetual
        segment TEXT NOT NULL DEFAULT 'commercial',
        choices TEXT NOT NULL,               -- JSON [[term, billing], ...]
        min_quantity INTEGER NOT NULL DEFAULT 1,
        max_quantity INTEGER NOT NULL DEFAULT 1,
        is_trial INTEGER NOT NULL DEFAULT 0,
        purchasable INTEGER NOT NULL DEFAULT 1,
        sort_key TEXT NOT NULL DEFAULT '',
        search_fold TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (country, catalog_item_id)
    );
    CREATE INDEX catalog_items_sort ON catalog_items(country, sort_key, catalog_item_id);
    CREATE TABLE catalog_marks (
        country TEXT PRIMARY KEY,
        refreshed_at TEXT NOT NULL
    );
    """,
    # 10: Today (services/today.py) counts the renewals of the next 7 and 30 days and sums the
    # seats renewing per week; with the status, kind and quantity beside the date these are
    # walks of one index that never read a table row (100k subscriptions: ~0.4 s less). And
    # what changed since a moment is a range of the events' time, not a scan of every event.
    # And who changed a subscription in Partner Center, as the audit log the refresh cycle
    # reads names them (services/refresh.py), so Today can say "by jana@… in Partner Center".
    """
    CREATE INDEX subscriptions_renewals ON subscriptions(
        commitment_end_date, status, kind, quantity);
    CREATE INDEX sync_events_at ON sync_events(at);
    CREATE TABLE audit_changes (
        subscription_id TEXT NOT NULL,       -- lower-case
        customer_id TEXT NOT NULL,
        user TEXT NOT NULL,                  -- the audit record's user principal name
        operation TEXT NOT NULL DEFAULT '',  -- e.g. update_subscription
        at TEXT NOT NULL,                    -- the operation's date (stored moment)
        PRIMARY KEY (subscription_id, at, user)
    );
    """,
    # 11: the fold learnt letters without a decomposition and the collation a total order:
    # every stored fold and key is computed again (see REFOLD_MIGRATION).
    REFOLD_MIGRATION,
    # 12: seats in use (SEATS_MIGRATION, above).
    SEATS_MIGRATION,
    # 13: the status line's "oldest data" at start (refresh_marks.oldest_read) is two seeks
    # of this index instead of a walk of every customer (20,000 customers: 9-23 ms of the
    # first frame, now well under one).
    """
    CREATE INDEX customers_read_age ON customers(removed_at, detail_synced_at);
    """,
]
