"""Problems in the config file: what is wrong with a key and what to write instead.

Shown as "file: key: problem"; the key path (``profiles.pc.tenant_id``) and the values a key
accepts (``"partner-center"``, ``true``) are written as they are typed in the file.
"""

MESSAGES: dict[str, dict[str, str]] = {
    "config.where.builtin": {"en": "built-in settings", "cs": "vestavěné nastavení"},
    # With no config file there is no file to name (an unknown --profile on the defaults).
    "config.error.no_file": {
        "en": "Configuration error: {key}: {problem}",
        "cs": "Chyba konfigurace: {key}: {problem}",
    },
    # -- the file itself
    "config.problem.toml_at": {
        "en": "not valid TOML at line {line}, column {column}",
        "cs": "neplatný TOML na řádku {line}, ve sloupci {column}",
    },
    "config.problem.toml_at_end": {
        "en": "not valid TOML at the end of the file",
        "cs": "neplatný TOML na konci souboru",
    },
    "config.problem.toml": {"en": "not valid TOML", "cs": "neplatný TOML"},
    "config.problem.encoding": {
        "en": "the file must be UTF-8 text",
        "cs": "soubor musí být text v kódování UTF-8",
    },
    "config.problem.unreadable_permission": {
        "en": "cannot be read: no permission (check the file's owner and mode)",
        "cs": "nelze přečíst: chybí oprávnění (zkontrolujte vlastníka a práva souboru)",
    },
    "config.problem.unreadable_directory": {
        "en": "is a directory, not a file",
        "cs": "je to adresář, ne soubor",
    },
    "config.problem.unreadable": {"en": "cannot be read", "cs": "nelze přečíst"},
    # -- the layout of the file
    "config.problem.unknown_top_key": {
        "en": "unknown key (expected default_profile, profiles, keymap)",
        "cs": "neznámý klíč (povolené jsou default_profile, profiles a keymap)",
    },
    "config.problem.profiles_not_table": {
        "en": "must be a table of [profiles.NAME] tables",
        "cs": "musí být tabulka s tabulkami [profiles.NÁZEV]",
    },
    "config.problem.profile_name": {
        "en": "use letters without accents, digits, '-', '_' or '.' (at most 64 characters, "
              "starting with a letter or a digit)",
        "cs": "použijte písmena bez diakritiky, číslice, „-“, „_“ nebo „.“ (nejvýše 64 znaků, "
              "na začátku písmeno nebo číslice)",
    },
    "config.problem.profile_not_table": {
        "en": "must be a table: [profiles.NAME] with its keys on the lines below",
        "cs": "musí být tabulka: [profiles.NÁZEV] a pod ní na dalších řádcích její klíče",
    },
    "config.problem.name_key": {
        "en": "unknown key: the profile's name is its table name",
        "cs": "neznámý klíč: název profilu je název jeho tabulky",
    },
    "config.problem.invalid_table": {
        "en": "is not a valid profile table",
        "cs": "není platná tabulka profilu",
    },
    "config.problem.keymap": {
        "en": 'must map binding ids to keys, e.g. sync = "r,f5"',
        "cs": 'musí přiřazovat klávesy k id akcí, např. sync = "r,f5"',
    },
    "config.problem.default_profile": {
        "en": "must be a profile name (text in quotes)",
        "cs": "musí být název profilu (text v uvozovkách)",
    },
    "config.problem.no_profile": {
        "en": "no profile named {name} (known: {known})",
        "cs": "profil {name} neexistuje (známé profily: {known})",
    },
    # -- one key's value
    "config.problem.unknown_key": {
        "en": "unknown key (check the spelling)",
        "cs": "neznámý klíč (zkontrolujte, zda v názvu není překlep)",
    },
    "config.problem.integer": {
        "en": "must be a whole number (an integer), without quotes",
        "cs": "musí být celé číslo, bez uvozovek",
    },
    "config.problem.number": {
        "en": "must be a number, without quotes",
        "cs": "musí být číslo, bez uvozovek",
    },
    "config.problem.boolean": {
        "en": "must be true or false (a boolean), without quotes",
        "cs": "musí být logická hodnota true nebo false, bez uvozovek",
    },
    "config.problem.string": {
        "en": "must be text in quotes (a string)",
        "cs": "musí být text v uvozovkách",
    },
    "config.problem.one_of": {
        "en": "must be one of {allowed}",
        "cs": "musí být jedna z hodnot {allowed}",
    },
    "config.problem.at_least": {
        "en": "must be greater than or equal to {limit}",
        "cs": "musí být alespoň {limit}",
    },
    "config.problem.greater_than": {
        "en": "must be greater than {limit}",
        "cs": "musí být větší než {limit}",
    },
    "config.problem.at_most": {
        "en": "must be less than or equal to {limit}",
        "cs": "musí být nejvýše {limit}",
    },
    "config.problem.less_than": {
        "en": "must be less than {limit}",
        "cs": "musí být menší než {limit}",
    },
    "config.problem.invalid_value": {
        "en": "has a value of the wrong type or form",
        "cs": "má hodnotu nesprávného typu nebo tvaru",
    },
    "config.problem.url_invalid": {
        "en": "not a valid URL (check the host name and the port number)",
        "cs": "není platná adresa URL (zkontrolujte název serveru a číslo portu)",
    },
    "config.problem.url_not_https": {
        "en": "must be an https:// URL (plain http:// only to this computer: localhost, "
              "127.0.0.1 or [::1])",
        "cs": "musí být adresa https:// (obyčejné http:// jen na tento počítač: localhost, "
              "127.0.0.1 nebo [::1])",
    },
    "config.problem.url_userinfo": {
        "en": "must not contain a user name or password (user:password@); csp-tui signs in "
              "with the profile's auth setting",
        "cs": "nesmí obsahovat uživatelské jméno ani heslo (uživatel:heslo@); csp-tui se "
              "přihlašuje podle nastavení auth v profilu",
    },
    "config.problem.url_query": {
        "en": "must not contain ?query or #fragment",
        "cs": "nesmí obsahovat ?dotaz ani #fragment",
    },
    "config.problem.sandbox_base_url": {
        "en": "is not used by a sandbox profile: the sandbox runs inside csp-tui. For a sandbox "
              "started with \"csp-tui sandbox serve\", write kind = \"partner-center\", "
              "base_url = \"http://127.0.0.1:PORT\" and auth = \"env-token\" (the token "
              "that serve prints in CSP_TUI_ACCESS_TOKEN)",
        "cs": "sandboxový profil ji nepoužívá: sandbox běží uvnitř csp-tui. Pro sandbox "
              "spuštěný příkazem \"csp-tui sandbox serve\" napište kind = \"partner-center\", "
              "base_url = \"http://127.0.0.1:PORT\" a auth = \"env-token\" (token, který "
              "serve vypíše, v proměnné CSP_TUI_ACCESS_TOKEN)",
    },
    "config.problem.tenant_id": {
        "en": "must be a tenant GUID or a domain such as contoso.onmicrosoft.com",
        "cs": "musí být GUID tenantu nebo doména, např. contoso.onmicrosoft.com",
    },
    "config.problem.language": {
        "en": 'must be "cs" or "en"',
        "cs": 'musí být "cs" nebo "en"',
    },
    # -- keys that only make sense together
    "config.problem.tenant_required": {
        "en": "required for a partner-center profile (your partner tenant's GUID or domain)",
        "cs": "u profilu partner-center je povinné (GUID nebo doména vašeho partnerského "
              "tenantu)",
    },
    "config.problem.client_id_required": {
        "en": "required for device-code sign-in (the public client app id)",
        "cs": "je povinné pro přihlášení kódem zařízení (ID aplikace registrované jako veřejný "
              "klient)",
    },
    "config.problem.provider_required": {
        "en": "an indirect reseller needs its distributor's tenant id",
        "cs": "nepřímý prodejce musí uvést ID tenantu svého distributora",
    },
}
