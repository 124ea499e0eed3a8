"""Hostile and odd text (SPEC.md, Text preparation): the rules give the same answer as for the plain
form, findings point at what the user typed, both engines agree, and a 100 KB hostile draft costs
work in proportion to its length. Counted work is Python-level calls (sys.setprofile), which is
deterministic; speed figures are printed by bench/hostile_draft_bench.py."""
import sys

import pytest

from helper.engine import Engine
from helper.engine.text import prepare, read_as_letters, window_around
from test_engines_agree import run_js

# (as typed, as a reader sees it). Each pair must give the same rules, in the same order.
PAIRS = [
    ("Text me at 309\u200b555\u200b0147 after practice", "Text me at 3095550147 after practice"),
    ("call 309\U0001F4DE555\U0001F4DE0147", "call 3095550147"),
    ("call 309 \U0001F4DE 555 \U0001F4DE 0147", "call 309 555 0147"),
    ("call 3\ufe0f\u20e30\ufe0f\u20e39-743-2210", "call 309-743-2210"),
    ("my cell is \uff13\uff10\uff19\uff0d\uff17\uff14\uff13\uff0d\uff12\uff12\uff11\uff10", "my cell is 309-743-2210"),
    ("Text me at 309\u2011555\u20110147", "Text me at 309-555-0147"),
    ("call me \u202e7410-555-903\u202c tonight", "call me 309-555-0147 tonight"),
    ("SSN \u200f460\u200e-89-9847", "SSN 460-89-9847"),
    ("email me at jane\u00ad.doe@gm\u200bail.com", "email me at jane.doe@gmail.com"),
    ("this is bull\u0455h\u0456t", "this is bullshit"),
    ("this is \uff42\uff55\uff4c\uff4c\uff53\uff48\uff49\uff54", "this is bullshit"),
    ("this is bull\U000e0020sh\U000e0020it", "this is bullshit"),
    ("see https://faceb00k\u200b-security.com/login", "see https://faceb00k-security.com/login"),
    ("see ｈｔｔｐｓ://ｆａｃｅｂ００ｋ．ｃｏｍ/", "see https://faceb00k.com/"),
    ("\U0001d402\U0001d41a\U0001d425\U0001d425 \U0001d7d1\U0001d7ce\U0001d7d7-\U0001d7d5\U0001d7d2\U0001d7d1-\U0001d7d0\U0001d7d0\U0001d7cf\U0001d7ce", "Call 309-743-2210"),
    ("this is \U0001d4eb\U0001d4fe\U0001d4f5\U0001d4f5\U0001d4fc\U0001d4f1\U0001d4f2\U0001d4fd", "this is bullshit"),
    ("this is \u24d1\u24e4\u24db\u24db\u24e2\u24d7\u24d8\u24e3", "this is bullshit"),
    ("call \u2462\u24ea\u2468-\u2466\u2463\u2462-\u2461\u2461\u2460\u24ea", "call 309-743-2210"),
    ("this is bull\ua731\u029c\u026a\u1d1b", "this is bullshit"),
    # Digits and signs in words read as letters, for the conduct rules (SPEC.md, `obfuscation`).
    ("Lucas is such a w1mp.", "Lucas is such a wimp."),
    ("You h4ve zer0 t4lent, Chloe.", "You have zero talent, Chloe."),
    ("Diego has the br@in of a g0ldf1sh.", "Diego has the brain of a goldfish."),
    ("Y0u st!nk, Aaliyah. T@ke a sh0wer.", "You stink, Aaliyah. Take a shower."),
    ("Th1s d1str1ct 1s a j0ke.", "This district is a joke."),
    ("N0b0dy w1ll m1ss y0u, Lucas.", "Nobody will miss you, Lucas."),
]


def rules(engine, text):
    return [f["rule"] for f in engine.check({"text": text, "site": "facebook", "surface": "post"})["findings"]]


