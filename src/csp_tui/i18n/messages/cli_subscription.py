"""``csp-tui subscription …``: the console's subscription changes on the command line."""

MESSAGES: dict[str, dict[str, str]] = {
    "cli_subs.cmd.group": {
        "en": "change a subscription (seats, auto-renew, suspend, reactivate, cancel) as the "
              "console does",
        "cs": "změnit předplatné (licence, automatické obnovení, pozastavení, aktivace, "
              "zrušení) stejně jako konzole",
    },
    "cli_subs.cmd.set-quantity": {"en": "set the number of seats",
                                  "cs": "nastavit počet licencí"},
    "cli_subs.cmd.auto-renew": {"en": "switch auto-renew on or off",
                                "cs": "zapnout nebo vypnout automatické obnovení"},
    "cli_subs.cmd.suspend": {"en": "suspend the subscription",
                             "cs": "pozastavit předplatné"},
    "cli_subs.cmd.reactivate": {"en": "reactivate a suspended subscription",
                                "cs": "znovu aktivovat pozastavené předplatné"},
    "cli_subs.cmd.cancel": {"en": "cancel the subscription (for good)",
                            "cs": "zrušit předplatné (natrvalo)"},
    "cli_subs.metavar.subscription": {"en": "SUBSCRIPTION_ID", "cs": "ID_PŘEDPLATNÉHO"},
    "cli_subs.metavar.seats": {"en": "SEATS", "cs": "LICENCE"},
    "cli_subs.opt.subscription": {
        "en": "the subscription's id (csp-tui subscriptions -o csv lists them)",
        "cs": "id předplatného (vypíše je csp-tui subscriptions -o csv)",
    },
    "cli_subs.opt.quantity": {"en": "the new number of seats", "cs": "nový počet licencí"},
    "cli_subs.opt.setting": {"en": "`on` or `off`", "cs": "`on` (zapnout) nebo `off` (vypnout)"},
    "cli_subs.opt.customer": {
        "en": "the customer's tenant id, when the same subscription id is known under two",
        "cs": "id tenantu zákazníka, když stejné id předplatného patří dvěma zákazníkům",
    },
    "cli_subs.opt.what_if": {
        "en": "only print what the change would do (nothing is queued, sent or saved)",
        "cs": "jen vypsat, co by změna udělala (nic se nezařadí, neodešle ani neuloží)",
    },
    "cli_subs.opt.json": {
        "en": "one JSON object on stdout (the plan, the effect, how it ended; the text goes to "
              "stderr)",
        "cs": "jeden objekt JSON na stdout (plán, dopad, jak to skončilo; text jde na stderr)",
    },
    "cli_subs.opt.yes": {"en": "do not ask (for scripts)", "cs": "neptat se (pro skripty)"},
    "cli_subs.what_if": {
        "en": "Nothing was changed (--what-if).",
        "cs": "Nic se nezměnilo (--what-if).",
    },
    "cli_subs.question.change": {"en": "Make this change? [y/N]",
                                 "cs": "Provést tuto změnu? [a/N]"},
    "cli_subs.question.final": {"en": "Cancel it? This cannot be undone. [y/N]",
                                "cs": "Zrušit ho? Nelze to vrátit zpět. [a/N]"},
    "cli_subs.question.distributor": {"en": "Prepare the request for the distributor? [y/N]",
                                      "cs": "Připravit žádost pro distributora? [a/N]"},
    "cli_subs.answer.yes": {"en": "y", "cs": "a"},
    "cli_subs.error.needs_yes": {
        "en": "Not asked on a terminal: add --yes to make the change (or --what-if to see it).",
        "cs": "Bez terminálu se nelze zeptat: změnu provede --yes (--what-if ji jen ukáže).",
    },
    "cli_subs.not_done": {"en": "Nothing was changed.", "cs": "Nic se nezměnilo."},
    "cli_subs.done": {"en": "Done: {subject}", "cs": "Hotovo: {subject}"},
    "cli_subs.waiting": {
        "en": "Queued, not sent yet: {subject}. {error} The console or the next "
              "`csp-tui sync` sends it.",
        "cs": "Zařazeno, zatím neodesláno: {subject}. {error} Odešle ho konzole nebo příští "
              "synchronizace (`csp-tui sync`).",
    },
}
