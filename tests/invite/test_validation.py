"""Input validation and the relationship-link checks (no network: a stub client)."""

from __future__ import annotations

import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.config import Profile, builtin_profiles
from csp_tui.services.invitations import (
    InvitationInputError,
    RelationshipLinkError,
    check_link,
    relationship_link,
    validate_input,
)
from csp_tui.services.invitations.link import _link_parameters

RESELLER = builtin_profiles()["sandbox"]
PROVIDER = builtin_profiles()["sandbox-provider"]


def _variant(profile: Profile, **updates: object) -> Profile:
    return Profile.model_validate({**profile.model_dump(), **updates})


DIRECT = _variant(RESELLER, role="direct", indirect_provider_id="")
PRODUCTION_RESELLER = _variant(RESELLER, kind="partner-center")

DISTRIBUTOR = identity.PROVIDER_TENANT_ID
GOOD_LINK = (
    "https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship"
    f"&partnerId={identity.RESELLER_TENANT_ID}&msppId=6240417&indirectCSPId={DISTRIBUTOR}"
    "&DAP=false#/BillingAccounts/partner-invitation"
)


def _input(profile=RESELLER, **overrides):
    fields = {"company_name": "Účetnictví Novák s.r.o.", "contact_name": "Petr Novák",
              "contact_email": "Petr.Novak@Novak-Ucetnictvi.CZ", "domain": " Novak-Ucetnictvi.CZ. ",
              "language": "cs"}
    fields.update(overrides)
    return validate_input(profile, **fields)


def test_valid_input_is_normalised() -> None:
    data = _input()
    assert data.domain == "novak-ucetnictvi.cz"
    assert data.contact_email == "Petr.Novak@novak-ucetnictvi.cz"
    assert data.company_name == "Účetnictví Novák s.r.o."
    assert data.reseller_id is None


@pytest.mark.parametrize("domain", [
    "https://novak.cz", "novak", "novák.cz", "novak .cz", "-novak.cz", "novak..cz",
    "jana@novak.cz", "novak.c", "novak.cz/path", "",
])
def test_bad_domains_are_refused(domain: str) -> None:
    with pytest.raises(InvitationInputError) as caught:
        _input(domain=domain)
    assert set(caught.value.problems) == {"domain"}


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(InvitationInputError) as caught:
        _input(company_name="  \x1b\x07\t ", contact_email="jana.novak.cz", domain="novak",
               language="de")
    problems = caught.value.problems
    assert set(problems) == {"company_name", "contact_email", "domain", "language"}
    assert "organisation name" in problems["company_name"]
    assert "“novak”" in problems["domain"]


def test_messages_follow_the_interface_language() -> None:
    from csp_tui import i18n

    i18n.set_language("cs")
    with pytest.raises(InvitationInputError) as caught:
        _input(company_name="", domain="x")
    assert "Zadejte název organizace" in caught.value.problems["company_name"]
    assert "není název domény" in caught.value.problems["domain"]


def test_reseller_rules_per_role() -> None:
    with pytest.raises(InvitationInputError) as caught:
        _input(PROVIDER)
    assert "reseller_id" in caught.value.problems
    with pytest.raises(InvitationInputError) as caught:
        _input(PROVIDER, reseller_id="not-a-guid")
    assert "reseller_id" in caught.value.problems
    upper = identity.RESELLER_TENANT_ID.upper()
    assert _input(PROVIDER, reseller_id=upper).reseller_id == identity.RESELLER_TENANT_ID
    with pytest.raises(InvitationInputError) as caught:
        _input(RESELLER, reseller_id=identity.RESELLER_TENANT_ID)
    assert "distributor" in caught.value.problems["reseller_id"]


def test_good_link_passes() -> None:
    assert check_link(GOOD_LINK, RESELLER) == GOOD_LINK
    assert check_link(GOOD_LINK, PRODUCTION_RESELLER) == GOOD_LINK