@pytest.mark.parametrize("typed,plain", PAIRS)
def test_hostile_text_gives_the_plain_forms_answer(bundle, typed, plain):
    engine = Engine(bundle)
    assert rules(engine, typed) == rules(engine, plain) != []


@pytest.mark.parametrize("typed,highlighted", [
    ("call 309\U0001F4DE555\U0001F4DE0147.", "309\U0001F4DE555\U0001F4DE0147"),
    ("\U0001F600 call 309\u200b-555-0147\u200b.", "309\u200b-555-0147"),
    ("call me \u202e7410-555-903\u202c tonight", "7410-555-903"),
    ("mail ｊａｎｅ．ｄｏｅ＠ｇｍａｉｌ．ｃｏｍ now", "ｊａｎｅ．ｄｏｅ＠ｇｍａｉｌ．ｃｏｍ"),
    ("\ufeff\u200f\U0001F3EB this is bull\u0455h\u0456t", "bull\u0455h\u0456t"),
])
def test_a_finding_highlights_what_the_user_typed(bundle, typed, highlighted):
    [finding] = Engine(bundle).check({"text": typed, "site": "x", "surface": "post"})["findings"]
    start, end = finding["span"]
    assert typed[start:end] == highlighted


def test_digits_in_numbers_codes_and_prices_stay_digits():
    kept = "Room 3B, bus 455, the 5th and 2nd graders at 10am, 12lbs, the 1990s, B12, MP3, k12, covid19, $455, a55, b4 9"
    assert read_as_letters(kept) == kept.replace("b4", "ba")   # one letter and one digit reads as a word
    assert read_as_letters("n0 w0nder u have no fr1ends, ur a l0s3r, st!nk, 1s") == \
        "no wonder u have no friends, ur a loser, stink, is"
    assert read_as_letters("Go team!Great game! 5th!") == "Go team!Great game! 5th!"


def test_a_rules_window_counts_code_points_and_never_cuts_a_word():
    text = "We read 20 chapters this week\U0001F600 Familias: un IEP"
    at = text.index("IEP")
    lo, hi = window_around(text, at, at + 3, 23)   # 23 code points back is the "h" of "this"
    assert text[lo:hi] == "this week\U0001F600 Familias: un IEP"   # not "his week": the cut word is whole
    assert window_around("x" * 100, 50, 51, 10) == (24, 77)   # a very long word: widened by 16 at most


def test_links_keep_their_look_alike_letters_and_words_lose_them():
    prepared = prepare("idi\u043et at \u0430pple.com")
    assert prepared.text == "idiot at apple.com"
    assert prepared.link_text == "idi\u043et at \u0430pple.com"   # link.punycode must see the Cyrillic a


def test_ordinary_text_in_other_scripts_is_left_alone():
    for text in ["\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u043b\u0430\u0441\u0441!", "\u05e9\u05dc\u05d5\u05dd \u05dc\u05db\u05d5\u05dc\u05dd",
                 "Go team! \U0001F469\u200d\U0001F3EB", "Go team\U0001F389\U0001F389"]:
        prepared = prepare(text)
        assert prepared.text.replace("\u200d", "") == text.replace("\u200d", "")


@pytest.mark.parametrize("typed", ["No  wonder you have no friends", "No wonder\tyou have no friends",
                                   "No \U0001F602 wonder you have no friends", "No\U0001F602wonder you have no friends",
                                   "No \U0001F389\U0001F389 wonder  you\t\thave no friends"])
def test_spaces_and_emoji_between_words_read_as_one_space(bundle, typed):
    """Two spaces, a tab or an emoji between words read as the single space a reader sees, and the
    finding still highlights what was typed."""
    assert prepare(typed).text == "No wonder you have no friends"
    [finding] = Engine(bundle).check({"text": typed, "site": "x", "surface": "post"})["findings"]
    assert finding["category"] == "conduct.harassment"
    start, end = finding["span"]
    assert typed[start:end].startswith("No") and typed[start:end].endswith("friends")


