"""``csp-tui --help`` and every subcommand's ``--help`` under a Czech locale: no English-only
word (argparse's own words come from ``i18n/messages/argparse_texts.py``)."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from csp_tui import cli

from .vocabulary import english_in, words

#: Every command line, from the handlers table (``"sandbox serve"`` -> two words), plus the
#: two groups and the program itself.
COMMAND_LINES = [[], ["sandbox"], ["tenant"],
                 *(name.split() for name in cli.HANDLERS if name != "console")]
#: Subcommand names are typed: the same in both languages.
TYPED = frozenset(word for name in cli.HANDLERS for word in words(name))


def help_text(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        cli.main([*argv, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.strip()
    return out


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=lambda argv: " ".join(argv) or "csp-tui")
def test_help_is_czech(argv: list[str], monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "cs_CZ.UTF-8")
    text = help_text(argv, capsys)
    assert "použití:" in text  # argparse's "usage:" in Czech: the locale took effect
    assert english_in(text, TYPED) == [], text


def test_the_check_sees_english_help(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The same help in English is caught, so the check can fail."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    assert english_in(help_text(["sync"], capsys), TYPED)


def _cache_words(*databases) -> set[str]:  # type: ignore[no-untyped-def]
    """Every word stored in the databases: names, products, domains are data, not chrome."""
    found: set[str] = set()
    for db in databases:
        for table in Database(db).table_names():
            for row in db.execute(f"SELECT * FROM [{table}]").fetchall():
                for value in row:
                    if isinstance(value, str):
                        found |= words(value)
    return found


LISTINGS = [["customers"], ["subscriptions"], ["subscriptions", "--kind", "perpetual"],
            ["invitations"], ["log"]]


@pytest.mark.parametrize("argv", LISTINGS, ids=" ".join)
def test_listings_are_czech(argv: list[str], monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    from csp_tui.cache.db import open_cache
    from csp_tui.config import load_settings
    from csp_tui.sandbox import synthetic_cache as synthetic
    from csp_tui.state.db import open_state

    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "cs_CZ.UTF-8")
    settings = load_settings()
    settings.locations.ensure_profile_dir()
    cache = open_cache(settings.locations.cache_db)
    state = open_state(settings.locations.state_db)
    try:
        synthetic.populate(cache, state, customers=40, seed=3, invitations=6, command_log=12)
        data = _cache_words(cache, state)
    finally:
        cache.close()
        state.close()
    assert cli.main(argv) == 0
    text = capsys.readouterr().out
    assert len(text.splitlines()) > 1, text  # a header and rows: the check has work to do
    assert english_in(text, TYPED | data) == [], text
