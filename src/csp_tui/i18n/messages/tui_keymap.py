"""Warnings about the [keymap] table of the config file."""

MESSAGES = {
    "tui.keymap.unknown_id": {
        "en": "[keymap] {id}: no key binding has this id, so this line changes nothing",
        "cs": "[keymap] {id}: žádná klávesa nemá toto id, takže tento řádek nic nemění",
    },
    "tui.keymap.unknown_key": {
        "en": "[keymap] {id}: \"{key}\" is not a key name the terminal can send",
        "cs": "[keymap] {id}: „{key}“ není název klávesy, kterou terminál umí poslat",
    },
}
