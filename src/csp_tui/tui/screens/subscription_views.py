"""The named views of the subscriptions pane across every customer.

"Renewing within 30 days", "inside the cancellation window", … are presets of the
subscriptions pane: :func:`show_preset` switches the pane to one, :func:`run_subscriptions_command`
understands ``:subscriptions <view>``, and :class:`SubscriptionViewsProvider` offers them in
the command palette.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from csp_tui.domain.text import fold
from csp_tui.i18n import t
from csp_tui.services import subscriptions as service
from csp_tui.tui.console import Console, console_of
from csp_tui.tui.widgets.lists import SubscriptionsPane

#: Our view names in the order the palette lists them (see services.subscriptions.PRESETS).
VIEW_ORDER: tuple[str, ...] = ("renewing", "in_window", "suspended", "auto_renew_off",
                               "software", "perpetual", "expired")
#: Words that name a view after ``:subscriptions`` (folded: no accents, lower case).
VIEW_WORDS: dict[str, tuple[str, ...]] = {
    "renewing": ("renewing", "renew", "renewals", "obnova", "obnovi", "obnovuje"),
    "in_window": ("window", "in-window", "in_window", "cancellable", "cancel", "lhuta",
                  "zrusit"),
    "suspended": ("suspended", "suspend", "pozastavene", "pozastavena"),
    "auto_renew_off": ("auto-renew-off", "autorenew-off", "auto_renew_off", "no-renew",
                       "norenew", "bez-obnovy"),
    "software": ("software", "sw"),
    "perpetual": ("perpetual", "perp", "trvale", "trvala"),
    "expired": ("expired", "vyprsele", "vyprsela"),
}
ALL_WORDS = ("all", "vse", "vsechna")
_BY_WORD = {word: name for name, words in VIEW_WORDS.items() for word in words}


def parse_view(argument: str) -> str | None:
    """``"renewing"`` -> ``"renewing"``, ``"Lhůta"`` -> ``"in_window"``; "" for ``all``;
    None when the text names no view (then it is a filter)."""
    word = fold(argument.strip())
    if word in ALL_WORDS:
        return ""
    return _BY_WORD.get(word)


def view_label(name: str) -> str:
    return service.preset_label(name)


def show_preset(console: Console, name: str | None) -> bool:
    """Show the subscriptions pane across all customers in the view ``name`` (None or "": no
    view). False when the console has no such pane or view."""
    preset = service.PRESETS.get(name) if name else None
    if name and preset is None:
        return False
    console.action_show_pane("subscriptions")
    try:
        pane = console.main_screen.query_one(SubscriptionsPane)
    except LookupError:
        return False
    if preset not in pane.PRESETS:
        return False
    if not pane.show_all:
        pane.show_all = True
        pane.table.set_columns(pane.columns())
    pane.preset_index = pane.PRESETS.index(preset)
    if name == "renewing":
        # "What renews this month" reads best soonest first.
        sorts = [option.name for option in pane.sort_options]
        if "renewal" in sorts:
            pane.sort_index, pane.descending = sorts.index("renewal"), False
    if pane.filter_text:
        pane.filter_input.value = ""
        pane.filter_text = ""
    pane.apply_source(keep_cursor=False)
    return True


def run_subscriptions_command(console: Console, argument: str) -> bool:
    """``:subscriptions renewing`` and friends: True when ``argument`` named a view (and it is
    shown); False when it is filter text for the pane."""
    name = parse_view(argument)
    if name is None:
        return False
    return show_preset(console, name or None)


class SubscriptionViewsProvider(Provider):
    """The named views in the ``ctrl+p`` palette ("Renewing within 30 days  :subs renewing")."""

    def _hits(self) -> list[tuple[str, str, Any]]:
        return [(f"{view_label(name)}  :subs {VIEW_WORDS[name][0]}",
                 t(f"subs.view_help.{name}"), partial(show_preset, console_of(self.app), name))
                for name in VIEW_ORDER]

    async def discover(self) -> Hits:
        for text, help_text, run in self._hits():
            yield DiscoveryHit(text, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, run in self._hits():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), run, text=text, help=help_text)
