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
