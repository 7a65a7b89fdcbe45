"""Switching the console's language while it runs (``:language cs``, the palette).

The main screen is re-labelled in place rather than built again, so the person keeps exactly
their place: the pane, each list's filter, sort, cursor row and scroll position, an open filter
line, the highlighted tenant link. Rows, titles and the status line read the catalog when they
are drawn; what was translated once, when a widget was created — key bindings (the footer and
the help read them), column headers, tab labels, placeholders — is set again here.

Only from the main screen. A form or dialog holds typed values, validation messages, an ARES
lookup or a password shown once; rebuilding it under the person's hands would risk exactly
what they care about, while leaving a read-only view is one ``esc``. Elsewhere the command says
so and changes nothing.

The choice is saved to the profile when the config file has the profile's own table (see
``config.save_profile_language``), and kept for this run otherwise.
"""

from __future__ import annotations

import dataclasses

from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.widgets import Static

from csp_tui import config
from csp_tui.domain.text import fold, safe_text
from csp_tui.i18n import LANGUAGES, get_language, set_language, t
from csp_tui.tui.bindings import TranslatedBindings, _translated
from csp_tui.tui.console import Console
from csp_tui.tui.screens.main import MainScreen
from csp_tui.tui.widgets.command_line import CommandLine
from csp_tui.tui.widgets.pane import ListPane
from csp_tui.tui.widgets.tab_strip import PaneTab, TabStrip
from csp_tui.tui.writes import write_then

#: What may follow ``:language`` (accents and case ignored).
_SPELLINGS: dict[str, str] = {
    **dict.fromkeys(("cs", "cz", "cze", "czech", "cestina", "cesky"), "cs"),
    **dict.fromkeys(("en", "eng", "english", "anglictina", "anglicky"), "en"),
}


def parse_language(word: str) -> str | None:
    """``"čeština"`` -> ``"cs"``; an empty word means "the other one"; None if unknown."""
    folded = fold(word.strip())
    if not folded:
        return next(language for language in LANGUAGES if language != get_language())
    return _SPELLINGS.get(folded)


def language_name(language: str) -> str:
    return t(f"tui.language.name.{language}")


def switch_language(app: Console, word: str) -> bool:
    """``:language WORD``: switch, re-label the main screen, save the choice and say so."""
    language = parse_language(word)
    if language is None:
        app.notify(t("tui.language.unknown", language=safe_text(word, 20)), severity="warning")
        return False
    if language == get_language():
        app.notify(t("tui.language.already", name=language_name(language)))
        return False
    if not isinstance(app.screen, MainScreen):
        app.notify(t("tui.language.main_screen_only"), severity="warning")
        return False
    set_language(language)
    # Services called from now on (subscription changes, qualification requests) take the
    # language from the profile: they answer in the new one too.
    settings = app.backend.settings
    app.backend.settings = dataclasses.replace(
        settings, profile=settings.profile.model_copy(update={"language": language}))
    relabel(app, app.screen)
    _save(app, language)
    return True


def _save(app: Console, language: str) -> None:
    """Save the choice in the config file (on the writer thread); the notice follows."""
    name = language_name(language)
    settings = app.settings
    profile = safe_text(settings.profile.name, 40)

    def failed(exc: Exception) -> None:
        if isinstance(exc, config.ProfileNotInFile):
            app.notify(t("tui.language.not_saved", name=name, profile=profile))
        elif isinstance(exc, config.UnsafeEdit):
            error = t("tui.language.unsafe_edit", file=str(settings.locations.config_file),
                      language=language)
            app.notify(t("tui.language.save_failed", name=name, error=error),
                       severity="warning", timeout=15)
        elif isinstance(exc, OSError):
            app.notify(t("tui.language.save_failed", name=name,
                         error=safe_text(exc.strerror or exc, 200)), severity="warning")
        else:
            raise exc

    def saved(path: object) -> None:
        app.notify(t("tui.language.saved", name=name, profile=profile, file=str(path)))

    write_then(app, lambda session: config.save_profile_language(settings, language), saved,
               failed)


# ------------------------------------------------------------------ re-labelling


def retranslate_bindings(node: DOMNode) -> None:
    """Translate a node's bindings again from its class's message keys (the keymap is applied
    on top of them when keys are looked up, so remapped keys stay remapped).

    The same translation :class:`TranslatedBindings` applies when a node is created, on the
    same source: the class's merged bindings, which still hold the message keys.
    """
    original = type(node)._merged_bindings
    node._bindings = _translated(original.copy() if original is not None else BindingsMap())


def relabel(app: Console, main: MainScreen) -> None:
    """Every text of the main screen in the current language, nothing else changed."""
    # The tenant pane's module comes with its pane (screens/main.py, _new_pane).
    from csp_tui.tui.widgets.tenant import TenantPane

    for node in (main.app, *main.walk_children(with_self=True)):
        if isinstance(node, TranslatedBindings):
            retranslate_bindings(node)
    for number, (pane_name, key) in enumerate(TabStrip.PANES, 1):
        for tab in main.query(f"#tab-{pane_name}").results(PaneTab):
            tab.update(f"{number} {t(key)}")
    for pane in main.query(ListPane):
        pane.table.set_columns(pane.columns())
        pane.filter_input.placeholder = t("tui.filter.placeholder")
        # The same query again: the cursor keeps its row and its line on screen; the empty
        # text, the sort arrow and the title are set anew.
        pane.apply_source()
    for tenant in main.query(TenantPane):
        for title in tenant.query(".tenant-links-title").results(Static):
            title.update(t("tui.tenant.links"))
        tenant.refresh_data()
    for command_line in main.query(CommandLine):
        command_line.field.placeholder = t("tui.command.placeholder")
    app.refresh_status()
    main.refresh_bindings()
