"""The command line's own words (argparse's usage, headings and errors).

argparse looks its texts up through gettext; ``csp_tui.i18n.argparse_gettext`` answers those
look-ups from here, so ``--help`` and usage errors speak the user's language too.
"""

# argparse's English text -> catalog key
MSGIDS: dict[str, str] = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "show program's version number and exit": "argparse.version",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "expected one argument": "argparse.expected_one",
}

MESSAGES: dict[str, dict[str, str]] = {
    "argparse.usage": {"en": "usage: ", "cs": "použití: "},
    "argparse.positional": {"en": "positional arguments", "cs": "poziční argumenty"},
    "argparse.options": {"en": "options", "cs": "volby"},
    "argparse.help": {"en": "show this help message and exit",
                      "cs": "zobrazit tuto nápovědu a skončit"},
    "argparse.version": {"en": "show program's version number and exit",
                         "cs": "zobrazit verzi programu a skončit"},
    "argparse.required": {"en": "the following arguments are required: %s",
                          "cs": "chybí povinné argumenty: %s"},
    "argparse.unrecognized": {"en": "unrecognized arguments: %s",
                              "cs": "neznámé argumenty: %s"},
    "argparse.invalid_choice": {"en": "invalid choice: %(value)r (choose from %(choices)s)",
                                "cs": "neplatná volba: %(value)r (vyberte z %(choices)s)"},
    "argparse.error": {"en": "%(prog)s: error: %(message)s\n",
                       "cs": "%(prog)s: chyba: %(message)s\n"},
    "argparse.invalid_value": {"en": "invalid %(type)s value: %(value)r",
                               "cs": "neplatná hodnota typu %(type)s: %(value)r"},
    "argparse.expected_one": {"en": "expected one argument", "cs": "očekávám jeden argument"},
}
