"""``:today`` (``t``) — what changed since the person last looked, and what is due.

The content is :func:`csp_tui.services.today.build_today`, the same read ``csp-tui today``
prints, so the screen and the report never disagree. The screen only reads; moving the
"last looked" marker (``m``, or leaving the screen) is a write handed to the console's writer
(``write_then``), at the moment the shown content was read — what a sync records while the
screen is open is still new the next time.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from csp_tui.i18n import t
from csp_tui.i18n.formatting import datetime_text
from csp_tui.services import today as today_service
from csp_tui.services import today_chart as chart
from csp_tui.services.writer import WriteSession
from csp_tui.state import seen_marks
from csp_tui.timestamps import parse_timestamp, utcnow
from csp_tui.tui.bindings import GuardedActions, KeySpec, TranslatedBindings, bindings, register
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.invitation_keys import MENU
from csp_tui.tui.stylesheets import with_sheets
from csp_tui.tui.widgets.today_chart import ChartView
from csp_tui.tui.writes import write_then

register(
    KeySpec("today-back", "escape", "back", "today.key.back", "today.keyhelp.back", "today"),
    KeySpec("today-seen", "m", "mark_seen", "today.key.seen", "today.keyhelp.seen", "today"),
    KeySpec("today-open", "enter", "open", "tui.key.open", "tui.keyhelp.open", "today"),
)

#: The id of a "… and N more" line starts so; the group follows.
MORE = "more:"
#: Where the whole list of a group is: a subscriptions view, else a pane of the main screen.
FULL_LISTS = {"window": "in_window", "renewal_7": "renewing", "renewal_30": "renewing"}

#: A sync changes the cache customer by customer: Today is read again at most this often.
REREAD_SECONDS = 1.0

#: Below this many rows the renewals chart is drawn three cells high, else six.
TALL_SCREEN = 34


class TodayList(OptionList):
    """The entries, with the keys every list of the console has (j/k, g/G, page keys)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("table")

    def action_first_row(self) -> None:
        self.action_first()

    def action_last_row(self) -> None:
        self.action_last()


