"""The e-mail that goes with a reseller relationship request.

The customer's administrator usually has never seen such a request: the text says who asks,
what exactly to do (sign in as a *Global administrator*, open the link, review, accept), what
accepting means for the distributor, and — because people rightly hesitate — what it does not
mean (no transfer of ownership, no access to data beyond what the request shows).

The language is the recipient's, chosen per invitation, not the user's interface language.
Names come from Partner Center or from a person typing them: they are inserted as plain text
with control characters removed, so the e-mail (and a terminal printing it) shows them
literally.
"""

from __future__ import annotations

from csp_tui.domain.text import safe_text
from csp_tui.i18n import LANGUAGES, tl

# Long enough for any real organisation name, short enough to keep a subject line sane.
_NAME_LIMIT = 200


def _plain(value: str | None) -> str:
    return safe_text(value or "", limit=_NAME_LIMIT).strip()


def build_email(
    *,
    language: str,
    company_name: str,
    contact_name: str | None,
    link: str,
    reseller_name: str | None,
    distributor_name: str | None,
    with_distributor: bool = True,
) -> tuple[str, str]:
    """``(subject, body)`` of the invitation e-mail in ``language`` ("cs" or "en").

    ``reseller_name`` / ``distributor_name`` may be unknown (``None``): the text then speaks
    in the first person and points at the request itself for the distributor's name.
    ``with_distributor=False`` leaves out the distributor paragraph (a direct partner's link
    authorises nobody else).
    """
    if language not in LANGUAGES:
        raise ValueError(f"unsupported e-mail language {language!r}")
    company = _plain(company_name)
    contact = _plain(contact_name)
    reseller = _plain(reseller_name)
    distributor = _plain(distributor_name)
    # The link was validated by the caller; stripping is only a last line of defence.
    url = safe_text(link).strip()

    def text(key: str, **kwargs: object) -> str:
        return tl(key, language, **kwargs)

    subject = text("invite.email.subject", company=company)
    paragraphs = [
        text("invite.email.greeting", contact=contact) if contact
        else text("invite.email.greeting_anonymous"),
        text("invite.email.intro_named", reseller=reseller, company=company) if reseller
        else text("invite.email.intro_anonymous", company=company),
        "\n".join([
            text("invite.email.steps_title"),
            text("invite.email.step_sign_in"),
            text("invite.email.step_open"),
            f"   {url}",
            text("invite.email.step_accept"),
        ]),
    ]
    if with_distributor:
        paragraphs.append(
            text("invite.email.distributor", distributor=distributor) if distributor
            else text("invite.email.distributor_unnamed")
        )
    paragraphs.append(text("invite.email.assurance"))
    paragraphs.append(
        text("invite.email.contact_named", reseller=reseller) if reseller
        else text("invite.email.contact_anonymous")
    )
    closing = text("invite.email.closing")
    paragraphs.append(f"{closing}\n{reseller}" if reseller else closing)
    return subject, "\n\n".join(paragraphs) + "\n"
