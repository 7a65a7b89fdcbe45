"""Messages of creating a customer tenant: the request file, the checks that need Partner
Center, the result shown once, and `csp-tui tenant create`.

Texts meant for the customer's side (next steps) say where things are in the Microsoft 365 admin
center; the Czech ones use the names of the Czech admin center ("Fakturace", "Vaše produkty").
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- the request file -------------------------------------------------------------------
    "onboarding.file.error": {
        "en": "{file}: {problem}",
        "cs": "{file}: {problem}",
    },
    "onboarding.file.missing": {
        "en": "the file does not exist (check the path)",
        "cs": "soubor neexistuje (zkontrolujte cestu)",
    },
    "onboarding.file.directory": {
        "en": "this is a directory, not a request file",
        "cs": "toto je adresář, ne soubor se žádostí",
    },
    "onboarding.file.unreadable": {
        "en": "the file cannot be read ({error})",
        "cs": "soubor nelze přečíst ({error})",
    },
    "onboarding.file.too_big": {
        "en": "the file has {size} bytes; a tenant request has at most {max} bytes — is it "
              "the right file?",
        "cs": "soubor má {size} bajtů; žádost o tenant má nejvýše {max} bajtů — je to "
              "správný soubor?",
    },
    "onboarding.file.binary": {
        "en": "this is not a text file (it contains NUL bytes); save the request as TOML or "
              "JSON text",
        "cs": "toto není textový soubor (obsahuje bajty NUL); uložte žádost jako text TOML "
              "nebo JSON",
    },
    "onboarding.file.not_utf8": {
        "en": "the file is not UTF-8 text (byte {position} cannot be read); save it as UTF-8",
        "cs": "soubor není text v kódování UTF-8 (bajt {position} nelze přečíst); uložte ho "
              "jako UTF-8",
    },
    "onboarding.file.empty": {
        "en": "the file is empty",
        "cs": "soubor je prázdný",
    },
    "onboarding.file.bad_toml": {
        "en": "not valid TOML: {detail}",
        "cs": "není platný TOML: {detail}",
    },
    "onboarding.file.bad_json": {
        "en": "not valid JSON: {detail} (line {line}, column {column})",
        "cs": "není platný JSON: {detail} (řádek {line}, sloupec {column})",
    },
    "onboarding.file.not_table": {
        "en": "the request must be one table of fields (company_name = \"…\", ico = \"…\" …), "
              "not a list or a single value",
        "cs": "žádost musí být jedna tabulka polí (company_name = \"…\", ico = \"…\" …), "
              "ne seznam ani jedna hodnota",
    },
    # --- checks that ask Partner Center -----------------------------------------------------
    "onboarding.domain.taken": {
        "en": "{domain} is taken — choose another; the name can never be changed later.",
        "cs": "{domain} je obsazený — zvolte jiný; název už později nikdy nejde změnit.",
    },
    "onboarding.domain.unchecked": {
        "en": "Could not check whether {domain} is free ({error}); Partner Center will refuse "
              "a taken name when the tenant is created.",
        "cs": "Nepodařilo se ověřit, zda je {domain} volný ({error}); obsazený název Partner "
              "Center při zakládání tenantu odmítne.",
    },
    "onboarding.domain.unchecked_distributor": {
        "en": "Could not check whether {domain} is free ({error}); your distributor checks it "
              "when creating the tenant.",
        "cs": "Nepodařilo se ověřit, zda je {domain} volný ({error}); ověří ho distributor při "
              "zakládání tenantu.",
    },
    "onboarding.domain.queued": {
        "en": "{domain} is already in the queue of this profile ({state}); sending the request "
              "again changes nothing, the same request is used.",
        "cs": "{domain} už je ve frontě tohoto profilu ({state}); opětovné odeslání nic "
              "nezmění, použije se stejný požadavek.",
    },
    "onboarding.domain.created_here": {
        "en": "{domain} was already created from this profile (tenant {tenant_id}).",
        "cs": "{domain} už byl z tohoto profilu založen (tenant {tenant_id}).",
    },
    "onboarding.reseller.unknown": {
        "en": "{value} is not one of your resellers; the customer must be linked to a "
              "reseller you supply.",
        "cs": "{value} není žádný z vašich prodejců; zákazník musí být připojen k prodejci, "
              "kterého zásobujete.",
    },
    "onboarding.reseller.known": {
        "en": "Your resellers: {known}",
        "cs": "Vaši prodejci: {known}",
    },
    "onboarding.reseller.none_known": {
        "en": "Partner Center lists no resellers of yours.",
        "cs": "Partner Center neuvádí žádné vaše prodejce.",
    },
    "onboarding.reseller.unchecked": {
        "en": "Could not check that {value} is one of your resellers ({error}); Partner Center "
              "refuses the create if it is not.",
        "cs": "Nepodařilo se ověřit, že {value} je váš prodejce ({error}); pokud není, Partner "
              "Center založení odmítne.",
    },
    "onboarding.reseller.own_customer": {
        "en": "No reseller given: the customer becomes your own (direct) customer, not a "
              "reseller's.",
        "cs": "Není zadán prodejce: zákazník bude váš vlastní (přímý), ne zákazník prodejce.",
    },
    "onboarding.reseller.direct": {
        "en": "A direct partner has no resellers: leave the reseller tenant ID empty.",
        "cs": "Přímý partner nemá prodejce: ID tenantu prodejce nechte prázdné.",
    },
    "onboarding.reseller.not_own": {
        "en": "As a reseller you can only ask for tenants linked to yourself ({own}): leave "
              "the field empty or enter your own tenant ID.",
        "cs": "Jako prodejce můžete žádat jen o tenanty připojené k vám ({own}): pole nechte "
              "prázdné, nebo zadejte ID svého tenantu.",
    },
    "onboarding.summary.reseller": {
        "en": "Reseller",
        "cs": "Prodejce",
    },
    # --- service refusals -------------------------------------------------------------------
    "onboarding.error.read_only": {
        "en": "Profile {profile} is read-only: it cannot create tenants or prepare requests. "
              "Use a profile without read_only = true.",
        "cs": "Profil {profile} je jen pro čtení: nemůže zakládat tenanty ani připravovat "
              "žádosti. Použijte profil bez read_only = true.",
    },
    "onboarding.error.invalid": {
        "en": "The request has mistakes in {count} field(s); fix them first.",
        "cs": "Žádost má chyby v těchto polích ({count}); nejdřív je opravte.",
    },
    "onboarding.error.reseller_cannot_create": {
        "en": "Partner Center does not let indirect resellers create customer tenants: send "
              "the request to your distributor instead.",
        "cs": "Partner Center nepovoluje nepřímým prodejcům zakládat tenanty zákazníků: "
              "pošlete místo toho žádost distributorovi.",
    },
    "onboarding.error.package_reseller_only": {
        "en": "Only an indirect reseller sends a tenant request to a distributor; this "
              "profile creates tenants itself.",
        "cs": "Žádost o tenant distributorovi posílá jen nepřímý prodejce; tento profil "
              "zakládá tenanty sám.",
    },
    "onboarding.error.not_done": {
        "en": "The tenant request is not finished yet ({state}).",
        "cs": "Požadavek na tenant ještě není dokončen ({state}).",
    },
    "onboarding.package.your_name": {
        "en": "[your company name]",
        "cs": "[název vaší firmy]",
    },
    # --- the result, shown once -------------------------------------------------------------
    "onboarding.next.invitation": {
        "en": "The customer's contact ({email}) receives an e-mail invitation to administer "
              "the new tenant, with the reseller in copy; the administrator signs in as "
              "{admin}.",
        "cs": "Kontakt zákazníka ({email}) dostane e-mailovou pozvánku ke správě nového "
              "tenantu, prodejce v kopii; správce se přihlašuje jako {admin}.",
    },
    "onboarding.next.change_password": {
        "en": "At the first sign-in (https://admin.microsoft.com) the administrator must "
              "change the temporary password.",
        "cs": "Při prvním přihlášení (https://admin.microsoft.com) si správce musí změnit "
              "dočasné heslo.",
    },
    "onboarding.next.licences": {
        "en": "Subscriptions and licences appear in the Microsoft 365 admin center under "
              "Billing → Licences; perpetual licences under Billing → Your products.",
        "cs": "Předplatná a licence se objeví v Centru pro správu Microsoftu 365 v části "
              "Fakturace → Licence; trvalé licence v části Fakturace → Vaše produkty.",
    },
    "onboarding.next.password_once": {
        "en": "For the reseller: the temporary password is shown only this once and is not "
              "stored anywhere — hand it to the customer securely, separately from the user "
              "name.",
        "cs": "Pro prodejce: dočasné heslo se zobrazuje jen teď a nikde se neukládá — předejte "
              "ho zákazníkovi bezpečně a odděleně od uživatelského jména.",
    },
    "onboarding.next.password_missing": {
        "en": "For the reseller: the temporary password did not reach this screen (it is "
              "shown only once). Set a new one in the Microsoft 365 admin center: Users → "
              "Active users → {admin} → Reset password (as a partner, open the admin center "
              "from Partner Center → Customers → {company} → Service management).",
        "cs": "Pro prodejce: dočasné heslo sem nedorazilo (zobrazuje se jen jednou). Nové "
              "nastavíte v Centru pro správu Microsoftu 365: Uživatelé → Aktivní uživatelé → "
              "{admin} → Resetovat heslo (jako partner otevřete centrum pro správu z Partner "
              "Center → Zákazníci → {company} → Správa služeb).",
    },
    "onboarding.failed.needs_attention": {
        "en": "The outcome is unknown ({error}). Check in Partner Center whether {domain} "
              "exists before trying again; the outbox re-sends it with the same key, so it "
              "is never created twice.",
        "cs": "Výsledek není známý ({error}). Než to zkusíte znovu, ověřte v Partner Center, "
              "zda {domain} existuje; fronta ho pošle znovu se stejným klíčem, takže nikdy "
              "nevznikne dvakrát.",
    },
    # --- csp-tui tenant create --------------------------------------------------------------
    "onboarding.cli.invalid": {
        "en": "The request in {file} cannot be used; fix these fields:",
        "cs": "Žádost v {file} nelze použít; opravte tato pole:",
    },
    "onboarding.cli.field": {
        "en": "  {field} ({label}): {message}",
        "cs": "  {field} ({label}): {message}",
    },
    "onboarding.cli.field_unlabelled": {
        "en": "  {field}: {message}",
        "cs": "  {field}: {message}",
    },
    "onboarding.cli.hint": {
        "en": "      {hint}",
        "cs": "      {hint}",
    },
    "onboarding.cli.warning": {
        "en": "Note — {field}: {message}",
        "cs": "Upozornění — {field}: {message}",
    },
    "onboarding.cli.reseller_note": {
        "en": "Partner Center does not let indirect resellers create customer tenants, so "
              "nothing was sent: the request below is complete and checked — send it to "
              "your distributor.",
        "cs": "Partner Center nepovoluje nepřímým prodejcům zakládat tenanty zákazníků, proto "
              "se nic neodeslalo: žádost níže je úplná a zkontrolovaná — pošlete ji svému "
              "distributorovi.",
    },
    "onboarding.cli.request_saved": {
        "en": "The request as JSON (attach it to the e-mail): {path}",
        "cs": "Žádost ve formátu JSON (přiložte ji k e-mailu): {path}",
    },
    "onboarding.cli.created": {
        "en": "Tenant created: {company}",
        "cs": "Tenant založen: {company}",
    },
    "onboarding.cli.already_created": {
        "en": "Already created earlier from this profile: {company} — nothing was sent again. "
              "The temporary password was shown only once and is not shown again.",
        "cs": "Už bylo dříve založeno z tohoto profilu: {company} — nic se znovu neposlalo. "
              "Dočasné heslo se zobrazilo jen jednou a znovu se nezobrazí.",
    },
    "onboarding.cli.also_created": {
        "en": "Also sent from the queue during this run:",
        "cs": "Během tohoto běhu se z fronty odeslalo také:",
    },
    "onboarding.cli.tenant_id": {"en": "  Tenant ID:          {value}",
                                 "cs": "  ID tenantu:         {value}"},
    "onboarding.cli.domain": {"en": "  Domain:             {value}",
                              "cs": "  Doména:             {value}"},
    "onboarding.cli.admin": {"en": "  Administrator:      {value}",
                             "cs": "  Správce:            {value}"},
    "onboarding.cli.password_not_shown": {
        "en": "The temporary administrator password is shown only on a terminal and was not "
              "printed. Reset the admin password in the Microsoft 365 admin center (Users → "
              "Active users → admin → Reset password).",
        "cs": "Dočasné heslo správce se zobrazuje jen v terminálu, a proto nebylo vypsáno. "
              "Heslo správce obnovte v Centru pro správu Microsoft 365 (Uživatelé → Aktivní "
              "uživatelé → admin → Obnovit heslo).",
    },
    "onboarding.cli.password": {
        "en": "  Temporary password: {value}   (shown only this once)",
        "cs": "  Dočasné heslo:      {value}   (zobrazeno jen tentokrát)",
    },
    "onboarding.cli.next_steps": {"en": "Next steps:", "cs": "Další kroky:"},
    "onboarding.cli.failed": {
        "en": "The tenant was not created: {reason}",
        "cs": "Tenant nebyl založen: {reason}",
    },
    "onboarding.cli.pending": {
        "en": "Partner Center has not finished within {seconds} s. The request stays queued "
              "under the same idempotency key and is sent by the background worker (the "
              "console or csp-tui sync); run this command again to finish it and see the "
              "result — it never creates a second tenant.",
        "cs": "Partner Center to do {seconds} s nedokončil. Požadavek zůstává ve frontě se "
              "stejným klíčem idempotence a odešle ho práce na pozadí (konzole nebo csp-tui "
              "sync); pro dokončení a výsledek spusťte tento příkaz znovu — druhý tenant "
              "nikdy nevznikne.",
    },
    "onboarding.cli.sign_in": {
        "en": "Sign in first (csp-tui login): {error}",
        "cs": "Nejdřív se přihlaste (csp-tui login): {error}",
    },
    "onboarding.cli.unreachable": {
        "en": "Partner Center cannot be reached: {error}",
        "cs": "Partner Center není dostupný: {error}",
    },
}
