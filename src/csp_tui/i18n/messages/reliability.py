"""What a person reads when the profile's files fail: a full disk, a directory that is
missing or cannot be written, a damaged state.db."""

MESSAGES: dict[str, dict[str, str]] = {
    "storage.unusable": {
        "en": "csp-tui cannot use the profile's files: {error}\n"
              "Check that the directory exists and can be written to and that the disk is not "
              "full. What was saved before is kept.",
        "cs": "csp-tui nemůže použít soubory profilu: {error}\n"
              "Zkontrolujte, že adresář existuje, lze do něj zapisovat a disk není plný. Co "
              "bylo uloženo dříve, zůstává zachováno.",
    },
}
