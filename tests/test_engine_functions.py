"""The Python engine's pieces against the per-function cases in shared_rules/vectors/functions/ (the
JavaScript engine runs the same files in tests/js/engine_functions.test.mjs): look-alike skeletons,
link parsing and registrable names, the validators (Luhn, IBAN, phones, emails, addresses) and text
preparation."""
import json
from pathlib import Path

import jsonschema
import pytest

from helper.engine import links, text
from helper.engine.validators import VALIDATORS

RULES = Path(__file__).resolve().parent.parent / "shared_rules"
FUNCTIONS_DIR = RULES / "vectors" / "functions"


def _prepare(draft):
    prepared = text.prepare(draft)
    return {"text": prepared.text, "link_text": prepared.link_text}


FUNCTIONS = {"skeleton": links.skeleton, "registrable": links.registrable, "parse": lambda url: list(links.parse(url)),
             "is_ip_literal": links.is_ip_literal, "within_one_edit": links.within_one_edit, "prepare": _prepare,
             **VALIDATORS}
FILES = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(FUNCTIONS_DIR.glob("*.json"))}
CASES = [pytest.param(doc["function"], case, id=f"{name}#{i}")
         for name, doc in FILES.items() for i, case in enumerate(doc["cases"])]


def test_every_file_follows_the_schema_and_names_a_function_with_20_to_60_cases():
    schema = json.loads((RULES / "schema" / "functions.schema.json").read_text(encoding="utf-8"))
    assert len(FILES) >= 10
    for name, doc in FILES.items():
        jsonschema.validate(doc, schema)
        assert doc["function"] in FUNCTIONS, name
        assert 20 <= len(doc["cases"]) <= 60, name


def test_every_validator_has_its_cases():
    assert set(VALIDATORS) <= {doc["function"] for doc in FILES.values()}


@pytest.mark.parametrize("function, case", CASES)
def test_function_case(function, case):
    assert FUNCTIONS[function](*case["args"]) == case["expect"]
