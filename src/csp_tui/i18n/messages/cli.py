"""Command-line help and messages."""

MESSAGES: dict[str, dict[str, str]] = {
    "cli.description": {
        "en": "Keyboard-driven console for Microsoft CSP partners. Without a command it opens "
        "the console; the commands below are its headless twins.",
        "cs": "Klávesnicová konzole pro partnery Microsoft CSP. Bez příkazu otevře konzoli; "
        "příkazy níže dělají totéž bez obrazovky.",
    },
    "cli.metavar.name": {"en": "NAME", "cs": "NÁZEV"},
    "cli.metavar.command": {"en": "COMMAND", "cs": "PŘÍKAZ"},
    "cli.metavar.file": {"en": "FILE", "cs": "SOUBOR"},
    "cli.metavar.text": {"en": "TEXT", "cs": "TEXT"},
    "cli.metavar.count": {"en": "COUNT", "cs": "POČET"},
    "cli.metavar.ms": {"en": "MS", "cs": "MS"},
    "cli.metavar.seed": {"en": "SEED", "cs": "SEMÍNKO"},
    "cli.metavar.per_minute": {"en": "PER_MINUTE", "cs": "ZA_MINUTU"},
    "cli.metavar.days": {"en": "DAYS", "cs": "DNY"},
    "cli.metavar.hours": {"en": "HOURS", "cs": "HODINY"},
    "cli.metavar.seconds": {"en": "SECONDS", "cs": "SEKUNDY"},
    "cli.metavar.rows": {"en": "ROWS", "cs": "ŘÁDKY"},
    "cli.opt.log_level": {
        "en": "how much goes into the log file (csp-tui info shows where): DEBUG, INFO "
              "(default), WARNING or ERROR",
        "cs": "kolik se zapisuje do souboru záznamu (kde je, ukáže csp-tui info): DEBUG, INFO "
              "(výchozí), WARNING nebo ERROR",
    },
    "cli.opt.debug": {
        "en": "the same as --log-level DEBUG: every call to Partner Center goes into the log "
              "file (paths without secrets, never a token)",
        "cs": "totéž co --log-level DEBUG: do souboru záznamu jde každé volání Partner Center "
              "(cesty bez tajných údajů, nikdy token)",
    },
    "cli.opt.profile": {
        "en": "profile from the config file (default: sandbox, the built-in demo)",
        "cs": "profil z konfiguračního souboru (výchozí: sandbox, vestavěné demo)",
    },
    "cli.opt.json": {"en": "print JSON instead of a table", "cs": "vypsat JSON místo tabulky"},
    "cli.opt.port": {"en": "TCP port on 127.0.0.1", "cs": "TCP port na 127.0.0.1"},
    "cli.opt.customers": {"en": "number of demo customers", "cs": "počet ukázkových zákazníků"},
    "cli.opt.latency": {
        "en": "added latency per request in milliseconds",
        "cs": "přidané zpoždění každého požadavku v milisekundách",
    },
    "cli.opt.seed": {"en": "seed of the demo data", "cs": "semínko ukázkových dat"},
    "cli.opt.rate_limit": {
        "en": "requests per minute before answering 429",
        "cs": "počet požadavků za minutu, po kterém přijde odpověď 429",
    },
    "cli.opt.state": {
        "en": "file that keeps the sandbox world between runs",
        "cs": "soubor, ve kterém sandbox uchovává svůj stav mezi spuštěními",
    },
    "cli.opt.accept_domain": {
        "en": "domain of the customer tenant that accepts the reseller relationship",
        "cs": "doména tenantu zákazníka, který přijme vztah s prodejcem",
    },
    "cli.opt.days": {
        "en": "days to move the sandbox clock",
        "cs": "o kolik dní posunout hodiny sandboxu",
    },
    "cli.opt.hours": {
        "en": "hours to move the sandbox clock",
        "cs": "o kolik hodin posunout hodiny sandboxu",
    },
    "cli.opt.sync_customer": {
        "en": "refresh only this customer (tenant id)",
        "cs": "obnovit jen tohoto zákazníka (ID tenantu)",
    },
    "cli.opt.quiet": {"en": "no progress on stderr", "cs": "nevypisovat průběh na stderr"},
    "cli.opt.filter": {
        "en": "show only rows containing this text (accents ignored)",
        "cs": "zobrazit jen řádky obsahující tento text (bez ohledu na diakritiku)",
    },
    "cli.opt.customer": {
        "en": "only this customer (tenant id)",
        "cs": "jen tento zákazník (ID tenantu)",
    },
    "cli.opt.limit": {"en": "at most this many rows, the newest (200 by default)",
                      "cs": "nejvýše tolik řádků, těch nejnovějších (výchozí 200)"},
    "cli.opt.errors_only": {"en": "only failed calls", "cs": "jen neúspěšná volání"},
    "cli.cmd.info": {
        "en": "show the active profile and every file path",
        "cs": "zobrazit aktivní profil a všechny cesty k souborům",
    },
    "cli.cmd.login": {
        "en": "sign in to Partner Center (device code; works over SSH)",
        "cs": "přihlásit se do Partner Center (kód zařízení; funguje i přes SSH)",
    },
    "cli.cmd.logout": {
        "en": "sign out and delete the token cache",
        "cs": "odhlásit se a smazat uložené tokeny",
    },
    "cli.cmd.sandbox": {
        "en": "the built-in Partner Center emulator",
        "cs": "vestavěný emulátor Partner Center",
    },
    "cli.cmd.sandbox_serve": {
        "en": "serve the emulator over HTTP on 127.0.0.1",
        "cs": "spustit emulátor jako HTTP server na 127.0.0.1",
    },
    "cli.cmd.sandbox_reset": {
        "en": "start the sandbox world over (and clear this profile's cache)",
        "cs": "začít se sandboxem znovu (a vymazat mezipaměť profilu)",
    },
    "cli.cmd.sandbox_accept": {
        "en": "let a sandbox customer accept the reseller relationship now",
        "cs": "nechat zákazníka v sandboxu hned přijmout vztah s prodejcem",
    },
    "cli.cmd.sandbox_advance": {
        "en": "move the sandbox's virtual clock forward",
        "cs": "posunout virtuální hodiny sandboxu dopředu",
    },
    "cli.cmd.sync": {
        "en": "sync the local cache with Partner Center",
        "cs": "synchronizovat místní mezipaměť s Partner Center",
    },
    "cli.cmd.customers": {
        "en": "list customers from the cache",
        "cs": "vypsat zákazníky z mezipaměti",
    },
    "cli.cmd.subscriptions": {
        "en": "list subscriptions from the cache",
        "cs": "vypsat předplatná z mezipaměti",
    },
    "cli.cmd.invitations": {
        "en": "list reseller relationship requests (the ledger)",
        "cs": "vypsat žádosti o vztah s prodejcem (evidence)",
    },
    "cli.cmd.log": {
        "en": "show the calls made to Partner Center",
        "cs": "zobrazit volání odeslaná do Partner Center",
    },
    "cli.interrupted": {"en": "Interrupted.", "cs": "Přerušeno."},
    "cli.metavar.email": {"en": "E-MAIL", "cs": "E-MAIL"},
    "cli.metavar.domain": {"en": "DOMAIN", "cs": "DOMÉNA"},
    "cli.cmd.invite": {
        "en": "request a reseller relationship with a customer that has a tenant",
        "cs": "požádat zákazníka s existujícím tenantem o vztah s prodejcem",
    },
    "cli.opt.company": {
        "en": "the customer's organisation name",
        "cs": "název organizace zákazníka",
    },
    "cli.opt.email": {"en": "the customer admin's e-mail", "cs": "e-mail správce zákazníka"},
    "cli.opt.domain": {
        "en": "a domain of the customer's tenant (e.g. firma.cz or firma.onmicrosoft.com)",
        "cs": "doména tenantu zákazníka (např. firma.cz nebo firma.onmicrosoft.com)",
    },
    "cli.opt.contact": {"en": "the admin's name", "cs": "jméno správce"},
    "cli.opt.lang": {"en": "language of the e-mail text", "cs": "jazyk textu e-mailu"},
    "cli.opt.reseller": {
        "en": "reseller tenant id (distributor profiles)",
        "cs": "ID tenantu prodejce (profily distributora)",
    },
    "cli.opt.copy": {
        "en": "copy the link to the clipboard (OSC 52, works over SSH)",
        "cs": "zkopírovat odkaz do schránky (OSC 52, funguje i přes SSH)",
    },
    "cli.cmd.tenant": {
        "en": "new customer tenants",
        "cs": "nové tenanty zákazníků",
    },
    "cli.cmd.tenant_reset": {
        "en": "a new temporary password for the administrator of a created tenant whose first "
              "password was lost",
        "cs": "nové dočasné heslo správce vytvořeného tenantu, jehož první heslo se ztratilo",
    },
    "cli.opt.reset_customer": {
        "en": "the tenant id of the customer (csp-tui sync names it)",
        "cs": "id tenantu zákazníka (uvede ho csp-tui sync)",
    },
    "cli.metavar.tenant_id": {"en": "TENANT_ID", "cs": "ID_TENANTU"},
    "cli.cmd.tenant_create": {
        "en": "validate a tenant request file and create the tenant (or prepare the request "
              "for your distributor)",
        "cs": "zkontrolovat soubor s žádostí a založit tenant (nebo připravit žádost pro "
              "distributora)",
    },
    "cli.opt.tenant_file": {
        "en": "TOML or JSON file with company_name, ico, street, city, postal_code, country, "
              "first_name, last_name, email, phone, domain_prefix, culture",
        "cs": "soubor TOML nebo JSON s company_name, ico, street, city, postal_code, country, "
              "first_name, last_name, email, phone, domain_prefix, culture",
    },
    "cli.opt.wait": {
        "en": "seconds to wait for Partner Center before leaving it to the background worker",
        "cs": "kolik sekund čekat na Partner Center, než úkol převezme práce na pozadí",
    },
}
