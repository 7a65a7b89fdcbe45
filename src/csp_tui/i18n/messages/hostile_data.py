"""What a sync says about server data it could not use (items skipped, limits reached)."""

MESSAGES = {
    "sync.items_skipped": {
        "en": "{count} item(s) from Partner Center could not be read and were left out; "
              "everything else was kept. First: {sample}",
        "cs": "Položky z Partner Center, které nešlo přečíst a byly vynechány: {count}; "
              "vše ostatní zůstalo uloženo. První: {sample}",
    },
    "sync.customer_unexpected": {
        "en": "this customer's data could not be stored ({error}); the other customers were "
              "kept",
        "cs": "data tohoto zákazníka nešlo uložit ({error}); ostatní zákazníci zůstali",
    },
    "sync.unexpected": {
        "en": "the sync stopped on an unexpected error ({error}); what was read so far is kept",
        "cs": "synchronizace skončila nečekanou chybou ({error}); co se načetlo, zůstává",
    },
    "sync.step_deadline": {
        "en": "this customer's details were not read within {seconds} s; the next sync tries "
              "again",
        "cs": "údaje tohoto zákazníka se nenačetly do {seconds} s; další synchronizace to "
              "zkusí znovu",
    },
    "pc.malformed.no_new_items": {
        "en": "Partner Center kept sending further pages without any new item ({pages} pages "
              "in a row); the listing was stopped",
        "cs": "Partner Center posílal další stránky bez jediné nové položky ({pages} stránek "
              "za sebou); výpis byl ukončen",
    },
    "pc.transport.deadline": {
        "en": "Partner Center did not finish its answer within {seconds} s",
        "cs": "Partner Center nedokončil odpověď do {seconds} s",
    },
    "pc.error.redirect": {
        "en": "Partner Center answered with a redirect ({status}) to {target}; csp-tui does "
              "not follow redirects (the sign-in token must not go elsewhere). Check the "
              "profile's base_url.",
        "cs": "Partner Center odpověděl přesměrováním ({status}) na {target}; csp-tui "
              "přesměrování nenásleduje (přihlašovací token nesmí odejít jinam). Zkontrolujte "
              "base_url v profilu.",
    },
    "pc.malformed.too_large": {
        "en": "the answer is larger than {megabytes} MB, the most csp-tui reads",
        "cs": "odpověď je větší než {megabytes} MB, což je nejvíc, co csp-tui načte",
    },
    "reset.no_one_to_show": {
        "en": "waiting for the console or `csp-tui tenant reset-password` to show the new "
              "password to a person",
        "cs": "čeká na konzoli nebo `csp-tui tenant reset-password`, aby nové heslo viděl "
              "člověk",
    },
    "reset.user_not_found": {
        "en": "the tenant has no user {user}",
        "cs": "tenant nemá uživatele {user}",
    },
    "reset.offer": {
        "en": "The tenant of {company} was created, but the temporary password of {admin} "
              "was lost before anyone saw it (the program ended first). Set a new one: "
              "csp-tui tenant reset-password --customer {customer}",
        "cs": "Tenant {company} byl vytvořen, ale dočasné heslo uživatele {admin} se ztratilo "
              "dřív, než ho kdo viděl (program skončil dřív). Nastavte nové: "
              "csp-tui tenant reset-password --customer {customer}",
    },
    "reset.cli.queued": {
        "en": "Resetting the password of {admin} ({company}) through the outbox…",
        "cs": "Heslo uživatele {admin} ({company}) se nastavuje přes frontu zápisů…",
    },
    "reset.cli.done": {
        "en": "New temporary password of {admin} (shown only this once; it must be changed "
              "at the next sign-in): {password}",
        "cs": "Nové dočasné heslo uživatele {admin} (zobrazeno jen tentokrát, při příštím "
              "přihlášení se musí změnit): {password}",
    },
    "reset.cli.not_done": {
        "en": "The reset has not gone through yet ({state}): {error}. It stays in the outbox; "
              "run the command again to send it.",
        "cs": "Nastavení hesla zatím neproběhlo ({state}): {error}. Zůstává ve frontě; "
              "spusťte příkaz znovu.",
    },
    "reset.cli.nothing_lost": {
        "en": "No created tenant of customer {customer} is waiting for a new password.",
        "cs": "Žádný vytvořený tenant zákazníka {customer} nečeká na nové heslo.",
    },
}
