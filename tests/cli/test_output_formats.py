"""``--output table|json|jsonl|csv|tsv`` on every listing: each format is parsed back (json,
csv), tables are measured in terminal cells and fitted to the terminal, hints go to stderr."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3

import pytest
from rich.cells import cell_len

from csp_tui import cli
from csp_tui.cli import output
from csp_tui.cli.output import Column
from csp_tui.i18n import set_language

LISTINGS = [["customers"], ["subscriptions"], ["subscriptions", "--kind", "perpetual"],
            ["invitations"], ["log"], ["seats"]]


@pytest.fixture
def filled() -> None:
    from csp_tui.cache.db import open_cache
    from csp_tui.config import load_settings
    from csp_tui.sandbox import synthetic_cache as synthetic
    from csp_tui.state.db import open_state

    settings = load_settings()
    settings.locations.ensure_profile_dir()
    cache = open_cache(settings.locations.cache_db)
    state = open_state(settings.locations.state_db)
    try:
        synthetic.populate(cache, state, customers=30, seed=5, invitations=4, command_log=250)
    finally:
        cache.close()
        state.close()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    assert cli.main(argv) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


@pytest.mark.usefixtures("filled")
@pytest.mark.parametrize("argv", LISTINGS, ids=" ".join)
def test_every_machine_format_carries_the_same_records(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    as_json = json.loads(run([*argv, "--output", "json"], capsys)[0])
    assert as_json, "the listing has rows: the comparison has work to do"
    alias = json.loads(run([*argv, "--json"], capsys)[0])
    assert alias == as_json
    lines = run([*argv, "-o", "jsonl"], capsys)[0].splitlines()
    assert [json.loads(line) for line in lines] == as_json

    def as_text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    expected = [{key: as_text(value) for key, value in record.items()} for record in as_json]
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        text = run([*argv, "-o", fmt], capsys)[0]
        assert not text.startswith("\ufeff")  # English: no BOM
        rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        assert rows == expected, fmt


@pytest.mark.usefixtures("filled")
def test_czech_csv_uses_semicolons_and_a_bom_with_the_same_field_names(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    english = run(["customers", "-o", "csv"], capsys)[0]
    monkeypatch.setenv("LANG", "cs_CZ.UTF-8")
    czech = run(["customers", "-o", "csv"], capsys)[0]
    assert czech.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(czech.removeprefix("\ufeff")), delimiter=";"))
    assert rows == list(csv.reader(io.StringIO(english)))
    assert rows[0][:3] == ["id", "company_name", "primary_domain"]
    other = run(["customers", "-o", "csv", "--csv-sep", "|"], capsys)[0]
    assert list(csv.reader(io.StringIO(other.removeprefix("\ufeff")), delimiter="|")) == rows


def test_a_bad_separator_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["customers", "-o", "csv", "--csv-sep", ";;"])
    assert exited.value.code == 2
    assert "';;'" in capsys.readouterr().err


def test_csv_keeps_remote_text_from_running_as_a_formula() -> None:
    text = output.delimited_text([{"company_name": "=HYPERLINK(\"http://x\")", "n": -3}], "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'=HYPERLINK(\"http://x\")", "-3"]


def test_an_empty_cache_says_to_sync_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = run(["customers"], capsys)
    assert out.split() == ["COMPANY", "DOMAIN", "RELATIONSHIP", "SUBS", "ATTENTION", "TENANT",
                           "ID"]
    assert "csp-tui sync" in err
    out, err = run(["subscriptions", "--json"], capsys)
    assert json.loads(out) == []
    assert "csp-tui sync" in err


@pytest.mark.usefixtures("filled")
def test_a_filter_matching_nothing_gives_no_sync_hint(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = run(["customers", "--filter", "no such company anywhere", "-o", "json"], capsys)
    assert json.loads(out) == []
    assert err == ""


@pytest.mark.usefixtures("filled")
def test_log_says_when_rows_were_left_out(capsys: pytest.CaptureFixture[str]) -> None:
    records = json.loads(run(["log", "--json"], capsys)[0])
    assert len(records) == 200
    out, err = run(["log", "--limit", "5", "-o", "jsonl"], capsys)
    assert len(out.splitlines()) == 5
    assert "5 of 250" in err and "--all" in err
    out, err = run(["log", "--all", "-o", "json"], capsys)
    assert len(json.loads(out)) == 250
    assert err == ""


def test_log_limit_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["log", "--limit", "0"]) == 2
    assert "--limit" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


COLUMNS = [Column("NAME", lambda r: r["name"]), Column("NOTE", lambda r: r["note"]),
           Column("ID", lambda r: r["id"])]
WIDE = [
    {"name": "Šumavská pekárna s.r.o. 🍞🍞 a další dlouhé jméno", "note": "中文字符的注释很长很长",
     "id": "c0ffee00-0000-4000-8000-00000000b4ce"},
    {"name": "e\u0301e\u0301 combining", "note": "-", "id": "x"},
]


@pytest.mark.parametrize("width", [40, 57, 80])
def test_a_table_on_a_terminal_fits_its_width_in_cells(
        width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    stream = Terminal()
    output.emit(argparse.Namespace(), COLUMNS, WIDE, stream=stream)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    assert max(cell_len(line) for line in lines) <= width
    assert "…" in lines[1]
    # Columns line up in cells: the "ID" heading and each id start in the same cell.
    id_start = cell_len(lines[0][:lines[0].index("ID")])
    assert cell_len(lines[1][:lines[1].index("c0ff")]) == id_start


def test_a_piped_table_is_printed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    stream = io.StringIO()
    output.emit(argparse.Namespace(), COLUMNS, WIDE, stream=stream)
    text = stream.getvalue()
    assert "…" not in text
    assert WIDE[0]["name"] in text and WIDE[0]["id"] in text


def test_cutting_counts_cells_not_code_points() -> None:
    assert output.cut("中文字符", 5) == "中文…"  # two wide letters (4 cells) and the ellipsis
    assert cell_len(output.cut("🍞🍞🍞", 4)) <= 4
    assert output.cut("e\u0301e\u0301e\u0301", 3) == "e\u0301e\u0301e\u0301"  # 3 cells: whole
    assert output.pad("中", 4) == "中  "


def test_table_cells_are_made_inert() -> None:
    text = output.table_text(COLUMNS, [{"name": "\x1b]52;c;bad\x07evil", "note": "\u202eabc",
                                        "id": "1"}], None)
    assert "\x1b" not in text and "\u202e" not in text


def test_czech_headings_come_from_the_language_of_the_run(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "cs_CZ.UTF-8")
    out, err = run(["customers"], capsys)
    assert out.split()[0] == "SPOLEČNOST"
    assert "csp-tui sync" in err
    set_language("en")


def test_the_empty_cache_check_reads_the_customers_table() -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE customers (id TEXT)")
    from csp_tui.cli.listing import _cache_is_empty

    assert _cache_is_empty(db)
    db.execute("INSERT INTO customers VALUES ('a')")
    assert not _cache_is_empty(db)


def test_fitting_keeps_short_columns_whole_and_shares_the_rest() -> None:
    # A status one cell wider than its heading, a date, and two long names, in 60 cells.
    natural, headings = [40, 7, 11, 50], [8, 4, 8, 7]
    widths = output.fit_widths(natural, 60, headings)
    assert sum(widths) + 2 * 3 == 60
    assert widths[1:3] == [7, 11]  # whole: short columns are never cut for the long ones
    assert abs(widths[0] - widths[3]) <= 1  # the long ones share the rest evenly
    assert output.fit_widths(natural, None, headings) == natural
    assert output.fit_widths([3, 4], 80, [3, 4]) == [3, 4]


def test_csv_is_utf8_whatever_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under a Latin-2 locale the letters and the BOM still arrive as UTF-8 (not '?')."""
    monkeypatch.setenv("LANG", "cs_CZ.ISO-8859-2")
    set_language("cs")
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="iso-8859-2", errors="replace")
    try:
        output.emit(argparse.Namespace(output="csv"), COLUMNS, WIDE, stream=stream)
    finally:
        set_language("en")
    text = raw.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[1][0] == WIDE[0]["name"]


