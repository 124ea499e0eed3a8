"""The helper-only detectors (libphonenumber, usaddress and cues), through the helper's engine:
what a teacher would be warned about, where, and that hostile input finishes in bounded time."""
import time

import pytest

from helper.engine import Engine
from helper.engine.detectors import default_detectors, find_addresses, find_phones


@pytest.fixture(scope="module")
def engine(bundle):
    return Engine(bundle, None, detectors=default_detectors(bundle=bundle))


def flagged(engine, text, category):
    return [text[f["span"][0]:f["span"][1]] for f in engine.check({"text": text, "site": "other", "surface": "post"})["findings"]
            if f["category"] == category]


def test_international_numbers_are_found_after_a_phone_word_and_by_libphonenumber(bundle, engine):
    text = "Mobile: 0490 39 07 81\nDesk: +447700 921 916"
    assert flagged(Engine(bundle), text, "pii.phone") == ["0490 39 07 81"]   # the browser rules need a phone word
    assert flagged(engine, text, "pii.phone") == ["0490 39 07 81", "+447700 921 916"]


def test_a_phone_finding_covers_the_whole_number_with_its_country_code(engine):
    [finding] = [f for f in engine.check({"text": "reach me: +1 309 555 0147", "site": "x", "surface": "post"})["findings"]]
    assert finding["category"] == "pii.phone" and finding["span"] == [10, 25]


def test_numbers_that_context_says_are_something_else_are_not_phones(engine):
    assert flagged(engine, "His social security number is 853-37-1694", "pii.phone") == []
    assert flagged(engine, "my credit card number is 346412338913585?", "pii.phone") == []
    assert flagged(engine, "Order 3095550147 shipped", "pii.phone") == []


def test_the_districts_public_numbers_stay_quiet(bundle):
    engine = Engine(bundle, {"public_phones": ["+44 20 7946 0958"]}, detectors=default_detectors(bundle=bundle))
    assert flagged(engine, "Our London office: +44 20 7946 0958", "pii.phone") == []
    assert flagged(engine, "My flat: +44 20 7946 0959", "pii.phone") == ["+44 20 7946 0959"]


def test_an_address_after_a_cue_is_reported_whole(engine):
    assert flagged(engine, "Tomomi lives at 86036 Rua do Arenque 1634, Goiânia", "pii.address") == [
        "86036 Rua do Arenque 1634, Goiânia"]
    assert flagged(engine, "Send it to PSC 0725, Box 6031\nAPO AP 99241 please", "pii.address") == [
        "PSC 0725, Box 6031\nAPO AP 99241"]


def test_a_multiline_postal_block_is_one_finding_that_replaces_the_shorter_street_match(bundle, engine):
    text = "Debra Neal\n\n3536 1659 Hoog St\n Apt. 839\n Brakpan\n South Africa 70651"
    assert flagged(Engine(bundle), text, "pii.address") == ["1659 Hoog St"]
    assert flagged(engine, text, "pii.address") == ["3536 1659 Hoog St\n Apt. 839\n Brakpan\n South Africa 70651"]


@pytest.mark.parametrize("text", [
    "Go Maroons! Homecoming game Friday at 7 against Rock Island.",
    "The band concert starts at 7 pm in the high school auditorium. Doors open at 6:30.",
    "We won 24 to 10 at home against Geneseo",
    "Come to Room 214 at 3 for the makeup quiz",
    "Send 2 copies to the office by Friday",
])
def test_times_rooms_and_scores_are_not_addresses(engine, text):
    assert flagged(engine, text, "pii.address") == []


def test_benign_teacher_posts_stay_quiet_with_the_detectors_on(engine):
    import json
    from pathlib import Path
    cases = json.loads((Path(__file__).resolve().parent.parent / "shared_rules" / "vectors" / "benign_teacher_posts.json")
                       .read_text(encoding="utf-8"))["cases"]
    loud = [c["input"]["text"] for c in cases if engine.check(c["input"])["findings"]]
    assert loud == []


@pytest.mark.parametrize("text", [
    "7" * 100_000,
    "1 2 3 4 5 6 7 8 9 0 " * 10_000,
    "(" * 50_000 + "1" * 50_000,
    "a\u0301\u0302\u0303\u0304" * 20_000,
    "\u202e\u2067" * 25_000 + "call 309 555 0147",
    "lives at " * 10_000 + "1",
    "1\n" * 50_000,
    "address: 12 " + "a " * 50_000,
    "https://" + "a." * 40_000 + "com",
    "f" + "*" * 100_000 + "k",
    " ".join(["https://xn--80ak6aa92e.com/ https://\u0430\u0440\u0440\u04cf\u0435.com/"] * 2_000),
])
def test_hostile_input_finishes_in_bounded_time(engine, text):
    start = time.perf_counter()
    engine.check({"text": text, "site": "other", "surface": "post"})
    assert time.perf_counter() - start < 20, "a pathological draft took far too long"


def test_a_punycode_host_that_spells_a_protected_name_in_another_alphabet_is_a_lookalike(bundle, engine):
    text = "Update your Apple ID at https://xn--pple-43d.com/login"  # xn--pple-43d is 'apple' with a Cyrillic a
    [shared] = Engine(bundle).check({"text": text, "site": "x", "surface": "post"})["findings"]
    assert shared["category"] == "link.punycode"
    found = {f["category"]: f for f in engine.check({"text": text, "site": "x", "surface": "post"})["findings"]}
    assert found["link.lookalike"]["rule"] == "link.lookalike.confusable" and found["link.lookalike"]["severity"] == "block"
    assert text[slice(*found["link.lookalike"]["span"])] == "https://xn--pple-43d.com/login"


def test_international_names_that_imitate_nothing_stay_punycode_only(engine):
    cats = {f["category"] for f in engine.check({"text": "Exchange trip: https://www.münchen.de/", "site": "x", "surface": "post"})["findings"]}
    assert cats == {"link.punycode"}


def test_detectors_report_only_rules_that_exist(bundle):
    ids = {r["id"] for r in bundle["rules"] if r["match"]["type"] == "detector"}
    text = "Phone: 0490 39 07 81. She lives at 86036 Rua do Arenque 1634, Goiânia"
    found = {rule for rule, _ in find_phones(text, {}, {})} | {rule for rule, _ in find_addresses(text, {}, {})}
    assert found and found <= ids
