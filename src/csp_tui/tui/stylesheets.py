"""The console's style sheets (``styles/*.tcss``): the app's own, loaded before the first
frame, and each other screen's, loaded by Textual when that screen is first shown.

Textual styles every widget against every rule it knows, so a sheet of a screen not yet shown
only costs the first frame (parsing it, and matching the main screen's widgets against its
rules). A screen names its sheets with ``CSS_PATH = sheets("name", ...)``; Textual reads them
when the screen is pushed, and from then on they stay loaded for the whole app.
"""

from __future__ import annotations

from pathlib import Path, PurePath

import csp_tui

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


def style_sheets() -> list[Path]:
    """Every sheet in ``styles/``, in load order (what all the screens together load)."""
    return sorted(styles_dir().glob("*.tcss"), key=lambda path: _rank(path.name))


#: The app's own sheets (``CspApp.CSS_PATH``).
STYLE_SHEETS: list[Path] = [styles_dir() / name for name in APP_STYLES]
