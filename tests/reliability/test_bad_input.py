"""Bad input from every side: arbitrary JSON from Partner Center, any text in a filter, huge,
empty, binary, right-to-left and emoji input on the command line and in request files, and a
profile whose files are damaged, missing, read-only or on a full disk.

A bad config file is covered by ``tests/auth/test_config.py`` (every key, type and file
problem, exit code 2); here only what it does not feed: a binary file.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from csp_tui import cli
from csp_tui.cache import store, views
from csp_tui.cache.db import open_cache
from csp_tui.config import load_settings
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center import models
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.partner_center.models import PCModel, parse_collection
from csp_tui.sandbox import synthetic_cache as synthetic
from csp_tui.services import mapping
from csp_tui.state import invitations
from csp_tui.state import views as state_views
from csp_tui.state.db import open_state

from .conftest import integrity_problems, make_world, state_rows

# -- arbitrary JSON against the wire models ------------------------------------------------------

WIRE_MODELS = sorted(
    (cls for name in models.__all__
     if isinstance(cls := getattr(models, name), type) and issubclass(cls, PCModel)
     and cls not in (PCModel, models.Collection, models.CustomerCreate)),
    key=lambda cls: cls.__name__)


def _known_keys() -> list[str]:
    """Every key spelling the models look for, in the casings Partner Center uses."""
    keys: set[str] = set()
    for model in WIRE_MODELS:
        for name, info in model.model_fields.items():
            camel = "".join(part.capitalize() if i else part
                            for i, part in enumerate(name.split("_")))
            keys.update({name, camel, camel[:1].upper() + camel[1:], info.alias or name})
        keys.update(model._alternate_keys)
    keys.update({"items", "links", "next", "uri", "headers", "continuationToken", "attributes",
                 "etag", "userCredentials", "password"})
    return sorted(keys)


KEYS = st.one_of(st.sampled_from(_known_keys()), st.text(max_size=12))
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(["", " ", "null", "0", "1e999", "9" * 5000, "2026-13-45T25:61:61Z",
                     "0001-01-01T00:00:00", "\u202eevil", "\x1b]52;c;ZXZpbA==\x07",
                     "[bold]x[/]", "\ud800", "active", "Suspended", "education"]),
)
JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=8)), max_leaves=30)


COLLECTED = (models.Customer, models.Subscription, models.Entitlement, models.Qualification,
             models.PartnerRelationship)


@settings(max_examples=300, deadline=None)
@given(data=JSON)
def test_every_wire_model_reads_any_json_or_says_validation_error(data):
    # One document against every model: generating nested JSON costs more than reading it.
    for model in WIRE_MODELS:
        try:
            parsed = model.model_validate(data)
        except ValidationError:
            continue
        assert isinstance(parsed, model)
        parsed.model_dump()  # what the cache stores must be readable back
    for model in COLLECTED:
        # parse_collection documents TypeError for a top-level shape that is no collection.
        try:
            collection = parse_collection(model, data)
        except (ValidationError, TypeError):
            continue
        assert all(isinstance(item, model) for item in collection.items)


def test_the_property_covers_every_wire_model():
    assert len(WIRE_MODELS) >= 15
    assert {models.Customer, models.Subscription, models.CreatedCustomer} <= set(WIRE_MODELS)


# -- anything Partner Center sends reaches the cache or is a typed error ------------------------


def _customer_items(draw_names: list[Any]) -> dict[str, Any]:
    return {"totalCount": len(draw_names), "items": [
        {"id": f"00000000-0000-4000-8000-{index:012d}",
         "companyProfile": {"companyName": name, "domain": name},
         "relationshipToPartner": "reseller"}
        for index, name in enumerate(draw_names)]}


class _Tokens:
    async def get_token(self, *, force_refresh: bool = False) -> str:
        return "unused-token-value"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(st.one_of(st.text(max_size=30), SCALARS), min_size=1, max_size=5),
       noise=st.sampled_from(["", "\ufeff", "?"]))
def test_any_customer_page_is_stored_or_refused_with_a_typed_error(tmp_path_factory, names,
                                                                   noise):
    # ensure_ascii: a lone surrogate travels as a "\ud800" escape, as JSON allows.
    body = (noise + json.dumps(_customer_items(names), ensure_ascii=True)).encode()
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    database = open_cache(tmp_path_factory.mktemp("page") / "cache.db")

    async def read() -> list[models.Customer]:
        async with PartnerCenterClient("https://pc.example", _Tokens(), transport=transport,
                                       max_retries=0) as client:
            return await client.list_customers()

    try:
        try:
            customers = asyncio.run(read())
        except pce.PartnerCenterError:
            return
        rows = [mapping.customer_row(customer) for customer in customers]
        store.upsert_customer_page(database, rows, run_id=store.start_run(database, "full"))
        shown = views.customer_rows(database, limit=50)
        assert {row.id for row in shown} <= {row.id for row in rows}
    finally:
        database.close()


def test_a_lone_surrogate_from_partner_center_does_not_stop_the_sync(tmp_path, reliability):
    """``"\\ud800"`` is valid JSON; the string it makes cannot be stored in SQLite."""
    body = b'{"items": [{"id": "00000000-0000-4000-8000-000000000001", "companyProfile": ' \
           b'{"companyName": "Pek\\u00e1rna \\ud800 s.r.o.", "domain": "pekarna.cz"}}]}'
    def answer(request: httpx.Request) -> httpx.Response:
        # The fake server's own count of what it was asked and what it served.
        reliability.operation("request")
        reliability.fault("lone surrogate", body.count(b"\\ud800"))
        return httpx.Response(200, content=body)

    transport = httpx.MockTransport(answer)
    database = open_cache(tmp_path / "cache.db")

    async def read() -> list[models.Customer]:
        async with PartnerCenterClient("https://pc.example", _Tokens(),
                                       transport=transport) as client:
            return await client.list_customers()

    try:
        rows = [mapping.customer_row(c) for c in asyncio.run(read())]
        store.upsert_customer_page(database, rows, run_id=store.start_run(database, "full"))
        names = [row.company_name for row in views.customer_rows(database)]
    finally:
        database.close()
    reliability.record("lone surrogate in a company name from Partner Center",
                       lost=1 - len(names))
    assert names == ["Pekárna \ufffd s.r.o."]


# -- any text in a filter -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def populated(tmp_path_factory):
    root = tmp_path_factory.mktemp("views")
    cache = open_cache(root / "cache.db")
    state = open_state(root / "state.db")
    synthetic.populate(cache, state, customers=40, subscriptions_per_customer=3, seed=11,
                       invitations=6, command_log=12, hostile=True, removed=2)
    yield cache, state
    cache.close()
    state.close()


FILTER_TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(["%", "_", "\\", "%_\\", "'", "\"", "' OR 1=1 --", "\x00", "\ud800\udfff",
                     "\udcff", "a" * 10000, "😀", "\u202e", "ﷺ", "Ⅻ", "ǅ", "ß", "İ"]),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture])
@given(text=FILTER_TEXT)
def test_any_filter_text_lists_a_subset_and_never_fails(populated, text):
    cache, state = populated
    everyone = {row.id for row in views.customer_rows(cache, limit=1000)}
    found = views.customer_rows(cache, filter=text, limit=1000)
    assert {row.id for row in found} <= everyone
    assert views.count_customers(cache, filter=text) == len(found)
    subs = views.subscription_rows(cache, filter=text, limit=1000)
    assert views.count_subscriptions(cache, filter=text) == len(subs)
    assert len(state_views.invitation_rows(state, filter=text, limit=1000)) == \
        state_views.count_invitations(state, filter=text)
    assert len(state_views.command_rows(state, filter=text, limit=1000)) == \
        state_views.count_commands(state, filter=text)


def test_a_filter_finds_what_it_names_whatever_the_accents(populated):
    cache, _ = populated
    name = views.customer_rows(cache, limit=1)[0].company_name
    found = views.customer_rows(cache, filter=name.upper(), limit=1000)
    assert name in [row.company_name for row in found]


# -- the command line fed bad input ---------------------------------------------------------------

HUGE = "Ž" * 200_000
BINARY = "\udcff\udcfe\udc80"  # undecodable bytes of an argument, as Python hands them over
RTL = "\u202eevil.exe\u202c שלום مرحبا"
EMOJI = "Pekárna 🥐👩‍🍳 s.r.o."
CONTROL = "Evil\x1b]52;c;ZXZpbA==\x07 \x1b[31mred\x1b[0m [bold]x[/]"
TEXTS = {"huge": HUGE, "empty": "", "binary": BINARY, "rtl": RTL, "emoji": EMOJI,
         "control": CONTROL}


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def synced(isolated_home, capsys):
    (isolated_home / "config.toml").write_text(
        '[profiles.sandbox]\nkind = "sandbox"\nrate_limit_per_minute = 100000\n'
        'request_timeout_seconds = 2\n', encoding="utf-8")
    settings_ = load_settings("sandbox")
    make_world(settings_.locations.sandbox_state, customers=20)
    assert cli.main(["sync", "--quiet"]) == 0
    capsys.readouterr()
    return settings_


@pytest.mark.parametrize("kind", sorted(TEXTS))
def test_customers_filter_with_bad_text(synced, capsys, reliability, kind):
    _, everyone, _ = _run(capsys, ["customers", "--json"])
    reliability.begin()
    code, out, err = _run(capsys, ["customers", "--filter", TEXTS[kind]])
    json_code, json_out, _ = _run(capsys, ["customers", "--filter", TEXTS[kind], "--json"])
    reliability.faults_with(TEXTS[kind], f"{kind} argument")
    reliability.record("CLI `customers --filter` with huge/empty/binary/RTL/emoji text",
                       lost=int(code != 0) + int(json_code != 0))
    assert (code, json_code) == (0, 0), err
    assert "\x1b" not in out + json_out
    assert out.splitlines()[0].startswith("COMPANY")
    # An empty filter lists everyone; none of the odd texts names a demo customer.
    assert json.loads(json_out) == (json.loads(everyone) if kind == "empty" else [])


@pytest.mark.parametrize("kind", sorted(TEXTS))
def test_invite_company_with_bad_text(synced, capsys, reliability, kind):
    before = state_rows(synced.locations.state_db)
    code, out, err = _run(capsys, ["invite", "--company", TEXTS[kind], "--email",
                                   "jana@example.cz", "--domain", f"{kind}-firma.cz", "--json"])
    after = state_rows(synced.locations.state_db)
    reliability.faults_with(TEXTS[kind], f"{kind} argument")
    reliability.record("CLI `invite --company` with huge/empty/binary/RTL/emoji text",
                       lost=int(code not in (0, 2)))
    assert "\x1b" not in out + err
    if kind in ("huge", "empty", "binary"):
        assert code == 2, err
        assert "--company" in err and out == ""
        assert after == before  # nothing half-recorded
    else:
        assert code == 0, err
        name = json.loads(out)["company_name"]
        assert name.strip() and not any(ch in name for ch in "\x1b\x07\u202e\u202c")
        assert len(after["invitations"]) == len(before["invitations"]) + 1


def _request(company: str) -> dict[str, str]:
    return {"company_name": company, "ico": "27082440", "street": "Husova 12/3",
            "city": "Tábor", "postal_code": "390 02", "country": "CZ", "first_name": "Jana",
            "last_name": "Nováková", "email": "jana@pekarna-lipa.cz",
            "phone": "+420 602 123 456", "domain_prefix": "pekarnaulipy", "culture": "cs-CZ"}


REQUEST_FILES = {
    "empty": b"",
    "huge": b"{" + b" " * 2_000_000 + b"}",
    "binary": bytes(range(256)) * 20,
    "not utf-8": '{"company_name": "Pekárna"}'.encode("cp1250"),
    "lone surrogate": json.dumps(_request("Pek\ud800arna s.r.o.")).encode(),
    "rtl": json.dumps(_request("\u202eanrákeP s.r.o. مرحبا"), ensure_ascii=False).encode(),
    "emoji": json.dumps(_request(EMOJI), ensure_ascii=False).encode(),
    "control": json.dumps(_request(CONTROL), ensure_ascii=False).encode(),
    "a list": b"[1, 2, 3]",
}


@pytest.mark.parametrize("kind", list(REQUEST_FILES))
def test_tenant_create_file_with_bad_content(isolated_home, tmp_path, capsys, reliability,
                                             kind, secret_registry):
    (isolated_home / "config.toml").write_text(
        '[profiles.dist]\nkind = "sandbox"\nrole = "indirect-provider"\n'
        'rate_limit_per_minute = 100000\nrequest_timeout_seconds = 2\n', encoding="utf-8")
    dist = load_settings("dist")
    make_world(dist.locations.sandbox_state, customers=10, role="indirect-provider")
    path = tmp_path / "request.json"
    path.write_bytes(REQUEST_FILES[kind])
    code, out, err = _run(capsys, ["-p", "dist", "tenant", "create", "--file", str(path)])
    for line in out.splitlines():
        if line.startswith("Temporary password: "):
            secret_registry.add(line.split(": ", 1)[1])
    reliability.faults_with(str(path), f"{kind} file")
    reliability.record("CLI `tenant create --file` with huge/empty/binary/RTL/emoji files",
                       lost=int(code not in (0, 2)))
    assert "\x1b" not in out + err and "Traceback" not in err
    if kind == "emoji":
        assert code == 0, err  # odd but visible names are names
        assert "Tenant created" in out
    elif kind in ("rtl", "control", "lone surrogate"):
        # Never silently cleaned: refused, naming the field and the character.
        assert code == 2 and "Tenant created" not in out
        assert "Company name" in err and "a character nobody can see" in err
    else:
        assert code == 2
        assert str(path) in err and out == ""


def test_a_binary_config_file_is_a_configuration_error(isolated_home, capsys):
    (isolated_home / "config.toml").write_bytes(bytes(range(256)))
    code, out, err = _run(capsys, ["customers"])
    assert code == 2 and out == ""
    assert "config.toml" in err


# -- damaged, missing, read-only, full ------------------------------------------------------------


def test_corrupt_cache_is_rebuilt_with_a_message_for_listings_too(synced, capsys, reliability):
    before = state_rows(synced.locations.state_db)
    synced.locations.cache_db.write_bytes(b"\x00garbage" * 512)
    reliability.fault("corrupt cache.db")
    code, out, err = _run(capsys, ["customers"])
    aside = list(synced.locations.profile_dir.glob("cache.db.unusable-*"))
    lost = int(state_rows(synced.locations.state_db) != before)
    reliability.record("corrupt cache.db (moved aside, rebuilt, said so)", lost=lost)
    assert code == 0
    assert "could not be used" in err and str(aside[0]) in err
    assert out.splitlines()[0].startswith("COMPANY")
    assert lost == 0


def test_corrupt_state_db_is_never_replaced(synced, capsys, reliability):
    garbage = b"not a database " * 300
    synced.locations.state_db.write_bytes(garbage)
    reliability.fault("corrupt state.db")
    for suffix in ("-wal", "-shm"):
        synced.locations.state_db.with_name("state.db" + suffix).unlink(missing_ok=True)
    code, out, err = _run(capsys, ["invitations"])
    assert out == ""
    sync_code, _, sync_err = _run(capsys, ["sync", "--quiet"])
    kept = synced.locations.state_db.read_bytes() == garbage
    reliability.record("corrupt state.db (refused, never replaced)", lost=int(not kept))
    assert (code, sync_code) == (1, 1)
    assert "cannot use the profile's files" in err and "state.db" in err
    assert "state.db" in sync_err and "Traceback" not in err + sync_err
    assert kept


@pytest.mark.parametrize("command", [["customers"], ["sync", "--quiet"], ["invitations"],
                                     ["invite", "--company", "Firma s.r.o.", "--email",
                                      "jana@firma.cz", "--domain", "firma.cz"]])
def test_a_file_where_the_profile_directory_should_be(isolated_home, capsys, reliability,
                                                      command):
    blocker = isolated_home / "profiles" / "sandbox"
    blocker.parent.mkdir(parents=True)
    blocker.write_text("not a directory", encoding="utf-8")
    reliability.fault("file in place of the profile directory")
    code, out, err = _run(capsys, command)
    reliability.record("profile directory is a file / not creatable",
                       lost=int(blocker.read_text(encoding="utf-8") != "not a directory"))
    assert code == 1 and out == ""
    assert "cannot use the profile's files" in err and str(blocker) in err
    assert blocker.read_text(encoding="utf-8") == "not a directory"


def test_a_home_nobody_can_create(monkeypatch, capsys):
    monkeypatch.setenv("CSP_TUI_HOME", "/proc/self/csp-tui-cannot-be-here")
    code, out, err = _run(capsys, ["customers"])
    assert code == 1 and out == ""
    assert "cannot use the profile's files" in err and "/proc/self" in err


def test_disk_full_in_the_middle_of_a_sync(synced, capsys, monkeypatch, reliability):
    state_before = state_rows(synced.locations.state_db)
    snapshot_before = _snapshot(synced)
    real = store.write_customer_detail
    written: list[int] = []

    def full_after_five(db, detail, **kwargs):
        if len(written) >= 5:
            reliability.fault("disk full")
            raise sqlite3.OperationalError("database or disk is full")
        written.append(1)
        return real(db, detail, **kwargs)

    monkeypatch.setattr(store, "write_customer_detail", full_after_five)
    code, _out, err = _run(capsys, ["sync", "--quiet"])
    monkeypatch.setattr(store, "write_customer_detail", real)
    problems = (integrity_problems(synced.locations.cache_db)
                + integrity_problems(synced.locations.state_db))
    after_code, _, _ = _run(capsys, ["sync", "--quiet"])
    lost = (len(problems) + int(state_rows(synced.locations.state_db) != state_before)
            + int(_snapshot(synced) != snapshot_before))
    reliability.record("disk full in the middle of a sync", lost=lost)
    assert code == 1
    assert "database or disk is full" in err and "Traceback" not in err
    assert problems == []
    assert after_code == 0
    assert lost == 0


def _snapshot(settings_) -> dict[str, Any]:
    db = open_cache(settings_.locations.cache_db, rebuild_if_unusable=False)
    try:
        return store.snapshot(db)
    finally:
        db.close()


def test_read_only_databases_still_list_and_refuse_writes_clearly(synced, capsys, monkeypatch,
                                                                  reliability):
    """As if the profile directory were read-only (root ignores file modes, so the
    connections themselves are opened read-only)."""
    from csp_tui.db import connection as dbmod

    state_db = synced.locations.state_db
    state = open_state(state_db)
    invitations.record(state, company_name="Kept s.r.o.", contact_name="Jana",
                       contact_email="jana@kept.cz", domain="kept.cz",
                       link="https://admin.microsoft.com/x")
    state.close()
    before = state_rows(state_db)
    _, everyone, _ = _run(capsys, ["customers", "--json"])
    reliability.begin()
    connect = dbmod.connect

    def read_only(path):
        reliability.fault("read-only database")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False, timeout=1)
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    monkeypatch.setattr(dbmod, "connect", read_only)
    list_code, listed, _ = _run(capsys, ["customers", "--json"])
    write_code, _out, err = _run(capsys, ["invite", "--company", "Nová s.r.o.", "--email",
                                         "jana@nova.cz", "--domain", "nova.cz"])
    monkeypatch.setattr(dbmod, "connect", connect)
    lost = int(state_rows(state_db) != before) + int(list_code != 0)
    reliability.record("read-only profile: lists work, writes refused clearly", lost=lost)
    assert list_code == 0 and json.loads(listed) == json.loads(everyone) != []
    assert write_code == 1
    assert "readonly" in err.replace("-", "").replace(" ", "") and "Traceback" not in err
    assert lost == 0
