"""Creating a customer tenant safely: check everything, queue it once, send it, show the result
once.

The profile's role decides the path (:func:`capability`):

- an indirect provider or a direct partner *creates* the tenant: the request goes into the
  outbox under the key ``tenant:<domain>`` (a double keypress or a re-run of the CLI finds the
  same entry and never creates twice), then an :class:`OutboxRunner` sends it with the entry's
  idempotency key;
- an indirect reseller cannot: Partner Center answers 403, so the complete, checked request is
  written for the distributor instead (:func:`distributor_package`) and nothing is queued;
- a read-only profile does neither.

The same functions serve the console's form (field-by-field checks, a confirmation summary, a
result shown once) and ``csp-tui tenant create``. The administrator's temporary password exists
only in memory: it reaches the ``secret_sink`` callbacks and :class:`CreatedTenant`, never the
outbox, the cache, a log or an export.
"""

from csp_tui.services.onboarding.capability import Capability, capability
from csp_tui.services.onboarding.credentials import has_route, route_credentials
from csp_tui.services.onboarding.distributor_package import (
    DistributorPackage,
    distributor_package,
)
from csp_tui.services.onboarding.errors import (
    InvalidRequestError,
    NotAllowedError,
    OnboardingError,
    RequestFileError,
)
from csp_tui.services.onboarding.form_draft import (
    clear_form_draft,
    load_form_draft,
    save_form_draft,
)
from csp_tui.services.onboarding.prepare import Prepared, prepare
from csp_tui.services.onboarding.request_file import MAX_REQUEST_FILE_BYTES, load_request_file
from csp_tui.services.onboarding.resellers import provider_resellers
from csp_tui.services.onboarding.result import CreatedTenant, explain_failure, result_view
from csp_tui.services.onboarding.submit import run_until_settled, submit
from csp_tui.services.onboarding.tenant_domain import check_domain

__all__ = [
    "MAX_REQUEST_FILE_BYTES",
    "Capability",
    "CreatedTenant",
    "DistributorPackage",
    "InvalidRequestError",
    "NotAllowedError",
    "OnboardingError",
    "Prepared",
    "RequestFileError",
    "capability",
    "check_domain",
    "clear_form_draft",
    "distributor_package",
    "explain_failure",
    "has_route",
    "load_form_draft",
    "load_request_file",
    "prepare",
    "provider_resellers",
    "result_view",
    "route_credentials",
    "run_until_settled",
    "save_form_draft",
    "submit",
]
