"""Why an invitation cannot be made: the profile, the input, or the link."""

from __future__ import annotations


class ReadOnlyError(PermissionError):
    """The profile is read-only; nothing was changed."""


class InvitationInputError(ValueError):
    """What the person typed cannot make an invitation.

    ``problems`` maps a field name (``company_name``, ``contact_email``, ``domain``,
    ``contact_name``, ``language``, ``reseller_id``) to a translated message.
    """

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{field}: {text}" for field, text in self.problems.items()))


class RelationshipLinkError(ValueError):
    """Partner Center returned a link that must not be sent to a customer."""