@with_sheets("today")
class TodayScreen(GuardedActions, TranslatedBindings, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("app", "today")

    def __init__(self) -> None:
        super().__init__(id="today")
        self.report: today_service.Today | None = None
        #: The entries behind the list's options, by option id.
        self.entries: dict[str, today_service.TodayEntry] = {}
        #: The wall-clock moment the shown content was read (what ``m`` marks as seen).
        self.read_at: str | None = None
        self.marked = False
        self._reread: Timer | None = None

    @property
    def console(self) -> Console:
        return console_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="today-heading", markup=False)
        yield ChartView(id="today-renewals")
        yield ChartView(id="today-seats")
        yield TodayList(id="today-list")
        # The cursor line whole (at 80 columns a line of the list ends cut short).
        yield Static(id="today-whole", markup=False)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one(TodayList).focus()

    def on_resize(self, event: events.Resize) -> None:
        if self.report is not None:
            self._draw_renewals(self.report)

    # ------------------------------------------------------------------ reading

    def refresh_soon(self) -> None:
        """The cache changed: read again shortly, once for a burst of changes (a sync writes
        customer by customer; each read of 100k subscriptions takes a fifth of a second)."""
        if self._reread is None:
            self._reread = self.set_timer(REREAD_SECONDS, self._reread_now)

    def _reread_now(self) -> None:
        self._reread = None
        if self.is_attached:
            self.refresh_data()

    def refresh_data(self) -> None:
        """Read Today again (the cursor stays on the same line where it still is)."""
        backend = self.console.backend
        self.read_at = utcnow()
        since = parse_timestamp(seen_marks.last_seen(backend.state))
        now = self.console.now()
        report = today_service.build_today(
            backend.cache, backend.state, now=now, since=since,
            since_event=seen_marks.last_event(backend.state),
            invitation_days=self.console.settings.profile.invitation_stale_days)
        self.report = report
        self.query_one("#today-heading", Static).update(
            Text(f"{t('today.title')} · {datetime_text(now, now.tzinfo)}"))
        self._draw_renewals(report)
        self._fill_list(report)

    def _draw_renewals(self, report: today_service.Today) -> None:
        height = 3 if self.size.height < TALL_SCREEN else 6
        self.query_one("#today-renewals", ChartView).draw(
            chart.renewal_chart(report.weeks, height=height))

    def _fill_list(self, report: today_service.Today) -> None:
        listing = self.query_one(TodayList)
        previous = listing.highlighted_option.id if listing.highlighted_option else None
        options: list[Option] = []
        self.entries = {}
        since = (t("today.section.changed", since=datetime_text(report.since, report.now.tzinfo))
                 if report.since else t("today.section.changed_never"))
        options.append(Option(Text(since, style="bold"), disabled=True))
        for index, entry in enumerate(report.changed):
            options.append(self._option(f"c{index}", entry, "  "))
        if not report.changed:
            options.append(Option(Text("  " + t("today.nothing_changed")), disabled=True))
        options.append(Option(Text(t("today.section.due"), style="bold"), disabled=True))
        if report.more.get("changed"):
            options.append(Option(Text("  " + t("today.more", count=report.more["changed"])),
                                  disabled=True))
        group: str | None = None
        for index, entry in enumerate(report.due):
            if entry.group != group:
                self._more(options, report, group)
                group = entry.group
                options.append(Option(Text("  " + t(f"today.group.{group}"), style="italic"),
                                      disabled=True))
            options.append(self._option(f"d{index}", entry, "    "))
        self._more(options, report, group)
        if not report.due:
            options.append(Option(Text("  " + t("today.nothing_due")), disabled=True))
        listing.clear_options()
        listing.add_options(options)
        if previous in self.entries:
            listing.highlighted = listing.get_option_index(previous)
        else:
            first = next((i for i, option in enumerate(options) if not option.disabled), None)
            listing.highlighted = first
        self._draw_seats()

    @staticmethod
    def _more(options: list[Option], report: today_service.Today, group: str | None) -> None:
        """"… and 40 more": enter opens the whole list (the subscriptions' named view or the
        invitations pane)."""
        count = report.more.get(group or "")
        if count:
            options.append(Option(Text("    " + t("today.more.open", count=count)),
                                  id=f"{MORE}{group}"))

    def _option(self, option_id: str, entry: today_service.TodayEntry, indent: str) -> Option:
        self.entries[option_id] = entry
        return Option(Text(indent + entry.text, no_wrap=True, overflow="ellipsis"),
                      id=option_id)

    @property
    def current(self) -> today_service.TodayEntry | None:
        """The entry under the cursor."""
        option = self.query_one(TodayList).highlighted_option
        return self.entries.get(option.id or "") if option is not None else None

    def _draw_seats(self) -> None:
        entry = self.current
        self.query_one("#today-whole", Static).update(Text(entry.text if entry else ""))
        customer_id = entry.customer_id if entry is not None else None
        view = self.query_one("#today-seats", ChartView)
        if customer_id is None:
            view.draw(chart.seats_chart(None, []))
            return
        values = today_service.seats_over_syncs(self.console.backend.cache, customer_id)
        name = self.console.customer_name(customer_id) or customer_id
        view.draw(chart.seats_chart(name, values))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._draw_seats()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    # ------------------------------------------------------------------ actions

    def action_open(self) -> None:
        """Open what the line is about: its subscription, its invitation, its customer."""
        entry = self.current
        console = self.console
        option = self.query_one(TodayList).highlighted_option
        if option is not None and (option.id or "").startswith(MORE):
            group = (option.id or "").removeprefix(MORE)
            if group in FULL_LISTS:
                console.show_subscription_view(FULL_LISTS[group])
            else:
                console.action_show_pane("invitations")
            return
        if entry is None:
            return
        if entry.subscription_id and entry.customer_id:
            console.open_subscription_detail(entry.subscription_id, entry.customer_id)
        elif entry.invitation_id:
            if console.read_only:
                console.open_record("invitation", entry.invitation_id)
            else:
                console.invitation_action(MENU, entry.invitation_id)
        elif entry.customer_id:
            console.open_record("customer", entry.customer_id)
        else:
            console.notify(t("today.notify.no_target"))

    def action_mark_seen(self) -> None:
        self._mark_seen(notify=True)

    def _mark_seen(self, *, notify: bool) -> None:
        at = self.read_at or utcnow()
        event = self.report.last_event if self.report is not None else None
        self.marked = True

        def mark(session: WriteSession) -> str:
            return seen_marks.mark_seen(session.state, now=at, event_id=event)

        def done(_: str) -> None:
            if notify:
                self.console.notify(t("today.notify.seen"))
                if self.is_attached:
                    self.refresh_data()

        write_then(self.console, mark, done)

    def action_back(self) -> None:
        # Leaving is looking: what was shown is seen (unless ``m`` already said so).
        if not self.marked:
            self._mark_seen(notify=False)
        self.dismiss()