#: The machine formats' field names are an interface for scripts: they come from the list
#: queries' rows, so a renamed column there would rename a field here. Adding a field is fine
#: (append it here); renaming or removing one breaks someone's script.
FIELDS = {
    "customers": ["id", "company_name", "primary_domain", "relationship", "subscription_count",
                  "attention", "attention_reason", "created_pending_at"],
    "subscriptions": ["id", "customer_id", "customer_name", "product", "offer_name", "kind",
                      "quantity", "status", "term_duration", "billing_cycle", "auto_renew",
                      "commitment_end_date", "cancellation_allowed_until", "is_trial",
                      "purchase_date", "next_renewal", "cancellation_window_open",
                      "seats_bought", "seats_assigned", "seats_unused", "seats_shared",
                      "seats_reason"],
    "invitations": ["id", "company_name", "contact_name", "contact_email", "domain", "status",
                    "created_at", "last_sent_at", "send_count", "customer_id", "age_days",
                    "by"],
    "log": ["id", "at", "method", "path", "status", "duration_ms", "request_id", "error"],
    "seats": ["customer_id", "customer_name", "subscription_id", "product", "offer_id", "kind",
              "status", "quantity", "seats_bought", "seats_assigned", "seats_unused",
              "pool_shared_with", "seats_reason"],
}


@pytest.mark.usefixtures("filled")
@pytest.mark.parametrize("command", sorted(FIELDS))
def test_machine_field_names_are_stable_snake_case(
        command: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "cs_CZ.UTF-8")  # the same names whatever the language
    out = run([command, "-o", "tsv"], capsys)[0]
    header = out.splitlines()[0].split("\t")
    assert header[:len(FIELDS[command])] == FIELDS[command]
    assert all(name.isidentifier() and name == name.lower() for name in header)
