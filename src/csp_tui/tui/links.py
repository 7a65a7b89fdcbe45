"""Addresses drawn as terminal hyperlinks (OSC 8).

A Rich ``Style(link=…)`` reaches the terminal as an OSC 8 hyperlink: a click (or the
terminal's link key) opens it, over SSH too, and a terminal that does not know OSC 8 shows
the text alone. Only web addresses are linked, and only after ``safe_text``: an address
holding a control character could end the sequence early and smuggle one of its own.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from rich.style import Style
from rich.text import Text

from csp_tui.domain.text import safe_text

_LINKABLE_SCHEMES = frozenset({"https", "http"})

# An address inside prose: up to the first space, without the sentence's closing mark.
_ADDRESS_IN_TEXT = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]']")


def link_target(url: str) -> str | None:
    """``url`` when it may be a hyperlink's target: a web address with a host, nothing in it
    that controls the terminal, no spaces. None otherwise."""
    cleaned = safe_text(url)
    if cleaned != url or not url or any(ch.isspace() for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _LINKABLE_SCHEMES or not parts.hostname:
        return None
    return url


def link_text(url: str, *, shown: str | None = None, style: str | Style = "") -> Text:
    """The address (or ``shown``) as text that is also a hyperlink to it, when it may be one;
    plain text otherwise."""
    text = Text(safe_text(url if shown is None else shown), style=style)
    target = link_target(url)
    if target is not None:
        text.stylize(Style(link=target))
    return text


def append_link(text: Text, url: str) -> Text:
    """``text`` followed by the address as a hyperlink."""
    text.append_text(link_text(url))
    return text


def linkify(text: Text) -> Text:
    """Every web address inside ``text`` (an e-mail's body) made a hyperlink to itself."""
    for match in _ADDRESS_IN_TEXT.finditer(text.plain):
        target = link_target(match.group(0))
        if target is not None:
            text.stylize(Style(link=target), match.start(), match.end())
    return text
