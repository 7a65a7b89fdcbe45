"""Today's charts drawn with characters: renewals per week, and one customer's seats per sync.

The drawing is text plus a *role* per run of characters (``online``, ``software``, ``axis``,
``label``): the console colours the roles (tui/widgets/today_chart.py), ``csp-tui today``
prints the characters as they are. Online and software differ by shape (``█`` and ``▒``), not
only by colour, so the chart reads the same in 16 colours, in monochrome and with NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from csp_tui.i18n import t
from csp_tui.i18n.formatting import date_text

ONLINE_BLOCK = "█"
SOFTWARE_BLOCK = "▒"
#: Eight heights of one character cell, lowest first (the seats line).
SPARKS = "▁▂▃▄▅▆▇█"
COLUMN = 5  # characters per week: a bar three wide, a gap of two
BAR = 3


@dataclass(frozen=True)
class Run:
    text: str
    role: str  # online | software | axis | label | plain


Line = list[Run]


def plain(lines: Sequence[Line]) -> list[str]:
    """The chart's characters, line by line, trailing spaces removed."""
    return ["".join(run.text for run in line).rstrip() for line in lines]


def _cells(value: int, top: int, height: int) -> int:
    """Whole cells for ``value`` on a scale of ``top`` over ``height`` cells: anything above
    zero shows at least one cell, so a small week never looks empty."""
    if value <= 0 or top <= 0:
        return 0
    return max(1, round(value * height / top))


def renewal_chart(weeks: Sequence[object], height: int = 4) -> list[Line]:
    """Stacked columns, one per week (online below, software above), the week's seats under
    each, then the day of the month its week starts on. ``weeks``: services.today.RenewalWeek."""
    data = [(int(getattr(week, "online", 0)), int(getattr(week, "software", 0)),
             getattr(week, "start", None)) for week in weeks]
    top = max((online + software for online, software, _ in data), default=0)
    title = t("today.chart.renewals")
    lines: list[Line] = [[Run(title, "label")]]
    if top == 0:
        lines.append([Run(t("today.chart.none"), "plain")])
        return lines
    stacks = []
    for online, software, _ in data:
        total = _cells(online + software, top, height)
        low = min(total, _cells(online, top, height)) if online else 0
        stacks.append((low, total - low))
    for row in range(height, 0, -1):
        line: Line = [Run(" ", "plain")]
        for low, high in stacks:
            if row <= low:
                line.append(Run(ONLINE_BLOCK * BAR, "online"))
            elif row <= low + high:
                line.append(Run(SOFTWARE_BLOCK * BAR, "software"))
            else:
                line.append(Run(" " * BAR, "plain"))
            line.append(Run(" " * (COLUMN - BAR), "plain"))
        lines.append(line)
    lines.append([Run("".join(str(online + software).rjust(COLUMN - 1) + " "
                              for online, software, _ in data), "axis")])
    days = "".join(str(start.day).rjust(COLUMN - 1) + " " if start is not None else " " * COLUMN
                   for _, _, start in data)
    lines.append([Run(days, "axis")])
    first = data[0][2]
    legend: Line = [Run(" ", "plain"), Run(ONLINE_BLOCK, "online"),
                    Run(" " + t("today.chart.online") + "  ", "label"),
                    Run(SOFTWARE_BLOCK, "software"),
                    Run(" " + t("today.chart.software") + "  ", "label")]
    if first is not None:
        legend.append(Run("· " + date_text(first) + " →", "axis"))
    lines.append(legend)
    return lines


def sparkline(values: Sequence[int]) -> str:
    """One character per value, its height relative to the lowest and the highest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARKS[3] * len(values)
    return "".join(SPARKS[round((value - low) * (len(SPARKS) - 1) / (high - low))]
                   for value in values)


def seats_chart(customer: str | None, values: Sequence[int]) -> list[Line]:
    """The cursor customer's seats after each of the last syncs, as one line of bars."""
    if customer is None or not values:
        return [[Run(t("today.chart.no_customer"), "label")]]
    words = t("today.chart.seats_range", first=values[0], last=values[-1], low=min(values),
              high=max(values))
    return [[Run(t("today.chart.seats", customer=customer), "label")],
            [Run(" ", "plain"), Run(sparkline(values), "online"), Run("  " + words, "axis")]]
