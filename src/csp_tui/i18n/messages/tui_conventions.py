"""The console's everyday conventions: themes, links, copying, exporting a view, switching
profile."""

MESSAGES: dict[str, dict[str, str]] = {
    # ---- themes
    "conv.cmd.theme": {"en": "Theme…", "cs": "Barevný motiv…"},
    "conv.cmdhelp.theme": {
        "en": "Choose the console's colours from Textual's themes (:theme NAME)",
        "cs": "Vybrat barvy konzole z motivů Textualu (:theme NÁZEV)",
    },
    "conv.theme.placeholder": {"en": "Search for a theme…", "cs": "Hledat barevný motiv…"},
    "conv.theme.unknown": {
        "en": "Unknown theme {theme}; the console keeps {current}. Themes: {themes}",
        "cs": "Barevný motiv {theme} neznám; konzole zůstává u {current}. Motivy: {themes}",
    },
    "conv.theme.chosen": {"en": "Theme: {theme}", "cs": "Barevný motiv: {theme}"},
    "conv.cli.opt_theme": {
        "en": "the console's colours, one of Textual's themes (e.g. nord, gruvbox, "
              "textual-light); overrides the profile's theme",
        "cs": "barvy konzole, jeden z motivů Textualu (např. nord, gruvbox, textual-light); "
              "má přednost před motivem v profilu",
    },
    "conv.cli.metavar_theme": {"en": "THEME", "cs": "MOTIV"},
}
