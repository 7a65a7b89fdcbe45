"""Themes: the ``theme`` profile key, ``--theme``, ``:theme`` and its palette entry."""

from __future__ import annotations

from csp_tui.cli.main import build_parser
from csp_tui.config import load_settings
from csp_tui.tui import themes

from .conftest import NARROW, screen_text


def test_option_beats_profile_beats_environment(monkeypatch) -> None:
    monkeypatch.setenv("TEXTUAL_THEME", "dracula")
    assert themes.chosen_theme("nord", "gruvbox") == "nord"
    assert themes.chosen_theme(None, "gruvbox") == "gruvbox"
    assert themes.chosen_theme(None, None) == "dracula"
    monkeypatch.delenv("TEXTUAL_THEME")
    assert themes.chosen_theme(None, None) is None


def test_the_profile_key_and_the_option_are_read(isolated_home) -> None:
    (isolated_home / "config.toml").write_text(
        'default_profile = "mine"\n[profiles.mine]\nkind = "sandbox"\ntheme = "nord"\n',
        encoding="utf-8")
    assert load_settings(None).profile.theme == "nord"
    assert build_parser().parse_args(["--theme", "gruvbox"]).theme == "gruvbox"


def test_the_console_starts_with_the_chosen_theme(monkeypatch) -> None:
    """``csp-tui --theme nord`` opens the console in nord (the run itself is stubbed)."""
    import importlib

    cli = importlib.import_module("csp_tui.cli.main")
    from csp_tui.tui.app import CspApp

    started: list[str] = []

    def fake_run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(self.theme)
        self._exit_renderables = []
        return None

    monkeypatch.setattr(CspApp, "run", fake_run)
    assert cli.main(["--theme", "nord"]) == 0
    assert started == ["nord"]


async def test_an_unknown_theme_at_start_keeps_the_default_and_says_so(make_console) -> None:
    console = make_console(customers=3, theme="no-such-theme")
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert console.app.theme == "textual-dark"
        texts = [str(n.message) for n in console.app._notifications]
        assert any("no-such-theme" in text and ":theme lists the themes" in text
                   for text in texts)


async def test_colon_theme_switches_and_refuses_unknown_names(make_console) -> None:
    console = make_console(customers=3)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert await console.app.execute_command(":theme nord")
        assert console.app.theme == "nord"
        await console.app.execute_command(":theme bogus")
        assert console.app.theme == "nord"
        await pilot.pause()
        assert any("bogus" in str(n.message) for n in console.app._notifications)


async def test_the_palette_entry_lists_the_themes_in_the_persons_language(make_console) -> None:
    console = make_console(customers=3, language="cs")
    async with console.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"motiv")
        await pilot.pause(0.3)
        assert "Barevný motiv…" in screen_text(console.app)
        await pilot.press("enter")
        await pilot.pause(0.3)
        shown = screen_text(console.app)
        assert "Hledat barevný motiv…" in shown
        assert "gruvbox" in shown and "nord" in shown
        await pilot.press(*"gruvbox")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert console.app.theme == "gruvbox"
