"""Overlaps between the shared rules' findings and the helper's detectors' are resolved by sorted spans
(helper/engine/overlaps.py): the same answers as comparing every pair, and work in proportion to the
draft, even for a 200 KB draft of e-mail and phone pairs built here. Counted work is Python-level
calls (sys.setprofile), the same on every run; bench/hostile_draft_bench.py prints the times."""
import random

from helper.checker import Checker
from helper.engine.core import SEVERITY_ORDER
from helper.engine.overlaps import Coverage
from helper.storage.store import Store
from test_text_preparation import counted_calls


def covered_by_any(finding, others):
    """The definition, one pair at a time: another finding of the same category whose span contains
    this one's, unless it is the same span of a less severe rule."""
    start, end = finding["span"]
    return any(o["category"] == finding["category"] and o["span"][0] <= start and end <= o["span"][1]
               and (o["span"] != finding["span"] or SEVERITY_ORDER[o["severity"]] <= SEVERITY_ORDER[finding["severity"]])
               for o in others)


def random_findings(rng, n):
    findings = []
    for _ in range(n):
        start = rng.randrange(0, 60)
        findings.append({"category": rng.choice(["pii.phone", "pii.address", "pii.email"]),
                         "severity": rng.choice(["block", "warn", "info"]),
                         "span": [start, start + rng.randrange(0, 12)]})
    return findings


def test_coverage_answers_as_comparing_every_pair():
    rng = random.Random(20261202)
    for _ in range(400):
        others, asked = random_findings(rng, rng.randrange(0, 30)), random_findings(rng, 30)
        coverage = Coverage(others, SEVERITY_ORDER)
        assert [coverage.covers(f) for f in asked] == [covered_by_any(f, others) for f in asked]


ATTACK_UNIT = "mail jane.doe@gmail.com or call 309-555-0147, desk +44 20 7946 0958. "


def attack(chars: int) -> dict:
    return {"text": ATTACK_UNIT * (chars // len(ATTACK_UNIT)), "site": "facebook", "surface": "post"}


def test_a_200_kb_draft_of_email_and_phone_pairs_costs_linear_work(tmp_path):
    checker = Checker(None, Store(tmp_path / "db.sqlite3"))   # the helper's checker: its detectors are on
    units = 200_000 // len(ATTACK_UNIT)
    found = checker.check(attack(200_000))["findings"]
    assert sorted(f["category"] for f in found) == ["pii.email"] * units + ["pii.phone"] * (2 * units)
    small, large = counted_calls(checker.check, attack(50_000)), counted_calls(checker.check, attack(200_000))
    assert large / small < 4.4, (small, large)   # 4x the text: linear work is 4x, pair by pair it was 16x
