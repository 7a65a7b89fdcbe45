"""A static check that user-facing code takes its words from the catalog.

It reads the source (``ast``, nothing is imported) and reports string literals that look like
text a person reads but are not passed through ``t()`` / ``tl()``:

* a literal with a word in it given to something that puts text on a screen or a terminal —
  ``Static``, ``Label``, ``Button``, ``Text``, ``notify``, ``print``, ``Binding`` (its
  description), ``title=``/``description=``/``help=``/``placeholder=`` …, or assigned to
  ``title``/``border_title``/``tooltip`` …;
* anywhere else, a literal (or the literal part of an f-string) that reads as a phrase: two or
  more words, starting with a letter.

Left alone, because no user reads them as prose: docstrings; the arguments of ``t``/``tl``
(message keys); logging calls (the log is for operators and stays English); dictionary keys,
subscripts and comparisons (wire field names, states); CSS, ids, classes and Rich styles;
SQL; ``raise`` of Python's built-in exception types (a bug, not something a person can act on —
errors meant for people are the project's own types, whose words come from the catalog);
message keys (dotted identifiers present in the catalog, e.g. a binding's description, which
``TranslatedBindings`` translates when the widget is created).
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass

#: Calls whose positional arguments (the given indexes; ``None`` = all) are shown as text.
SINK_POSITIONS: dict[str, tuple[int, ...] | None] = {
    "Static": (0,), "Label": (0,), "Button": (0,), "Text": (0,), "Markdown": (0,),
    "Checkbox": (0,), "RadioButton": (0,), "Switch": (), "Option": (0,), "ListItem": (),
    "Tab": (0,), "TabPane": (0,), "Collapsible": (), "Panel": (0,), "Rule": (),
    "Binding": (2,), "SystemCommand": (0, 1), "DiscoveryHit": (0,), "Hit": (1,),
    "notify": (0,), "print": None, "echo": None, "update": (0,), "append": (0,),
    "assemble": None, "from_markup": (0,), "add_column": (0,), "add_row": None,
    "write": (0,), "writeln": (0,), "error": (0,), "exit": (1,), "push_screen": (),
    "add_option": (0,), "set_options": (), "confirm": (0,), "prompt": (0,),
}
#: Keyword arguments that carry shown text, whatever the call.
TEXT_KEYWORDS = frozenset({
    "title", "sub_title", "subtitle", "description", "help", "tooltip", "placeholder",
    "label", "message", "prompt", "text", "renderable", "content", "border_title",
    "border_subtitle", "epilog", "usage", "metavar",
})
#: Attributes whose value is shown (``self.border_title = ...``, ``TITLE = ...``).
TEXT_ATTRIBUTES = frozenset({
    "title", "sub_title", "border_title", "border_subtitle", "tooltip", "placeholder",
    "label", "description", "prompt", "TITLE", "SUB_TITLE", "BORDER_TITLE", "BORDER_SUBTITLE",
})
#: Calls whose arguments are never shown as prose to a user.
QUIET_CALLS = frozenset({
    "t", "tl", "argparse_gettext", "getLogger",
    "debug", "info", "warning", "exception", "critical", "log",  # logging
    "query", "query_one", "query_one_optional", "query_children", "set_class", "add_class",
    "remove_class", "has_class", "toggle_class", "get_component_rich_style", "get_style_at",
    "execute", "executemany", "executescript", "rows_where", "compile", "match", "fullmatch",
    "search", "sub", "split", "strip", "startswith", "endswith", "replace", "partition",
    "environ", "getenv",
    "Style", "parse", "Path", "run_action", "action", "post", "patch", "put", "request",
    "set_interval", "set_timer", "run_worker", "work", "on", "import_module",
    "strftime", "strptime", "fromisoformat", "encode", "decode", "join",
    "add_argument_group",
})
#: Calls whose first argument (a key or an attribute name) is not shown; the rest may be.
KEY_FIRST_CALLS = frozenset({"get", "pop", "setdefault"})
NAME_SECOND_CALLS = frozenset({"getattr", "setattr", "hasattr"})
_LOGGER_NAMES = re.compile(r"(^|_)(log|logger|logging|LOG|LOGGER)$")
_WORD = re.compile(r"[^\W\d_]{2,}")
_CSS_CLASSES = re.compile(r"^\s*-?-?[a-z][\w-]*(\s+-?-?[a-z][\w-]*)*\s*$")
_STYLE_WORDS = frozenset({
    "bold", "dim", "italic", "underline", "reverse", "strike", "blink", "not", "on", "link",
    "red", "green", "yellow", "blue", "magenta", "cyan", "white", "black", "default",
    "bright_red", "bright_green", "bright_yellow", "bright_blue", "bright_cyan", "grey50",
    "$error", "$warning", "$success", "$accent", "$primary", "$secondary", "$text-muted",
})
_SQL = re.compile(r"^\s*(\(|\)|,\s*)?\s*(SELECT|FROM|WHERE|AND|OR|ORDER|INSERT|UPDATE|DELETE|"
                  r"CREATE|ALTER|DROP|PRAGMA|BEGIN|COMMIT|ROLLBACK|WITH|UNION|LIMIT|JOIN|"
                  r"LEFT|IFNULL|CASE|GROUP|VALUES|SET|ON|AS)\b")
_BUILTIN_EXCEPTIONS = frozenset(
    name for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException))


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.why}: {self.text!r}"


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _receiver(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        value = func.value
        if isinstance(value, ast.Name):
            return value.id
        if isinstance(value, ast.Attribute):
            return value.attr
    return ""


def _is_logging(call: ast.Call) -> bool:
    return bool(_LOGGER_NAMES.search(_receiver(call))) or _receiver(call) == "warnings"


def literal_text(node: ast.expr) -> str:
    """The words a literal contributes; an f-string's expressions become ``{}``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{}"
                       for part in node.values)
    return ""


