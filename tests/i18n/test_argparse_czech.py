"""Every text the running Python's argparse looks up through gettext has a Czech text.

The msgids are collected from the interpreter's own ``argparse`` module (its source, every
``_()`` and ``ngettext()`` call), so a Python whose argparse gains a message fails here until
the message is translated in ``i18n/messages/argparse_texts.py``.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import re

import pytest

from csp_tui import cli
from csp_tui.i18n import argparse_gettext, argparse_ngettext, set_language

_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sr]")


def _string(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    # `_(kwargs.pop('title', 'subcommands'))`: the default is the text that gets printed.
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "pop" and len(node.args) == 2:
        return _string(node.args[1])
    return None


def _collect() -> tuple[set[str], set[tuple[str, str]]]:
    tree = ast.parse(inspect.getsource(argparse))
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id == "_" and node.args:
            text = _string(node.args[0])
            if text is not None:
                singles.add(text)
        elif node.func.id == "ngettext" and len(node.args) >= 2:
            one, many = _string(node.args[0]), _string(node.args[1])
            assert one is not None and many is not None
            plurals.add((one, many))
    return singles, plurals


SINGLES, PLURALS = _collect()


def test_the_collection_finds_argparse_texts() -> None:
    assert "ambiguous option: %(option)s could match %(matches)s" in SINGLES
    assert "not allowed with argument %s" in SINGLES
    assert "one of the arguments %s is required" in SINGLES
    assert ("expected %s argument", "expected %s arguments") in PLURALS
    assert len(SINGLES) > 25


@pytest.mark.parametrize("msgid", sorted(SINGLES))
def test_every_argparse_text_has_czech(msgid: str) -> None:
    set_language("cs")
    try:
        czech = argparse_gettext(msgid)
    finally:
        set_language("en")
    assert czech != msgid, msgid
    # The same placeholders: argparse formats the Czech text with its own values.
    assert sorted(_PLACEHOLDER.findall(czech)) == sorted(_PLACEHOLDER.findall(msgid))
    assert argparse_gettext(msgid) == msgid  # English stays argparse's own


@pytest.mark.parametrize("pair", sorted(PLURALS))
@pytest.mark.parametrize("count", [1, 2, 5])
def test_every_plural_has_czech_forms(pair: tuple[str, str], count: int) -> None:
    set_language("cs")
    try:
        czech = argparse_ngettext(pair[0], pair[1], count)
    finally:
        set_language("en")
    assert czech not in pair
    assert _PLACEHOLDER.findall(czech) == ["%s"]
    assert argparse_ngettext(pair[0], pair[1], count) == (pair[0] if count == 1 else pair[1])


@pytest.mark.parametrize(("argv", "czech"), [
    (["subscriptions", "--in-window", "--renewing-within", "3"], "nelze použít spolu"),
    (["log", "--l", "3"], "nejednoznačná volba"),
    (["customers", "-o"], "očekávám jeden argument"),
])
def test_usage_errors_are_czech(argv: list[str], czech: str, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "cs_CZ.UTF-8")
    with pytest.raises(SystemExit) as exited:
        cli.main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert czech in err, err
    assert "chyba:" in err