def test_the_engines_agree_on_hostile_text(bundle):
    texts = [typed for typed, _ in PAIRS] + [HOSTILE_UNIT * 3, "\u202e" + HOSTILE_UNIT, "\u200b" * 50 + "x",
                                              "\ud800 call 309\u200b555\u200b0147 \udc00", "\udc00\u202e7410-555-903\ud83d"]
    js = run_js([{"input": {"text": t, "site": "facebook", "surface": "post"}} for t in texts])
    engine = Engine(bundle)
    for text, js_result in zip(texts, js):
        assert engine.check({"text": text, "site": "facebook", "surface": "post"}) == js_result, text


HOSTILE_UNIT = ("Text me at 309\u200b555\u200b0147 \u202e7410-555-903\u202c, mail ｊａｎｅ．ｄｏｅ＠ｇｍａｉｌ．ｃｏｍ, this is "
                "bull\u0455h\u0456t, call 3\ufe0f\u20e30\ufe0f\u20e39\U0001F4DE743\U0001F4DE2210 \U0001F469\u200d\U0001F3EB ok "
                "\u200f\u2067Ms. Levi\u2069 see https://faceb00k\u200b-security.com/x. ")
PLAIN_UNIT = ("Text me at 3095550147 309-555-0147, mail jane.doe@gmail.com, this is bullshit, call 3097432210 "
              "\U0001F469\U0001F3EB ok Ms. Levi see https://faceb00k-security.com/x. ")


def draft(unit: str, chars: int) -> dict:
    return {"text": unit * (chars // len(unit)), "site": "facebook", "surface": "post"}


def counted_calls(fn, *args) -> int:
    """Python-level calls made by fn(*args), C functions included: the same on every run."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1
    sys.setprofile(count)
    try:
        fn(*args)
    finally:
        sys.setprofile(None)
    return calls


def test_a_100_kb_hostile_draft_gives_the_plain_answer_in_linear_work(bundle):
    engine = Engine(bundle)
    hostile, plain = draft(HOSTILE_UNIT, 100_000), draft(PLAIN_UNIT, 100_000 * len(PLAIN_UNIT) // len(HOSTILE_UNIT))
    assert [f["rule"] for f in engine.check(hostile)["findings"]] == [f["rule"] for f in engine.check(plain)["findings"]]
    small, large = counted_calls(engine.check, draft(HOSTILE_UNIT, 25_000)), counted_calls(engine.check, hostile)
    assert large / small < 4.4, (small, large)   # 4x the text: linear work is 4x, quadratic 16x


def test_a_draft_in_capitals_reads_in_sentence_case_and_codes_keep_theirs():
    assert prepare("SOFIA IS A TOTAL FREAK. GO AWAY!").text == "Sofia is a total freak. Go away!"
    assert prepare("MY IBAN IS MT84MALT011000012345MTLCAST001S").text == "My iban IS MT84MALT011000012345MTLCAST001S"
    assert prepare("Go Hawks! THE GAME IS AT 7").text == "Go Hawks! THE GAME IS AT 7"   # a few capitals: as typed
    assert prepare("Camila HAS an IEP").text == "Camila HAS an IEP"


def test_a_draft_in_capitals_gets_the_answer_of_its_plain_form(bundle):
    for typed in ["GO EASY ON AALIYAH THIS WEEK, HER PARENTS ARE GETTING A DIVORCE.", "CAMILA HAS AN IEP FOR ALGEBRA 1."]:
        [finding] = Engine(bundle).check({"text": typed, "site": "x", "surface": "post"})["findings"]
        assert finding["category"] == "confidential", typed


def test_letter_groups_beside_a_code_keep_their_capitals():
    assert prepare("MY IBAN IS MT84 MALT 0110 0001 2345 MTLC AST0 01S").text == "My iban IS MT84 MALT 0110 0001 2345 MTLC AST0 01S"
    assert prepare("QA58 DOHB 0000 1234 5678 90AB CDEF G").text == "QA58 DOHB 0000 1234 5678 90AB CDEF G"
