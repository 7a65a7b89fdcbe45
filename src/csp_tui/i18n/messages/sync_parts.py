"""Parts of a customer that a sync could not read, a first sync's summary, and a tenant
created here that Partner Center does not list yet (CLI and console)."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the parts of a customer ----------------------------------------------------------------
    "sync_parts.part.customer": {"en": "customer record", "cs": "záznam zákazníka"},
    "sync_parts.part.subscriptions": {"en": "subscriptions", "cs": "předplatná"},
    "sync_parts.part.entitlements": {"en": "perpetual licences (entitlements)",
                                     "cs": "trvalé licence (nároky)"},
    "sync_parts.part.qualifications": {"en": "qualifications", "cs": "kvalifikace"},
    "sync_parts.part.relationships": {"en": "partner relationships", "cs": "vztahy s partnery"},
    "sync_parts.part_title.customer": {"en": "Customer record", "cs": "Záznam zákazníka"},
    "sync_parts.part_title.subscriptions": {"en": "Subscriptions", "cs": "Předplatná"},
    "sync_parts.part_title.entitlements": {"en": "Perpetual licences",
                                           "cs": "Trvalé licence"},
    "sync_parts.part_title.qualifications": {"en": "Qualifications", "cs": "Kvalifikace"},
    "sync_parts.part_title.relationships": {"en": "Partner relationships",
                                            "cs": "Vztahy s partnery"},
    # --- why a part was not read -----------------------------------------------------------------
    "sync_parts.why.refused_role": {
        "en": "not available to this role (Partner Center refused: {reason})",
        "cs": "pro tuto roli nedostupné (Partner Center odmítl: {reason})",
    },
    "sync_parts.why.missing_role": {
        "en": "not available to this role (Partner Center does not offer this read: {reason})",
        "cs": "pro tuto roli nedostupné (Partner Center toto čtení nenabízí: {reason})",
    },
    "sync_parts.why.refused": {"en": "Partner Center refused: {reason}",
                               "cs": "Partner Center odmítl: {reason}"},
    "sync_parts.why.missing": {"en": "Partner Center does not offer this read: {reason}",
                               "cs": "Partner Center toto čtení nenabízí: {reason}"},
    "sync_parts.why.failed": {"en": "could not be read: {reason}",
                              "cs": "nepodařilo se načíst: {reason}"},
    "sync_parts.last_read": {"en": "last read {time}, {why}",
                             "cs": "naposledy načteno {time}, {why}"},
    "sync_parts.http": {"en": "HTTP {status}", "cs": "odpověď HTTP {status}"},
    "sync_parts.line": {"en": "{part}: {why}", "cs": "{part}: {why}"},
    # --- the tenant and subscription panes -------------------------------------------------------
    "sync_parts.tenant.label": {"en": "Not current", "cs": "Neaktuální"},
    "sync_parts.tenant.created_label": {"en": "Created", "cs": "Založen"},
    "sync_parts.tenant.created_waiting": {
        "en": "created {time}, waiting for Partner Center to list it (usually a few minutes)",
        "cs": "založen {time}, čeká, až ho Partner Center zařadí do seznamu "
              "(obvykle několik minut)",
    },
    "sync_parts.short.last_read": {"en": "last read {time}", "cs": "naposledy načteno {time}"},
    "sync_parts.short.role": {"en": "not available to this role",
                              "cs": "pro tuto roli nedostupné"},
    "sync_parts.short.failed": {"en": "could not be read", "cs": "nepodařilo se načíst"},
    "sync_parts.subscriptions.empty_waiting": {
        "en": "Tenant created; its subscriptions appear once Partner Center lists it.",
        "cs": "Tenant je založen; předplatná se objeví, až ho Partner Center zařadí do seznamu.",
    },
    # --- csp-tui sync ----------------------------------------------------------------------------
    "sync_parts.incomplete_short": {
        "en": "{parts} part(s) of {customers} customer(s) could not be read",
        "cs": "nepodařilo se načíst části zákazníků: {parts} (zákazníci: {customers})",
    },
    "sync_parts.summary.incomplete": {
        "en": "Incomplete: {parts} part(s) of {customers} customer(s) could not be read; the "
              "cache keeps what it had for them:",
        "cs": "Neúplné: nepodařilo se načíst části zákazníků: {parts} (zákazníci: {customers}); "
              "mezipaměť si pro ně ponechává, co měla:",
    },
    "sync_parts.summary.group": {
        "en": "  {part} of {count} customer(s): {why}",
        "cs": "  {part} – zákazníci: {count}: {why}",
    },
    "sync_parts.summary.added": {
        "en": "  Added {customers} customers, {subscriptions} subscriptions and {perpetual} "
              "perpetual licences.",
        "cs": "  Přidáno zákazníků: {customers}, předplatných: {subscriptions}, trvalých "
              "licencí: {perpetual}.",
    },
    "sync_parts.summary.first_read": {
        "en": "  Read for the first time: {subscriptions} subscriptions and {perpetual} "
              "perpetual licences.",
        "cs": "  Poprvé načteno předplatných: {subscriptions}, trvalých licencí: {perpetual}.",
    },
    "sync_parts.finished_incomplete": {
        "en": "Sync finished, but incomplete: {error}",
        "cs": "Synchronizace doběhla, ale neúplně: {error}",
    },
    "sync_parts.customer_not_found": {
        "en": "Partner Center does not show customer {customer}",
        "cs": "Partner Center zákazníka {customer} nezobrazuje",
    },
    "sync_parts.cli.epilog": {
        "en": "Exit codes: 0 everything was read; 1 the sync failed (sign-in, the customer "
              "listing, storage); 2 wrong arguments; 3 finished, but some parts of some "
              "customers could not be read (the summary says which and why; the cache keeps "
              "what it had for them).",
        "cs": "Návratové kódy: 0 vše načteno; 1 synchronizace selhala (přihlášení, seznam "
              "zákazníků, úložiště); 2 chybné argumenty; 3 doběhla, ale některé části "
              "některých zákazníků se nepodařilo načíst (souhrn říká které a proč; mezipaměť "
              "si pro ně ponechává, co měla).",
    },
    # --- the customer's record screen (the column, see tui/screens/detail.py) ----------------
    "tui.field.created_pending_at": {"en": "Created here, not listed yet since",
                                     "cs": "Založen zde, zatím není v seznamu od"},
    # --- the console's status line ---------------------------------------------------------------
    "sync_parts.status.synced_incomplete": {
        "en": "Synced {time}, incomplete: {what}",
        "cs": "Synchronizováno {time}, neúplně: {what}",
    },
}
