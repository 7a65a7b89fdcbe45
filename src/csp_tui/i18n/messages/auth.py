"""Sign-in (device code, tokens), ``csp-tui login`` / ``logout`` and ``csp-tui info``."""

MESSAGES: dict[str, dict[str, str]] = {
    # ---- token providers and sign-in errors ---------------------------------------------------
    "auth.sign_in_required": {
        "en": "Not signed in to Partner Center (profile {profile}). Sign in with: "
              "{command} --profile {profile}",
        "cs": "Nejste přihlášeni do Partner Center (profil {profile}). Přihlaste se příkazem: "
              "{command} --profile {profile}",
    },
    "auth.login_hint": {
        "en": "Sign in again with: {command} --profile {profile}",
        "cs": "Přihlaste se znovu příkazem: {command} --profile {profile}",
    },
    "auth.env_token_missing": {
        "en": "No access token: set the environment variable {var} to a Partner Center "
              "access token.",
        "cs": "Chybí přístupový token: nastavte proměnnou prostředí {var} na přístupový token "
              "pro Partner Center.",
    },
    "auth.cache_unreadable": {
        "en": "The saved sign-in in {path} could not be read; you are treated as signed out.",
        "cs": "Uložené přihlášení v {path} nelze přečíst; považujeme vás za odhlášené.",
    },
    "auth.cache_write_failed": {
        "en": "The sign-in could not be saved to {path} ({detail}); you will have to sign in "
              "again next time.",
        "cs": "Přihlášení nelze uložit do {path} ({detail}); příště se budete muset přihlásit "
              "znovu.",
    },
    "auth.error.mfa": {
        "en": "Your organisation requires multi-factor authentication again.",
        "cs": "Vaše organizace znovu vyžaduje vícefaktorové ověření.",
    },
    "auth.error.refresh_expired": {
        "en": "Your sign-in has expired (it lapses after 90 days without use).",
        "cs": "Vaše přihlášení vypršelo (platí nejvýše 90 dní bez použití).",
    },
    "auth.error.revoked": {
        "en": "Your sign-in was revoked (changed password, disabled account or an "
              "administrator's action).",
        "cs": "Vaše přihlášení bylo zrušeno (změna hesla, zablokovaný účet nebo zásah "
              "správce).",
    },
    "auth.error.sign_in_again": {
        "en": "Your saved sign-in is no longer accepted.",
        "cs": "Uložené přihlášení už není platné.",
    },
    "auth.error.declined": {
        "en": "The sign-in was declined on the other device.",
        "cs": "Přihlášení bylo na druhém zařízení odmítnuto.",
    },
    "auth.error.code_expired": {
        "en": "The sign-in code expired before the sign-in was finished. Start again.",
        "cs": "Přihlašovací kód vypršel dřív, než bylo přihlášení dokončeno. Začněte znovu.",
    },
    "auth.error.cancelled": {
        "en": "Sign-in cancelled.",
        "cs": "Přihlášení bylo zrušeno.",
    },
    "auth.error.consent": {
        "en": "The app registration is missing consent for Partner Center "
              "(user_impersonation). An administrator of your tenant must grant it.",
        "cs": "Registrace aplikace nemá souhlas pro Partner Center (user_impersonation). "
              "Musí jej udělit správce vašeho tenantu.",
    },
    "auth.error.public_client": {
        "en": "The app registration does not allow the device code flow: set "
              "\"Allow public client flows\" to Yes in its Authentication settings.",
        "cs": "Registrace aplikace nepovoluje přihlášení kódem zařízení: v nastavení "
              "Ověřování zapněte „Povolit toky veřejných klientů“.",
    },
    "auth.error.client_id": {
        "en": "The app (client_id in the profile) was not found in this tenant. Check "
              "client_id and tenant_id in the config file.",
        "cs": "Aplikace (client_id v profilu) v tomto tenantu neexistuje. Zkontrolujte "
              "client_id a tenant_id v konfiguračním souboru.",
    },
    "auth.error.tenant": {
        "en": "The tenant (tenant_id in the profile) was not found. Check the config file.",
        "cs": "Tenant (tenant_id v profilu) nebyl nalezen. Zkontrolujte konfigurační soubor.",
    },
    "auth.error.conditional_access": {
        "en": "A conditional access policy of your organisation blocked the sign-in.",
        "cs": "Přihlášení zablokovaly zásady podmíněného přístupu vaší organizace.",
    },
    "auth.error.unreachable": {
        "en": "The Microsoft sign-in service could not be reached ({detail}). Try again later.",
        "cs": "Přihlašovací služba Microsoftu není dostupná ({detail}). Zkuste to později.",
    },
    "auth.error.authority": {
        "en": "The sign-in address {authority} is not valid: {detail}",
        "cs": "Adresa pro přihlášení {authority} není platná: {detail}",
    },
    "auth.error.generic": {
        "en": "Sign-in failed ({error}): {detail}",
        "cs": "Přihlášení selhalo ({error}): {detail}",
    },
    # ---- csp-tui login / logout ---------------------------------------------------------------
    "auth.login.sandbox": {
        "en": "Profile {profile} uses the built-in sandbox: no sign-in needed.",
        "cs": "Profil {profile} používá vestavěný sandbox: přihlášení není potřeba.",
    },
    "auth.login.env_token": {
        "en": "Profile {profile} takes its access token from the environment variable {var} "
              "(currently set). There is nothing to sign in to.",
        "cs": "Profil {profile} bere přístupový token z proměnné prostředí {var} (nyní je "
              "nastavena). Není k čemu se přihlašovat.",
    },
    "auth.login.env_token_unset": {
        "en": "Profile {profile} takes its access token from the environment variable {var}, "
              "which is not set. Set it to a Partner Center access token.",
        "cs": "Profil {profile} bere přístupový token z proměnné prostředí {var}, která není "
              "nastavena. Nastavte ji na přístupový token pro Partner Center.",
    },
    "auth.login.current": {
        "en": "Currently signed in as {user}; signing in again.",
        "cs": "Nyní přihlášen(a) jako {user}; přihlašuji znovu.",
    },
    "auth.login.waiting": {
        "en": "Waiting for the sign-in to finish (Ctrl+C cancels)…",
        "cs": "Čekám na dokončení přihlášení (Ctrl+C přeruší)…",
    },
    "auth.login.signed_in": {
        "en": "Signed in as {user} (profile {profile}).",
        "cs": "Přihlášen(a) jako {user} (profil {profile}).",
    },
    "auth.logout.removed": {
        "en": "Signed out{accounts}. Deleted {path}.",
        "cs": "Odhlášeno{accounts}. Smazán soubor {path}.",
    },
    "auth.logout.accounts": {
        "en": " ({users})",
        "cs": " ({users})",
    },
    "auth.logout.nothing": {
        "en": "Not signed in: there is no token cache at {path}.",
        "cs": "Nejste přihlášeni: soubor s tokeny {path} neexistuje.",
    },
    "auth.logout.sandbox": {
        "en": "Profile {profile} uses the built-in sandbox and keeps no sign-in.",
        "cs": "Profil {profile} používá vestavěný sandbox a žádné přihlášení neukládá.",
    },
    "auth.logout.env_token": {
        "en": "Profile {profile} keeps no sign-in: its token comes from {var}. Unset that "
              "variable to stop using it.",
        "cs": "Profil {profile} žádné přihlášení neukládá: token bere z proměnné {var}. "
              "Pokud jej nechcete používat, zrušte tuto proměnnou.",
    },
    "auth.logout.failed": {
        "en": "Could not delete {path}: {detail}",
        "cs": "Soubor {path} nelze smazat: {detail}",
    },
    # ---- csp-tui info -------------------------------------------------------------------------
    "info.heading.profile": {"en": "Profile", "cs": "Profil"},
    "info.heading.paths": {"en": "Files", "cs": "Soubory"},
    "info.field.name": {"en": "name", "cs": "název"},
    "info.field.kind": {"en": "kind", "cs": "druh"},
    "info.field.role": {"en": "role", "cs": "role"},
    "info.field.base_url": {"en": "API address", "cs": "adresa API"},
    "info.field.tenant_id": {"en": "partner tenant", "cs": "tenant partnera"},
    "info.field.indirect_provider_id": {"en": "distributor tenant", "cs": "tenant distributora"},
    "info.field.reseller_mpn_id": {"en": "reseller MPN ID", "cs": "MPN ID prodejce"},
    "info.field.client_id": {"en": "app (client) id", "cs": "ID aplikace (client_id)"},
    "info.field.auth": {"en": "sign-in method", "cs": "způsob přihlášení"},
    "info.field.authority": {"en": "sign-in address", "cs": "adresa přihlášení"},
    "info.field.signed_in_as": {"en": "signed in as", "cs": "přihlášen(a) jako"},
    "info.field.token_env": {"en": "token variable", "cs": "proměnná s tokenem"},
    "info.field.read_only": {"en": "read-only", "cs": "jen pro čtení"},
    "info.field.language": {"en": "language", "cs": "jazyk"},
    "info.field.sync_interval": {"en": "background sync", "cs": "synchronizace na pozadí"},
    "info.field.profiles": {"en": "known profiles", "cs": "známé profily"},
    "info.path.config": {"en": "config file", "cs": "konfigurační soubor"},
    "info.path.data": {"en": "data directory", "cs": "adresář dat"},
    "info.path.profile_dir": {"en": "profile directory", "cs": "adresář profilu"},
    "info.path.cache_db": {"en": "cache (rebuildable)", "cs": "mezipaměť (lze obnovit)"},
    "info.path.state_db": {"en": "state (invitations, outbox)", "cs": "stav (pozvánky, fronta)"},
    "info.path.token_cache": {"en": "token cache", "cs": "uložené tokeny"},
    "info.path.sandbox_state": {"en": "sandbox world", "cs": "stav sandboxu"},
    "info.path.exports": {"en": "exports", "cs": "exporty"},
    "info.path.log_file": {"en": "log file", "cs": "soubor záznamu (log)"},
    "info.value.sandbox_base_url": {
        "en": "embedded sandbox (no network)",
        "cs": "vestavěný sandbox (bez sítě)",
    },
    "info.value.auth_sandbox": {"en": "none (sandbox)", "cs": "žádné (sandbox)"},
    "info.value.auth_device_code": {
        "en": "device code (csp-tui login)",
        "cs": "kód zařízení (csp-tui login)",
    },
    "info.value.auth_env_token": {"en": "access token from {var}", "cs": "token z proměnné {var}"},
    "info.value.not_signed_in": {"en": "nobody (not signed in)", "cs": "nikdo (nepřihlášeno)"},
    "info.value.env_set": {"en": "{var} (set)", "cs": "{var} (nastavena)"},
    "info.value.env_unset": {"en": "{var} (not set)", "cs": "{var} (nenastavena)"},
    "info.value.language_auto": {
        "en": "from the environment (now {language})",
        "cs": "podle prostředí (nyní {language})",
    },
    "info.value.every_minutes": {"en": "every {minutes} min", "cs": "každých {minutes} min"},
    "info.value.off": {"en": "off", "cs": "vypnuto"},
    "info.value.config_exists": {"en": "{path} (exists)", "cs": "{path} (existuje)"},
    "info.value.config_missing": {
        "en": "{path} (not found: built-in profiles only)",
        "cs": "{path} (nenalezen: jen vestavěné profily)",
    },
    "info.value.active": {"en": "{name} (active)", "cs": "{name} (aktivní)"},
}
