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
        "en": "Unknown theme {theme}; the console keeps {current}. :theme lists the themes "
              "({count})",
        "cs": "Barevný motiv {theme} neznám; konzole zůstává u {current}. Motivy vypíše "
              ":theme (počet: {count})",
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

MESSAGES.update({
    # ---- copying: what reached where
    "conv.copy.sent": {
        "en": "Sent {count} characters to the terminal (OSC 52): on the clipboard if the "
              "terminal allows programs to set it",
        "cs": "Odesláno terminálu (OSC 52), znaků: {count}; ve schránce to bude, pokud terminál "
              "programům dovolí schránku nastavit",
    },
    "conv.copy.sent_value": {
        "en": "{what} {value} sent to the terminal (OSC 52)",
        "cs": "{what} {value} odesláno terminálu (OSC 52)",
    },
    "conv.copy.too_long": {
        "en": "Too long for the terminal's clipboard ({count} characters): written to file "
              "{path}",
        "cs": "Na schránku terminálu příliš dlouhé (znaků: {count}): zapsáno do souboru {path}",
    },
    "conv.copy.file_failed": {
        "en": "Too long for the terminal's clipboard ({count} characters), and the file could "
              "not be written: {error}",
        "cs": "Na schránku terminálu příliš dlouhé (znaků: {count}) a soubor se nepodařilo "
              "zapsat: {error}",
    },
    "conv.copy.nothing": {
        "en": "Nothing to copy here: move to a row of a list first",
        "cs": "Tady není co kopírovat: nejdřív přejděte na řádek seznamu",
    },
    # ---- y / Y: the row's ids
    "conv.key.copy_id": {"en": "Copy id", "cs": "Kopírovat ID"},
    "conv.keyhelp.copy_id": {
        "en": "Copy the row's most useful id: the tenant id, the subscription id, the "
              "invitation's domain",
        "cs": "Zkopírovat nejpotřebnější ID řádku: ID tenanta, ID předplatného, doménu pozvánky",
    },
    "conv.key.copy_menu": {"en": "Copy…", "cs": "Kopírovat…"},
    "conv.keyhelp.copy_menu": {
        "en": "Choose which of the row's ids and names to copy",
        "cs": "Vybrat, které ID nebo název řádku zkopírovat",
    },
    "conv.copy.menu_title": {"en": "Copy", "cs": "Kopírovat"},
    "conv.copy.menu_hint": {
        "en": "a digit or enter copies · esc closes",
        "cs": "číslice nebo enter zkopíruje · esc zavře",
    },
    "conv.copy.tenant_id": {"en": "Tenant id", "cs": "ID tenanta"},
    "conv.copy.primary_domain": {"en": "Domain", "cs": "Doména"},
    "conv.copy.initial_domain": {"en": "Initial domain", "cs": "Výchozí doména"},
    "conv.copy.company": {"en": "Company name", "cs": "Název firmy"},
    "conv.copy.subscription_id": {"en": "Subscription id", "cs": "ID předplatného"},
    "conv.copy.product": {"en": "Product", "cs": "Produkt"},
    "conv.copy.invitation_domain": {"en": "Domain", "cs": "Doména"},
    "conv.copy.contact_email": {"en": "Admin's e-mail", "cs": "E-mail správce"},
    "conv.copy.invitation_id": {"en": "Invitation id", "cs": "ID pozvánky"},
})

MESSAGES.update({
    # ---- :export
    "conv.cmd.export": {"en": "Export the list to a file", "cs": "Exportovat seznam do souboru"},
    "conv.cmdhelp.export": {
        "en": "The list in view, filtered and sorted as shown, to CSV or JSON "
              "(:export [FILE.csv|FILE.json]; in the exports folder unless a path is given)",
        "cs": "Seznam, jak je zobrazen (filtr i řazení), do CSV nebo JSON "
              "(:export [SOUBOR.csv|SOUBOR.json]; do složky exportů, není-li zadána cesta)",
    },
    "conv.export.done": {
        "en": "Exported {count} rows to {path}",
        "cs": "Exportováno řádků: {count}, do {path}",
    },
    "conv.export.exists": {
        "en": "{path} already exists: give another name (:export NAME.csv)",
        "cs": "{path} už existuje: zadejte jiný název (:export NÁZEV.csv)",
    },
    "conv.export.failed": {
        "en": "Could not export to {path}: {error}",
        "cs": "Export do {path} se nepodařil: {error}",
    },
    "conv.export.bad_extension": {
        "en": "{name}: the file must end in .csv or .json",
        "cs": "{name}: soubor musí končit na .csv nebo .json",
    },
    "conv.export.nothing": {
        "en": "No list here to export: go to a list first",
        "cs": "Tady není seznam k exportu: nejdřív přejděte na seznam",
    },
})

MESSAGES.update({
    # ---- :profile
    "conv.cmd.profile": {"en": "Switch profile…", "cs": "Přepnout profil…"},
    "conv.cmdhelp.profile": {
        "en": "Another profile in this console (:profile NAME): its own cache, state and "
              "sign-in; the worker starts again for it",
        "cs": "Jiný profil v této konzoli (:profile NÁZEV): vlastní cache, stav i přihlášení; "
              "pracovní vlákno se pro něj spustí znovu",
    },
    "conv.profile.placeholder": {"en": "Search for a profile…", "cs": "Hledat profil…"},
    "conv.profile.current": {"en": "(in use)", "cs": "(používá se)"},
    "conv.profile.switched": {"en": "Profile: {name}", "cs": "Profil: {name}"},
    "conv.profile.already": {
        "en": "The console already uses the profile {name}",
        "cs": "Konzole už používá profil {name}",
    },
    "conv.profile.problem": {
        "en": "Cannot switch to the profile {name}: {problem}",
        "cs": "Na profil {name} nelze přepnout: {problem}",
    },
    "conv.profile.unsupported": {
        "en": "This console cannot switch profile: start it with --profile NAME",
        "cs": "Tato konzole profil přepnout neumí: spusťte ji s --profile NÁZEV",
    },
})
