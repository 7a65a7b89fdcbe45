"""``:profile NAME`` (k9s' ``:ctx``): the console moves to another profile without a restart.

Each profile keeps its own files (``cache.db``, ``state.db``, the token cache, the sandbox
world, the exports folder: ``config/locations``), so switching is: read the profile, open its
back end off the console's thread (opening migrates, which writes), stop the old back end
(its worker, its writer), and draw a new main screen from the new one's cache. The app does
the swap (``CspApp.switch_profile``); this module finds the profile and offers the names.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from csp_tui.config import ConfigError, Settings, load_settings
from csp_tui.domain.text import fold, safe_text
from csp_tui.i18n import t
from csp_tui.tui.console import console_of
from csp_tui.tui.palette import ConsolePalette


def settings_for(app: App[Any], name: str) -> Settings | None:
    """The settings of profile ``name`` as the config file says now (None, and said why,
    when there is no such profile or the file has a mistake)."""
    try:
        return load_settings(name)
    except ConfigError as exc:
        console_of(app).notify(t("conv.profile.problem", name=safe_text(name, 40),
                                 problem=safe_text(exc.problem, 300)),
                               severity="warning", timeout=12)
        return None


class ProfileChoices(Provider):
    """The profiles of the config file (and the built-in ones) in the palette."""

    def _names(self) -> list[str]:
        return list(console_of(self.app).settings.profiles)

    def _label(self, name: str) -> str:
        if name == console_of(self.app).settings.profile.name:
            return f"{name}  {t('conv.profile.current')}"
        return name

    def _run(self, name: str) -> Any:
        return lambda: self.app.request_profile(name)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for name in self._names():
            yield DiscoveryHit(self._label(name), self._run(name))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name in self._names():
            label = self._label(name)
            score = max(matcher.match(label), matcher.match(fold(label)))
            if score > 0:
                yield Hit(score, matcher.highlight(label), self._run(name), text=label)


def open_profile_palette(app: App[Any]) -> None:
    app.push_screen(ConsolePalette(providers=[ProfileChoices],
                                   placeholder=t("conv.profile.placeholder")))
