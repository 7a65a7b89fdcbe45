"""What is wrong with the ``[keymap]`` of the config file, in words, for a warning at start.

Textual ignores a binding id it does not know and a key it cannot name without a word: the
person would press the key they configured and nothing would happen.
"""

from __future__ import annotations

import importlib

from textual.keys import Keys, key_to_character

from csp_tui.i18n import t
from csp_tui.tui import bindings

# Modules that register their screen's bindings when imported (see bindings.register).
_REGISTERING_MODULES = (
    "csp_tui.tui.screens.subscription_actions", "csp_tui.tui.screens.subscription_detail",
    "csp_tui.tui.screens.confirm_change",
    "csp_tui.tui.screens.invite", "csp_tui.tui.screens.invitation_result",
    "csp_tui.tui.screens.new_tenant",
    "csp_tui.tui.screens.qualification", "csp_tui.tui.invitation_keys",
    "csp_tui.tui.widgets.form_outcome", "csp_tui.tui.widgets.form_draft",
    "csp_tui.tui.widgets.form_review",
)
_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_KEY_NAMES = frozenset(key.value for key in Keys)


def _known_key(key: str) -> bool:
    parts = key.strip().split("+")
    *modifiers, name = parts
    if not name or any(modifier.lower() not in _MODIFIERS for modifier in modifiers):
        return False
    return len(name) == 1 or name in _KEY_NAMES or key_to_character(name) is not None


def keymap_problems(keymap: dict[str, str]) -> list[str]:
    """One sentence per unknown binding id or key name (empty when all is well)."""
    for module in _REGISTERING_MODULES:
        importlib.import_module(module)
    problems = []
    for binding_id, keys in keymap.items():
        if binding_id not in bindings.SPECS:
            problems.append(t("tui.keymap.unknown_id", id=binding_id))
            continue
        for key in keys.split(","):
            if not _known_key(key):
                problems.append(t("tui.keymap.unknown_key", id=binding_id, key=key.strip()))
    return problems