def has_word(text: str) -> bool:
    return bool(_WORD.search(text))


def is_phrase(text: str) -> bool:
    """Two words or more, starting with a letter: how prose looks, unlike ids and codes."""
    stripped = text.strip()
    if not stripped or not (stripped[0].isalpha() or stripped[0] in "({"):
        return False
    # Whitespace-separated tokens with a word in them ("customer(s)" counts); "a.b.c" or
    # "qual:{}:education" is one token, an identifier rather than a phrase.
    if "://" in stripped:  # a URL
        return False
    tokens = re.sub(r"\{[^}]*\}", "", stripped).split()
    return sum(1 for token in tokens if _WORD.search(token)) >= 2


def is_technical(text: str, catalog_keys: Container[str]) -> bool:
    """Ids, classes, styles, SQL, CSS, message keys: not prose."""
    stripped = text.strip()
    if text in catalog_keys:
        return True
    if _SQL.match(stripped) or ("{" in stripped and ";" in stripped):
        return True
    tokens = stripped.split()
    if tokens and all(token in _STYLE_WORDS or token.startswith("#") for token in tokens):
        return True
    # CSS class lists ("subs-box subs-quantity", "pane-row -active"): each token an id-like
    # word with a hyphen somewhere; a run of plain lower-case words is still prose.
    return bool(_CSS_CLASSES.match(stripped)) and any("-" in token for token in tokens) \
        and not any(token in {"the", "a", "an", "is", "of", "to"} for token in tokens)


