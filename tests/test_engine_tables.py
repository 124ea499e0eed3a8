"""The engines' data tables, shared_rules/lists/*.json: each follows its schema and the canonical
format, the Python engine holds exactly what the files say, and extension/engine/tables.js (the
JavaScript engine's copy) is what `python -m buildtools.engine_tables` writes from them."""
import json
from pathlib import Path

import jsonschema
import pytest

from buildtools import engine_tables
from helper.engine.tables import TABLES

RULES = Path(__file__).resolve().parent.parent / "shared_rules"
FILES = sorted((RULES / "lists").glob("*.json"))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_each_table_follows_the_schema_in_the_canonical_format(path):
    schema = json.loads((RULES / "schema" / "lists.schema.json").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert text == json.dumps(doc, indent=2, ensure_ascii=False) + "\n", "run python -m helper rules lint --fix-format"


def test_the_python_engine_reads_every_table_as_written():
    assert TABLES == {p.stem: json.loads(p.read_text(encoding="utf-8"))["entries"] for p in FILES}


def test_the_javascript_tables_module_is_up_to_date():
    assert engine_tables.OUT.read_text(encoding="utf-8") == engine_tables.render(), \
        "run python -m buildtools.engine_tables"


def test_no_engine_module_keeps_its_own_copy_of_a_table():
    engine = Path(__file__).resolve().parent.parent
    sources = [*sorted((engine / "helper" / "engine").glob("*.py")), *sorted((engine / "extension" / "engine").glob("*.js"))]
    samples = ['"vbscript"', '"k12"', '"helpdesk"', '"\\u04bb"', '"1!|l"', '"cuatro"', '"boulevard"', '"2131"', '"XK"', 'mph|oz']
    for source in sources:
        if source.name in ("tables.py", "tables.js"):
            continue
        text = source.read_text(encoding="utf-8")
        assert not [s for s in samples if s in text or s.replace('"', "") + ":" in text], source.name


def test_each_letter_reading_is_one_of_the_letters_look_alikes():
    """Rules with `obfuscation` read `l0ser` as `loser` (letter_readings) and terms with obfuscation
    match `l0ser` for `loser` (leet): the two tables must not tell different stories."""
    readings = TABLES["letter_readings"]
    assert readings
    assert not [(sign, letter) for sign, letter in readings.items() if sign not in TABLES["leet"].get(letter, "")]
