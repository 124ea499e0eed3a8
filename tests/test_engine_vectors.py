"""The Python engine against every shared vector's whole answer (rule, category, severity, span), and
the helper's checker against the helper-only vectors in vectors/helper/ too."""
import json
from pathlib import Path

import pytest

from helper.checker import Checker
from helper.engine import Engine
from helper.storage.store import Store

VECTORS = Path(__file__).resolve().parent.parent / "shared_rules" / "vectors"


def load(paths):
    cases = []
    for path in sorted(paths):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))["cases"]):
            cases.append(pytest.param(case, id=f"{path.relative_to(VECTORS)}#{i}"))
    return cases


SHARED = load(VECTORS.glob("*.json"))
HELPER_ONLY = load((VECTORS / "helper").glob("*.json"))


def categories(result):
    return sorted({f["category"] for f in result["findings"]})


def answer(result):
    """What a vector records of a result: each finding's rule, category, severity and span, in order."""
    return [{key: f[key] for key in ("rule", "category", "severity", "span")} for f in result["findings"]]


def test_there_are_enough_shared_vectors_with_negatives():
    assert len(SHARED) >= 150
    assert sum(1 for p in SHARED if not p.values[0]["expect"]) >= 50


@pytest.mark.parametrize("case", SHARED + HELPER_ONLY)
def test_expect_is_the_categories_of_the_findings(case):
    """`expect`, what a person reads first, is the sorted set of categories of every finding (info too)."""
    assert sorted({f["category"] for f in case["findings"]}) == case["expect"]
    if "helper_findings" in case:
        assert sorted({f["category"] for f in case["helper_findings"]}) == case["expect"]
        assert case["helper_findings"] != case["findings"]


@pytest.mark.parametrize("case", SHARED)
def test_shared_vector(bundle, case):
    assert answer(Engine(bundle, case.get("settings")).check(case["input"])) == case["findings"]


@pytest.mark.parametrize("case", SHARED + HELPER_ONLY)
def test_vector_through_the_helpers_checker(bundle, tmp_path, case):
    """The helper's own checker (shared rules plus helper-only detectors) gives every vector's whole
    answer too: `helper_findings` where its detectors change the shared engines' answer."""
    store = Store(tmp_path / "db.sqlite3")
    if case.get("settings"):
        store.set_settings(case["settings"])
    assert answer(Checker(None, store).check(case["input"])) == case.get("helper_findings", case["findings"])


def test_findings_are_sorted_and_cite_the_procedure(bundle):
    result = Engine(bundle).check({"text": "call 309-555-0147 or email a.b@gmail.com, SSN 460-89-9847",
                                   "site": "x", "surface": "post"})
    spans = [f["span"] for f in result["findings"]]
    assert spans == sorted(spans)
    for f in result["findings"]:
        assert f["policy"]["section"] and f["policy"]["quote"] and f["message"]
        assert f["severity"] in ("block", "warn", "info")


def test_settings_override_the_district_profile(bundle):
    text = {"text": "email me at jane@example.org", "site": "x", "surface": "post"}
    assert categories(Engine(bundle).check(text)) == ["pii.email"]
    assert categories(Engine(bundle, {"domains": ["example.org"]}).check(text)) == []


def test_spanish_messages(bundle):
    [f] = Engine(bundle).check({"text": "text me at 309-555-0147", "site": "x", "surface": "post", "locale": "es"})["findings"]
    assert "teléfono" in f["message"]
