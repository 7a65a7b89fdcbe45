"""No user-visible string in the console, the command line or the services bypasses the catalog.

A static check (see ``bypass_checker``): the source of every module where text can reach a
person is read, and a literal that looks like prose and is not routed through ``t()``/``tl()``
fails the test with its file and line. Logging calls are not checked: the log is for operators
and stays English. Whatever must stay literal is listed in ``ALLOWED`` with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import csp_tui
from csp_tui.i18n import catalog

from .bypass_checker import Finding, check_files, check_source

PACKAGE = Path(csp_tui.__file__).parent
#: Where text reaches a user: screens and widgets, CLI commands and ``--help``, the services
#: whose messages the console and the CLI show, ARES look-ups (form notes), Partner Center's
#: error type and the client that raises it (their text ends up in the status line,
#: notifications and CLI output), the config file's problems (put into words when shown), and
#: why a database cannot be opened (the CLI and the console print it).
SCANNED = ("tui", "cli", "services", "ares", "config", "cache/db.py", "db", "i18n/formatting.py",
           # The client is its modules: the request loop, paging, URLs, bodies, the resources.
           "partner_center/errors.py", "partner_center/client.py", "partner_center/calls.py",
           "partner_center/paging.py", "partner_center/urls.py", "partner_center/bodies.py",
           "partner_center/resources")

#: (path relative to the package, literal) -> why it stays as it is.
ALLOWED: dict[tuple[str, str], str] = {
    ("cli/main.py", "ID"): "metavar: the abbreviation is the same in Czech",
    ("cli/main.py", "unable to open"): "SQLite's own words, matched in its error messages",
    ("cli/main.py", "not a database"): "SQLite's own words, matched in its error messages",
    ("cli/main.py", "no such file"): "SQLite's own words, matched in its error messages",
    ("partner_center/errors.py", "HTTP {}"): "a protocol name and a status number",
    ("partner_center/urls.py", "seekOperation=Next"):
        "a query parameter of the Partner Center paging protocol",
    ("partner_center/calls.py", "connection error"):
        "a command-log label stored in state.db beside the status (like 'timeout'); only "
        "`csp-tui log --json` hands it on, to scripts",
    ("partner_center/calls.py", "malformed body"):
        "a command-log label stored in state.db beside the status (like 'timeout'); only "
        "`csp-tui log --json` hands it on, to scripts",
    ("ares/subject.py", "subject is not an object"): "logged and treated as 'not found', not shown",
    ("ares/subject.py", "subject without a valid ico or a name"):
        "logged and treated as 'not found', not shown",
    ("services/outbox_runner.py", "unknown outbox entry kind {}"):
        "a bug (an entry this version cannot have queued), not a user's situation",
}


def _sources() -> list[tuple[str, str]]:
    files: list[tuple[str, str]] = []
    for name in SCANNED:
        target = PACKAGE / name
        paths = [target] if target.is_file() else sorted(target.rglob("*.py"))
        assert paths, f"nothing to scan at {target}"
        files.extend((path.relative_to(PACKAGE).as_posix(), path.read_text(encoding="utf-8"))
                     for path in paths)
    return files


def _findings() -> list[Finding]:
    return check_files(_sources(), frozenset(catalog()))


def test_no_string_in_user_facing_code_bypasses_the_catalog() -> None:
    unexplained = [str(f) for f in _findings() if (f.path, f.text) not in ALLOWED]
    assert unexplained == [], "\n".join(
        ["Route these through t() with a catalog key (both languages):", *unexplained])


def test_every_allowance_is_still_needed() -> None:
    """An allowance whose literal is gone would silently excuse the next one."""
    used = {(f.path, f.text) for f in _findings()}
    assert sorted(set(ALLOWED) - used) == []


BYPASSES = {
    "a static": 'from textual.widgets import Static\nw = Static("Loading…")\n',
    "a label in compose": "def compose(self):\n    yield Label('Customers')\n",
    "a notification": 'def f(self):\n    self.notify("Saved")\n',
    "a notification f-string": 'def f(self, p):\n    self.notify(f"Saved to {p}")\n',
    "a binding": 'BINDINGS = [Binding("x", "y", "Do thing")]\n',
    "a title": 'def f(self):\n    self.border_title = "Subscriptions"\n',
    "a rich text": 'def f():\n    return Text("Nothing here", style="dim")\n',
    "a column header": 'def f(table):\n    table.add_column("Company")\n',
    "a CLI print": 'def f():\n    print("3 customers synced")\n',
    "a help text": 'def f(p):\n    p.add_argument("--json", help="print JSON")\n',
    "a project error": 'def f():\n    raise ConfigError(None, "key", "must be a table")\n',
    "a phrase kept for later": 'MESSAGE = "could not reach Partner Center"\n',
}


@pytest.mark.parametrize("source", list(BYPASSES.values()), ids=list(BYPASSES))
def test_the_checker_flags_a_bypass(source: str) -> None:
    findings = check_source(source, "synthetic.py")
    assert len(findings) == 1, findings


FINE = {
    "through the catalog": 'def f(self):\n    self.notify(t("tui.notify.saved", path=p))\n',
    "a binding with a message key": 'BINDINGS = [Binding("r", "sync", "tui.key.sync")]\n',
    "ids, classes, styles": 'w = Static("", id="status-sync", classes="pane-row -active")\n'
                            'x = Text("", style="bold red")\n',
    "logging": 'def f(p):\n    log.warning("could not save %s to disk", p)\n',
    "a docstring": 'def f():\n    """Do the thing the user asked for."""\n',
    "wire fields and states": 'def f(d):\n    return d["company name"] == "not yet accepted"\n',
    "a bug": 'def f(k):\n    raise ValueError(f"unknown kind of thing {k}")\n',
    "SQL": 'Q = "SELECT id FROM customers WHERE removed_at IS NULL"\n',
}


@pytest.mark.parametrize("source", list(FINE.values()), ids=list(FINE))
def test_the_checker_leaves_non_prose_alone(source: str) -> None:
    assert check_source(source, "synthetic.py", frozenset({"tui.key.sync"})) == []
