"""Key labels in the words of the profile's role (domain/roles.py): where an indirect reseller's
changes are requests to its distributor, the footer and the help say so.

Light on purpose (no services, no REST stack): list panes on the first frame use it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from textual.binding import BindingsMap

from csp_tui.domain import roles
from csp_tui.i18n import t
from csp_tui.tui.console import Console, console_of


def asks_distributor(console: Console) -> bool:
    """Whether this profile's subscription changes are requests to its distributor."""
    role = console.settings.profile.role
    return any(roles.access(role, op_id) is roles.Access.DISTRIBUTOR
               for op_id in roles.SUBSCRIPTION_CHANGES)


def reword_bindings(node: Any, words: Mapping[str, tuple[str | None, str]]) -> None:
    """Give the bindings of ``action`` the label and help ``words[action]`` (message keys; a
    label of None keeps the short footer label), on this node only: the footer and the help
    then say "Ask the distributor …"."""
    def reworded(binding: Any) -> Any:
        label, help_key = words[binding.action]
        return dataclasses.replace(
            binding, description=t(label) if label else binding.description,
            tooltip=t(help_key))

    node._bindings = BindingsMap.from_keys({
        key: [reworded(binding) if binding.action in words else binding
              for binding in key_bindings]
        for key, key_bindings in node._bindings.key_to_bindings.items()
    })


def word_manage_for_role(node: Any, action: str = "manage_subscription") -> None:
    """``m`` on a subscription, in the role's words: for a reseller, "Request" / "Ask the
    distributor to change the subscription …". Called as a node is built inside the running
    console; anywhere else the words stay as they are."""
    try:
        distributor = asks_distributor(console_of(node.app))
    except Exception:  # no running console (a widget built on its own): keep the words
        return
    if distributor:
        reword_bindings(node, {action: ("roles.key.manage", "roles.keyhelp.manage")})
