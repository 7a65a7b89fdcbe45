"""The console's colours: which of Textual's themes it starts with, and choosing another.

The name comes from ``--theme``, else the profile's ``theme`` key, else ``TEXTUAL_THEME`` (the
variable every Textual application reads), else Textual's default. The profile is more
specific than the environment: a variable set for every Textual program gives way to what
this program's config says. Tests and snapshots pass a theme explicitly, so none of these
reach them.
"""

from __future__ import annotations

import os
from functools import partial
from operator import attrgetter

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from csp_tui.domain.text import fold, safe_text
from csp_tui.i18n import t
from csp_tui.tui.console import console_of

THEME_ENV = "TEXTUAL_THEME"


def chosen_theme(option: str | None, profile_theme: str | None) -> str | None:
    """The theme to start with (None: Textual's default, which honours ``TEXTUAL_THEME``)."""
    return option or profile_theme or os.environ.get(THEME_ENV) or None


def apply_theme(app: App[object], name: str) -> bool:
    """Switch to the theme ``name``; an unknown name is said (and where the names are) and
    the current theme kept."""
    name = name.strip()
    if name not in app.available_themes:
        console_of(app).notify(
            t("conv.theme.unknown", theme=safe_text(name, 40), current=app.theme,
              count=len(app.available_themes)), severity="warning", timeout=12)
        return False
    app.theme = name
    return True


class ThemeChoices(Provider):
    """Textual's themes in the palette (its own provider's twin, under the console's own
    palette so the prompt and "no matches" are in the person's language)."""

    def _themes(self) -> list[str]:
        return [theme.name for theme in sorted(self.app.available_themes.values(),
                                               key=attrgetter("name"))]

    def _choose(self, name: str) -> None:
        if apply_theme(self.app, name):
            console_of(self.app).notify(t("conv.theme.chosen", theme=name))

    async def discover(self) -> Hits:
        for name in self._themes():
            yield DiscoveryHit(name, partial(self._choose, name))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name in self._themes():
            score = max(matcher.match(name), matcher.match(fold(name)))
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._choose, name), text=name)


def open_theme_palette(app: App[object]) -> None:
    """The palette listing every theme; the highlighted one is chosen with enter."""
    # The palette's module (and the command list it offers) comes when it opens: the
    # console imports this module at start for chosen_theme.
    from csp_tui.tui.palette import ConsolePalette

    app.push_screen(ConsolePalette(providers=[ThemeChoices],
                                   placeholder=t("conv.theme.placeholder")))


def theme_command(app: App[object], argument: str) -> None:
    """``:theme NAME`` switches; ``:theme`` alone opens the list."""
    if argument.strip():
        if apply_theme(app, argument):
            console_of(app).notify(t("conv.theme.chosen", theme=argument.strip()))
        return
    open_theme_palette(app)
