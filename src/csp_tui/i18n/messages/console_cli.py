"""Messages printed around the console (before it opens or after it closes)."""

MESSAGES: dict[str, dict[str, str]] = {
    "console.database_error": {
        "en": "The local database cannot be used: {error}",
        "cs": "Místní databázi nelze použít: {error}",
    },
}
