"""The console's modules keep their shape: no import circle, screens and widgets see the app
only as the Console interface, and the console never reaches the adapters.

Read from the source (every import statement, inside functions and under TYPE_CHECKING too),
so an import hidden in a function still counts.
"""

from __future__ import annotations

import ast
from pathlib import Path

import csp_tui.tui

TUI = Path(csp_tui.tui.__file__).parent
#: Modules the console must not import: the REST adapter, the ARES client, MSAL.
ADAPTERS = ("csp_tui.partner_center", "csp_tui.ares", "msal")
#: The modules that may import the application class.
APP_IMPORTERS = {"csp_tui.tui.app", "csp_tui.tui.launch"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(TUI.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports (``from a import b`` counts as ``a`` and ``a.b``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in TUI.rglob("*.py")}
    return {name: {imported for imported in _imports(path) if imported in modules}
            for name, path in modules.items()}


def test_no_import_circle_among_the_console_modules() -> None:
    graph = _graph()
    seen: dict[str, int] = {}  # 1: on the current path, 2: done
    circles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        seen[name] = 1
        for imported in sorted(graph[name]):
            if seen.get(imported) == 1:
                circles.append([*path[path.index(imported):], imported])
            elif imported not in seen:
                visit(imported, [*path, imported])
        seen[name] = 2

    for name in sorted(graph):
        if name not in seen:
            visit(name, [name])
    assert circles == []


def test_only_the_app_and_its_launcher_import_the_app() -> None:
    importers = {name for name, imported in _graph().items() if "csp_tui.tui.app" in imported}
    assert importers <= APP_IMPORTERS


def test_screens_and_widgets_never_import_the_navigation() -> None:
    # They ask the console to open a screen; the navigation imports them.
    graph = _graph()
    for name, imported in graph.items():
        if name.startswith(("csp_tui.tui.screens.", "csp_tui.tui.widgets.")):
            assert "csp_tui.tui.navigation" not in imported, name


def test_the_console_never_imports_the_adapters() -> None:
    offending = {
        _module_name(path): sorted(name for name in _imports(path)
                                   if name.startswith(ADAPTERS))
        for path in TUI.rglob("*.py")
    }
    assert {name: found for name, found in offending.items() if found} == {}
