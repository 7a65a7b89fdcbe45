"""Today's charts on screen: the characters of ``services/today_chart.py``, coloured by role.

Only the Today screen imports this (itself imported when first opened), so the chart stays
off the console's start path. The colours are two of the sixteen every terminal has; with
NO_COLOR or in monochrome the two kinds still differ by shape (``█`` online, ``▒`` software).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from csp_tui.services.today_chart import Line

ROLE_STYLES = {
    "online": Style(color="cyan"),
    "software": Style(color="yellow"),
    "axis": Style(dim=True),
    "label": Style(bold=True),
    "plain": Style(),
}


def chart_text(lines: Sequence[Line]) -> Text:
    """The chart as Rich text (never markup: a customer's name is remote text)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, line in enumerate(lines):
        if index:
            text.append("\n")
        for run in line:
            text.append(run.text, ROLE_STYLES.get(run.role, ROLE_STYLES["plain"]))
    return text


class ChartView(Static):
    """A chart drawn with characters; ``draw`` replaces what it shows."""

    def draw(self, lines: Sequence[Line]) -> None:
        self.update(chart_text(lines))
