"""Sync progress and summaries (CLI and console)."""

MESSAGES: dict[str, dict[str, str]] = {
    "sync.progress.listing": {
        "en": "Listing customers… {done}",
        "cs": "Načítám seznam zákazníků… {done}",
    },
    "sync.progress.details": {
        "en": "Reading customers {done}/{total}",
        "cs": "Načítám zákazníky {done}/{total}",
    },
    "sync.summary": {
        "en": "Synced {customers} customers ({done} read in detail).",
        "cs": "Synchronizováno {customers} zákazníků ({done} načteno podrobně).",
    },
    "sync.change_line": {"en": "  {kind}: {count}", "cs": "  {kind}: {count}"},
    "sync.no_changes": {"en": "  No changes.", "cs": "  Žádné změny."},
    "sync.customer_failed": {
        "en": "  Could not read {customer}: {error}",
        "cs": "  Nepodařilo se načíst {customer}: {error}",
    },
    "sync.customers_failed": {
        "en": "{count} customer(s) could not be read: {error}",
        "cs": "Nepodařilo se načíst zákazníky ({count}): {error}",
    },
    "sync.cancelled": {"en": "cancelled", "cs": "přerušeno"},
    "backend.not_running": {"en": "the background worker is not running",
                            "cs": "úlohy na pozadí neběží"},
    "sync.cli.customer_blank": {
        "en": "--customer needs a customer's tenant id; it was empty.",
        "cs": "--customer potřebuje ID tenantu zákazníka; bylo prázdné.",
    },
    "sync.failed": {"en": "Sync failed: {error}", "cs": "Synchronizace selhala: {error}"},
    "sync.sign_in_required_env": {
        "en": "Sign-in required: {error}. This profile takes its token from "
              "CSP_TUI_ACCESS_TOKEN: set a new one there.",
        "cs": "Je potřeba se přihlásit: {error}. Tento profil bere token z proměnné "
              "CSP_TUI_ACCESS_TOKEN: nastavte tam nový.",
    },
    "sync.sign_in_required": {
        "en": "Sign-in required: {error}. Run `csp-tui login`.",
        "cs": "Je potřeba se přihlásit: {error}. Spusťte `csp-tui login`.",
    },
    "change.customer_added": {"en": "new customers", "cs": "noví zákazníci"},
    "change.customer_removed": {"en": "removed customers", "cs": "odebraní zákazníci"},
    "change.subscription_added": {"en": "new subscriptions", "cs": "nová předplatná"},
    "change.quantity_changed": {"en": "quantity changes", "cs": "změny počtu licencí"},
    "change.status_changed": {"en": "status changes", "cs": "změny stavu"},
    "change.auto_renew_changed": {"en": "auto-renew changes", "cs": "změny automatického obnovení"},
    "change.invitation_accepted": {"en": "invitations accepted", "cs": "přijaté pozvánky"},
}
