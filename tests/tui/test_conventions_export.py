"""``:export [file]``: the list in view, filtered and sorted as shown, read back from the file."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from csp_tui.cache import views
from csp_tui.services import view_export

from .conftest import NARROW
from .test_conventions_copy import notices, settle


async def test_the_customers_as_shown_go_to_the_exports_folder_as_csv(make_console) -> None:
    console = make_console(customers=60)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        pane = console.app.main_screen.pane("customers")
        needle = "z.s."  # one legal form: some of the customers, not all
        pane.set_filter(needle)
        await pilot.press("s")  # sort by domain
        await pilot.press("S")  # descending
        await pilot.pause()
        assert await console.app.execute_command(":export")
        await settle(pilot)
        exports = console.backend.settings.locations.exports_dir
        [path] = list(exports.iterdir())
        assert path.name.startswith("customers-") and path.suffix == ".csv"
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")  # English: no byte-order mark, commas
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
        expected = views.customer_rows(console.cache, filter=needle, sort="domain",
                                       descending=True, limit=10_000)
        assert 1 < len(rows) == len(expected) < 60
        assert [row["id"] for row in rows] == [row.id for row in expected]
        assert rows[0]["company_name"] == expected[0].company_name
        assert oct(path.stat().st_mode & 0o777) == oct(0o600)
        assert any(f"Exported {len(rows)} rows to {path}" in n for n in notices(console.app))


async def test_czech_csv_has_semicolons_and_a_byte_order_mark(make_console) -> None:
    console = make_console(customers=20, language="cs")
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert await console.app.execute_command(":export zakaznici.csv")
        await settle(pilot)
        path = console.backend.settings.locations.exports_dir / "zakaznici.csv"
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        expected = views.customer_rows(console.cache, limit=10_000)
        assert [(row["id"], row["company_name"]) for row in rows] == [
            (row.id, row.company_name) for row in expected]


async def test_every_customers_subscriptions_as_json(make_console, tmp_path) -> None:
    console = make_console(customers=10)
    target = tmp_path / "out" / "subs.json"
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("3", "a")
        await pilot.pause()
        assert await console.app.execute_command(f":export {target}")
        await settle(pilot)
        data: list[dict[str, Any]] = json.loads(target.read_text(encoding="utf-8"))
        shown = console.app.main_screen.pane("subscriptions").table
        assert len(data) == shown.row_count > 10
        assert {"id", "customer_id", "product", "quantity", "status"} <= set(data[0])
        assert data[0]["id"] == shown.source.fetch(0, 1)[0].id


async def test_an_existing_file_is_kept_and_a_wrong_extension_refused(make_console) -> None:
    console = make_console(customers=5)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        exports = console.backend.settings.locations.exports_dir
        exports.mkdir(parents=True, exist_ok=True)
        (exports / "mine.csv").write_text("keep me", encoding="utf-8")
        await console.app.execute_command(":export mine.csv")
        await settle(pilot)
        assert (exports / "mine.csv").read_text(encoding="utf-8") == "keep me"
        assert any("already exists" in note for note in notices(console.app))
        await console.app.execute_command(":export list.xlsx")
        await settle(pilot)
        assert not (exports / "list.xlsx").exists()
        assert any("must end in .csv or .json" in note for note in notices(console.app))


def test_csv_cells_are_quoted_where_they_need_it() -> None:
    from dataclasses import dataclass

    @dataclass
    class Row:
        id: str
        name: str
        auto_renew: bool | None

    text = view_export.csv_text([Row("1", 'Novák; "a syn"', True), Row("2", "x", None)],
                                ["id", "name", "auto_renew"], "cs")
    assert text.startswith("\ufeffid;name;auto_renew\r\n")
    back = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert back[1:] == [["1", 'Novák; "a syn"', "true"], ["2", "x", ""]]


def test_a_remote_name_that_looks_like_a_formula_stays_text_in_csv() -> None:
    from dataclasses import dataclass

    @dataclass
    class Row:
        company_name: str
        quantity: int

    rows = [Row('=HYPERLINK("http://evil.test","x")', -1), Row("@SUM(A1)", 3),
            Row("Novák", 2)]
    back = list(csv.reader(io.StringIO(view_export.csv_text(rows, ["company_name",
                                                                  "quantity"], "en"))))
    assert back[1:] == [["'=HYPERLINK(\"http://evil.test\",\"x\")", "-1"],
                        ["'@SUM(A1)", "3"], ["Novák", "2"]]
    # JSON keeps the value as it came.
    assert json.loads(view_export.json_text(rows))[0]["company_name"].startswith("=HYPERLINK")


async def test_the_command_log_exports_from_its_own_screen(make_console) -> None:
    """From the palette on the command log screen (the command line is the main screen's)."""
    from csp_tui.tui.console_commands import resolve

    console = make_console(customers=2, command_log=12)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        command, _word, _argument = resolve(":export")
        assert command is not None
        await console.app.run_console_command(command, "log.json")
        await settle(pilot)
        path = console.backend.settings.locations.exports_dir / "log.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        assert len(data) == 12 and {"method", "path", "status"} <= set(data[0])
