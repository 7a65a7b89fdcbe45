"""Switching the console's language while it runs (``:language``, the palette)."""

MESSAGES: dict[str, dict[str, str]] = {
    "tui.cmd.language": {"en": "Language", "cs": "Jazyk"},
    "tui.cmdhelp.language": {
        "en": "Switch the console's language: :language cs or :language en",
        "cs": "Přepne jazyk konzole: :language cs nebo :language en",
    },
    # Palette entries: the language's own name first, so either reader finds it.
    "tui.cmd.language.cs": {"en": "Language: Čeština (Czech)", "cs": "Jazyk: čeština"},
    "tui.cmd.language.en": {"en": "Language: English", "cs": "Jazyk: English (angličtina)"},
    "tui.language.name.cs": {"en": "Czech", "cs": "čeština"},
    "tui.language.name.en": {"en": "English", "cs": "angličtina"},
    "tui.language.saved": {
        "en": "Language: {name}. Saved to profile {profile} in {file}.",
        "cs": "Jazyk: {name}. Uloženo do profilu {profile} v {file}.",
    },
    "tui.language.not_saved": {
        "en": "Language: {name}, until the console quits. Profile {profile} has no table of "
              "its own in the config file, so the choice was not saved.",
        "cs": "Jazyk: {name}, do ukončení konzole. Profil {profile} nemá v konfiguračním "
              "souboru vlastní tabulku, volba se proto neuložila.",
    },
    "tui.language.save_failed": {
        "en": "Language: {name}, until the console quits. It was not saved: {error}",
        "cs": "Jazyk: {name}, do ukončení konzole. Volba se neuložila: {error}",
    },
    "tui.language.already": {"en": "The language is already {name}.",
                             "cs": "Jazyk už je {name}."},
    "tui.language.unknown": {"en": "Unknown language “{language}”: use cs or en.",
                             "cs": "Neznámý jazyk „{language}“: použijte cs nebo en."},
    "tui.language.main_screen_only": {
        "en": "The language can be switched on the main screen only, so that nothing typed "
              "here is lost: close this screen (esc) first.",
        "cs": "Jazyk lze přepnout jen na hlavní obrazovce, aby se nic rozepsaného neztratilo: "
              "nejdřív tuto obrazovku zavřete (esc).",
    },
    # Why saving was refused (config.UnsafeEdit).
    "tui.language.unsafe_edit": {
        "en": "the profile's table in {file} is not laid out so that one line can be changed "
              "safely; add language = \"{language}\" to it by hand",
        "cs": "tabulka profilu v {file} není zapsána tak, aby šlo bezpečně změnit jeden řádek; "
              "doplňte do ní language = \"{language}\" ručně",
    },
}
