"""The console's own way to a new password for a tenant whose first one was lost."""

MESSAGES: dict[str, dict[str, str]] = {
    "reset.key.reset": {"en": "New password", "cs": "Nové heslo"},
    "reset.keyhelp.reset": {
        "en": "Set a new temporary password for the administrator of this tenant (only when "
              "the first one was lost before anyone saw it)",
        "cs": "Nastavit nové dočasné heslo správce tohoto tenantu (jen když se první ztratilo "
              "dřív, než ho kdo viděl)",
    },
    "reset.console.offer": {
        "en": "The tenant of {company} was created, but the temporary password of {admin} "
              "was lost before anyone saw it (the program ended first). Select the customer "
              "and press p on the Tenant pane for a new one (or run csp-tui tenant "
              "reset-password --customer {customer}).",
        "cs": "Tenant {company} byl vytvořen, ale dočasné heslo uživatele {admin} se ztratilo "
              "dřív, než ho kdo viděl (program skončil dřív). Vyberte zákazníka a na panelu "
              "Tenant stiskněte p pro nové (nebo spusťte csp-tui tenant reset-password "
              "--customer {customer}).",
    },
    "reset.console.nothing_lost": {
        "en": "The administrator password of this tenant was not lost: nothing to reset.",
        "cs": "Heslo správce tohoto tenantu se neztratilo: není co nastavovat znovu.",
    },
    "reset.console.queued": {
        "en": "Setting a new password for {admin} ({company}) through the outbox; it is "
              "shown here once when done.",
        "cs": "Nové heslo uživatele {admin} ({company}) se nastavuje přes frontu zápisů; po "
              "dokončení se jednou zobrazí zde.",
    },
    "reset.console.title": {
        "en": "New temporary password: {company}",
        "cs": "Nové dočasné heslo: {company}",
    },
    "reset.console.step.give": {
        "en": "Give the password to {admin} by a safe channel (not the same e-mail as the "
              "user name).",
        "cs": "Předejte heslo uživateli {admin} bezpečnou cestou (ne stejným e-mailem jako "
              "uživatelské jméno).",
    },
    "reset.console.step.change": {
        "en": "At the next sign-in Microsoft 365 asks for a new password of their own.",
        "cs": "Při příštím přihlášení si Microsoft 365 vyžádá vlastní nové heslo.",
    },
}
