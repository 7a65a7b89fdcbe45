"""The reseller's way: the new tenant requested from the distributor, as an e-mail and a file.

An indirect reseller cannot create tenants (Partner Center answers 403): nothing is queued."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from csp_tui.config import Profile
from csp_tui.domain.tenant import distributor_request
from csp_tui.i18n import t
from csp_tui.services.clipboard import save_to_file
from csp_tui.services.onboarding.capability import capability, ensure_writable
from csp_tui.services.onboarding.errors import InvalidRequestError, NotAllowedError
from csp_tui.services.onboarding.own_identity import own_identity
from csp_tui.services.onboarding.prepare import Prepared
from csp_tui.state import reject_secrets

if TYPE_CHECKING:
    from csp_tui.services.work_session import WorkSession

_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_UNSAFE_STEM = re.compile(r"[^a-z0-9-]+")


class DistributorPackage(NamedTuple):
    email_text: str
    json_text: str
    saved_path: Path


def distributor_package(session: WorkSession, prepared: Prepared, *,
                        language: str) -> DistributorPackage:
    """For an indirect reseller: the e-mail asking the distributor to create the tenant and the
    same request as JSON, saved (0600) under the profile's exports directory.

    Nothing is queued or sent: Partner Center would refuse the reseller (403). The JSON reads
    back with :func:`load_request_file`, so the distributor can create the tenant from it.
    """
    profile: Profile = session.settings.profile
    ensure_writable(profile)
    if capability(profile) != "request_distributor":
        raise NotAllowedError(t("onboarding.error.package_reseller_only"))
    request = prepared.request
    if request is None or not prepared.ok:
        raise InvalidRequestError(prepared.results)
    lang = language if language in ("cs", "en") else "en"
    name, mpn = own_identity(profile, lang)
    own_tenant = profile.tenant_id.strip().lower()
    email_text, document = distributor_request(
        request, reseller_name=name, reseller_mpn_id=mpn, language=lang,
        reseller_tenant_id=own_tenant if _GUID.match(own_tenant) else None)
    reject_secrets(document)
    json_text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    stem = "tenant-request-" + (_UNSAFE_STEM.sub("-", request.domain_prefix).strip("-")
                                or "customer")
    path = save_to_file(json_text, session.settings.locations.exports_dir, stem,
                        extension="json")
    return DistributorPackage(email_text, json_text, path)
