"""The accent-free fold and the Czech collation key (domain/text.py)."""

from __future__ import annotations

import pytest

from csp_tui.domain.text import czech_sort_key, fold


@pytest.mark.parametrize(("text", "folded"), [
    ("Łódź", "lodz"),
    ("ŁÓDŹ", "lodz"),
    ("Ørsted", "orsted"),
    ("Đakovo", "dakovo"),
    ("đakovo", "dakovo"),
    ("Ærø", "aero"),
    ("Œuvre cœur", "oeuvre coeur"),
    ("Þór þorn", "thor thorn"),
    ("Straße GROẞ", "strasse gross"),
    ("Šumavská", "sumavska"),
])
def test_letters_without_a_decomposition_fold_to_what_a_person_types(text, folded) -> None:
    assert fold(text) == folded


def test_a_folded_filter_finds_the_polish_and_danish_names() -> None:
    assert "lodz" in fold("Fabryka Łódź sp. z o.o.")
    assert "orsted" in fold("ØRSTED A/S")


def test_case_variants_get_distinct_keys_in_a_stable_order() -> None:
    names = ["ABC", "abc", "Abc", "aBc"]
    keys = {czech_sort_key(name) for name in names}
    assert len(keys) == len(names)
    assert sorted(names, key=czech_sort_key) == ["ABC", "Abc", "aBc", "abc"]
    # The same in any starting order: the order is total, not insertion order.
    assert sorted(reversed(names), key=czech_sort_key) == ["ABC", "Abc", "aBc", "abc"]


def test_only_the_same_text_gets_the_same_key() -> None:
    assert czech_sort_key("Pekárna ") != czech_sort_key("Pekárna")
    assert czech_sort_key("Pekárna") == czech_sort_key("Pekárna")


def test_czech_order_still_leads() -> None:
    names = ["Chata", "Hora", "Čapek", "Cihla", "abc", "ABC", "Łódź", "Lodz", "Mlýn"]
    assert sorted(names, key=czech_sort_key) == [
        "ABC", "abc", "Cihla", "Čapek", "Hora", "Chata", "Lodz", "Łódź", "Mlýn"]


def test_a_letter_folding_to_two_sorts_as_those_two() -> None:
    # Æ sorts as AE: after "Ad…", before "Af…".
    assert sorted(["Afrika", "Æble", "Adam"], key=czech_sort_key) == ["Adam", "Æble", "Afrika"]
