"""Messages of the `csp-tui sandbox` commands."""

MESSAGES: dict[str, dict[str, str]] = {
    "sandbox.serving": {
        "en": "Partner Center sandbox listening on {url} (Ctrl+C stops it)",
        "cs": "Sandbox Partner Center naslouchá na {url} (Ctrl+C ho zastaví)",
    },
    "sandbox.serve_failed": {
        "en": "Cannot start the sandbox server: {error}",
        "cs": "Sandbox server nelze spustit: {error}",
    },
    "sandbox.not_sandbox": {
        "en": "Profile {profile} is not a sandbox profile; this command only changes the "
        "built-in emulator.",
        "cs": "Profil {profile} není profil sandboxu; tento příkaz mění jen vestavěný emulátor.",
    },
    "sandbox.reset_done": {
        "en": "The sandbox starts over ({path} removed, cache cleared). Invitations and drafts "
        "were kept.",
        "cs": "Sandbox začíná znovu ({path} odstraněn, mezipaměť vymazána). Pozvánky a koncepty "
        "zůstaly zachovány.",
    },
    "sandbox.accepted": {
        "en": "The customer with {domain} accepted the reseller relationship. Run a sync to "
        "see it.",
        "cs": "Zákazník s doménou {domain} přijal vztah s prodejcem. Po synchronizaci se objeví.",
    },
    "sandbox.accept_failed": {
        "en": "No sandbox tenant with domain {domain} is waiting for an invitation "
        "(HTTP {status}).",
        "cs": "Žádný tenant sandboxu s doménou {domain} nečeká na pozvánku (HTTP {status}).",
    },
    "sandbox.advanced": {
        "en": "Sandbox clock is now {now}.",
        "cs": "Hodiny sandboxu nyní ukazují {now}.",
    },
}
