"""The console's sign-in flow."""

MESSAGES: dict[str, dict[str, str]] = {
    "tui.sign_in.prompt": {
        "en": "On any device with a browser, open the address below and enter the code. "
              "Sign in with your Partner Center account (multi-factor authentication is "
              "required). This window closes by itself when you are done.",
        "cs": "Na libovolném zařízení s prohlížečem otevřete adresu níže a zadejte kód. "
              "Přihlaste se účtem Partner Center (vyžaduje se vícefaktorové ověření). "
              "Po dokončení se toto okno samo zavře.",
    },
    "tui.sign_in.not_needed": {
        "en": "The sandbox needs no sign-in.",
        "cs": "Sandbox přihlášení nepotřebuje.",
    },
    "tui.sign_in.env_token": {
        "en": "This profile takes its access token from CSP_TUI_ACCESS_TOKEN: set a fresh "
              "token there and restart the console.",
        "cs": "Tento profil bere přístupový token z CSP_TUI_ACCESS_TOKEN: nastavte tam nový "
              "token a konzoli spusťte znovu.",
    },
    "tui.sign_in.failed": {
        "en": "Sign-in did not work: {error}",
        "cs": "Přihlášení se nepodařilo: {error}",
    },
    "tui.sign_in.done": {
        "en": "Signed in as {user}. Syncing…",
        "cs": "Přihlášeno jako {user}. Synchronizuji…",
    },
    "tui.cmd.login": {"en": "Sign in to Partner Center", "cs": "Přihlásit se do Partner Center"},
    "tui.cmdhelp.login": {
        "en": "Device-code sign-in: a code to enter on any device with a browser",
        "cs": "Přihlášení kódem zařízení: kód zadáte na libovolném zařízení s prohlížečem",
    },
}
