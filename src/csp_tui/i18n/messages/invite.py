"""Messages of reseller relationship requests: validation, the invitation e-mail, `csp-tui invite`.

The e-mail texts address the customer's administrator; the Czech ones use formal address
(vykání, with the capitalised Vy/Vás/Váš customary in letters).
"""

MESSAGES: dict[str, dict[str, str]] = {
    # --- input validation -------------------------------------------------------------------
    "invite.error.company_required": {
        "en": "Enter the customer's organisation name.",
        "cs": "Zadejte název organizace zákazníka.",
    },
    "invite.error.too_long": {
        "en": "At most {limit} characters.",
        "cs": "Nejvýše {limit} znaků.",
    },
    "invite.error.email_invalid": {
        "en": "“{value}” is not a valid e-mail address (expected e.g. jana.novakova@firma.cz).",
        "cs": "„{value}“ není platná e-mailová adresa (očekává se např. jana.novakova@firma.cz).",
    },
    "invite.error.domain_required": {
        "en": "Enter a domain of the customer's tenant (e.g. firma.cz).",
        "cs": "Zadejte doménu tenantu zákazníka (např. firma.cz).",
    },
    "invite.error.domain_invalid": {
        "en": "“{value}” is not a domain name: use letters a–z, digits, dots and hyphens, "
              "ending in a top-level domain (e.g. firma.cz or firma.onmicrosoft.com), "
              "without http:// or @.",
        "cs": "„{value}“ není název domény: použijte písmena a–z, číslice, tečky a pomlčky "
              "a zakončení domény nejvyšší úrovně (např. firma.cz nebo firma.onmicrosoft.com), "
              "bez http:// a bez @.",
    },
    "invite.error.language_invalid": {
        "en": "The e-mail language must be “cs” or “en”.",
        "cs": "Jazyk e-mailu musí být „cs“ nebo „en“.",
    },
    "invite.error.reseller_required": {
        "en": "As a distributor, choose the reseller the customer will be linked to "
              "(its tenant id).",
        "cs": "Jako distributor zvolte prodejce, ke kterému bude zákazník připojen "
              "(ID jeho tenantu).",
    },
    "invite.error.reseller_invalid": {
        "en": "“{value}” is not a tenant id (expected a GUID such as "
              "0a7e3f52-8c61-4b2d-9e4f-1d2c3b4a5968).",
        "cs": "„{value}“ není ID tenantu (očekává se GUID, např. "
              "0a7e3f52-8c61-4b2d-9e4f-1d2c3b4a5968).",
    },
    "invite.error.reseller_unknown": {
        "en": "Tenant {value} is not one of your indirect resellers.",
        "cs": "Tenant {value} není žádný z Vašich nepřímých prodejců.",
    },
    "invite.error.reseller_not_allowed": {
        "en": "A reseller can be chosen only in a distributor (indirect provider) profile.",
        "cs": "Prodejce lze zvolit jen v profilu distributora (nepřímého poskytovatele).",
    },
    # --- refusals and link problems ---------------------------------------------------------
    "invite.error.read_only": {
        "en": "Profile “{profile}” is read-only: invitations cannot be sent, changed or "
              "annotated.",
        "cs": "Profil „{profile}“ je jen pro čtení: pozvánky nelze odesílat, měnit ani k nim "
              "psát poznámky.",
    },
    "invite.error.no_distributor": {
        "en": "Profile “{profile}” has no indirect_provider_id: an indirect reseller's link "
              "must name the distributor.",
        "cs": "Profil „{profile}“ nemá indirect_provider_id: odkaz nepřímého prodejce musí "
              "uvádět distributora.",
    },
    "invite.error.link_invalid": {
        "en": "Partner Center returned an unusable relationship link ({reason}); nothing was "
              "recorded.",
        "cs": "Partner Center vrátil nepoužitelný odkaz na vztah ({reason}); nic nebylo "
              "zaznamenáno.",
    },
    "invite.link.not_https": {
        "en": "not an https:// address",
        "cs": "nejde o adresu https://",
    },
    "invite.link.wrong_host": {
        "en": "unexpected host {host}",
        "cs": "neočekávaný server {host}",
    },
    "invite.link.bad_characters": {
        "en": "it contains spaces or control characters",
        "cs": "obsahuje mezery nebo řídicí znaky",
    },
    "invite.link.no_distributor": {
        "en": "it does not name the distributor {id}; the customer would be linked to the "
              "wrong partner",
        "cs": "neuvádí distributora {id}; zákazník by byl připojen k nesprávnému partnerovi",
    },
    "invite.link.no_reseller": {
        "en": "it does not name the reseller {id}; the customer would be linked to the wrong "
              "partner",
        "cs": "neuvádí prodejce {id}; zákazník by byl připojen k nesprávnému partnerovi",
    },
    "invite.error.not_found": {
        "en": "Invitation {id} does not exist.",
        "cs": "Pozvánka {id} neexistuje.",
    },
    # --- the invitation e-mail --------------------------------------------------------------
    "invite.email.subject": {
        "en": "Request to become your Microsoft reseller – {company}",
        "cs": "Žádost o vztah s prodejcem Microsoft – {company}",
    },
    "invite.email.greeting": {
        "en": "Dear {contact},",
        "cs": "Dobrý den,",
    },
    "invite.email.greeting_anonymous": {
        "en": "Hello,",
        "cs": "Dobrý den,",
    },
    # The company name never ends a sentence: names like "s.r.o." end in a full stop.
    "invite.email.intro_named": {
        "en": "{reseller} asks to become the Microsoft cloud services reseller (Cloud Solution "
              "Provider partner) of {company} for its Microsoft 365 tenant. As your reseller "
              "we will be able to supply Microsoft licences and subscriptions for your "
              "organisation and support you with them.",
        "cs": "společnost {reseller} Vás žádá o navázání vztahu prodejce cloudových služeb "
              "Microsoft (partner programu Cloud Solution Provider) pro organizaci {company} "
              "a její tenant Microsoft 365. Jako Váš prodejce Vám budeme moci dodávat licence "
              "a předplatná Microsoft a poskytovat k nim podporu.",
    },
    "invite.email.intro_anonymous": {
        "en": "We ask to become the Microsoft cloud services reseller (Cloud Solution Provider "
              "partner) of {company} for its Microsoft 365 tenant. As your reseller we will be "
              "able to supply Microsoft licences and subscriptions for your organisation and "
              "support you with them.",
        "cs": "žádáme Vás o navázání vztahu prodejce cloudových služeb Microsoft (partner "
              "programu Cloud Solution Provider) pro organizaci {company} a její tenant "
              "Microsoft 365. Jako Váš prodejce Vám budeme moci dodávat licence a předplatná "
              "Microsoft a poskytovat k nim podporu.",
    },
    "invite.email.steps_title": {
        "en": "How to accept the request (it takes a few minutes):",
        "cs": "Jak žádost přijmout (zabere to několik minut):",
    },
    "invite.email.step_sign_in": {
        "en": "1. Sign in to the Microsoft 365 admin center (https://admin.microsoft.com) with "
              "an account that has the Global administrator role in your organisation. Other "
              "administrator roles cannot accept the request.",
        "cs": "1. Přihlaste se do Centra pro správu Microsoft 365 (https://admin.microsoft.com) "
              "účtem, který má ve Vaší organizaci roli „Globální správce“ (Global "
              "administrator). Jiné správcovské role žádost přijmout nemohou.",
    },
    "invite.email.step_open": {
        "en": "2. In the same browser, open this link:",
        "cs": "2. Ve stejném prohlížeči otevřete tento odkaz:",
    },
    "invite.email.step_accept": {
        "en": "3. Review the details of the request – the partner names and any permissions "
              "it asks for – and accept it.",
        "cs": "3. Zkontrolujte podrobnosti žádosti – názvy partnerů a případná oprávnění, "
              "o která žádá – a žádost přijměte.",
    },
    "invite.email.distributor": {
        "en": "By accepting, you also authorise our distributor {distributor}, from whom we "
              "buy Microsoft services, so that it can process orders for your organisation.",
        "cs": "Přijetím žádosti zároveň autorizujete našeho distributora {distributor}, "
              "u kterého služby Microsoft nakupujeme; díky tomu může vyřizovat objednávky "
              "pro Vaši organizaci.",
    },
    "invite.email.distributor_unnamed": {
        "en": "By accepting, you also authorise our distributor (named in the request), from "
              "whom we buy Microsoft services, so that it can process orders for your "
              "organisation.",
        "cs": "Přijetím žádosti zároveň autorizujete našeho distributora (je uveden "
              "v žádosti), u kterého služby Microsoft nakupujeme; díky tomu může vyřizovat "
              "objednávky pro Vaši organizaci.",
    },
    "invite.email.assurance": {
        "en": "Accepting does not transfer ownership of your tenant, your domains or your "
              "data, and it does not give us access to your data beyond what the request "
              "shows. Your existing subscriptions and any other partners stay as they are, "
              "and you can end the relationship at any time in the admin center.",
        "cs": "Přijetím žádosti nepřevádíte vlastnictví svého tenantu, domén ani dat a "
              "nezískáváme tím přístup k Vašim datům nad rámec toho, co je uvedeno v žádosti. "
              "Vaše stávající předplatná i případní další partneři zůstávají beze změny a "
              "vztah můžete v Centru pro správu kdykoli ukončit.",
    },
    "invite.email.contact_named": {
        "en": "If you have any questions, simply reply to this e-mail and {reseller} will "
              "gladly help.",
        "cs": "Máte-li jakékoli dotazy, stačí odpovědět na tento e-mail – společnost "
              "{reseller} Vám ráda pomůže.",
    },
    "invite.email.contact_anonymous": {
        "en": "If you have any questions, simply reply to this e-mail and we will gladly help.",
        "cs": "Máte-li jakékoli dotazy, stačí odpovědět na tento e-mail – rádi Vám pomůžeme.",
    },
    "invite.email.closing": {
        "en": "Thank you and kind regards,",
        "cs": "Děkujeme a s pozdravem",
    },
    # --- csp-tui invite ---------------------------------------------------------------------
    "invite.cli.recorded": {
        "en": "Invitation for {company} ({domain}) recorded as pending.",
        "cs": "Pozvánka pro {company} ({domain}) zaznamenána jako čekající.",
    },
    "invite.cli.duplicate": {
        "en": "A pending invitation for {domain} already exists (sent {sent}, {count}×); "
              "nothing new was recorded. To remind the customer, resend it from the console.",
        "cs": "Pro doménu {domain} už čekající pozvánka existuje (odeslána {sent}, {count}×); "
              "nic nového nebylo zaznamenáno. Pro připomenutí ji znovu odešlete z konzole.",
    },
    "invite.cli.link": {"en": "Link:", "cs": "Odkaz:"},
    "invite.cli.subject": {"en": "Subject:", "cs": "Předmět:"},
    "invite.cli.body_title": {
        "en": "E-mail text (send it to {email}):",
        "cs": "Text e-mailu (pošlete ho na {email}):",
    },
    "invite.cli.invalid": {
        "en": "The invitation was not created:",
        "cs": "Pozvánka nebyla vytvořena:",
    },
    "invite.cli.field_problem": {"en": "  {option}: {problem}", "cs": "  {option}: {problem}"},
    "invite.cli.partner_center_error": {
        "en": "Partner Center refused the relationship link: {error}",
        "cs": "Partner Center odmítl vydat odkaz na vztah: {error}",
    },
    "invite.cli.forbidden": {
        "en": "Partner Center says this account may not request reseller relationships "
              "({error}). An account with the Admin agent role is needed.",
        "cs": "Partner Center tomuto účtu nedovoluje žádat o vztah s prodejcem ({error}). "
              "Je potřeba účet s rolí Admin agent.",
    },
    "invite.cli.unreachable": {
        "en": "Partner Center could not be reached ({error}); nothing was recorded. "
              "Try again later.",
        "cs": "Partner Center není dostupný ({error}); nic nebylo zaznamenáno. "
              "Zkuste to později.",
    },
    "invite.cli.sign_in": {
        "en": "Sign-in needed: {error}",
        "cs": "Je třeba se přihlásit: {error}",
    },
    "invite.cli.copied": {
        "en": "The link was sent to the terminal clipboard (OSC 52). Inside tmux this needs "
              "`set -g set-clipboard on`.",
        "cs": "Odkaz byl odeslán do schránky terminálu (OSC 52). V tmuxu je k tomu potřeba "
              "`set -g set-clipboard on`.",
    },
    "invite.cli.saved": {
        "en": "Standard output is not a terminal, so the link was saved to {path} instead.",
        "cs": "Standardní výstup není terminál, proto byl odkaz uložen do souboru {path}.",
    },
    "invite.cli.too_long_saved": {
        "en": "The text is too long for the terminal clipboard; it was saved to {path}.",
        "cs": "Text je pro schránku terminálu příliš dlouhý; byl uložen do souboru {path}.",
    },
}
