"""Messages about the local databases."""

MESSAGES: dict[str, dict[str, str]] = {
    "db.error.locked": {
        "en": "{path} stayed locked by another process ({error})",
        "cs": "{path} zůstal zamčený jiným procesem ({error})",
    },
    "db.error.unreadable": {
        "en": "{path} is not a readable SQLite database ({error})",
        "cs": "{path} není čitelná databáze SQLite ({error})",
    },
    "db.error.foreign": {
        "en": "{path} is an SQLite database that csp-tui did not create",
        "cs": "{path} je databáze SQLite, kterou nevytvořil csp-tui",
    },
    "db.error.newer": {
        "en": "{path} was written by a newer csp-tui (schema {version}, this one knows "
              "{known}); upgrade csp-tui",
        "cs": "{path} zapsala novější verze csp-tui (schéma {version}, tato zná {known}); "
              "aktualizujte csp-tui",
    },
    "db.error.other_app": {
        "en": "{path} belongs to another application",
        "cs": "{path} patří jiné aplikaci",
    },
    "db.error.cannot_open": {
        "en": "cannot open {path}: {error}",
        "cs": "{path} nelze otevřít: {error}",
    },
    "cache.rebuilt": {
        "en": "The local cache could not be used ({reason}). It was moved to {aside}; a sync "
              "rebuilds it. Invitations, drafts and queued changes are kept in state.db and "
              "were not touched.",
        "cs": "Místní mezipaměť nešla použít ({reason}). Byla přesunuta do {aside}; "
              "synchronizace ji vytvoří znovu. Pozvánky, koncepty a čekající změny jsou "
              "v state.db a zůstaly nedotčené.",
    },
}
