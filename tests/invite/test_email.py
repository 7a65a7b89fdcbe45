"""The invitation e-mail: complete instructions, both languages, names kept as plain text."""

from __future__ import annotations

import pytest

from csp_tui.services.invitation_email import build_email

LINK = ("https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship"
        "&partnerId=0a7e3f52-8c61-4b2d-9e4f-1d2c3b4a5968&msppId=6240417"
        "&indirectCSPId=6f1c2a90-3d4b-4e8f-9a10-2b3c4d5e6f70&DAP=false"
        "#/BillingAccounts/partner-invitation")


def _email(language: str, **overrides: object) -> tuple[str, str]:
    kwargs: dict[str, object] = {
        "language": language,
        "company_name": "Šumavská pekárna s.r.o.",
        "contact_name": "Jana Nováková",
        "link": LINK,
        "reseller_name": "Vltava IT Partner s.r.o.",
        "distributor_name": "Moravia Cloud Distribuce s.r.o.",
    }
    kwargs.update(overrides)
    return build_email(**kwargs)  # type: ignore[arg-type]


def test_czech_email_is_complete_and_formal() -> None:
    subject, body = _email("cs")
    assert "Šumavská pekárna s.r.o." in subject
    assert LINK in body.split()  # the link stands alone on its line, unbroken
    assert "Šumavská pekárna s.r.o." in body
    assert "„Globální správce“" in body and "Global administrator" in body
    assert "Centra pro správu Microsoft 365" in body
    # Formal address (vykání) in the imperative and pronouns, no informal forms.
    assert "Přihlaste se" in body and "otevřete" in body and "Vás" in body
    assert "Přihlas se" not in body and " tě " not in body
    # The distributor is authorised too, and the reassurance and the contact are there.
    assert "Moravia Cloud Distribuce s.r.o." in body
    assert "nepřevádíte vlastnictví" in body
    assert "nad rámec toho, co je uvedeno v žádosti" in body
    assert "odpovědět na tento e-mail" in body
    assert body.rstrip().endswith("Vltava IT Partner s.r.o.")


def test_english_email_is_complete() -> None:
    subject, body = _email("en")
    assert "Šumavská pekárna s.r.o." in subject
    assert LINK in body.split()
    assert body.startswith("Dear Jana Nováková,")
    assert "Global administrator" in body
    assert "Microsoft 365 admin center" in body
    assert "Moravia Cloud Distribuce s.r.o." in body
    assert "does not transfer ownership" in body
    assert "beyond what the request shows" in body
    assert "reply to this e-mail" in body


def test_languages_differ_and_are_chosen_explicitly() -> None:
    # The interface language (English in tests) does not leak into a Czech e-mail.
    _, czech = _email("cs")
    _, english = _email("en")
    assert czech != english
    assert "Dear" not in czech and "Dobrý den" in czech


def test_unknown_partner_names_fall_back_to_first_person() -> None:
    _, body = _email("en", reseller_name=None, distributor_name=None, contact_name="")
    assert body.startswith("Hello,")
    assert "We ask to become" in body
    assert "our distributor (named in the request)" in body
    assert "None" not in body


def test_direct_partner_email_has_no_distributor_paragraph() -> None:
    _, body = _email("cs", distributor_name=None, with_distributor=False)
    assert "distributor" not in body


def test_names_are_plain_text_not_markup_or_escape_sequences() -> None:
    subject, body = _email(
        "en",
        company_name="[bold red]Evil[/] {company} s.r.o.\x1b]52;c;ZXZpbA==\x07",
        contact_name="[link=https://x.invalid]Jana[/link]",
        reseller_name="Prodejce\nPodvržený řádek",
    )
    # Markup is kept literally (nothing interprets it), format fields are not re-expanded.
    assert "[bold red]Evil[/] {company} s.r.o." in subject
    assert "Dear [link=https://x.invalid]Jana[/link]," in body
    # Control characters (an OSC 52 clipboard write) and injected line breaks are gone.
    assert "\x1b" not in subject + body and "\x07" not in subject + body
    assert "Prodejce Podvržený řádek" in body
    assert "\n" not in subject


@pytest.mark.parametrize("language", ["cs", "en"])
def test_a_name_ending_in_a_full_stop_does_not_double_it(language: str) -> None:
    _, body = _email(language, company_name="Novák a syn s.r.o.",
                     reseller_name="Prodejce a.s.", distributor_name="Distributor spol. s r.o.")
    assert ".." not in body.replace("...", "")


def test_unsupported_language_is_refused() -> None:
    with pytest.raises(ValueError):
        _email("de")
