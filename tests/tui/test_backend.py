"""The back-end contract the console relies on, and the no-network back end."""

from __future__ import annotations

import subprocess
import sys

from csp_tui.cache.db import open_cache
from csp_tui.db import Transaction
from csp_tui.services import events as ev
from csp_tui.state.db import open_state
from csp_tui.tui.backend import ConsoleBackend, StaticBackend

from .conftest import FakeBackend, make_settings


async def test_static_backend_is_a_console_backend_without_network() -> None:
    settings = make_settings()
    settings.locations.ensure_profile_dir()
    cache = open_cache(settings.locations.cache_db)
    state = open_state(settings.locations.state_db)
    backend = StaticBackend(settings, cache, state)
    assert isinstance(backend, ConsoleBackend)
    assert isinstance(FakeBackend(settings, cache, state), ConsoleBackend)

    received: list[ev.Event] = []
    unsubscribe = backend.subscribe(received.append)
    await backend.start()
    backend.request_sync()
    backend.request_customer_refresh("c1")
    status = backend.status()
    assert status.sync_state == "idle" and status.outbox_pending == 0
    assert backend.sync_requests == 1 and backend.refresh_requests == ["c1"]
    with Transaction(state) as conn:
        for index, entry_state in enumerate(("queued", "sending", "done", "failed")):
            conn.execute(
                "INSERT INTO outbox (id, idempotency_key, kind, payload, state, created_at, "
                "updated_at) VALUES (?, ?, 'patch_subscription', '{}', ?, 'x', 'x')",
                (f"e{index}", f"k{index}", entry_state))
    assert backend.status().outbox_pending == 2
    unsubscribe()
    await backend.stop()
    assert received == []
    cache.close()
    state.close()


def test_console_package_and_its_queries_do_not_import_textual() -> None:
    """The CLI may use the back-end protocol and the list queries without a console."""
    code = (
        "import sys\n"
        "import csp_tui.tui, csp_tui.tui.backend, csp_tui.cache.views\n"
        "import csp_tui.sandbox.synthetic_cache\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "[]"
