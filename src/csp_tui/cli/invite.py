"""``csp-tui invite``: request a reseller relationship with a customer that already has a tenant.

Prints the checked relationship link and a ready-to-send e-mail (or one JSON object with
``--json``) and records the invitation in the ledger. Exit codes: 0 done (also when a pending
invitation for the domain already existed — it is shown instead), 2 bad input (one line per
field), 1 Partner Center or the profile refused.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from csp_tui.config import Settings
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.i18n.formatting import date_text
from csp_tui.output_encoding import json_ascii_only
from csp_tui.partner_center import errors as pce
from csp_tui.services import clipboard
from csp_tui.services.invitations import (
    InvitationInputError,
    InviteResult,
    ReadOnlyError,
    RelationshipLinkError,
    invite,
)
from csp_tui.services.session import open_session

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

# Field of the service -> the option a person typed it in.
OPTION_FOR_FIELD = {
    "company_name": "--company",
    "contact_name": "--contact",
    "contact_email": "--email",
    "domain": "--domain",
    "language": "--lang",
    "reseller_id": "--reseller",
}


async def _invite(args: argparse.Namespace, settings: Settings) -> InviteResult:
    session = open_session(settings)
    try:
        for notice in session.notices:
            print(notice, file=sys.stderr)
        return await invite(
            session,
            company_name=args.company or "",
            contact_name=args.contact or "",
            contact_email=args.email or "",
            domain=args.domain or "",
            language=args.lang or "cs",
            reseller_id=args.reseller,
        )
    finally:
        await session.aclose()


def _as_json(result: InviteResult) -> str:
    invitation = result.invitation
    return json.dumps(
        {
            "invitation_id": invitation.id,
            "duplicate": result.duplicate,
            "status": invitation.status,
            "company_name": invitation.company_name,
            "contact_name": invitation.contact_name,
            "contact_email": invitation.contact_email,
            "domain": invitation.domain,
            "language": invitation.language,
            "reseller_id": invitation.reseller_id,
            "created_at": invitation.created_at,
            "link": result.link,
            "subject": result.email_subject,
            "body": result.email_body,
        },
        ensure_ascii=json_ascii_only(),
        indent=2,
    )


def _print_text(result: InviteResult) -> None:
    invitation = result.invitation
    if not result.duplicate:
        print(t("invite.cli.recorded", company=safe_text(invitation.company_name),
                domain=invitation.domain))
    print()
    print(t("invite.cli.link"))
    print(result.link)
    print()
    print(t("invite.cli.body_title", email=safe_text(invitation.contact_email)))
    print(f"{t('invite.cli.subject')} {result.email_subject}")
    print()
    print(result.email_body, end="")


def _copy(link: str, settings: Settings) -> None:
    """OSC 52 to the terminal; a private file when stdout is not one (or the text too long)."""
    settings.locations.ensure_profile_dir()
    if sys.stdout.isatty():
        if clipboard.write_osc52(link, sys.stdout):
            print(t("invite.cli.copied"), file=sys.stderr)
            return
        path = clipboard.save_to_file(link, settings.locations.exports_dir, "relationship-link")
        print(t("invite.cli.too_long_saved", path=path), file=sys.stderr)
        return
    path = clipboard.save_to_file(link, settings.locations.exports_dir, "relationship-link")
    print(t("invite.cli.saved", path=path), file=sys.stderr)


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        result = asyncio.run(_invite(args, settings))
    except InvitationInputError as exc:
        print(t("invite.cli.invalid"), file=sys.stderr)
        for field, problem in exc.problems.items():
            print(t("invite.cli.field_problem", option=OPTION_FOR_FIELD.get(field, field),
                    problem=problem), file=sys.stderr)
        return EXIT_USAGE
    except (ReadOnlyError, RelationshipLinkError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILURE
    except pce.AuthenticationError as exc:
        print(t("invite.cli.sign_in", error=str(exc)), file=sys.stderr)
        return EXIT_FAILURE
    except pce.ForbiddenError as exc:
        print(t("invite.cli.forbidden", error=str(exc)), file=sys.stderr)
        return EXIT_FAILURE
    except pce.TransportError as exc:
        print(t("invite.cli.unreachable", error=str(exc)), file=sys.stderr)
        return EXIT_FAILURE
    except pce.PartnerCenterError as exc:
        print(t("invite.cli.partner_center_error", error=str(exc)), file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:
        if type(exc).__name__ == "SignInRequiredError":
            print(t("invite.cli.sign_in", error=str(exc)), file=sys.stderr)
            return EXIT_FAILURE
        raise

    if result.duplicate:
        invitation = result.invitation
        print(t("invite.cli.duplicate", domain=invitation.domain,
                sent=date_text(invitation.last_sent_at), count=invitation.send_count),
              file=sys.stderr)
    if getattr(args, "json", False):
        print(_as_json(result))
    else:
        _print_text(result)
    if getattr(args, "copy", False):
        _copy(result.link, settings)
    return EXIT_OK
