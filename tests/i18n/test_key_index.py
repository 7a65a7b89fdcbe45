"""The catalog reads a module when one of its keys is first asked for, by the key index."""

from __future__ import annotations

import json
import subprocess
import sys

from csp_tui.i18n import index_builder, key_index


def run(code: str) -> dict[str, object]:
    """``code`` in a fresh interpreter (no catalog read yet); the JSON it prints last."""
    code = "import json\nimport csp_tui.i18n as i\n" + code
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def test_the_key_index_is_up_to_date_with_the_catalogs() -> None:
    # After adding, moving or removing a key: python -m csp_tui.i18n.index_builder
    assert index_builder.owners() == key_index.MODULE_OF_KEY, (
        "the key index is out of date: run python -m csp_tui.i18n.index_builder")
    assert index_builder.INDEX_FILE.read_text(encoding="utf-8") == index_builder.render()


def test_a_key_reads_only_the_module_that_holds_it() -> None:
    state = run("text = i.t('tui.col.company')\n"
                "print(json.dumps({'text': text, 'read': sorted(i._read),"
                " 'all': i._all_read, 'knows': i.knows('tui.key.quit'),"
                " 'literal': i.knows('Quit')}))")
    assert state == {"text": "Company", "read": ["tui"], "all": False, "knows": True,
                     "literal": False}


def test_a_key_the_index_does_not_know_yet_is_found_in_every_catalog() -> None:
    # A key added to a catalog after the index was written: slower, still right.
    state = run("i.MODULE_OF_KEY.pop('tui.col.company')\n"
                "print(json.dumps({'text': i.t('tui.col.company'), 'all': i._all_read,"
                " 'knows': i.knows('tui.col.domain')}))")
    assert state == {"text": "Company", "all": True, "knows": True}


def test_an_unknown_key_is_shown_as_itself() -> None:
    state = run("print(json.dumps({'text': i.t('no.such.key'),"
                " 'knows': i.knows('no.such.key')}))")
    assert state == {"text": "no.such.key", "knows": False}
