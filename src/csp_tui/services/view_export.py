"""Writing a list (rows of one kind) to a CSV or JSON file, as a person's spreadsheet wants it.

Field names are the rows' own (``id``, ``company_name``, ``primary_domain`` …): stable, the same
whatever the language, so a script reading the file keeps working. CSV follows the person's
convention: in Czech the separator is ``;`` (the decimal comma takes ``,``) and the file starts
with a UTF-8 byte-order mark, without which Excel reads the diacritics as another code page;
in English ``,`` and no mark (RFC 4180). JSON is one array of objects, UTF-8.

The file is new (an existing one is never overwritten) and readable by its owner only: a
list of customers is business data.

Remote text is data, in a spreadsheet too: a CSV text cell that starts like a formula (``=``,
``+``, ``-``, ``@``, a tab or a carriage return — a company name ``=HYPERLINK(…)`` from a
hostile tenant) is written with a leading ``'``, which Excel and LibreOffice show as text and
do not evaluate. JSON keeps every value exactly.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

FORMATS = ("csv", "json")

#: Windows read from the cache while writing: bounded memory on 100k rows.
EXPORT_WINDOW = 2_000


def export_format(path: Path) -> str | None:
    """``csv`` or ``json`` by the file's extension; None for another extension."""
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def csv_dialect(language: str) -> tuple[str, bool]:
    """(separator, byte-order mark?) of a CSV file in ``language``'s convention."""
    return (";", True) if language == "cs" else (",", False)


def row_fields(row: object) -> dict[str, Any]:
    """A row (a dataclass) as field name -> value."""
    return {spec.name: getattr(row, spec.name) for spec in dataclasses.fields(row)  # type: ignore[arg-type]
            }


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    return str(value)


def csv_text(rows: Iterable[object], fields: Sequence[str], language: str) -> str:
    separator, bom = csv_dialect(language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        values = row_fields(row)
        writer.writerow([_cell(values.get(name)) for name in fields])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def json_text(rows: Iterable[object]) -> str:
    return json.dumps([row_fields(row) for row in rows], ensure_ascii=False, indent=2) + "\n"


def write_new_file(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a new owner-only file; FileExistsError when it exists."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    os.chmod(path, 0o600)


def export_rows(path: Path, rows: Sequence[object], fields: Sequence[str],
                language: str) -> int:
    """Write ``rows`` to ``path`` in the format its extension names; the number written."""
    kind = export_format(path)
    if kind is None:
        raise ValueError(f"not a .csv or .json file: {path}")
    text = json_text(rows) if kind == "json" else csv_text(rows, fields, language)
    write_new_file(path, text)
    return len(rows)
