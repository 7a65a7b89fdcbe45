"""The command line's output formats, hints beside a listing, ``completion`` and ``info``."""

MESSAGES: dict[str, dict[str, str]] = {
    "cli_output.opt.output": {
        "en": "`table` for people (fitted to the terminal's width), or `json`, `jsonl` "
              "(JSON Lines), `csv`, `tsv` with the same field names in every language",
        "cs": "`table` pro lidi (podle šířky terminálu), nebo `json`, `jsonl` (JSON Lines), "
              "`csv`, `tsv` se stejnými názvy polí v každém jazyce",
    },
    "cli_output.metavar.format": {"en": "FORMAT", "cs": "FORMÁT"},
    "cli_output.opt.json": {"en": "the same as --output json",
                            "cs": "totéž co --output json"},
    "cli_output.metavar.char": {"en": "CHAR", "cs": "ZNAK"},
    "cli_output.opt.csv_sep": {
        "en": "CSV separator (default: `;` in Czech, with a BOM for Excel; `,` in English; "
              "`tab` for a tab)",
        "cs": "oddělovač CSV (výchozí: `;` v češtině, s BOM pro Excel; `,` v angličtině; "
              "`tab` pro tabulátor)",
    },
    "cli_output.error.csv_sep": {
        "en": "the separator must be one character other than a quote or a line end: {value!r}",
        "cs": "oddělovač musí být jeden znak, ne uvozovka ani konec řádku: {value!r}",
    },
    "cli_output.hint.empty_cache": {
        "en": "The cache is empty: run `csp-tui sync` to read Partner Center.",
        "cs": "Mezipaměť je prázdná: synchronizujte ji s Partner Center příkazem `csp-tui sync`.",
    },
    "cli_output.hint.no_invitations": {
        "en": "No invitation yet: `csp-tui invite` sends the first one.",
        "cs": "Zatím žádné pozvání: první pošlete příkazem `csp-tui invite`.",
    },
    "cli_output.hint.empty_log": {
        "en": "No call to Partner Center recorded yet: `csp-tui sync` makes the first ones.",
        "cs": "Zatím není zaznamenáno žádné volání Partner Center: první provede "
              "synchronizace (`csp-tui sync`).",
    },
    "cli_output.hint.left_out": {
        "en": "Showing the newest {shown} of {total} calls: --limit N shows more, --all every one.",
        "cs": "Zobrazeno nejnovějších {shown} z {total} volání: --limit N ukáže více, "
              "--all všechna.",
    },
    "cli_output.opt.all": {"en": "every row (no limit)", "cs": "všechny řádky (bez omezení)"},
    "cli_output.error.limit": {"en": "--limit must be 1 or more, not {value}",
                               "cs": "--limit musí být 1 nebo více, ne {value}"},
    "cli_output.info.versions": {"en": "Versions", "cs": "Verze"},
    "cli_output.info.platform": {"en": "system", "cs": "systém"},
    "cli_output.info.not_installed": {"en": "not installed", "cs": "není nainstalováno"},
    "cli_output.sync.listing": {"en": "Listing customers", "cs": "Seznam zákazníků"},
    "cli_output.sync.details": {"en": "Reading customers", "cs": "Načítám zákazníky"},
    "cli_output.cmd.completion": {
        "en": "print the shell completion script for `bash`, `zsh` or `fish`",
        "cs": "vypsat skript doplňování pro shell `bash`, `zsh` nebo `fish`",
    },
    "cli_output.opt.shell": {"en": "the shell: `bash`, `zsh` or `fish`",
                             "cs": "shell: `bash`, `zsh` nebo `fish`"},
    "cli_output.completion.description": {
        "en": "Commands, options, their values and the config's profile names complete with "
              "tab. Install: `csp-tui completion bash > "
              "~/.local/share/bash-completion/completions/csp-tui`; zsh: "
              "`source <(csp-tui completion zsh)` in ~/.zshrc; fish: `csp-tui completion fish "
              "> ~/.config/fish/completions/csp-tui.fish`.",
        "cs": "Tabulátor doplní příkazy, volby, jejich hodnoty a názvy profilů z konfigurace. "
              "Instalace: `csp-tui completion bash > "
              "~/.local/share/bash-completion/completions/csp-tui`; zsh: "
              "`source <(csp-tui completion zsh)` v ~/.zshrc; fish: `csp-tui completion fish "
              "> ~/.config/fish/completions/csp-tui.fish`.",
    },
    "cli_output.error.shell": {"en": "Name the shell: csp-tui completion bash|zsh|fish",
                               "cs": "Uveďte shell: csp-tui completion bash|zsh|fish"},
}
