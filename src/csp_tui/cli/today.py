"""``csp-tui today``: the Today screen as a plain-text morning report (or JSON for scripts).

It reads only the local databases, as the console's Today screen does, through the same
:func:`csp_tui.services.today.build_today`; a cron job that runs ``csp-tui sync`` first and
then ``csp-tui today --mark-seen`` mails what changed overnight and what is due. No colour is
ever written: the chart is characters, legible in a mail.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

from csp_tui.config import Settings
from csp_tui.i18n import t
from csp_tui.i18n.formatting import datetime_text
from csp_tui.output_encoding import json_ascii_only
from csp_tui.services import today as today_service
from csp_tui.services import today_chart as chart
from csp_tui.services.session import open_databases
from csp_tui.state import seen_marks
from csp_tui.timestamps import parse_timestamp, stamp
from csp_tui.world_clock import world_clock_for

OUTPUTS = ("text", "json")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
# The same sanitising the listings use: terminal controls in JSON strings as escapes.
_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def parse_duration(text: str) -> timedelta | None:
    """``"24h"`` -> 24 hours; ``m``, ``h``, ``d``, ``w``; None when it is not one."""
    match = _DURATION.match(text or "")
    if match is None:
        return None
    return timedelta(**{_UNITS[match.group(2).lower()]: float(match.group(1))})


def report_lines(report: today_service.Today, profile: str) -> list[str]:
    """The morning report, line by line (what ``--output text`` prints)."""
    lines = [t("today.report.header", profile=profile, now=datetime_text(report.now)), ""]
    since = (t("today.section.changed", since=datetime_text(report.since, report.now.tzinfo))
             if report.since else t("today.section.changed_never"))
    lines += [since, "-" * len(since)]
    lines += [f"  {entry.text}" for entry in report.changed] or [f"  {t('today.nothing_changed')}"]
    if report.more.get("changed"):
        lines.append(f"  {t('today.more', count=report.more['changed'])}")
    due = t("today.section.due")
    lines += ["", due, "-" * len(due)]
    group = None
    for entry in report.due:
        if entry.group != group:
            _more(lines, report, group)
            group = entry.group
            lines.append(f"  {t(f'today.group.{group}')}")
        lines.append(f"    {entry.text}")
    _more(lines, report, group)
    if not report.due:
        lines.append(f"  {t('today.nothing_due')}")
    lines += ["", *chart.plain(chart.renewal_chart(report.weeks, height=5))]
    return lines


#: The command that lists a whole group, word by word (a command is typed, not translated).
FULL_LISTS = {"window": ("subscriptions", "--in-window"),
              "renewal_7": ("subscriptions", "--renewing-within", "7"),
              "renewal_30": ("subscriptions", "--renewing-within", "30"),
              "invitation": ("invitations",)}


def _more(lines: list[str], report: today_service.Today, group: str | None) -> None:
    """"… and 40 more: csp-tui subscriptions --in-window" (where the whole list is)."""
    count = report.more.get(group or "")
    if count:
        lines.append("    " + t("today.more.cli", count=count,
                                command=" ".join(("csp-tui", *FULL_LISTS[group or ""]))))


def run(args: argparse.Namespace, settings: Settings) -> int:
    window: timedelta | None = None
    if getattr(args, "since", None):
        window = parse_duration(args.since)
        if window is None:
            print(t("today.cli.bad_duration", value=args.since), file=sys.stderr)
            return 2
    cache, state, notices = open_databases(settings)
    for notice in notices:
        print(notice, file=sys.stderr)
    wall = datetime.now(UTC)
    since = (wall - window if window is not None
             else parse_timestamp(seen_marks.last_seen(state)))
    now = world_clock_for(settings).now().astimezone()
    report = today_service.build_today(
        cache, state, now=now, since=since,
        since_event=None if window is not None else seen_marks.last_event(state),
        invitation_days=settings.profile.invitation_stale_days)
    if args.output == "json":
        document: dict[str, Any] = {"profile": settings.profile.name, **report.as_json()}
        text = json.dumps(document, ensure_ascii=json_ascii_only(), indent=2)
        print(_TERMINAL_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text))
    else:
        print("\n".join(report_lines(report, settings.profile.name)))
    if args.mark_seen:
        # The moment the report was read, not after printing: whatever a sync records while
        # this ran is in the next report.
        at = seen_marks.mark_seen(state, now=stamp(wall), event_id=report.last_event)
        print(t("today.marked", when=datetime_text(at, now.tzinfo)), file=sys.stderr)
    return 0