@pytest.mark.parametrize("link, reason", [
    (GOOD_LINK.replace("https://", "http://"), "https"),
    (GOOD_LINK.replace("admin.microsoft.com", "admin.microsoft.com.evil.example"), "host"),
    (GOOD_LINK.replace("admin.microsoft.com", "sandbox.csp-tui.invalid"), "host"),
    ("javascript:alert(1)//admin.microsoft.com", "host"),
    (GOOD_LINK.replace(f"&indirectCSPId={DISTRIBUTOR}", ""), "distributor"),
    (GOOD_LINK.replace(DISTRIBUTOR, identity.OTHER_RESELLER_TENANT_ID), "distributor"),
    (GOOD_LINK + "\x1b]52;c;eA==\x07", "control"),
    (GOOD_LINK.replace("&DAP", " &DAP"), "control"),
    ("", "control"),
])
def test_unusable_links_are_refused(link: str, reason: str) -> None:
    # The production profile: only Microsoft's host is acceptable.
    with pytest.raises(RelationshipLinkError) as caught:
        check_link(link, PRODUCTION_RESELLER)
    message = str(caught.value)
    assert "nothing was recorded" in message
    expected = {"https": "https://", "host": "unexpected host", "distributor": DISTRIBUTOR,
                "control": "control characters"}[reason]
    assert expected in message


def test_emulator_hosts_only_for_emulator_profiles() -> None:
    in_process = GOOD_LINK.replace("https://admin.microsoft.com",
                                   "https://sandbox.csp-tui.invalid")
    assert check_link(in_process, RESELLER) == in_process
    served = _variant(PRODUCTION_RESELLER, base_url="http://127.0.0.1:8765")
    loopback = GOOD_LINK.replace("https://admin.microsoft.com", "http://127.0.0.1:8765")
    assert check_link(loopback, served) == loopback
    with pytest.raises(RelationshipLinkError):
        check_link(loopback, PRODUCTION_RESELLER)


class StubClient:
    def __init__(self, link: str) -> None:
        self.link = link
        self.calls: list[dict[str, str | None]] = []

    async def relationship_request_link(self, **kwargs: str | None) -> str:
        self.calls.append(kwargs)
        return self.link


async def test_reseller_link_names_the_distributor() -> None:
    client = StubClient(GOOD_LINK)
    assert await relationship_link(client, RESELLER) == GOOD_LINK
    assert client.calls == [{"indirect_csp_id": DISTRIBUTOR}]


# Partner Center's one documented answer (pc-samples/relationship-request.json): the plain
# link, without the distributor.
DOCUMENTED_LINK = (
    "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship"
    f"&partnerId={identity.RESELLER_TENANT_ID}&msppId=0&DAP=false"
    "#/BillingAccounts/partner-invitation"
)


async def test_reseller_link_in_the_documented_shape_gets_the_distributor() -> None:
    client = StubClient(DOCUMENTED_LINK)
    link = await relationship_link(client, RESELLER)
    params = _link_parameters(link)
    assert params["invtype"] == "IndirectResellerRelationship"
    assert params["indirectcspid"] == DISTRIBUTOR
    assert params["partnerid"] == identity.RESELLER_TENANT_ID
    assert params["msppid"] == RESELLER.reseller_mpn_id
    assert link.startswith("https://admin.microsoft.com/")
    assert link.endswith("#/BillingAccounts/partner-invitation")


async def test_reseller_link_naming_another_distributor_is_an_error() -> None:
    other = "11111111-2222-4333-8444-555555555555"
    client = StubClient(GOOD_LINK.replace(DISTRIBUTOR, other))
    with pytest.raises(RelationshipLinkError, match="wrong partner"):
        await relationship_link(client, RESELLER)


async def test_reseller_profile_without_distributor_id_is_refused_before_calling() -> None:
    client = StubClient(GOOD_LINK)
    with pytest.raises(RelationshipLinkError, match="indirect_provider_id"):
        await relationship_link(client, _variant(RESELLER, indirect_provider_id=""))
    assert client.calls == []


async def test_provider_link_needs_and_carries_the_reseller() -> None:
    client = StubClient(GOOD_LINK)
    with pytest.raises(InvitationInputError):
        await relationship_link(client, PROVIDER)
    assert client.calls == []
    reseller = identity.RESELLER_TENANT_ID
    assert await relationship_link(client, PROVIDER, reseller_id=reseller) == GOOD_LINK
    assert client.calls == [{"indirect_reseller_id": reseller}]
    wrong = StubClient(GOOD_LINK.replace(reseller, identity.OTHER_RESELLER_TENANT_ID))
    with pytest.raises(RelationshipLinkError, match=reseller):
        await relationship_link(wrong, PROVIDER, reseller_id=reseller)


async def test_direct_link_has_no_parameters() -> None:
    plain = ("https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship"
             "&partnerId=11111111-2222-3333-4444-555555555555&msppId=0&DAP=false"
             "#/BillingAccounts/partner-invitation")
    client = StubClient(plain)
    assert await relationship_link(client, DIRECT) == plain
    assert client.calls == [{}]
