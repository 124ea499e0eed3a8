"""Street-address recall on fresh Faker addresses (tests/address_devset.py: many locales, the data set's
templates and shapes) and silence on school posts full of numbers, through the helper's engine."""
import time

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
    assert result["recall"] >= 0.95, result["misses"][:10]
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


def _addresses(engine, text):
    return [text[slice(*f["span"])] for f in engine.check({"text": text, "site": "other", "surface": "post"})["findings"]
            if f["category"] == "pii.address"]


@pytest.mark.parametrize("text, street", [
    ("Pick it up from Rua das Flores 1634 tomorrow", "Rua das Flores 1634"),
    ("Nous sommes au 24, rue Pierre Garnier depuis mai", "24, rue Pierre Garnier"),
    ("Neue Adresse ab Montag: Sennstrasse 37, Zürich", "Sennstrasse 37"),
    ("Ady Endre utca 84. is the new one", "Ady Endre utca 84"),
    ("Okrová 77, 731 70 Okrouhlice", "Okrová 77, 731 70 Okrouhlice"),
    ("Package for ul. Mickiewicza 25/54, Ostrołęka", "ul. Mickiewicza 25/54"),
    ("Strada Erica Albu Nr. 77 Bl. 91 Sc. 4", "Strada Erica Albu Nr. 77"),
    ("Via Roma, 12 - Milano", "Via Roma, 12"),
    ("Λεωφόρος Κηφισίας 12, Αθήνα", "Λεωφόρος Κηφισίας 12"),
    ("Grandma moved to Dergančeva ulica 4b last year", "Dergančeva ulica 4b"),
    ("Pedestrians must enter on Wesselring 95 St. the first three months", "Wesselring 95"),
    ("Mládkova 6 Apt. 554, Smečno", "Mládkova 6"),
    ("We'll meet at Pace and Ortiz, 68237 1, avenue de Coste, Mendès", "68237 1, avenue de Coste"),
    ("Statement to:\nAleea Dafina Oprea\nIernut, OK 11477", "Aleea Dafina Oprea\nIernut, OK 11477"),
])
def test_streets_named_with_a_street_word_in_other_languages_are_one_finding(engine, text, street):
    found = _addresses(engine, text)
    assert len(found) == 1 and street in found[0], found


def _cpu_seconds(text: str) -> float:
    """The least CPU time of two runs of the street detector on text (CPU, not wall time: other work
    on the machine does not count)."""
    from helper.engine.detectors.addresses import find_addresses
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        list(find_addresses(text, {}, {}))
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("draft, count", [
    (lambda n: "1 " * n, 100_000), (lambda n: "Rua " * n + "1", 50_000), (lambda n: ("Rua do " * 8 + "1 ") * n, 4_000),
    (lambda n: "a" * 2 * n + " 1" * n, 50_000),
    (lambda n: " ".join(["strasse", "12", "utca", "rue", "3,", "Nr.", "7"] * n), 8_000)])
def test_street_words_in_a_huge_draft_take_linear_time(draft, count):
    """Four times the text takes about four times as long (a rescan per number would take sixteen)."""
    small, large = _cpu_seconds(draft(count // 4)), _cpu_seconds(draft(count))
    assert large < 8 * max(small, 0.02), (draft(1)[:20], small, large)


@pytest.mark.parametrize("text", [t.format(n=12, d=4, r=204, r2=30, mm="15", L="B") for t in SCHOOL_NEGATIVES] + [
    "Game day\nEagles 21\nTigers, 1400 fans",
    "The Class of 2025\nGrad party\nMay 24, 2025",
    "We finished in first place 3 times this season",
])
def test_numbered_school_posts_are_not_addresses(engine, text):
    assert [f for f in engine.check({"text": text, "site": "other", "surface": "post"})["findings"]
            if f["category"] == "pii.address"] == []
