"""Strings shared across the CLI and the console."""

MESSAGES: dict[str, dict[str, str]] = {
    "app.title": {"en": "csp-tui", "cs": "csp-tui"},
    # Partner Center's error code in "[HTTP 400, code 800090] …"
    "pc.error.code": {"en": "code {code}", "cs": "kód {code}"},
    "error.config": {
        "en": "Configuration error in {file}: {key}: {problem}",
        "cs": "Chyba konfigurace v {file}: {key}: {problem}",
    },
    "error.unexpected": {
        "en": "Unexpected error: {error}",
        "cs": "Neočekávaná chyba: {error}",
    },
    "yes": {"en": "yes", "cs": "ano"},
    "no": {"en": "no", "cs": "ne"},
}
