"""Every listing's output, in one place: ``--output table|json|jsonl|csv|tsv``.

A listing command builds two things and hands them to :func:`emit`:

- **records**: one flat ``dict`` per row with stable snake_case keys and JSON values (str, int,
  float, bool, None). They are what every machine format prints — the same keys in JSON, JSON
  Lines, CSV and TSV, whatever the person's language, so a script written once keeps working.
- **columns**: the table a person reads, as :class:`Column` (a translated heading and a
  function from a record to the words in its cell).

Its arguments come from :func:`add_output_arguments` (``--output``/``-o``, ``--json`` as the
alias of ``--output json``, ``--csv-sep``). A new listing (``today``, ``catalog``, ``seats``,
``outbox`` …) needs nothing else::

    add_output_arguments(parser)                        # in cli/main.py
    ...
    return emit(args, COLUMNS, records, empty_hint=t("…"))   # in its handler

The table is measured in terminal cells (a CJK letter or an emoji takes two, a combining mark
none), fitted to the terminal's width by cutting the widest columns with ``…``, and printed in
full when stdout is not a terminal (``| cat``, a file, cron), where nothing can be cut off.
CSV follows the person's convention: Czech Excel expects ``;`` and a UTF-8 BOM, so Czech gets
those and English ``,`` without a BOM; ``--csv-sep`` overrides the separator.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from rich.cells import cell_len

from csp_tui.domain.text import safe_text
from csp_tui.i18n import get_language, t
from csp_tui.output_encoding import json_ascii_only

FORMATS = ("table", "json", "jsonl", "csv", "tsv")
ELLIPSIS = "…"
GAP = "  "
#: A column is never cut narrower than this many cells (a heading stays recognisable).
MIN_CELLS = 6

Record = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One column of the table a person reads: its translated heading and its cell's words."""

    heading: str
    cell: Callable[[Record], str]


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """``--output``/``-o FORMAT``, ``--json`` (its alias for ``--output json``), ``--csv-sep``."""
    parser.add_argument("--output", "-o", choices=FORMATS, default=None,
                        metavar=t("cli_output.metavar.format"), help=t("cli_output.opt.output"))
    parser.add_argument("--json", dest="output", action="store_const", const="json",
                        help=t("cli_output.opt.json"))
    parser.add_argument("--csv-sep", default=None, type=_separator,
                        metavar=t("cli_output.metavar.char"), help=t("cli_output.opt.csv_sep"))


def _separator(value: str) -> str:
    # "\t" typed in a shell arrives as backslash-t; "tab" is easier to type still.
    value = {"\\t": "\t", "tab": "\t"}.get(value, value)
    if len(value) != 1 or value in "\"\r\n":
        raise argparse.ArgumentTypeError(t("cli_output.error.csv_sep", value=value))
    return value


def output_format(args: argparse.Namespace) -> str:
    """The format asked for; ``table`` when none was (or the command has no ``--output``)."""
    return getattr(args, "output", None) or "table"


def emit(args: argparse.Namespace, columns: Sequence[Column], records: Sequence[Record], *,
         empty_hint: str | None = None, stream: TextIO | None = None) -> int:
    """Print ``records`` in the format ``args`` asks for; returns the exit status (0).

    ``empty_hint`` goes to stderr when there is no record (stdout stays parseable: an empty
    array, a CSV header), e.g. "the cache is empty: run csp-tui sync".
    """
    out = sys.stdout if stream is None else stream
    chosen = output_format(args)
    if chosen == "json":
        out.write(json_text(records) + "\n")
    elif chosen == "jsonl":
        for record in records:
            out.write(json_text(record, indent=None) + "\n")
    elif chosen in ("csv", "tsv"):
        _write_utf8(out, delimited_text(records, chosen, getattr(args, "csv_sep", None)))
    else:
        out.write(table_text(columns, records, table_width(out)))
    if not records and empty_hint:
        print(empty_hint, file=sys.stderr)
    return 0


def _write_utf8(out: TextIO, text: str) -> None:
    """CSV and TSV are UTF-8 whatever the locale (the BOM says so to Excel): under
    ``cs_CZ.ISO-8859-2`` or ``LANG=C`` the bytes go past the text layer, which would replace
    every letter it cannot encode."""
    buffer = getattr(out, "buffer", None)
    encoding = (getattr(out, "encoding", None) or "").lower().replace("_", "-")
    if buffer is None or encoding in ("utf-8", "utf8"):
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


