"""The arguments of ``csp-tui subscription …``, apart from the command itself: the parser is
built on every start (``--help`` included), and the command's module loads the services.
"""

from __future__ import annotations

import argparse

from csp_tui.i18n import t

#: The sub-commands, as typed (``cli/subscription.py`` maps them to the rules' actions).
COMMANDS = ("set-quantity", "auto-renew", "suspend", "reactivate", "cancel")


def add_arguments(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                  parent: argparse.ArgumentParser, metavar: str) -> None:
    """The ``subscription`` group and its five commands (called by ``cli/main.py``)."""
    group = sub.add_parser("subscription", parents=[parent], help=t("cli_subs.cmd.group"))
    commands = group.add_subparsers(dest="subscription_command", metavar=metavar)
    for name in COMMANDS:
        command = commands.add_parser(name, parents=[parent],
                                      help=t(f"cli_subs.cmd.{name}"),
                                      description=t(f"cli_subs.cmd.{name}"))
        command.add_argument("subscription_id", metavar=t("cli_subs.metavar.subscription"),
                             help=t("cli_subs.opt.subscription"))
        if name == "set-quantity":
            command.add_argument("quantity", type=int, metavar=t("cli_subs.metavar.seats"),
                                 help=t("cli_subs.opt.quantity"))
        elif name == "auto-renew":
            command.add_argument("setting", choices=("on", "off"),
                                 help=t("cli_subs.opt.setting"))
        command.add_argument("--customer", metavar=t("cli.metavar.tenant_id"), default=None,
                             help=t("cli_subs.opt.customer"))
        command.add_argument("--what-if", action="store_true", help=t("cli_subs.opt.what_if"))
        command.add_argument("--yes", "-y", action="store_true", help=t("cli_subs.opt.yes"))
        command.add_argument("--json", action="store_true", help=t("cli_subs.opt.json"))
