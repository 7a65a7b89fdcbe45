"""Reseller relationship requests: get the partner's link, record whom it went to, write the e-mail.

Partner Center hands out one relationship link per partner (per reseller and distributor for
the indirect model) and keeps no record of who received it, so the invitation itself is ours:
the ledger in state.db says to whom, when and which link; a sync marks an invitation accepted
once the invited domain shows up among our customers.

The link decides whom the customer gets attached to. For an indirect reseller it must name the
distributor (``indirectCSPId``): a link without it would attach the customer to the reseller
alone (or to the wrong partner), which the customer then has to undo. So the link is checked
before anything is recorded or shown.

A read-only profile may look but not act: the checks are here, not only in the screens, so the
command line and any future caller get the same refusal.
"""

from csp_tui.services.invitations.errors import (
    InvitationInputError,
    ReadOnlyError,
    RelationshipLinkError,
)
from csp_tui.services.invitations.input import (
    COMPANY_MAX,
    CONTACT_MAX,
    InviteInput,
    check_domain,
    check_email,
    check_tenant_id,
    ensure_writable,
    validate_input,
)
from csp_tui.services.invitations.link import (
    MICROSOFT_ADMIN_HOST,
    check_link,
    relationship_link,
    reseller_link_with_distributor,
)
from csp_tui.services.invitations.partner_names import (
    PROVIDER_RELATIONSHIP,
    RESELLER_RELATIONSHIP,
)
from csp_tui.services.invitations.use_cases import (
    InviteResult,
    add_note,
    cancel,
    find_pending,
    invite,
    resend,
    world_timestamp,
)

__all__ = [
    "COMPANY_MAX",
    "CONTACT_MAX",
    "MICROSOFT_ADMIN_HOST",
    "PROVIDER_RELATIONSHIP",
    "RESELLER_RELATIONSHIP",
    "InvitationInputError",
    "InviteInput",
    "InviteResult",
    "ReadOnlyError",
    "RelationshipLinkError",
    "add_note",
    "cancel",
    "check_domain",
    "check_email",
    "check_link",
    "check_tenant_id",
    "ensure_writable",
    "find_pending",
    "invite",
    "relationship_link",
    "reseller_link_with_distributor",
    "resend",
    "validate_input",
    "world_timestamp",
]
