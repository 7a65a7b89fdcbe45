"""The console's style sheets (``styles/*.tcss``), in the order the app loads them."""

from __future__ import annotations

from pathlib import Path

import csp_tui

# app.tcss first (theme-wide rules), then every other sheet in name order: a screen added in
# its own module brings its own sheet without touching this list.
_FIRST_STYLES = ("app.tcss", "panes.tcss", "screens.tcss")


def styles_dir() -> Path:
    """The installed package carries ``csp_tui/styles``; an editable install uses the repo's."""
    packaged = Path(csp_tui.__file__).parent / "styles"
    if packaged.is_dir():
        return packaged
    return Path(csp_tui.__file__).resolve().parents[2] / "styles"


def style_sheets() -> list[Path]:
    return [styles_dir() / name for name in _FIRST_STYLES] + sorted(
        path for path in styles_dir().glob("*.tcss") if path.name not in _FIRST_STYLES)


STYLE_SHEETS: list[Path] = style_sheets()
