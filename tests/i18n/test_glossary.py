"""The glossary beside the catalog (``csp_tui/i18n/GLOSSARY.md``) is kept: one Czech word per
concept, and none of the words that used to collide (``r Obnovit`` for sync next to
``Obnova`` for renewal, ``automatické prodloužení`` next to ``AUT. OBNOVA``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from csp_tui import i18n

GLOSSARY = Path(i18n.__file__).parent / "GLOSSARY.md"
CATALOG = i18n.catalog()

# Texts that name the concept in English without being about it in Czech, with the reason.
NOT_ABOUT = {
    # "Auto" is the column title; the long form is in the help and the detail.
    ("auto-renew", "tui.col.auto_renew"),
    # "bez obnovení" (no renewal) is the short form of the attention reason in its line.
    ("auto-renew", "tui.attention.expiring"),
}
# Only the concepts whose Czech words collided are checked from the English side; the rest
# of the table is checked by its "never" column.
CHECKED_BOTH_WAYS = {"auto-renew", "reactivat"}


def rows() -> list[tuple[str, str, str, list[str]]]:
    found = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in {"concept", ""} or set(cells[0]) <= {"-"}:
            continue
        never = [word.strip() for word in cells[3].split(",") if word.strip()]
        found.append((cells[0], cells[1], cells[2], never))
    return found


def starts_word(text: str, stem: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(stem)}", text, re.IGNORECASE) is not None


def uses(text: str, word: str) -> bool:
    """A "never" entry: a whole word or phrase, or a word start when it ends with ``*``."""
    if word.endswith("*"):
        return starts_word(text, word[:-1])
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w])", text, re.IGNORECASE) is not None


def test_the_glossary_names_the_colliding_words() -> None:
    table = {english: (czech, never) for _, english, czech, never in rows()}
    assert table["sync"][0] == "synchroniz"
    assert table["auto-renew"][0].split(",")[0] == "automatick"
    assert table["renew"][0] == "obnov" and "prodlouž*" in table["renew"][1]
    assert "automatické prodloužení" in table["auto-renew"][1]
    assert "aut. obnova" in table["auto-renew"][1]


@pytest.mark.parametrize("concept", rows(), ids=lambda row: row[1])
def test_no_czech_text_uses_a_word_the_glossary_rules_out(concept) -> None:
    _, _, _, never = concept
    wrong = {key: texts["cs"] for key, texts in CATALOG.items()
             if any(uses(texts["cs"], word) for word in never)}
    assert not wrong, wrong


@pytest.mark.parametrize("concept", [row for row in rows() if row[1] in CHECKED_BOTH_WAYS],
                         ids=lambda row: row[1])
def test_a_text_naming_the_concept_uses_its_czech_word(concept) -> None:
    _, english, czech, _ = concept
    wrong = {}
    for key, texts in CATALOG.items():
        if (english, key) in NOT_ABOUT or not starts_word(texts["en"], english):
            continue
        if not any(starts_word(texts["cs"], word.strip()) for word in czech.split(",")):
            wrong[key] = (texts["en"], texts["cs"])
    assert not wrong, wrong


def test_a_cancelled_subscription_is_called_the_same_in_the_list_and_the_detail() -> None:
    assert CATALOG["tui.status.deleted"]["en"] == CATALOG["terms.status.deleted"]["en"]
    assert CATALOG["tui.status.deleted"]["cs"][:4] == CATALOG["terms.status.deleted"]["cs"][:4]
