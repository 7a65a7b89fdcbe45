"""Why a customer needs attention is stored as a code and shown in the person's words."""

from __future__ import annotations

import io

import pytest
from rich.console import Console as RichConsole

from csp_tui.cache import views
from csp_tui.domain import attention
from csp_tui.i18n import catalog, set_language
from csp_tui.i18n import formatting as fmt
from csp_tui.tui.widgets.tenant import describe

from .conftest import ConsoleFactory


def _text(renderable: object) -> str:
    out = RichConsole(file=io.StringIO(), width=200, color_system=None)
    out.print(renderable)
    return out.file.getvalue()  # type: ignore[attr-defined]


def test_every_reason_the_cache_can_store_has_words_in_both_languages() -> None:
    known = catalog()
    for reason in attention.ATTENTION_REASONS:
        texts = known[f"tui.attention.{reason}"]
        assert texts["en"] and texts["cs"] and texts["en"] != texts["cs"]


@pytest.mark.parametrize("language", ["en", "cs"])
def test_the_tenant_pane_says_why_in_words(make_console: ConsoleFactory, language: str) -> None:
    console = make_console()
    row = console.cache.execute(
        "SELECT id, attention_reason FROM customers WHERE attention_reason IS NOT NULL "
        "AND removed_at IS NULL LIMIT 1").fetchone()
    assert row is not None, "the test cache has a customer that needs attention"
    customer_id, reason = row
    assert reason in attention.ATTENTION_REASONS  # a code, not prose
    set_language(language)
    detail = views.customer_detail(console.cache, customer_id)
    assert detail is not None
    shown = _text(describe(detail))
    words = fmt.attention_words(reason)
    assert words != reason
    assert " ".join(words.split()) in " ".join(shown.split())
