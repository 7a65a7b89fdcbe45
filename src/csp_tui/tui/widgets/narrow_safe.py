"""An OptionList that survives a terminal one or two columns wide.

Textual's OptionList wraps each option to the width left after its padding; at a width of one
or two columns that is zero, and Rich's line wrapping raises ValueError (a step of 0) — the
console would end on ``tmux resize-window -x 1``. A minimum width keeps at least a few columns
for the text: the list overflows its (clipped) pane at that size, unreadable but alive.
"""

from __future__ import annotations

from textual.widgets import OptionList


class NarrowSafeOptionList(OptionList):
    DEFAULT_CSS = """
    NarrowSafeOptionList {
        min-width: 8;
    }
    """
