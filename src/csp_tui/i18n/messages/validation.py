"""Form validation, the ARES look-up and the new-tenant request to a distributor.

Every message says what to fix, not only that something is wrong.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # ---- field labels ------------------------------------------------------------------------
    "validation.label.company_name": {"en": "Company name", "cs": "Název firmy"},
    "validation.label.ico": {"en": "Company ID (IČO)", "cs": "IČO"},
    "validation.label.dic": {"en": "VAT ID (DIČ)", "cs": "DIČ"},
    "validation.label.street": {"en": "Street and number", "cs": "Ulice a číslo"},
    "validation.label.city": {"en": "City", "cs": "Obec"},
    "validation.label.postal_code": {"en": "Postal code", "cs": "PSČ"},
    "validation.label.country": {"en": "Country", "cs": "Země"},
    "validation.label.first_name": {"en": "First name", "cs": "Jméno"},
    "validation.label.last_name": {"en": "Last name", "cs": "Příjmení"},
    "validation.label.email": {"en": "E-mail", "cs": "E-mail"},
    "validation.label.phone": {"en": "Phone", "cs": "Telefon"},
    "validation.label.domain_prefix": {"en": "Tenant name", "cs": "Název tenantu"},
    "validation.label.domain": {"en": "Initial domain", "cs": "Počáteční doména"},
    "validation.label.culture": {"en": "Language and formats", "cs": "Jazyk a formáty"},
    "validation.label.reseller_id": {"en": "Reseller tenant ID", "cs": "ID tenantu prodejce"},
    "validation.label.address": {"en": "Address", "cs": "Adresa"},
    "validation.label.contact": {"en": "Contact person", "cs": "Kontaktní osoba"},
    # ---- shared ------------------------------------------------------------------------------
    "validation.required": {
        "en": "{field} is required.",
        "cs": "Pole {field} je povinné.",
    },
    "validation.hidden_char": {
        "en": "{field} contains a character nobody can see ({char}, character {position}); "
              "Partner Center would receive something other than what is shown. Type it "
              "again without it.",
        "cs": "{field} obsahuje znak, který není vidět ({char}, {position}. znak); Partner "
              "Center by dostal něco jiného, než je zobrazeno. Napište ho znovu bez něj.",
    },
    "validation.too_long": {
        "en": "{field} can have at most {max} characters; this has {count}.",
        "cs": "{field} může mít nejvýše {max} znaků, zadáno je {count}.",
    },
    "validation.did_you_mean": {
        "en": "Did you mean {suggestion}?",
        "cs": "Mysleli jste {suggestion}?",
    },
    "validation.not_text": {
        "en": "{field} must be text (in quotes in the file).",
        "cs": "{field} musí být text (v souboru v uvozovkách).",
    },
    "validation.unknown_field": {
        "en": "Unknown field '{field}' — did you mean '{suggestion}'?",
        "cs": "Neznámé pole „{field}“ — mysleli jste „{suggestion}“?",
    },
    "validation.unknown_field.no_suggestion": {
        "en": "Unknown field '{field}'. Known fields: {fields}.",
        "cs": "Neznámé pole „{field}“. Známá pole: {fields}.",
    },
    "validation.request.not_object": {
        "en": "The request must be a JSON object with the fields of the form.",
        "cs": "Žádost musí být objekt JSON s poli formuláře.",
    },
    # ---- IČO ---------------------------------------------------------------------------------
    "validation.ico.required": {
        "en": "Enter the company ID (IČO): 8 digits.",
        "cs": "Zadejte IČO: 8 číslic.",
    },
    "validation.ico.is_dic": {
        "en": "That is a VAT ID (DIČ). The IČO is the 8 digits without \"CZ\".",
        "cs": "To je DIČ. IČO je 8 číslic bez „CZ“.",
    },
    "validation.ico.did_you_mean": {
        "en": "Did you mean {suggestion}?",
        "cs": "Mysleli jste {suggestion}?",
    },
    "validation.ico.not_digit": {
        "en": "IČO has digits 0–9 only; remove \"{char}\".",
        "cs": "IČO obsahuje jen číslice 0–9; odstraňte „{char}“.",
    },
    "validation.ico.too_short": {
        "en": "IČO has 8 digits; you typed {count}.",
        "cs": "IČO má 8 číslic, zadali jste {count}.",
    },
    "validation.ico.too_long": {
        "en": "IČO has 8 digits; you typed {count}.",
        "cs": "IČO má 8 číslic, zadali jste {count}.",
    },
    "validation.ico.checksum": {
        "en": "The last digit of this IČO should be {expected}, not {typed} — check the number "
              "for a typo.",
        "cs": "Poslední číslice tohoto IČO má být {expected}, ne {typed} — zkontrolujte "
              "překlep v čísle.",
    },
    # ---- DIČ ---------------------------------------------------------------------------------
    "validation.dic.missing_prefix": {
        "en": "A Czech VAT ID starts with \"CZ\" followed by 8–10 digits.",
        "cs": "DIČ začíná „CZ“, za ním následuje 8–10 číslic.",
    },
    "validation.dic.did_you_mean": {
        "en": "Did you mean {suggestion}?",
        "cs": "Mysleli jste {suggestion}?",
    },
    "validation.dic.foreign": {
        "en": "Only a Czech VAT ID (CZ + 8–10 digits) belongs here, not one starting with "
              "\"{prefix}\". Leave the field empty for a foreign company.",
        "cs": "Sem patří jen české DIČ (CZ + 8–10 číslic), ne začínající „{prefix}“. U "
              "zahraniční firmy pole nechte prázdné.",
    },
    "validation.dic.format": {
        "en": "Write the VAT ID as CZ followed by 8–10 digits, e.g. CZ27082440.",
        "cs": "Zapište DIČ jako CZ a 8–10 číslic, např. CZ27082440.",
    },
    "validation.dic.not_digit": {
        "en": "After \"CZ\" come digits only; remove \"{char}\".",
        "cs": "Za „CZ“ následují jen číslice; odstraňte „{char}“.",
    },
    "validation.dic.length": {
        "en": "After \"CZ\" come 8–10 digits; you typed {count}.",
        "cs": "Za „CZ“ následuje 8–10 číslic, zadali jste {count}.",
    },
    "validation.dic.checksum": {
        "en": "A company's VAT ID is CZ + its IČO, whose last digit should be {expected}, not "
              "{typed} — check for a typo.",
        "cs": "DIČ firmy je CZ + její IČO, jehož poslední číslice má být {expected}, ne "
              "{typed} — zkontrolujte překlep.",
    },
    "validation.dic.ico_mismatch": {
        "en": "This VAT ID does not match the IČO above (expected {expected}). Fine for a VAT "
              "group member; otherwise check both numbers.",
        "cs": "DIČ neodpovídá zadanému IČO (očekáváno {expected}). U člena skupiny DPH je to "
              "v pořádku, jinak obě čísla zkontrolujte.",
    },
    # ---- PSČ / postal code -------------------------------------------------------------------
    "validation.psc.required": {
        "en": "Enter the postal code (PSČ), e.g. 170 00.",
        "cs": "Zadejte PSČ, např. 170 00.",
    },
    "validation.psc.not_digit": {
        "en": "A Czech postal code has digits only; remove \"{char}\".",
        "cs": "PSČ obsahuje jen číslice; odstraňte „{char}“.",
    },
    "validation.psc.length": {
        "en": "A Czech postal code has 5 digits (e.g. 170 00); you typed {count}.",
        "cs": "PSČ má 5 číslic (např. 170 00), zadali jste {count}.",
    },
    "validation.psc.slovak": {
        "en": "{psc} looks like a Slovak postal code (Czech ones start with 1–7). For a Slovak "
              "address set the country to SK.",
        "cs": "{psc} vypadá jako slovenské PSČ (česká začínají 1–7). U slovenské adresy "
              "nastavte zemi SK.",
    },
    "validation.postal.required": {
        "en": "Enter the postal code.",
        "cs": "Zadejte poštovní směrovací číslo.",
    },
    "validation.postal.too_long": {
        "en": "A postal code has at most {max} characters; this has {count}.",
        "cs": "Poštovní směrovací číslo má nejvýše {max} znaků, zadáno je {count}.",
    },
    "validation.postal.bad_char": {
        "en": "A postal code has letters, digits, spaces and hyphens only; remove \"{char}\".",
        "cs": "Poštovní směrovací číslo obsahuje jen písmena, číslice, mezery a pomlčky; "
              "odstraňte „{char}“.",
    },
    # ---- street, city, country ---------------------------------------------------------------
    "validation.street.required": {
        "en": "Enter the street and house number, e.g. Jankovcova 1522/53.",
        "cs": "Zadejte ulici a číslo domu, např. Jankovcova 1522/53.",
    },
    "validation.street.house_number": {
        "en": "Add the house number, e.g. \"Jankovcova 1522/53\", \"Lhota 25\" or \"č. ev. 12\".",
        "cs": "Doplňte číslo domu, např. „Jankovcova 1522/53“, „Lhota 25“ nebo „č. ev. 12“.",
    },
    "validation.city.required": {"en": "Enter the city.", "cs": "Zadejte obec."},
    "validation.city.no_letter": {
        "en": "A city name needs letters, e.g. Praha 7.",
        "cs": "Název obce musí obsahovat písmena, např. Praha 7.",
    },
    "validation.country.alias": {
        "en": "Use the ISO country code.",
        "cs": "Použijte kód země podle ISO.",
    },
    "validation.country.length": {
        "en": "Enter the two-letter ISO country code (CZ, SK, DE…); you typed {count} "
              "characters.",
        "cs": "Zadejte dvoupísmenný kód země podle ISO (CZ, SK, DE…), zadáno je {count} znaků.",
    },
    "validation.country.unknown": {
        "en": "{code} is not an ISO country code; use e.g. CZ, SK, DE or AT.",
        "cs": "{code} není kód země podle ISO; použijte např. CZ, SK, DE nebo AT.",
    },
    # ---- phone -------------------------------------------------------------------------------
    "validation.phone.required": {
        "en": "Enter a phone number, e.g. +420 603 123 456.",
        "cs": "Zadejte telefon, např. +420 603 123 456.",
    },
    "validation.phone.bad_char": {
        "en": "A phone number has digits (and a leading +) only; remove \"{char}\".",
        "cs": "Telefon obsahuje jen číslice (a + na začátku); odstraňte „{char}“.",
    },
    "validation.phone.cz_length": {
        "en": "A Czech number has 9 digits after +420; you typed {count}.",
        "cs": "České číslo má 9 číslic za +420, zadali jste {count}.",
    },
    "validation.phone.cz_first_digit": {
        "en": "Czech numbers start with 2–9, not {digit} (there is no leading 0 since 2002).",
        "cs": "Česká čísla začínají 2–9, ne {digit} (úvodní 0 se od roku 2002 nepíše).",
    },
    "validation.phone.intl_length": {
        "en": "An international number has 8–15 digits after the +; you typed {count}.",
        "cs": "Mezinárodní číslo má 8–15 číslic za +, zadali jste {count}.",
    },
    "validation.phone.intl_zero": {
        "en": "After + comes the country code, which never starts with 0.",
        "cs": "Za + následuje předvolba země, ta nikdy nezačíná 0.",
    },
    "validation.phone.needs_code": {
        "en": "Add the country calling code, e.g. +49 30 1234567.",
        "cs": "Doplňte mezinárodní předvolbu, např. +49 30 1234567.",
    },
    # ---- e-mail ------------------------------------------------------------------------------
    "validation.email.required": {
        "en": "Enter an e-mail address, e.g. jana.novakova@firma.cz.",
        "cs": "Zadejte e-mail, např. jana.novakova@firma.cz.",
    },
    "validation.email.space": {
        "en": "An e-mail address has no spaces.",
        "cs": "E-mailová adresa neobsahuje mezery.",
    },
    "validation.email.no_at": {
        "en": "The address is missing the @, e.g. jana@firma.cz.",
        "cs": "V adrese chybí zavináč @, např. jana@firma.cz.",
    },
    "validation.email.many_at": {
        "en": "Enter one address with a single @.",
        "cs": "Zadejte jednu adresu s jediným zavináčem @.",
    },
    "validation.email.too_long": {
        "en": "An e-mail address has at most {max} characters; this has {count}.",
        "cs": "E-mailová adresa má nejvýše {max} znaků, zadáno je {count}.",
    },
    "validation.email.no_local": {
        "en": "Something must come before the @.",
        "cs": "Před zavináčem @ musí něco být.",
    },
    "validation.email.local_too_long": {
        "en": "The part before @ has at most {max} characters; this has {count}.",
        "cs": "Část před zavináčem má nejvýše {max} znaků, zadáno je {count}.",
    },
    "validation.email.bad_char": {
        "en": "\"{char}\" is not allowed in an e-mail address.",
        "cs": "„{char}“ v e-mailové adrese být nesmí.",
    },
    "validation.email.dots": {
        "en": "Dots may not start, end or double up in an address (\"..\").",
        "cs": "Tečka nesmí být na začátku, na konci ani zdvojená („..“).",
    },
    "validation.email.no_domain": {
        "en": "The domain after the @ is missing, e.g. firma.cz.",
        "cs": "Za zavináčem chybí doména, např. firma.cz.",
    },
    "validation.email.no_dot": {
        "en": "The domain after the @ needs a dot, e.g. firma.cz.",
        "cs": "Doména za zavináčem musí obsahovat tečku, např. firma.cz.",
    },
    "validation.email.bad_label": {
        "en": "A part of the domain starts or ends with \"-\" or is too long.",
        "cs": "Část domény začíná nebo končí pomlčkou nebo je příliš dlouhá.",
    },
    "validation.email.bad_tld": {
        "en": "The domain must end with a top-level domain of letters (e.g. .cz), not "
              "\".{tld}\".",
        "cs": "Doména musí končit písmennou doménou nejvyššího řádu (např. .cz), ne „.{tld}“.",
    },
    # ---- names -------------------------------------------------------------------------------
    "validation.name.person_char": {
        "en": "{field}: \"{char}\" does not belong in a name; use letters, spaces, hyphens or "
              "apostrophes.",
        "cs": "{field}: „{char}“ do jména nepatří; použijte písmena, mezery, pomlčky nebo "
              "apostrofy.",
    },
    "validation.name.no_letter": {
        "en": "{field} needs at least one letter.",
        "cs": "{field} musí obsahovat aspoň jedno písmeno.",
    },
    # ---- tenant domain, culture, partner id --------------------------------------------------
    "validation.domain.required": {
        "en": "Enter the tenant name: the part before .onmicrosoft.com.",
        "cs": "Zadejte název tenantu: část před .onmicrosoft.com.",
    },
    "validation.domain.bad_char": {
        "en": "The tenant name has letters a–z and digits only; \"{char}\" is not allowed.",
        "cs": "Název tenantu smí obsahovat jen písmena a–z a číslice; „{char}“ není povoleno.",
    },
    "validation.domain.too_long": {
        "en": "Keep the tenant name to {max} characters; this has {count}. It appears in every "
              "sign-in and SharePoint address and can never be changed.",
        "cs": "Název tenantu může mít nejvýše {max} znaků, zadáno je {count}. Objevuje se "
              "v každém přihlášení i adrese SharePointu a nelze ho později změnit.",
    },
    "validation.culture.unknown": {
        "en": "Choose one of: {choices}.",
        "cs": "Vyberte jednu z možností: {choices}.",
    },
    "validation.partner_id.format": {
        "en": "The reseller's tenant ID is a GUID, e.g. 484e548c-f5f3-4528-93a9-c16c6373cb59.",
        "cs": "ID tenantu prodejce je GUID, např. 484e548c-f5f3-4528-93a9-c16c6373cb59.",
    },
    # ---- ARES --------------------------------------------------------------------------------
    "ares.found": {
        "en": "Filled in from ARES — check the details and edit them if needed.",
        "cs": "Doplněno z ARES — údaje zkontrolujte a případně upravte.",
    },
    "ares.found_school": {
        "en": "Filled in from ARES. The school register lists this organisation: it may "
              "qualify for Education offers.",
        "cs": "Doplněno z ARES. Organizace je ve školském rejstříku: může mít nárok na "
              "nabídky pro školství.",
    },
    "ares.dissolved": {
        "en": "ARES lists this company as dissolved on {date}. Check the IČO before creating "
              "a tenant.",
        "cs": "Podle ARES firma zanikla {date}. Před založením tenantu IČO zkontrolujte.",
    },
    "ares.not_found": {
        "en": "ARES has no company with IČO {ico}. Check the number, or fill in the details "
              "by hand.",
        "cs": "V ARES není žádný subjekt s IČO {ico}. Zkontrolujte číslo, nebo vyplňte údaje "
              "ručně.",
    },
    "ares.invalid": {
        "en": "ARES did not accept {ico} as an IČO: it has 8 digits.",
        "cs": "ARES nepřijal {ico} jako IČO: IČO má 8 číslic.",
    },
    "ares.unavailable": {
        "en": "ARES is not available right now; fill in the details by hand.",
        "cs": "ARES teď není dostupný; vyplňte údaje ručně.",
    },
    # ---- request to the distributor ----------------------------------------------------------
    "tenant.email.subject": {
        "en": "Subject: Request to create a Microsoft customer tenant for {company}",
        "cs": "Předmět: Žádost o založení zákaznického tenantu Microsoft pro {company}",
    },
    "tenant.email.greeting": {"en": "Hello,", "cs": "Dobrý den,"},
    "tenant.email.ask": {
        "en": "please create a new Microsoft customer tenant for our customer below and "
              "associate it with us as the indirect reseller.",
        "cs": "prosíme o založení nového zákaznického tenantu Microsoft pro níže uvedeného "
              "zákazníka a o jeho přiřazení k nám jako nepřímému prodejci.",
    },
    "tenant.email.reseller": {
        "en": "Reseller: {name}, MPN ID {mpn}",
        "cs": "Prodejce: {name}, MPN ID {mpn}",
    },
    "tenant.email.reseller_tenant": {
        "en": "Reseller tenant ID (associatedPartnerId): {tenant_id}",
        "cs": "ID tenantu prodejce (associatedPartnerId): {tenant_id}",
    },
    "tenant.email.customer": {"en": "Customer:", "cs": "Zákazník:"},
    "tenant.email.domain_note": {
        "en": "If {domain} is already taken, please ask us before choosing another name: the "
              "tenant name can never be changed.",
        "cs": "Pokud je {domain} obsazená, zeptejte se nás prosím před volbou jiného názvu: "
              "název tenantu nelze později změnit.",
    },
    "tenant.email.credentials_note": {
        "en": "Please hand over the administrator sign-in ({admin}) and its temporary password "
              "through a secure channel, not by plain e-mail.",
        "cs": "Přihlašovací údaje správce ({admin}) a dočasné heslo nám prosím předejte "
              "bezpečnou cestou, ne běžným e-mailem.",
    },
    "tenant.email.attachment": {
        "en": "The same request in machine-readable form (JSON) is attached.",
        "cs": "Tutéž žádost ve strojově čitelné podobě (JSON) přikládáme.",
    },
    "tenant.email.closing": {"en": "Thank you,", "cs": "Děkujeme,"},
}
