"""Messages about the local databases."""

MESSAGES: dict[str, dict[str, str]] = {
    "cache.rebuilt": {
        "en": "The local cache could not be used ({reason}). It was moved to {aside}; a sync "
              "rebuilds it. Invitations, drafts and queued changes are kept in state.db and "
              "were not touched.",
        "cs": "Místní mezipaměť nešla použít ({reason}). Byla přesunuta do {aside}; "
              "synchronizace ji vytvoří znovu. Pozvánky, koncepty a čekající změny jsou "
              "v state.db a zůstaly nedotčené.",
    },
}
