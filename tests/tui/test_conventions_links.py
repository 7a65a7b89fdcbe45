"""Addresses on screen are OSC 8 hyperlinks: found in the segments the console draws."""

from __future__ import annotations

from typing import Any

import pytest

from csp_tui.tui.links import link_target, link_text
from csp_tui.tui.screens.invitation_result import InvitationResultScreen
from csp_tui.tui.widgets.tenant import PARTNER_CENTER_CUSTOMER, TenantPane

from .conftest import NARROW, WIDE
from .invite_support import LINK, with_loop_backend


def drawn_links(app: Any) -> dict[str, str]:
    """Every hyperlink target on screen, with the characters drawn under it."""
    found: dict[str, str] = {}
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            if segment.style is not None and segment.style.link:
                found[segment.style.link] = found.get(segment.style.link, "") + segment.text
    return found


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "file:///etc/passwd", "https://x.test/\x1b]8;;evil\x07",
    "https://x.test/a b", "", "https:///nohost",
])
def test_only_plain_web_addresses_become_links(url: str) -> None:
    assert link_target(url) is None
    assert not any(span.style for span in link_text(url).spans)


def test_a_web_address_is_its_own_link() -> None:
    text = link_text("https://partner.microsoft.com/x")
    assert [str(span.style.link) for span in text.spans  # type: ignore[union-attr]
            ] == ["https://partner.microsoft.com/x"]


async def test_the_tenant_pane_links_the_highlighted_address(make_console) -> None:
    console = make_console(customers=5)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        pane = console.app.screen.query_one(TenantPane)
        tenant_id = pane.detail.id
        # Down to the Partner Center link, whose address holds the tenant id.
        await pilot.press("down", "down")
        await pilot.pause()
        url = PARTNER_CENTER_CUSTOMER.format(tenant_id=tenant_id)
        links = drawn_links(console.app)
        assert url in links
        # What is drawn under the link is the address itself (as far as the pane shows it).
        assert url.startswith(links[url].strip()[:40])


async def test_the_sign_in_address_is_a_link(make_console) -> None:
    console = make_console(customers=0)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        console.app.show_sign_in("Sign in", "ABCD-1234", "https://microsoft.com/devicelogin")
        await pilot.pause()
        assert drawn_links(console.app)["https://microsoft.com/devicelogin"] \
            == "https://microsoft.com/devicelogin"


async def test_the_invitation_link_is_a_link(make_console) -> None:
    console = with_loop_backend(make_console(invitations=0))
    async with console.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("4", "i")
        await pilot.pause()
        screen = console.app.screen
        for field, value in (("company_name", "Pekárna U Mlýna s.r.o."),
                             ("contact_email", "jana@pekarna-mlyn.cz"),
                             ("domain", "pekarna-mlyn.cz")):
            screen.field(field).value = value
        await pilot.press("f2")
        for _ in range(20):
            await pilot.pause(0.05)
            if isinstance(console.app.screen, InvitationResultScreen):
                break
        assert isinstance(console.app.screen, InvitationResultScreen)
        links = drawn_links(console.app)
        assert LINK in links
        # The link is folded over lines; every piece of it carries the target (and the
        # e-mail below it holds the link too).
        assert links[LINK].replace(" ", "").startswith(LINK)


def test_addresses_inside_prose_are_linked_without_the_sentence_mark() -> None:
    from rich.text import Text

    from csp_tui.tui.links import linkify

    text = linkify(Text("Accept here: https://a.test/x?y=1. Or (https://b.test/p)."))
    targets = {str(span.style.link) for span in text.spans}  # type: ignore[union-attr]
    assert targets == {"https://a.test/x?y=1", "https://b.test/p"}
