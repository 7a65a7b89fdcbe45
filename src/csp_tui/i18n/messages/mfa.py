"""Multi-factor authentication: Partner Center's step-up requirement, told in the console, in
``csp-tui login`` and for each kind of token source; the served sandbox's token."""

MESSAGES: dict[str, dict[str, str]] = {
    # -- why a call was refused, and what to do (the error's text) -----------------------------
    "mfa.required.generic": {
        "en": "Partner Center asks for multi-factor authentication for this action; sign in "
              "again and approve with MFA.",
        "cs": "Partner Center pro tuto akci vyžaduje vícefaktorové ověření; přihlaste se znovu "
              "a potvrďte přihlášení pomocí MFA.",
    },
    "mfa.required.device": {
        "en": "Partner Center asks for multi-factor authentication for this action; sign in "
              "again and approve with MFA (in the console's sign-in window, or: {command} "
              "--profile {profile}).",
        "cs": "Partner Center pro tuto akci vyžaduje vícefaktorové ověření; přihlaste se znovu "
              "a potvrďte přihlášení pomocí MFA (v přihlašovacím okně konzole, nebo příkazem "
              "{command} --profile {profile}).",
    },
    "mfa.required.repeated": {
        "en": "You signed in with multi-factor authentication, yet Partner Center still refuses "
              "this action for lack of it. Signing in the same way again will not help: check "
              "that your account has an MFA method registered and that no Conditional Access "
              "policy or per-user MFA exception leaves MFA out of this app's sign-in, then run "
              "{command} --profile {profile}.",
        "cs": "Přihlásili jste se s vícefaktorovým ověřením, a Partner Center přesto tuto akci "
              "odmítá kvůli jeho chybění. Stejné přihlášení znovu nepomůže: ověřte, že má váš "
              "účet zaregistrovanou metodu MFA a že žádná zásada podmíněného přístupu ani "
              "výjimka z MFA pro uživatele nevynechává MFA při přihlášení této aplikace, a pak "
              "spusťte {command} --profile {profile}.",
    },
    "mfa.required.env_token": {
        "en": "Partner Center asks for multi-factor authentication, and the access token in "
              "{var} was obtained without it. Obtain the token through a sign-in approved with "
              "MFA (a delegated token for {resource} whose amr claim contains mfa) and set it "
              "in {var} again, or set auth = \"device-code\" in the profile so that csp-tui asks "
              "for MFA itself.",
        "cs": "Partner Center vyžaduje vícefaktorové ověření a přístupový token v {var} byl "
              "získán bez něj. Získejte token přihlášením potvrzeným pomocí MFA (delegovaný "
              "token pro {resource}, jehož deklarace amr obsahuje mfa) a znovu ho nastavte do "
              "{var}, nebo v profilu nastavte auth = \"device-code\", aby si o MFA řeklo "
              "csp-tui samo.",
    },
    "mfa.required.sandbox": {
        "en": "The sandbox asks for multi-factor authentication for this action, as Partner "
              "Center does; the sandbox profile signs in again with MFA by itself at the next "
              "sync.",
        "cs": "Sandbox pro tuto akci vyžaduje vícefaktorové ověření, stejně jako Partner "
              "Center; profil sandboxu se při příští synchronizaci sám znovu přihlásí s MFA.",
    },
    "mfa.required.sandbox_repeated": {
        "en": "The sandbox still refuses the token issued with multi-factor authentication; "
              "it is not signing in again by itself. Reset the sandbox's token faults "
              "(/_emulator/reset-faults) or restart the console.",
        "cs": "Sandbox stále odmítá token vydaný s vícefaktorovým ověřením; znovu se sám "
              "nepřihlásí. Zrušte v sandboxu chyby tokenů (/_emulator/reset-faults) nebo "
              "konzoli spusťte znovu.",
    },
    # -- the console's sign-in window ----------------------------------------------------------
    "mfa.sign_in.prompt": {
        "en": "Partner Center asks for multi-factor authentication for this action; sign in "
              "again and approve with MFA. On any device with a browser, open the address "
              "below and enter the code. This window closes by itself when you are done.",
        "cs": "Partner Center pro tuto akci vyžaduje vícefaktorové ověření; přihlaste se znovu "
              "a potvrďte přihlášení pomocí MFA. Na libovolném zařízení s prohlížečem otevřete "
              "adresu níže a zadejte kód. Okno se po dokončení samo zavře.",
    },
    # -- csp-tui login --------------------------------------------------------------------------
    "mfa.login.step_up": {
        "en": "Partner Center asks for multi-factor authentication for this action; sign in "
              "again and approve with MFA.",
        "cs": "Partner Center pro tuto akci vyžaduje vícefaktorové ověření; přihlaste se znovu "
              "a potvrďte přihlášení pomocí MFA.",
    },
    "mfa.login.repeated": {
        "en": "The last sign-in with multi-factor authentication was not enough for Partner "
              "Center. This sign-in asks for MFA once more; if Partner Center still refuses, "
              "check that your account has an MFA method registered and that no Conditional "
              "Access policy leaves MFA out of this app's sign-in.",
        "cs": "Poslední přihlášení s vícefaktorovým ověřením Partner Center nestačilo. Toto "
              "přihlášení si o MFA řekne znovu; pokud Partner Center bude dál odmítat, ověřte, "
              "že má váš účet zaregistrovanou metodu MFA a že žádná zásada podmíněného přístupu "
              "nevynechává MFA při přihlášení této aplikace.",
    },
    # -- csp-tui sandbox serve ------------------------------------------------------------------
    "sandbox.serve.opt_token": {
        "en": "the bearer token the sandbox accepts (default: a new one, printed at start)",
        "cs": "nosný token, který sandbox přijme (výchozí: nový, vypíše se při spuštění)",
    },
    "sandbox.serve.metavar_token": {"en": "TOKEN", "cs": "TOKEN_SANDBOXU"},
    "sandbox.serve.token_given": {
        "en": "Only the token given by --token (and tokens issued to its holder through "
              "/_emulator/auth) is accepted.",
        "cs": "Přijímá se jen token zadaný přes --token (a tokeny vydané jeho držiteli přes "
              "/_emulator/auth).",
    },
    "sandbox.serve.token_generated": {
        "en": "Only this token is accepted (Authorization: Bearer …; for an env-token profile "
              "set CSP_TUI_ACCESS_TOKEN to it): {token}",
        "cs": "Přijímá se jen tento token (Authorization: Bearer …; pro profil s env-token ho "
              "nastavte do CSP_TUI_ACCESS_TOKEN): {token}",
    },
}