class _Checker(ast.NodeVisitor):
    def __init__(self, path: str, catalog_keys: Container[str]) -> None:
        self.path = path
        self.catalog_keys = catalog_keys
        self.findings: list[Finding] = []
        self.parents: dict[int, ast.AST] = {}
        self.docstrings: set[int] = set()

    def run(self, tree: ast.AST) -> list[Finding]:
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[id(child)] = parent
            if isinstance(parent, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                   ast.AsyncFunctionDef)):
                body = parent.body
                if body and isinstance(body[0], ast.Expr) and \
                        isinstance(body[0].value, ast.Constant):
                    self.docstrings.add(id(body[0].value))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) or (
                    isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and not isinstance(self.parents.get(id(node)), ast.JoinedStr)):
                self._check(node)
        return self.findings

    def _ancestors(self, node: ast.AST) -> Iterator[tuple[ast.AST, ast.AST]]:
        """(child, parent) pairs from ``node`` up to the module."""
        while id(node) in self.parents:
            parent = self.parents[id(node)]
            yield node, parent
            node = parent

    def _quiet(self, node: ast.AST) -> bool:
        """Inside something whose strings are never prose for a user."""
        for child, parent in self._ancestors(node):
            if isinstance(parent, ast.Call) and (
                    _callee(parent) in QUIET_CALLS or _is_logging(parent)) \
                    and child is not parent.func:
                return True
            if isinstance(parent, ast.Call) and parent.args and (
                    (_callee(parent) in KEY_FIRST_CALLS and child is parent.args[0])
                    or (_callee(parent) in NAME_SECOND_CALLS and len(parent.args) > 1
                        and child is parent.args[1])):
                return True
            if isinstance(parent, ast.Assign) and any(
                    isinstance(target, ast.Attribute) and target.attr == "__doc__"
                    for target in parent.targets):
                return True
            if isinstance(parent, ast.Subscript) and child is parent.slice:
                return True
            if isinstance(parent, ast.Dict) and any(child is key for key in parent.keys):
                return True
            if isinstance(parent, ast.Compare):
                return True
            if isinstance(parent, ast.keyword) and parent.arg not in TEXT_KEYWORDS:
                return True
            if isinstance(parent, (ast.arg, ast.AnnAssign)) and getattr(
                    parent, "annotation", None) is child:
                return True
            if isinstance(parent, ast.Raise):
                return _raised_type(parent) in _BUILTIN_EXCEPTIONS
            if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                   ast.Lambda)):
                return False
        return False

    def _sink(self, node: ast.AST) -> str | None:
        """The name of what shows this literal, when it goes straight to the screen."""
        for child, parent in self._ancestors(node):
            if isinstance(parent, (ast.IfExp, ast.BinOp, ast.BoolOp, ast.JoinedStr,
                                   ast.FormattedValue, ast.Starred, ast.Tuple, ast.List)):
                continue
            if isinstance(parent, ast.keyword):
                return f"{parent.arg}=" if parent.arg in TEXT_KEYWORDS else None
            if isinstance(parent, ast.Call):
                if _is_logging(parent):
                    return None
                name = _callee(parent)
                positions = SINK_POSITIONS.get(name, ())
                if child in parent.args and (
                        positions is None or parent.args.index(child) in positions):
                    return f"{name}()"
                return None
            if isinstance(parent, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
                for target in targets:
                    name = target.attr if isinstance(target, ast.Attribute) else \
                        target.id if isinstance(target, ast.Name) else ""
                    if name in TEXT_ATTRIBUTES:
                        return f"{name} ="
                return None
            return None
        return None

    def _check(self, node: ast.expr) -> None:
        if id(node) in self.docstrings or self._quiet(node):
            return
        text = literal_text(node)
        if not has_word(text) or is_technical(text, self.catalog_keys):
            return
        sink = self._sink(node)
        if sink is not None:
            self.findings.append(Finding(self.path, node.lineno, text, f"shown by {sink}"))
        elif is_phrase(text):
            self.findings.append(Finding(self.path, node.lineno, text, "a phrase"))


def _raised_type(node: ast.Raise) -> str:
    exc = node.exc
    if isinstance(exc, ast.Call):
        exc = exc.func
    if isinstance(exc, ast.Attribute):
        return exc.attr
    if isinstance(exc, ast.Name):
        return exc.id
    return ""


def check_source(source: str, path: str = "<string>",
                 catalog_keys: Container[str] = frozenset()) -> list[Finding]:
    """Every literal in ``source`` that looks like prose for a person and bypasses ``t()``."""
    return _Checker(path, catalog_keys).run(ast.parse(source, filename=path))


def check_files(files: Iterable[tuple[str, str]],
                catalog_keys: Container[str] = frozenset()) -> list[Finding]:
    """``files``: (path, source) pairs."""
    return [finding for path, source in files
            for finding in check_source(source, path, catalog_keys)]
