"""The generated Czech demo world: valid identifiers, realistic content, determinism."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.domain.validation import ico_checksum_ok
from csp_tui.sandbox.demo_names import domain_prefix, make_ico, strip_legal_form
from csp_tui.sandbox.world import World

from . import FROZEN_AT

PSC_FIRST_DIGIT = {"Praha": "1", "Brno": "6", "Ostrava": "7", "Plzeň": "3", "Liberec": "4",
                   "Jihlava": "5", "Tábor": "3", "Prachatice": "3", "Kladno": "2"}
LEGAL_FORMS = ("s.r.o.", "a.s.", "z.s.", "příspěvková organizace", "o.p.s.", "v.o.s.",
               "spol. s r.o.", "z.ú.")


@pytest.fixture(scope="module")
def world() -> World:
    return World.generate(7, 60, now=FROZEN_AT, frozen=True)


def related(world: World) -> list:
    return [c for c in world.customers if c.state == "customer"]


@pytest.mark.parametrize("ico", ["00177041", "45274649", "27082440", "47123737", "26168685",
                                 "48136450", "00006947", "00216208", "68407700"])
def test_known_valid_icos_pass(ico: str) -> None:
    assert ico_checksum_ok(ico)


@pytest.mark.parametrize("ico", ["12345678", "00177040", "177041", "CZ27082440", "00000000"])
def test_invalid_icos_fail(ico: str) -> None:
    assert not ico_checksum_ok(ico)


def test_generated_icos_pass_the_checksum_including_the_wrapping_cases() -> None:
    import random

    rng = random.Random(1)
    values = [make_ico(rng) for _ in range(2000)]
    assert all(ico_checksum_ok(v) for v in values)
    # r = 0 and r = 1 wrap to check digits 1 and 0: make sure they occur and still validate.
    assert {v[7] for v in values} >= {"0", "1"}


def test_every_customer_and_prospect_has_a_valid_unique_ico(world: World) -> None:
    icos = [c.ico for c in world.customers]
    assert all(ico and ico_checksum_ok(ico) for ico in icos)
    assert len(set(icos)) == len(icos)


def test_big_world_icos_are_valid_too() -> None:
    big = World.generate(3, 1200, now=FROZEN_AT)
    assert all(c.ico and ico_checksum_ok(c.ico) for c in big.customers)


def test_default_world_has_sixty_customers_and_waiting_prospects(world: World) -> None:
    assert len(related(world)) == 60
    prospects = [c for c in world.customers if c.state == "prospect"]
    assert len(prospects) >= 4
    delays = [p.accepts_after for p in prospects]
    assert None in delays, "one prospect never accepts"
    assert 90.0 in delays and 600.0 in delays and 2 * 86400.0 in delays


def test_names_are_czech_with_legal_forms_and_diacritics(world: World) -> None:
    names = [c.company_name for c in related(world)]
    assert "Šumavská pekárna s.r.o." in names
    assert "Účetnictví Novák s.r.o." in names
    assert any(name.startswith("ZŠ a MŠ Horní Lhota") for name in names)
    with_form = [n for n in names if n.endswith(LEGAL_FORMS) or n.startswith("Nadační fond")]
    assert len(with_form) == len(names)
    assert sum(1 for n in names if re.search("[áčďéěíňóřšťúůýž]", n.lower())) >= 20
    assert len(set(names)) == len(names)


def test_addresses_contacts_and_domains_are_well_formed(world: World) -> None:
    for customer in world.customers:
        assert re.fullmatch(r"\d{5}", customer.postal_code), customer.postal_code
        assert customer.postal_code[0] in "1234567"
        city = customer.city.split(" ")[0]
        if city in PSC_FIRST_DIGIT:
            assert customer.postal_code[0] == PSC_FIRST_DIGIT[city], customer
        assert customer.country == "CZ"
        assert re.search(r"\d", customer.street)
        assert re.fullmatch(r"\+420\d{9}", customer.phone)
        assert customer.first_name and customer.last_name
        local, _, mail_domain = customer.email.partition("@")
        assert local and mail_domain in {customer.web_domain, *customer.custom_domains}
        assert re.fullmatch(r"[a-z0-9]+\.onmicrosoft\.com", customer.domain)
        assert 0 <= len(customer.custom_domains) <= 3
        assert all(d.endswith(".cz") for d in customer.custom_domains)
    domains = [d.lower() for c in world.customers for d in c.all_domains]
    assert len(domains) == len(set(domains))


def test_domain_prefix_transliterates_and_drops_the_legal_form() -> None:
    assert domain_prefix("Šumavská pekárna s.r.o.") == "sumavskapekarna"
    assert strip_legal_form("ZŠ a MŠ Horní Lhota, příspěvková organizace") == "ZŠ a MŠ Horní Lhota"
    assert re.fullmatch(r"[a-z0-9]+", domain_prefix("Ateliér [kontura] s.r.o."))


def test_ownership_reseller_other_reseller_and_direct(world: World) -> None:
    customers = related(world)
    mine = [c for c in customers if c.reseller_id == identity.RESELLER_TENANT_ID]
    other = [c for c in customers if c.reseller_id == identity.OTHER_RESELLER_TENANT_ID]
    direct = [c for c in customers if c.reseller_id is None]
    assert len(mine) > len(other) >= 3
    assert len(direct) >= 1
    assert all(c.provider_id == identity.PROVIDER_TENANT_ID for c in customers)
    for customer in mine:
        assert all(s.partner_id == identity.RESELLER_MPN_ID for s in customer.subscriptions)


def test_ids_are_guids_some_in_mixed_case(world: World) -> None:
    guid = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                      r"[0-9a-fA-F]{12}")
    ids = [c.id for c in world.customers]
    assert all(guid.fullmatch(i) for i in ids)
    assert any(i != i.lower() for i in ids)
    assert sum(1 for i in ids if i == i.lower()) > len(ids) * 0.8


def test_subscriptions_cover_the_interesting_cases(world: World) -> None:
    now = FROZEN_AT
    subs = [s for c in related(world) for s in c.subscriptions]
    per_customer = [len(c.subscriptions) for c in related(world)]
    assert min(per_customer) >= 1 and max(per_customer) <= 6
    assert {"active", "suspended", "expired", "deleted"} <= {s.status for s in subs}
    assert sum(s.status == "active" for s in subs) > len(subs) / 2
    assert any(s.is_trial for s in subs)
    nce = [s for s in subs if s.product_type == "OnlineServicesNCE"]
    software = [s for s in subs if s.product_type == "Software"]
    assert {("P1M", "monthly"), ("P1Y", "monthly"), ("P1Y", "annual")} <= {
        (s.term_duration, s.billing_cycle) for s in nce}
    assert {"annual", "triennial", "monthly"} <= {s.billing_cycle for s in software}
    assert {"P1Y", "P3Y"} <= {s.term_duration for s in software}
    assert all(re.fullmatch(r"CFQ7TTC0\w{4}:\d{4}:CFQ7TTC0\w{4}", s.offer_id) for s in nce)
    assert all(re.fullmatch(r"DG7GMGF0\w{4}:\d{4}:DG7GMGF0\w{4}", s.offer_id) for s in software)
    active = [s for s in subs if s.status == "active"]
    assert any(now - s.term_start < timedelta(days=7) for s in active), "a fresh purchase"
    assert any(timedelta(0) < s.commitment_end - now <= timedelta(days=30) for s in active)
    assert any(not s.auto_renew for s in active)
    for sub in subs:
        assert sum(b.quantity for b in sub.batches) == sub.quantity or sub.status == "deleted"


def test_perpetual_licences_and_qualifications(world: World) -> None:
    entitlements = [e for c in related(world) for e in c.entitlements]
    names = {e.product_name for e in entitlements}
    assert {"Windows Server 2025 Standard - 16 Core License Pack",
            "Office LTSC Professional Plus 2024"} <= names
    assert all(e.product_id.startswith("DG7GMGF0") and e.purchase_date < FROZEN_AT
               for e in entitlements)
    statuses = {q.vetting_status: c for c in related(world) for q in c.qualifications}
    assert set(statuses) == {"InReview", "Approved", "Denied"}
    assert statuses["InReview"].company_name.startswith("ZŠ")
    assert "Vysoká škola" in statuses["Approved"].company_name
    denied = next(q for q in statuses["Denied"].qualifications)
    assert denied.vetting_reason == "Not an Education Customer"


def test_generation_is_deterministic_for_a_seed() -> None:
    first = World.generate(11, 80, now=FROZEN_AT, frozen=True).to_dict()
    second = World.generate(11, 80, now=FROZEN_AT, frozen=True).to_dict()
    assert first == second
    other = World.generate(12, 80, now=FROZEN_AT, frozen=True)
    assert [c.id for c in other.customers] != [c["id"] for c in first["customers"]]


def test_a_small_world_is_a_prefix_of_a_bigger_one() -> None:
    small = World.generate(7, 60, now=FROZEN_AT)
    big = World.generate(7, 300, now=FROZEN_AT)
    small_ids = [c.id for c in small.customers if c.state == "customer"]
    big_ids = [c.id for c in big.customers if c.state == "customer"]
    assert big_ids[:60] == small_ids
