"""The ``csp-tui`` command line: read the profile, parse the arguments, run the handler.

Without a subcommand it opens the console; subcommands are the headless twins for scripts and
cron. This module must stay light: it never imports Textual (a test guards it) so that
``csp-tui customers --json`` starts fast; each handler is imported only when it runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from csp_tui import __version__
from csp_tui.config import ConfigError, Settings, load_settings
from csp_tui.i18n import argparse_gettext, argparse_ngettext, set_language, t
from csp_tui.output_encoding import survive_any_locale

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

# subcommand -> "module:function"; the modules live in this package, except the console's
# launcher (csp_tui.tui.launch, see _resolve).
HANDLERS: dict[str, str] = {
    "console": "launch:run",
    "info": "info:run",
    "login": "auth:run_login",
    "logout": "auth:run_logout",
    "sandbox serve": "sandbox:run_serve",
    "sandbox reset": "sandbox:run_reset",
    "sandbox accept": "sandbox:run_accept",
    "sandbox advance": "sandbox:run_advance",
    "sync": "sync:run",
    "customers": "listing:run_customers",
    "subscriptions": "listing:run_subscriptions",
    "invitations": "listing:run_invitations",
    "log": "listing:run_log",
    "invite": "invite:run",
    "tenant create": "tenant:run_create",
    "tenant reset-password": "tenant_reset:run",
    "subscription set-quantity": "subscription:run",
    "subscription auto-renew": "subscription:run",
    "subscription suspend": "subscription:run",
    "subscription reactivate": "subscription:run",
    "subscription cancel": "subscription:run",
    "completion": "completion:run",
    # Team mode (state on PostgreSQL): the state's schema, importing, the outbox.
    "state migrate": "state:run_migrate",
    "state import": "state:run_import",
    "outbox": "state:run_outbox",
    # selling (catalog, orders)
    "catalog": "catalog:run",
    "order": "order:run",
    "today": "today:run",
    "seats": "seats:run",
}


def _profile_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    # SUPPRESS keeps a value given before the subcommand from being reset by the subparser.
    parent.add_argument("--profile", "-p", metavar=t("cli.metavar.name"),
                        default=argparse.SUPPRESS, help=t("cli.opt.profile"))
    parent.add_argument("--log-level", type=str.upper, choices=LOG_LEVELS,
                        default=argparse.SUPPRESS, help=t("cli.opt.log_level"))
    parent.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help=t("cli.opt.debug"))
    return parent


def build_parser() -> argparse.ArgumentParser:
    # The listings' output options: their modules (csv, json) load only with the full parser.
    from csp_tui.cli import subscription_args
    from csp_tui.cli.output import add_output_arguments

    # argparse fetches its own words ("usage:", "options", errors) through gettext at call
    # time via its module-level ``_``: route them through our catalog.
    argparse._ = argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = argparse_ngettext  # type: ignore[attr-defined]
    parent = _profile_parent()
    parser = argparse.ArgumentParser(
        prog="csp-tui", description=t("cli.description"), parents=[parent]
    )
    parser.add_argument("--version", action="version", version=f"csp-tui {__version__}",
                        help=t("argparse.version"))
    # The console's colours (tui/themes.py): without a subcommand only.
    parser.add_argument("--theme", default=None, metavar=t("conv.cli.metavar_theme"),
                        help=t("conv.cli.opt_theme"))
    sub = parser.add_subparsers(dest="command", metavar=t("cli.metavar.command"))

    info = sub.add_parser("info", parents=[parent], help=t("cli.cmd.info"))
    info.add_argument("--json", action="store_true", help=t("cli.opt.json"))

    sub.add_parser("login", parents=[parent], help=t("cli.cmd.login"))
    sub.add_parser("logout", parents=[parent], help=t("cli.cmd.logout"))

    sandbox = sub.add_parser("sandbox", parents=[parent], help=t("cli.cmd.sandbox"))
    sandbox_sub = sandbox.add_subparsers(dest="sandbox_command", metavar=t("cli.metavar.command"))
    serve = sandbox_sub.add_parser("serve", parents=[parent], help=t("cli.cmd.sandbox_serve"))
    serve.add_argument("--port", type=int, default=8765, help=t("cli.opt.port"))
    serve.add_argument("--customers", type=int, default=67, metavar=t("cli.metavar.count"),
                       help=t("cli.opt.customers"))
    serve.add_argument("--latency-ms", type=int, default=0, metavar=t("cli.metavar.ms"),
                       help=t("cli.opt.latency"))
    serve.add_argument("--seed", type=int, default=7, metavar=t("cli.metavar.seed"),
                       help=t("cli.opt.seed"))
    serve.add_argument("--rate-limit", type=int, default=500,
                       metavar=t("cli.metavar.per_minute"), help=t("cli.opt.rate_limit"))
    serve.add_argument("--state", metavar=t("cli.metavar.file"), default=None,
                       help=t("cli.opt.state"))
    serve.add_argument("--token", default=None, metavar=t("sandbox.serve.metavar_token"),
                       help=t("sandbox.serve.opt_token"))
    sandbox_sub.add_parser("reset", parents=[parent], help=t("cli.cmd.sandbox_reset"))
    accept = sandbox_sub.add_parser("accept", parents=[parent], help=t("cli.cmd.sandbox_accept"))
    accept.add_argument("domain", help=t("cli.opt.accept_domain"))
    advance = sandbox_sub.add_parser("advance", parents=[parent],
                                     help=t("cli.cmd.sandbox_advance"))
    advance.add_argument("--days", type=float, default=0.0, metavar=t("cli.metavar.days"),
                         help=t("cli.opt.days"))
    advance.add_argument("--hours", type=float, default=0.0, metavar=t("cli.metavar.hours"),
                         help=t("cli.opt.hours"))

    sync = sub.add_parser("sync", parents=[parent], help=t("cli.cmd.sync"),
                          epilog=t("sync_parts.cli.epilog"))
    sync.add_argument("--customer", metavar="ID", help=t("cli.opt.sync_customer"))
    sync.add_argument("--full", action="store_true", help=t("refresh.cli.opt_full"))
    sync.add_argument("--quiet", "-q", action="store_true", help=t("cli.opt.quiet"))

    customers = sub.add_parser("customers", parents=[parent], help=t("cli.cmd.customers"))
    customers.add_argument("--filter", default="", metavar=t("cli.metavar.text"),
                           help=t("cli.opt.filter"))
    add_output_arguments(customers)

    subs = sub.add_parser("subscriptions", parents=[parent], help=t("cli.cmd.subscriptions"))
    subs.add_argument("--customer", metavar="ID", help=t("cli.opt.customer"))
    subs.add_argument("--filter", default="", metavar=t("cli.metavar.text"),
                      help=t("cli.opt.filter"))
    add_output_arguments(subs)
    subs_view = subs.add_mutually_exclusive_group()
    subs_view.add_argument("--renewing-within", type=int, metavar=t("subs.cli.days"),
                           help=t("subs.cli.opt.renewing_within"))
    subs_view.add_argument("--in-window", action="store_true", help=t("subs.cli.opt.in_window"))
    subs.add_argument("--kind", choices=("online", "software", "perpetual"),
                      help=t("subs.cli.opt.kind"))

    invitations = sub.add_parser("invitations", parents=[parent], help=t("cli.cmd.invitations"))
    add_output_arguments(invitations)

    invite = sub.add_parser("invite", parents=[parent], help=t("cli.cmd.invite"))
    invite.add_argument("--company", required=True, metavar=t("cli.metavar.name"),
                        help=t("cli.opt.company"))
    invite.add_argument("--email", required=True, metavar=t("cli.metavar.email"),
                        help=t("cli.opt.email"))
    invite.add_argument("--domain", required=True, metavar=t("cli.metavar.domain"),
                        help=t("cli.opt.domain"))
    invite.add_argument("--contact", default="", metavar=t("cli.metavar.name"),
                        help=t("cli.opt.contact"))
    invite.add_argument("--lang", choices=("cs", "en"), default=None, help=t("cli.opt.lang"))
    invite.add_argument("--reseller", default=None, metavar="ID", help=t("cli.opt.reseller"))
    invite.add_argument("--copy", action="store_true", help=t("cli.opt.copy"))
    invite.add_argument("--json", action="store_true", help=t("cli.opt.json"))

    tenant = sub.add_parser("tenant", parents=[parent], help=t("cli.cmd.tenant"))
    tenant_sub = tenant.add_subparsers(dest="tenant_command", metavar=t("cli.metavar.command"))
    create = tenant_sub.add_parser("create", parents=[parent], help=t("cli.cmd.tenant_create"))
    reset = tenant_sub.add_parser("reset-password", parents=[parent],
                                  help=t("cli.cmd.tenant_reset"))
    reset.add_argument("--customer", required=True, metavar=t("cli.metavar.tenant_id"),
                       help=t("cli.opt.reset_customer"))
    create.add_argument("--file", required=True, metavar=t("cli.metavar.file"),
                        help=t("cli.opt.tenant_file"))
    create.add_argument("--wait", type=float, default=60.0, metavar=t("cli.metavar.seconds"),
                        help=t("cli.opt.wait"))
    create.add_argument("--lang", choices=("cs", "en"), default=None, help=t("cli.opt.lang"))
    create.add_argument("--json", action="store_true", help=t("cli.opt.json"))

    log = sub.add_parser("log", parents=[parent], help=t("cli.cmd.log"))
    log_rows = log.add_mutually_exclusive_group()
    log_rows.add_argument("--limit", type=int, default=None, metavar=t("cli.metavar.rows"),
                          help=t("cli.opt.limit"))
    log_rows.add_argument("--all", action="store_true", help=t("cli_output.opt.all"))
    log.add_argument("--errors", action="store_true", help=t("cli.opt.errors_only"))
    add_output_arguments(log)

    subscription_args.add_arguments(sub, parent, t("cli.metavar.command"))

    completion = sub.add_parser("completion", parents=[parent], help=t("cli_output.cmd.completion"),
                                description=t("cli_output.completion.description"))
    completion.add_argument("shell", nargs="?", choices=("bash", "zsh", "fish"),
                            help=t("cli_output.opt.shell"))
    # The scripts' own question while completing --profile (the names), not for people.
    completion.add_argument("--list-profiles", action="store_true", help=argparse.SUPPRESS)

    # Team mode: the state's schema, importing an operator's state.db, the outbox.
    state = sub.add_parser("state", parents=[parent], help=t("state.cli.cmd"))
    state_sub = state.add_subparsers(dest="state_command", metavar=t("cli.metavar.command"))
    migrate = state_sub.add_parser("migrate", parents=[parent], help=t("state.cli.cmd_migrate"))
    migrate.add_argument("--status", action="store_true", help=t("state.cli.opt_status"))
    state_import = state_sub.add_parser("import", parents=[parent],
                                        help=t("state.cli.cmd_import"))
    state_import.add_argument("--from", dest="source", required=True,
                              metavar=t("cli.metavar.file"), help=t("state.cli.opt_from"))
    queued = sub.add_parser("outbox", parents=[parent], help=t("state.cli.cmd_outbox"))
    add_output_arguments(queued)
    _add_selling(sub, parent)

    today = sub.add_parser("today", parents=[parent], help=t("today.cli.help"))
    today_since = today.add_mutually_exclusive_group()
    today_since.add_argument("--since", metavar=t("today.cli.metavar.duration"),
                             help=t("today.cli.opt.since"))
    today_since.add_argument("--since-last", action="store_true",
                             help=t("today.cli.opt.since_last"))
    today.add_argument("--mark-seen", action="store_true", help=t("today.cli.opt.mark_seen"))
    today.add_argument("--output", "-o", choices=("text", "json"), default="text",
                       help=t("today.cli.opt.output"))

    seats = sub.add_parser("seats", parents=[parent], help=t("seats.cli.cmd"))
    seats.add_argument("--customer", metavar="ID", help=t("seats.cli.opt.customer"))
    seats.add_argument("--unused", action="store_true", help=t("seats.cli.opt.unused"))
    add_output_arguments(seats)
    return parser


def _add_selling(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    """``csp-tui catalog`` and ``csp-tui order``."""
    from csp_tui.cli.output import add_output_arguments  # with the full parser (build_parser)

    kinds = ("online", "software", "perpetual")
    catalog = sub.add_parser("catalog", parents=[parent], help=t("selling.cli.cmd.catalog"))
    catalog.add_argument("--filter", default="", metavar=t("cli.metavar.text"),
                         help=t("cli.opt.filter"))
    catalog.add_argument("--kind", choices=kinds, help=t("selling.cli.opt.kind"))
    catalog.add_argument("--customer", metavar="ID", help=t("selling.cli.opt.customer_gate"))
    catalog.add_argument("--refresh", action="store_true", help=t("selling.cli.opt.refresh"))
    add_output_arguments(catalog)
    order = sub.add_parser("order", parents=[parent], help=t("selling.cli.cmd.order"))
    order.add_argument("--customer", required=True, metavar="ID",
                       help=t("selling.cli.opt.customer"))
    order.add_argument("--item", required=True, metavar=t("selling.cli.metavar.item"),
                       help=t("selling.cli.opt.item"))
    order.add_argument("--quantity", required=True, type=int, metavar="N",
                       help=t("selling.cli.opt.quantity"))
    order.add_argument("--term", choices=("P1M", "P1Y", "P3Y"), help=t("selling.cli.opt.term"))
    # Checked against what the item is sold on (the catalog lists the cycles).
    order.add_argument("--billing", metavar=t("selling.cli.metavar.billing"),
                       help=t("selling.cli.opt.billing"))
    order.add_argument("--no-auto-renew", action="store_true",
                       help=t("selling.cli.opt.no_auto_renew"))
    order.add_argument("--what-if", action="store_true", help=t("selling.cli.opt.what_if"))
    order.add_argument("--wait", type=float, default=60.0, metavar=t("cli.metavar.seconds"),
                       help=t("cli.opt.wait"))
    order.add_argument("--lang", choices=("cs", "en"), default=None, help=t("cli.opt.lang"))
    order.add_argument("--json", action="store_true", help=t("selling.cli.opt.json"))


def console_defaults() -> argparse.Namespace:
    """What ``build_parser().parse_args([])`` answers."""
    return argparse.Namespace(theme=None, command=None)


def _prescan_profile(argv: Sequence[str]) -> str | None:
    """The --profile value, read before the parser exists (the help text's language depends
    on the profile)."""
    for index, arg in enumerate(argv):
        if arg in ("--profile", "-p") and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--profile="):
            return arg.split("=", 1)[1]
    return None


Handler = Callable[[argparse.Namespace, Settings], int]


def _resolve(name: str) -> Handler:
    if name == "console":
        # The command line's one way into the console, imported only when the console opens:
        # the headless subcommands never load Textual (nor the console's modules).
        from csp_tui.tui import launch

        return launch.run
    module_name, func = HANDLERS[name].split(":")
    module = importlib.import_module(f"csp_tui.cli.{module_name}")
    handler: Handler = getattr(module, func)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    survive_any_locale()
    settings: Settings | None = None
    config_error: ConfigError | None = None
    # The environment's language (LANG/LC_ALL) until a profile is read: a config error is
    # told in it, since the profile that would name a language may be what is broken.
    set_language(None)
    try:
        settings = load_settings(_prescan_profile(argv))
        set_language(settings.profile.language)
    except ConfigError as exc:
        config_error = exc

    # Plain `csp-tui`, the console, is what an operator types every morning: the answer of
    # the full parser to no arguments, without building its forty subcommands first (8 ms of
    # the console's start). tests/cli/test_import_hygiene.py holds the two equal.
    args = build_parser().parse_args(argv) if argv else console_defaults()
    command = args.command or "console"
    for group in ("sandbox", "tenant", "subscription", "state"):
        if command == group:
            sub_command = getattr(args, f"{group}_command", None)
            if not sub_command:
                build_parser().parse_args([*argv, "--help"])
            command = f"{group} {sub_command}"

    if config_error is not None:
        # The problem is put into words here, in the environment's language.
        if config_error.file is None:
            print(t("config.error.no_file", key=config_error.shown_key,
                    problem=config_error.problem), file=sys.stderr)
        else:
            print(t("error.config", file=config_error.file, key=config_error.shown_key,
                    problem=config_error.problem), file=sys.stderr)
        return EXIT_USAGE
    assert settings is not None
    _start_log(args, settings)
    try:
        return int(_resolve(command)(args, settings) or 0)
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:  # `csp-tui customers | head`
        return EXIT_OK
    except Exception as exc:
        problem = _storage_problem(exc)
        if problem is None:
            raise
        print(t("storage.unusable", error=problem), file=sys.stderr)
        return EXIT_FAILURE


def _start_log(args: argparse.Namespace, settings: Settings) -> None:
    # Logging's handlers and queue load once a command runs, never for --help or --version.
    from csp_tui import log_file

    level = "DEBUG" if getattr(args, "debug", False) else getattr(args, "log_level", None)
    log_file.configure(settings.locations.log_file, level)


_SQLITE_STORAGE_WORDS = ("disk", "readonly", "read-only", "unable to open", "locked",
                         "not a database", "malformed", "i/o error", "no such file")


def _storage_problem(exc: Exception) -> str | None:
    """What went wrong with the profile's files (a full disk, a directory that is missing or
    read-only, a damaged state.db) in one line, or None when ``exc`` is something else."""
    # Only after a handler failed: `import csp_tui.cli` (--help, --version) needs no SQLite.
    import sqlite3

    from csp_tui.db import DatabaseError

    if isinstance(exc, DatabaseError):
        return str(exc)
    if isinstance(exc, sqlite3.DatabaseError):
        text = str(exc)
        # SQLite's words for the file or the disk failing (anything else is a bug: raise).
        if any(word in text.lower() for word in _SQLITE_STORAGE_WORDS):
            return text
        return None
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else ""
        reason = exc.strerror or type(exc).__name__
        return f"{where}: {reason}" if where else reason
    return None


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
