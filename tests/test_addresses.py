"""Street-address recall on fresh Faker addresses (tests/address_devset.py: many locales, the data set's
templates and shapes) and silence on school posts full of numbers, through the helper's engine."""
import pytest

from helper.engine import Engine
from helper.engine.detectors import default_detectors

faker = pytest.importorskip("faker", reason="Faker comes with the `test` extra")
from address_devset import SCHOOL_NEGATIVES, measure  # noqa: E402


@pytest.fixture(scope="module")
def engine(bundle):
    return Engine(bundle, None, detectors=default_detectors(bundle=bundle))


def test_most_generated_addresses_are_found_and_nothing_else_in_their_sentences(engine):
    result = measure(engine, n=600, negatives=300)
    assert result["recall"] >= 0.85, result["misses"][:10]
    assert result["precision"] >= 0.99
    assert result["alarms"] == []


@pytest.mark.parametrize("text", [
    "Löwerstr. 7\n39150 Auerbach",
    "I'd like it to be sent to Noëllesingel 64\nScherpenisse, MP 41001",
    "please update my new address is USNS Hanson\nFPO AA 30364",
])
def test_international_streets_and_postal_lines_are_one_finding(engine, text):
    found = [f for f in engine.check({"text": text, "site": "other", "surface": "post"})["findings"]
             if f["category"] == "pii.address"]
    assert len(found) == 1
    start, end = found[0]["span"]
    assert any(ch.isdigit() for ch in text[start:end]) and end - start >= 8


@pytest.mark.parametrize("text", [t.format(n=12, d=4, r=204, r2=30, mm="15", L="B") for t in SCHOOL_NEGATIVES] + [
    "Game day\nEagles 21\nTigers, 1400 fans",
    "The Class of 2025\nGrad party\nMay 24, 2025",
    "We finished in first place 3 times this season",
])
def test_numbered_school_posts_are_not_addresses(engine, text):
    assert [f for f in engine.check({"text": text, "site": "other", "surface": "post"})["findings"]
            if f["category"] == "pii.address"] == []
