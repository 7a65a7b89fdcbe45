"""Messages of team mode: a team's state on PostgreSQL, `state migrate|import`, `outbox`."""

MESSAGES: dict[str, dict[str, str]] = {
    "state.team.driver_missing": {
        "en": "The state URL names PostgreSQL, but its driver is not installed: "
              "pip install 'csp-tui[team]'",
        "cs": "Adresa stavu míří na PostgreSQL, ale jeho ovladač není nainstalovaný: "
              "pip install 'csp-tui[team]'",
    },
    "state.team.unreachable": {
        "en": "The team's database at {where} cannot be reached: {error}",
        "cs": "Databáze týmu na {where} není dostupná: {error}",
    },
    "state.team.lost": {
        "en": "The connection to the team's database at {where} was lost; nothing of the "
              "unfinished change was kept: {error}",
        "cs": "Spojení s databází týmu na {where} se přerušilo; z nedokončené změny se nic "
              "neuložilo: {error}",
    },
}
MESSAGES.update({
    "state.team.status_unavailable": {
        "en": "Team state unavailable: browsing the cache; changes wait until it is back",
        "cs": "Stav týmu nedostupný: prohlížíte mezipaměť; změny počkají na jeho návrat",
    },
})
MESSAGES.update({
    "state.cli.failed": {
        "en": "State: {error}",
        "cs": "Stav: {error}",
    },
    "state.cli.status": {
        "en": "State ({engine}, {where}): schema version {version}; this csp-tui knows "
              "{newest}.",
        "cs": "Stav ({engine}, {where}): verze schématu {version}; tento csp-tui zná "
              "{newest}.",
    },
    "state.cli.migrated": {
        "en": "State ({engine}, {where}) is at schema version {version} of {newest}.",
        "cs": "Stav ({engine}, {where}) má verzi schématu {version} z {newest}.",
    },
    "state.cli.import_missing": {
        "en": "No state file at {path}.",
        "cs": "Soubor stavu {path} neexistuje.",
    },
    "state.cli.import_needs_team": {
        "en": "Importing needs a team's database: set state_url in the profile or "
              "CSP_TUI_STATE_URL to a postgresql:// URL.",
        "cs": "Import potřebuje databázi týmu: nastavte state_url v profilu nebo "
              "CSP_TUI_STATE_URL na adresu postgresql://.",
    },
    "state.cli.imported": {
        "en": "Imported into {where}: {invitations} invitations, {outbox} outbox entries, "
              "{log} call log rows (what was there already was left as it was).",
        "cs": "Importováno do {where}: pozvánky {invitations}, odchozí požadavky {outbox}, "
              "záznamy volání {log} (co už tam bylo, zůstalo beze změny).",
    },
    "state.cli.outbox_line": {
        "en": "{state}  {subject}  attempts {attempts}  by {by}  {updated}  {id}",
        "cs": "{state}  {subject}  pokusy {attempts}  zadal {by}  {updated}  {id}",
    },
    "state.cli.outbox_empty": {
        "en": "Nothing in the outbox.",
        "cs": "V odchozích požadavcích nic není.",
    },
    "state.cli.cmd": {
        "en": "the state's schema and a team's database",
        "cs": "schéma stavu a databáze týmu",
    },
    "state.cli.cmd_migrate": {
        "en": "bring the state's schema to this version",
        "cs": "převést schéma stavu na tuto verzi",
    },
    "state.cli.opt_status": {
        "en": "only print the schema version",
        "cs": "jen vypsat verzi schématu",
    },
    "state.cli.cmd_import": {
        "en": "move an operator's state.db (invitations, outbox, log) into the team's database",
        "cs": "přesunout state.db operátora (pozvánky, odchozí požadavky, záznam volání) do "
              "databáze týmu",
    },
    "state.cli.opt_from": {
        "en": "the state.db to import",
        "cs": "state.db k importu",
    },
    "state.cli.cmd_outbox": {
        "en": "list the outbox: queued writes, their state and who queued them",
        "cs": "vypsat odchozí požadavky: jejich stav a kdo je zadal",
    },
})
MESSAGES.update({
    "state.info.field": {"en": "State", "cs": "Stav"},
    "state.info.value": {"en": "{engine}: {where}", "cs": "{engine}: {where}"},
})
MESSAGES.update({
    "state.team.answered_not_found": {
        "en": "Partner Center accepted this change earlier (HTTP {status}) but it is not "
              "there now; it was not sent again — check it in Partner Center and re-queue "
              "it if it is still wanted.",
        "cs": "Partner Center tuto změnu dříve přijal (HTTP {status}), ale teď tam není; "
              "znovu odeslána nebyla — zkontrolujte ji v Partner Center a zařaďte ji "
              "znovu, pokud je stále potřeba.",
    },
})
MESSAGES.update({
    # A shared row's operator, as the record screens label it.
    "tui.field.operator": {"en": "By", "cs": "Zadal"},
    "tui.field.origin": {"en": "Imported from", "cs": "Importováno z"},
})
MESSAGES.update({
    "tui.col.by": {"en": "By", "cs": "Zadal"},
})
MESSAGES.update({
    "state.cli.col_state": {"en": "State", "cs": "Stav"},
    "state.cli.col_subject": {"en": "What", "cs": "Co"},
    "state.cli.col_attempts": {"en": "Attempts", "cs": "Pokusy"},
    "state.cli.col_by": {"en": "By", "cs": "Kdo"},
    "state.cli.col_updated": {"en": "Updated", "cs": "Změněno"},
    "state.cli.col_id": {"en": "Id", "cs": "Id"},
})
