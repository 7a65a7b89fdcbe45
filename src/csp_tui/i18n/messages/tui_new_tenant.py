"""Messages of the console's new-tenant form: the form, the ARES offer, the draft, the
confirmation, the result shown once and the request for the distributor.

Field labels and what-to-fix messages come from the validation catalog; these are the screens'
own words.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- keys -------------------------------------------------------------------------------
    "tenant_form.key.review": {"en": "Review", "cs": "Zkontrolovat"},
    "tenant_form.keyhelp.review": {
        "en": "Check the whole form and show what will be created",
        "cs": "Zkontrolovat celý formulář a ukázat, co se založí",
    },
    "tenant_form.key.ares": {"en": "Fill from ARES", "cs": "Doplnit z ARES"},
    "tenant_form.keyhelp.ares": {
        "en": "Fill the company name and address in from ARES (shown first)",
        "cs": "Doplnit název firmy a adresu z ARES (změny se nejdřív ukážou)",
    },
    "tenant_form.keyhelp.back": {
        "en": "Leave the form; what you typed stays as a draft",
        "cs": "Opustit formulář; napsané zůstane uložené jako koncept",
    },
    "tenant_form.keyhelp.confirm_back": {
        "en": "Back to the form without creating anything",
        "cs": "Zpět do formuláře, nic se nezaloží",
    },
    "tenant_form.key.reveal": {"en": "Show/hide", "cs": "Zobrazit/skrýt"},
    "tenant_form.keyhelp.reveal": {
        "en": "Show or hide the temporary password",
        "cs": "Zobrazit nebo skrýt dočasné heslo",
    },
    "tenant_form.key.copy_password": {"en": "Copy password", "cs": "Kopírovat heslo"},
    "tenant_form.keyhelp.copy_password": {
        "en": "Copy the temporary password to the clipboard",
        "cs": "Zkopírovat dočasné heslo do schránky",
    },
    "tenant_form.key.copy_user": {"en": "Copy user", "cs": "Kopírovat uživatele"},
    "tenant_form.keyhelp.copy_user": {
        "en": "Copy the administrator's user name",
        "cs": "Zkopírovat uživatelské jméno správce",
    },
    "tenant_form.key.done": {"en": "Done", "cs": "Hotovo"},
    "tenant_form.keyhelp.done": {
        "en": "Close; the password is forgotten",
        "cs": "Zavřít; heslo se zapomene",
    },
    "tenant_form.key.copy_email": {"en": "Copy e-mail", "cs": "Kopírovat e-mail"},
    "tenant_form.keyhelp.copy_email": {
        "en": "Copy the e-mail text for the distributor",
        "cs": "Zkopírovat text e-mailu pro distributora",
    },
    "tenant_form.key.copy_path": {"en": "Copy path", "cs": "Kopírovat cestu"},
    "tenant_form.keyhelp.copy_path": {
        "en": "Copy the path of the saved JSON request",
        "cs": "Zkopírovat cestu k uložené žádosti JSON",
    },
    "tenant_form.keyhelp.close": {"en": "Close", "cs": "Zavřít"},
    # --- the form ---------------------------------------------------------------------------
    "tenant_form.title": {"en": "New tenant", "cs": "Nový tenant"},
    "tenant_form.title.distributor": {
        "en": "New tenant — a request for your distributor",
        "cs": "Nový tenant — žádost pro distributora",
    },
    "tenant_form.intro.distributor": {
        "en": "Partner Center does not let resellers create tenants: fill in the form and the "
              "last step prepares a complete request for your distributor.",
        "cs": "Partner Center nepovoluje prodejcům zakládat tenanty: vyplňte formulář a "
              "poslední krok připraví úplnou žádost pro distributora.",
    },
    "tenant_form.section.company": {"en": "Company", "cs": "Firma"},
    "tenant_form.section.address": {"en": "Registered address", "cs": "Sídlo"},
    "tenant_form.section.contact": {
        "en": "Contact (the customer's administrator)",
        "cs": "Kontakt (správce u zákazníka)",
    },
    "tenant_form.section.tenant": {"en": "Tenant", "cs": "Tenant"},
    "tenant_form.required_note": {
        "en": "* required. F2 reviews the form; esc leaves it (the draft is kept).",
        "cs": "* povinné. F2 formulář zkontroluje; esc ho opustí (koncept zůstane).",
    },
    "tenant_form.button.review": {"en": "Review (F2)", "cs": "Zkontrolovat (F2)"},
    "tenant_form.domain.checking": {
        "en": "{domain} — checking whether it is free…",
        "cs": "{domain} — ověřuji, zda je volný…",
    },
    "tenant_form.domain.free": {
        "en": "{domain} is free. It can never be changed later.",
        "cs": "{domain} je volný. Později ho už nikdy nejde změnit.",
    },
    "tenant_form.domain.suggested": {
        "en": "Suggested from the company name; type your own to change it.",
        "cs": "Navrženo z názvu firmy; napište vlastní, chcete-li jiný.",
    },
    "tenant_form.domain.kept": {
        "en": "Kept as you typed it; the company name now suggests {prefix} (empty the field"
              " to use it).",
        "cs": "Ponecháno, jak jste ho napsali; název firmy teď navrhuje {prefix} (vyprázdněte"
              " pole, chcete-li ho).",
    },
    "tenant_form.domain.unchecked": {
        "en": "Could not check whether {domain} is free ({error}).",
        "cs": "Nepodařilo se ověřit, zda je {domain} volný ({error}).",
    },
    "tenant_form.reseller.label": {"en": "Reseller", "cs": "Prodejce"},
    "tenant_form.reseller.own": {
        "en": "None — my own customer",
        "cs": "Žádný — můj vlastní zákazník",
    },
    "tenant_form.reseller.loading": {
        "en": "Loading your resellers…",
        "cs": "Načítám vaše prodejce…",
    },
    "tenant_form.reseller.failed": {
        "en": "Your resellers could not be loaded ({error}); type the reseller's tenant ID "
              "instead.",
        "cs": "Vaše prodejce se nepodařilo načíst ({error}); zadejte místo toho ID tenantu "
              "prodejce.",
    },
    "tenant_form.invalid.summary": {
        "en": "Fix {count} field(s) first: {fields}",
        "cs": "Nejdřív opravte pole ({count}): {fields}",
    },
    "tenant_form.invalid.focus": {
        "en": "{field}: {message}",
        "cs": "{field}: {message}",
    },
    "tenant_form.checking": {
        "en": "Checking the request with Partner Center…",
        "cs": "Ověřuji žádost v Partner Center…",
    },
    "tenant_form.worker_failed": {
        "en": "The check could not run: {error}",
        "cs": "Kontrola nemohla proběhnout: {error}",
    },
    "tenant_form.draft.saved": {"en": "Draft saved", "cs": "Koncept uložen"},
    "tenant_form.draft.kept": {
        "en": "The form is kept as a draft; press n to continue it.",
        "cs": "Formulář zůstal uložen jako koncept; pokračujte klávesou n.",
    },
    "tenant_form.draft.title": {
        "en": "An unfinished new tenant",
        "cs": "Nedokončený nový tenant",
    },
    "tenant_form.draft.body": {
        "en": "A draft saved {when} was found ({company}). Continue with it, or start with an "
              "empty form (the draft is then deleted)?",
        "cs": "Našel se koncept uložený {when} ({company}). Pokračovat v něm, nebo začít s "
              "prázdným formulářem (koncept se pak smaže)?",
    },
    "tenant_form.draft.no_company": {"en": "no company name yet", "cs": "zatím bez názvu"},
    "tenant_form.draft.resume": {"en": "Continue the draft", "cs": "Pokračovat v konceptu"},
    "tenant_form.draft.discard": {"en": "Start empty", "cs": "Začít znovu"},
    # --- ARES -------------------------------------------------------------------------------
    "tenant_form.ares.looking": {
        "en": "Looking IČO {ico} up in ARES…",
        "cs": "Hledám IČO {ico} v ARES…",
    },
    "tenant_form.ares.offer": {
        "en": "From ARES — {name} — fill these fields in? (F3)",
        "cs": "Z ARES — {name} — doplnit tato pole? (F3)",
    },
    "tenant_form.ares.matches": {
        "en": "ARES: {name} — the form already matches.",
        "cs": "ARES: {name} — formulář už odpovídá.",
    },
    "tenant_form.ares.change": {
        "en": "{field}: {old} → {new}",
        "cs": "{field}: {old} → {new}",
    },
    "tenant_form.ares.empty": {"en": "(empty)", "cs": "(prázdné)"},
    "tenant_form.ares.dissolved": {
        "en": "⚠ DISSOLVED — ARES lists this company as dissolved on {date}. A tenant for it "
              "is almost certainly a mistake: check the IČO.",
        "cs": "⚠ ZANIKLÁ FIRMA — podle ARES zanikla {date}. Tenant pro ni je téměř jistě "
              "omyl: zkontrolujte IČO.",
    },
    "tenant_form.ares.fill": {"en": "Fill in (F3)", "cs": "Doplnit (F3)"},
    "tenant_form.ares.ignore": {"en": "Ignore", "cs": "Ignorovat"},
    # --- confirmation -----------------------------------------------------------------------
    "tenant_form.confirm.title": {
        "en": "Create this tenant?",
        "cs": "Založit tento tenant?",
    },
    "tenant_form.confirm.title.distributor": {
        "en": "Prepare this request for your distributor?",
        "cs": "Připravit tuto žádost pro distributora?",
    },
    "tenant_form.confirm.effect": {
        "en": "This creates a Microsoft customer tenant for {company} at Partner Center. It "
              "cannot be undone.",
        "cs": "Tímto se v Partner Center založí zákaznický tenant Microsoft pro {company}. "
              "Nelze to vrátit zpět.",
    },
    "tenant_form.confirm.effect.distributor": {
        "en": "Nothing is sent: an e-mail text and a JSON file are prepared for your "
              "distributor, who creates the tenant for {company}.",
        "cs": "Nic se neodešle: připraví se text e-mailu a soubor JSON pro distributora, "
              "který tenant pro {company} založí.",
    },
    "tenant_form.confirm.domain_forever": {
        "en": "The domain {domain} can never be changed.",
        "cs": "Doménu {domain} už nikdy nepůjde změnit.",
    },
    "tenant_form.confirm.reseller": {
        "en": "Linked to the reseller: {name}",
        "cs": "Připojen k prodejci: {name}",
    },
    "tenant_form.confirm.own_customer": {
        "en": "No reseller: the customer becomes your own.",
        "cs": "Bez prodejce: zákazník bude váš vlastní.",
    },
    "tenant_form.confirm.create": {"en": "Create the tenant", "cs": "Založit tenant"},
    "tenant_form.confirm.prepare": {"en": "Prepare the request", "cs": "Připravit žádost"},
    "tenant_form.confirm.back": {"en": "Back to the form", "cs": "Zpět do formuláře"},
    "tenant_form.confirm.sending": {
        "en": "Creating the tenant at Partner Center… ({state})",
        "cs": "Zakládám tenant v Partner Center… ({state})",
    },
    "tenant_form.confirm.retrying": {
        "en": "Partner Center has not finished: {error}. The request stays queued and is sent "
              "again with the same key — never a second tenant.",
        "cs": "Partner Center to nedokončil: {error}. Požadavek zůstává ve frontě a odešle se "
              "znovu se stejným klíčem — druhý tenant nikdy nevznikne.",
    },
    "tenant_form.confirm.failed": {
        "en": "The tenant was not created. {reason}",
        "cs": "Tenant nebyl založen. {reason}",
    },
    "tenant_form.confirm.error": {
        "en": "Nothing was created: {error}",
        "cs": "Nic nebylo založeno: {error}",
    },
    # --- the result, shown once ---------------------------------------------------------------
    "tenant_form.result.title": {
        "en": "Tenant created: {company}",
        "cs": "Tenant založen: {company}",
    },
    "tenant_form.result.tenant_id": {"en": "Tenant ID", "cs": "ID tenantu"},
    "tenant_form.result.domain": {"en": "Domain", "cs": "Doména"},
    "tenant_form.result.admin": {"en": "Administrator", "cs": "Správce"},
    "tenant_form.result.password": {"en": "Temporary password", "cs": "Dočasné heslo"},
    "tenant_form.result.hidden": {
        "en": "(hidden — v shows it, c copies it)",
        "cs": "(skryté — v zobrazí, c zkopíruje)",
    },
    "tenant_form.result.no_password": {
        "en": "not available here (shown only once)",
        "cs": "zde není k dispozici (zobrazuje se jen jednou)",
    },
    "tenant_form.result.warning": {
        "en": "⚠ The temporary password is NOT stored anywhere and will NOT be shown again. "
              "Copy it now and hand it to the customer securely.",
        "cs": "⚠ Dočasné heslo se NIKDE neukládá a znovu se NEZOBRAZÍ. Zkopírujte ho teď a "
              "předejte zákazníkovi bezpečně.",
    },
    "tenant_form.result.copied": {
        "en": "✓ Password copied to the clipboard.",
        "cs": "✓ Heslo zkopírováno do schránky.",
    },
    "tenant_form.result.user_copied": {
        "en": "✓ User name copied to the clipboard.",
        "cs": "✓ Uživatelské jméno zkopírováno do schránky.",
    },
    "tenant_form.result.close_again": {
        "en": "The temporary password will not be shown again. Press esc once more to close"
              " (c copies it first).",
        "cs": "Dočasné heslo se znovu nezobrazí. Zavřete dalším stiskem esc (c ho předtím"
              " zkopíruje).",
    },
    "tenant_form.result.next_steps": {"en": "Next steps", "cs": "Další kroky"},
    # --- the request for the distributor ------------------------------------------------------
    "tenant_form.request.title": {
        "en": "Request for your distributor: {company}",
        "cs": "Žádost pro distributora: {company}",
    },
    "tenant_form.request.saved": {
        "en": "Saved as JSON (attach it to the e-mail): {path}",
        "cs": "Uloženo jako JSON (přiložte ho k e-mailu): {path}",
    },
    "tenant_form.request.email": {"en": "The e-mail to send", "cs": "E-mail k odeslání"},
}
