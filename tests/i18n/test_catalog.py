"""Every message exists in Czech and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from csp_tui import i18n


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


CATALOG = i18n.catalog()

# Czech letters open with "Dobrý den," and no name; the English greeting names the contact.
PLACEHOLDERS_MAY_DIFFER = {"invite.email.greeting"}
# Proper names and typed command words are the same in both languages.
SAME_IN_BOTH = {"qual.name.GovernmentCommunityCloud", "tui.command.placeholder"}
# Words Czech borrows unchanged.
SAME_WORDS = {"role", "text", "e-mail", "csp-tui", "software", "tenant", "auto", "online",
              "partner"}


def test_catalog_is_not_empty_and_keys_are_dotted():
    assert len(CATALOG) > 200
    assert all("." in key or key in {"yes", "no"} for key in CATALOG)


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_both_languages_present_with_the_same_placeholders(key):
    texts = CATALOG[key]
    assert set(texts) == {"en", "cs"}, f"{key}: languages {sorted(texts)}"
    assert texts["en"].strip() and texts["cs"].strip(), key
    if key not in PLACEHOLDERS_MAY_DIFFER:
        assert _placeholders(texts["en"]) == _placeholders(texts["cs"]), key


def test_czech_texts_are_czech():
    """A Czech text identical to the English one is a missing translation (short technical
    words, codes and names excepted)."""
    def words(text: str) -> list[str]:
        plain = "".join(literal for literal, *_ in string.Formatter().parse(text))
        return [w for w in plain.replace("—", " ").split() if sum(c.isalpha() for c in w) >= 4]

    same = [key for key, texts in CATALOG.items()
            if texts["cs"] == texts["en"] and key not in SAME_IN_BOTH
            and any(w.lower() not in SAME_WORDS for w in words(texts["en"]))]
    assert same == [], same


def test_language_selection_order(monkeypatch):
    assert i18n.language_from_environment({"LANG": "cs_CZ.UTF-8"}) == "cs"
    assert i18n.language_from_environment({"LANG": "cs_CZ.UTF-8", "LC_ALL": "en_US"}) == "en"
    assert i18n.language_from_environment({}) == "en"
    monkeypatch.setenv("LANG", "cs_CZ.UTF-8")
    assert i18n.set_language(None) == "cs"
    assert i18n.set_language("en") == "en"
    assert i18n.set_language("de") == "en"


def test_explicit_language_does_not_leak():
    i18n.set_language("en")
    assert i18n.tl("yes", "cs") == "ano"
    assert i18n.t("yes") == "yes"
