"""The console's style sheets (``styles/*.tcss``): the app's own, loaded before the first
frame, and each other screen's, loaded when that screen is first shown.

Textual styles every widget against every rule it knows, so a sheet of a screen not yet shown
only costs the first frame (parsing it, and matching the main screen's widgets against its
rules). A screen names its sheets with the :func:`with_sheets` decorator; from its first
showing on they stay loaded for the whole app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, TypeVar

import csp_tui

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget

S = TypeVar("S", bound="type[Screen[Any]]")

#: The main screen's sheets, always loaded: theme-wide rules first, then the panes.
APP_STYLES = ("app.tcss", "panes.tcss")


#: The rules shared by the screens other than the main one.
SHARED_STYLES = "screens.tcss"


#: Every sheet in the order the rules were written to apply (``app.tcss`` first, then the
#: panes, the shared screen rules, and the rest in name order). A screen's sheets are given to
#: Textual in this order, so rules of equal weight resolve as they did when all were loaded.
_ORDER = (*APP_STYLES, SHARED_STYLES, "invite.tcss", "new_tenant.tcss",
          "subscription_confirm.tcss", "subscriptions.tcss")


def styles_dir() -> Path:
    """The installed package carries ``csp_tui/styles``; an editable install uses the repo's."""
    packaged = Path(csp_tui.__file__).parent / "styles"
    if packaged.is_dir():
        return packaged
    return Path(csp_tui.__file__).resolve().parents[2] / "styles"


def _rank(name: str) -> tuple[int, str]:
    return (_ORDER.index(name) if name in _ORDER else len(_ORDER), name)


def sheets(*names: str) -> list[str | PurePath]:
    """A screen's ``CSS_PATH``: the rules every screen shares (``screens.tcss``) and the named
    sheets (``"invite"`` is ``styles/invite.tcss``), in load order.

    The shared sheet comes with every screen, first, so that whichever screen is shown first,
    Textual holds the sheets in the order above and rules of equal weight (``.screen-title``
    and ``.form-title`` on one label) resolve as they do when every sheet is loaded.
    """
    files = sorted({SHARED_STYLES, *(f"{name}.tcss" for name in names)}, key=_rank)
    return [styles_dir() / name for name in files]


def with_sheets(*names: str) -> Callable[[S], S]:
    """Class decorator: the screen is styled by :func:`sheets` ``(*names)``, read into the
    app's stylesheet when the screen is first registered (pushed).

    Textual's own way for a screen's ``CSS_PATH`` re-parses every source (each widget's
    DEFAULT_CSS included, without its cache) and restyles every widget of every screen once
    per new sheet: 70-180 ms on this machine at the first opening of a screen, enough to hold
    keys typed into it. A sheet read before that check adds its rules like a new widget's
    DEFAULT_CSS does: parsed with the rest, matched against the screen's widgets as they
    mount. The main screen needs no restyling, as no rule of these sheets matches it.
    """
    paths = sheets(*names)

    def decorate(screen: S) -> S:
        screen.CSS_PATH = paths
        registered = screen._post_register

        def _post_register(self: Widget, app: App[Any]) -> None:
            stylesheet = app.stylesheet
            for path in paths:
                if not stylesheet.has_source(str(path)):
                    stylesheet.read(path)
            registered(self, app)

        screen._post_register = _post_register  # type: ignore[method-assign]
        return screen

    return decorate


def style_sheets() -> list[Path]:
    """Every sheet in ``styles/``, in load order (what all the screens together load)."""
    return sorted(styles_dir().glob("*.tcss"), key=lambda path: _rank(path.name))


#: The app's own sheets (``CspApp.CSS_PATH``).
STYLE_SHEETS: list[Path] = [styles_dir() / name for name in APP_STYLES]
