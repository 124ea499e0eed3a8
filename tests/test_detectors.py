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


# -- personal numbers and addresses: the helper's own limits, and hostile forms -------------------

def test_a_part_number_shaped_like_a_phone_is_not_one(engine):
    assert flagged(engine, "Part number: 555-123-4567-A", "pii.phone") == []
    assert flagged(engine, "Part number: 309-123-4567-B is back-ordered", "pii.phone") == []


def test_an_ssn_just_before_a_foreign_phone_does_not_hide_the_phone(engine):
    text = "SSN 078-05-1120 phone +44 20 7946 0958"
    assert flagged(engine, text, "pii.ssn") == ["078-05-1120"]
    assert flagged(engine, text, "pii.phone") == ["+44 20 7946 0958"]


def test_hotlines_and_the_groups_of_an_iban_are_not_personal_phones(engine):
    assert flagged(engine, "Call 1-800-273-8255 any time, day or night.", "pii.phone") == []
    assert flagged(engine, "IE29 AIBK A311 5212 3456 78", "pii.phone") == []


def test_an_international_number_written_without_separators_is_a_phone(engine):
    assert flagged(engine, "+442345678900", "pii.phone") == ["+442345678900"]


@pytest.mark.parametrize("text, street", [
    ("Bus 7 will pick up at the corner of 19th Street and Avenue of the Cities instead.", None),
    ("The game vs. Geneseo is moved to Saturday at 2:00 p.m. Same place.", None),
    ("She lives at 1830 38th St, Moline, IL 61265, by the park", "1830 38th St, Moline, IL 61265"),
])
def test_crossings_and_days_after_an_address_cue_are_not_addresses(engine, text, street):
    assert flagged(engine, text, "pii.address") == ([street] if street else [])


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _hostile_forms(text):
    """The same draft as a hostile or careless writer might type it: full-width digits, a zero-width
    space between every two digits, an emoji inside the first run of four digits, zero-width joiners
    after spaces."""
    import re
    return {"full-width digits": text.translate(_FULL_WIDTH),
            "zero-width spaces": re.sub(r"(?<=[0-9])(?=[0-9])", "\u200b", text),
            "an emoji inside": re.sub(r"([0-9]{2})([0-9]{2})", "\\1\U0001F4DE\\2", text, count=1),
            "zero-width joiners": text.replace(" ", " \u200d")}


def _pii_vectors():
    import json
    from pathlib import Path
    cases = []
    for path in sorted((Path(__file__).resolve().parent.parent / "shared_rules" / "vectors").glob("pii_*.json")):
        cases += [c for c in json.loads(path.read_text(encoding="utf-8"))["cases"] if any(ch.isdigit() for ch in c["input"]["text"])]
    return cases


def test_personal_numbers_get_the_same_answer_in_hostile_forms(bundle, engine):
    shared = Engine(bundle)
    wrong = []
    for case in _pii_vectors():
        for form, text in _hostile_forms(case["input"]["text"]).items():
            for name, checker in (("helper", engine), ("shared rules", shared)):
                got = sorted({f["category"] for f in checker.check(dict(case["input"], text=text))["findings"]})
                if got != case["expect"]:
                    wrong.append((name, form, text, got, case["expect"]))
    assert len(_pii_vectors()) > 150 and wrong == []


@pytest.mark.parametrize("text", [
    "three " * 30_000,
    "3 0 9 " * 30_000,
    "call 1 2 3 4 5 6 7 " * 10_000,
    "whatsapp +1 " * 20_000,
    "vivo en la calle " * 10_000 + "5",
    "mi dirección es 1 " * 10_000,
    "1 1st St " * 20_000,
    "born 1 de mayo de " * 10_000,
    "P.O. Box " * 20_000,
    "DE89 " * 40_000,
])
def test_personal_information_rules_finish_in_bounded_time_on_huge_drafts(engine, text):
    start = time.perf_counter()
    engine.check({"text": text, "site": "other", "surface": "post"})
    assert time.perf_counter() - start < 20, "a pathological draft took far too long"