# Characters json.dumps leaves raw that a terminal may obey: C1 controls (0x9b is CSI) and
# bidi overrides. Inside JSON strings they are written as \uXXXX escapes: the same data for a
# script, inert bytes for a person who prints it.
_TERMINAL_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_text(data: Any, *, indent: int | None = 2) -> str:
    # ensure_ascii only where stdout cannot encode Czech: names stay readable and round-trip.
    text = json.dumps(data, ensure_ascii=json_ascii_only(), indent=indent)
    return _TERMINAL_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def csv_separator(explicit: str | None = None) -> str:
    """``;`` for Czech (its decimal comma takes ``,``, so Czech Excel splits on ``;``)."""
    if explicit:
        return explicit
    return ";" if get_language() == "cs" else ","


# A cell Excel or LibreOffice would run as a formula: remote text (a company name) must stay
# text. The apostrophe is what both show as "this is text" and hide.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _delimited_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    # Escape sequences and bidi controls are removed: a CSV printed on a terminal is read there.
    text = safe_text(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def delimited_text(records: Sequence[Record], kind: str, separator: str | None = None) -> str:
    """CSV (the person's separator, a BOM for Czech so Excel reads UTF-8) or TSV, with a
    header row of the records' field names."""
    buffer = io.StringIO()
    if kind == "tsv":
        delimiter = "\t"
    else:
        delimiter = csv_separator(separator)
        if get_language() == "cs":
            buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    fields = list(records[0]) if records else []
    if fields:
        writer.writerow(fields)
    for record in records:
        writer.writerow([_delimited_value(record.get(field)) for field in fields])
    return buffer.getvalue()


def table_width(stream: TextIO) -> int | None:
    """The terminal's width in cells (``COLUMNS`` wins), or None when ``stream`` is not a
    terminal: a pipe or a file gets every character."""
    isatty = getattr(stream, "isatty", None)
    if isatty is None or not isatty():
        return None
    return shutil.get_terminal_size().columns


def cut(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` terminal cells, ending in ``…`` when cut."""
    if cell_len(text) <= cells:
        return text
    if cells <= 0:
        return ""
    room = cells - cell_len(ELLIPSIS)
    kept: list[str] = []
    used = 0
    for char in text:
        width = cell_len(char)
        if used + width > room:
            break
        kept.append(char)
        used += width
    return "".join(kept) + ELLIPSIS


def pad(text: str, cells: int) -> str:
    """``text`` followed by spaces up to ``cells`` terminal cells."""
    return text + " " * max(0, cells - cell_len(text))


def fit_widths(natural: Sequence[int], width: int | None, headings: Sequence[int]) -> list[int]:
    """Column widths that fit ``width`` cells with the gaps.

    Every column keeps at least its heading (or ``MIN_CELLS``, if its text is that wide); the
    cells left over are shared fairly: a column that needs only a little more (a status, a
    date) gets it whole, the long ones (names, products, paths) split the rest evenly. When
    even the floors do not fit, the widest columns give up a cell at a time; when nothing more
    can go, the table stays wider than the terminal (the terminal wraps, nothing is lost).
    """
    widths = list(natural)
    if width is None:
        return widths
    budget = width - cell_len(GAP) * max(0, len(widths) - 1)
    if sum(widths) <= budget:
        return widths
    floors = [min(w, max(MIN_CELLS, h)) for w, h in zip(widths, headings, strict=True)]
    spare = budget - sum(floors)
    if spare >= 0:
        # A fair share: the columns that need little more get it whole (a status, a
        # date), the rest is split evenly among the long ones (names, products, paths).
        wants = [w - f for w, f in zip(widths, floors, strict=True)]
        shares = [0] * len(wants)
        order = sorted(range(len(wants)), key=lambda i: wants[i])
        for position, index in enumerate(order):
            fair = spare // (len(order) - position)
            shares[index] = min(wants[index], fair)
            spare -= shares[index]
        # The cells lost to rounding go to the longest columns.
        for index in reversed(order):
            if spare <= 0:
                break
            if shares[index] < wants[index]:
                shares[index] += 1
                spare -= 1
        return [f + share for f, share in zip(floors, shares, strict=True)]
    floors = [min(w, MIN_CELLS) for w in widths]
    while sum(widths) > budget:
        candidates = [i for i, w in enumerate(widths) if w > floors[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def table_text(columns: Sequence[Column], records: Sequence[Record], width: int | None) -> str:
    """The records as aligned text columns fitted to ``width`` cells (None: no limit)."""
    headings = [safe_text(column.heading) for column in columns]
    rows = [[safe_text(column.cell(record)) for column in columns] for record in records]
    natural = [cell_len(heading) for heading in headings]
    for row in rows:
        natural = [max(w, cell_len(cell)) for w, cell in zip(natural, row, strict=True)]
    widths = fit_widths(natural, width, [cell_len(h) for h in headings])
    lines = []
    for row in [headings, *rows]:
        cells = [pad(cut(cell, w), w) for cell, w in zip(row, widths, strict=True)]
        lines.append(GAP.join(cells).rstrip())
    return "\n".join(lines) + "\n"
