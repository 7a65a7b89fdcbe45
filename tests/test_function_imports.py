"""Imports of our own modules sit at the top of a module, unless start-up time needs them late.

ARCHITECTURE.md's rule: an import inside a function hides the graph, so it is allowed only
where it keeps something heavy off a start path (tests/tui/test_start_imports.py says which),
and then a comment says so — on the import's line or on the line(s) just above it (one comment
may head a group of imports). This test reads every module under ``src/csp_tui`` with ``ast``
and names each function-level import of ``csp_tui`` that carries no such comment.
"""

from __future__ import annotations

import ast
from pathlib import Path

import csp_tui

PACKAGE = Path(csp_tui.__file__).parent


def _is_ours(node: ast.Import | ast.ImportFrom) -> bool:
    if isinstance(node, ast.ImportFrom):
        # A relative import is always one of ours.
        return node.level > 0 or (node.module or "").split(".")[0] == "csp_tui"
    return any(alias.name.split(".")[0] == "csp_tui" for alias in node.names)


def uncommented_function_imports(source: str) -> list[int]:
    """Line numbers of the imports of ``csp_tui`` inside a function that no comment explains."""
    tree = ast.parse(source)
    lines = source.splitlines()
    found: dict[int, ast.Import | ast.ImportFrom] = {}
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom) and _is_ours(node):
                    found[node.lineno] = node
    # Every line any import statement spans (a group under one comment, parenthesised names).
    import_lines = {number
                    for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
                    for number in range(node.lineno, (node.end_lineno or node.lineno) + 1)}

    def has_comment(text: str) -> bool:
        return "#" in text

    missing = []
    for lineno, node in sorted(found.items()):
        own = lines[lineno - 1:(node.end_lineno or lineno)]
        if any(has_comment(text) for text in own):
            continue
        above = lineno - 1
        # Walk up over the imports of the same group (isort's blank line between the standard
        # library's and ours included) to the comment that heads it; an import of the group
        # with a comment of its own heads it too ("# as above").
        while above >= 1 and (above in import_lines or not lines[above - 1].strip()) \
                and not has_comment(lines[above - 1]):
            above -= 1
        if not (above >= 1 and (lines[above - 1].strip().startswith("#")
                                or (above in import_lines and has_comment(lines[above - 1])))):
            missing.append(lineno)
    return missing


def test_every_function_level_import_of_ours_says_why() -> None:
    missing = [f"{path.relative_to(PACKAGE)}:{lineno}"
               for path in sorted(PACKAGE.rglob("*.py"))
               for lineno in uncommented_function_imports(path.read_text(encoding="utf-8"))]
    assert missing == [], ("import these at the top, or say on the line above why start-up "
                           f"needs them late: {missing}")


def test_the_check_tells_an_explained_import_from_a_bare_one() -> None:
    source = '''
import os


def bare():
    from csp_tui.cache import store
    return store


def relative():
    from . import views
    return views


def explained_above():
    # The REST stack, after the first frame.
    import httpx

    from csp_tui.partner_center.client import PartnerCenterClient
    from csp_tui.services.sync import (
        SyncEngine,
    )
    return httpx, PartnerCenterClient, SyncEngine


def explained_on_the_line():
    from csp_tui.tui.screens import help  # opened on F1 only
    from csp_tui.tui.screens import sign_in
    return help, sign_in


def not_ours():
    import json
    return json


def comment_too_far_up():
    # A comment about something else.
    x = 1
    from csp_tui import log_file
    return x, log_file


def after_a_blank_line_only():
    """Nothing but the docstring above."""

    from csp_tui import signals
    return signals
'''
    lines = source.splitlines()
    flagged = [lines[n - 1].strip() for n in uncommented_function_imports(source)]
    assert flagged == ["from csp_tui.cache import store", "from . import views",
                       "from csp_tui import log_file", "from csp_tui import signals"]
