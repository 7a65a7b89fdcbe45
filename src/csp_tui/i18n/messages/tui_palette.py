"""The ``ctrl+p`` palette: its search prompt and the console's own system entries."""

MESSAGES: dict[str, dict[str, str]] = {
    "tui.palette.placeholder": {"en": "Search for commands…", "cs": "Hledat příkaz…"},
    "tui.palette.no_matches": {"en": "No matches found", "cs": "Nic neodpovídá"},
    "tui.palette.quit": {"en": "Quit", "cs": "Ukončit"},
    "tui.palette.quit_help": {"en": "Quit csp-tui", "cs": "Ukončit csp-tui"},
    "tui.palette.keys": {"en": "Keys", "cs": "Klávesy"},
    "tui.palette.keys_help": {"en": "The keys that work here",
                              "cs": "Klávesy, které tu fungují"},
    "tui.palette.maximize": {"en": "Maximise", "cs": "Maximalizovat"},
    "tui.palette.maximize_help": {"en": "Let the focused part fill the screen",
                                  "cs": "Zvětšit aktivní část na celou obrazovku"},
    "tui.palette.minimize": {"en": "Restore", "cs": "Obnovit velikost"},
    "tui.palette.minimize_help": {"en": "Back to the normal layout",
                                  "cs": "Zpět na běžné rozvržení"},
}
