"""helper/engine/prefilter.py: a rule the gate leaves out must be one whose pattern cannot match the
draft, so the findings are the same with the gate as without it; and every shipped rule is gated."""
import json
import random
from pathlib import Path

import pytest
import re2

from helper.engine import Engine
from helper.engine import prefilter
from helper.engine.compile import compile_regex, rule_pattern
from helper.engine.prefilter import RuleGate, loose_pattern

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "shared_rules" / "vectors"
CORPUS = ROOT / "tests" / "corpus"


def vector_texts() -> list[str]:
    found = []
    for path in sorted(VECTORS.rglob("*.json")):
        found += [c["input"].get("text", "") for c in json.loads(path.read_text(encoding="utf-8"))["cases"] if "input" in c]
    return [t for t in found if t]


def corpus_texts() -> list[str]:
    rows = [json.loads(line) for line in (CORPUS / "clean_posts.jsonl").read_text(encoding="utf-8").splitlines()]
    rows += [json.loads(line) for line in (CORPUS / "staff_positives.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r["text"] for r in rows]


def hostile_texts(base: list[str]) -> list[str]:
    """The bad input the issue names: mixed scripts, overrides, invisible characters between letters,
    full-width digits, capitals, and long drafts made of everything at once."""
    rng = random.Random(7)
    out = []
    for text in rng.sample(base, 300):
        out.append(text.upper())
        out.append("\u200b".join(text))
        out.append("\u202e" + text[::-1] + "\u202c")
        out.append(text.translate({ord(d): 0xFF10 + ord(d) - 48 for d in "0123456789"}))
        out.append("Ж中 " + text.replace(" ", "\u00a0"))
    out.append(" ".join(base))                                   # every text in one draft
    out.append("".join(rng.choice("aeiou xyz0123456789ñé.@-") for _ in range(100_000)))
    return out


@pytest.fixture(scope="module")
def engines(bundle):
    gated = Engine(bundle)
    plain = Engine(bundle)
    plain.gate = RuleGate(())
    return gated, plain


def test_every_shipped_rule_pattern_is_gated(engines, bundle):
    gated, _ = engines
    searched = {rule["id"] for rule in bundle["rules"] if rule_pattern(rule)}
    assert searched and gated.gate.keys == searched


def test_a_rule_left_out_never_had_a_match(engines, bundle):
    """The property the gate rests on, rule by rule: where Python's re finds a match, the gate lists the rule."""
    gated, _ = engines
    patterns = {rule["id"]: compile_regex(*rule_pattern(rule)) for rule in bundle["rules"] if rule_pattern(rule)}
    base = vector_texts() + corpus_texts()
    checked = 0
    for text in base + hostile_texts(base):
        possible = gated.gate.possible(text)
        assert possible is not None, text[:80]
        missed = [rule_id for rule_id, regex in patterns.items() if rule_id not in possible and regex.search(text)]
        assert missed == [], (missed, text[:120])
        checked += 1
    assert checked > 3000


def test_the_findings_are_the_same_with_and_without_the_gate(engines):
    gated, plain = engines
    base = vector_texts() + corpus_texts()
    differ = []
    for text in base + hostile_texts(base)[:400]:
        draft = {"text": text, "site": "facebook", "surface": "post", "locale": "en"}
        if gated.check(draft) != plain.check(draft):
            differ.append(text[:120])
    assert differ == []


def test_a_draft_tripping_nothing_skips_every_rule(engines):
    gated, _ = engines
    assert gated.gate.possible("See you at the game on Friday, go Maroons!") == set()


@pytest.mark.parametrize("pattern, flags, hits, misses", [
    # a one-character lookbehind and lookahead become a consumed character, or the edge of the draft
    (r"(?<![A-Za-z])cat(?![a-z])", "", ["cat", "a cat.", "(cat)"], ["bobcat", "cats"]),
    # Python's \s holds \v; RE2's does not, so the class is spelled out
    (r"a\sb", "", ["a\x0bb", "a b"], ["ab"]),
    # a backreference reads as whatever its group could match
    (r"[0-9]{3}([-.])[0-9]{2}\1[0-9]{4}", "", ["078-05-1120", "078.05.1123", "078-05.1123"], ["07805 1120"]),
    # case-insensitive patterns stay so; other lookarounds are dropped (the loose form matches more)
    (r"(?<!Mr\. )\bsmith(?= jr)", "i", ["SMITH jr", "Mr. Smith Jr", "smith"], ["smit"]),
    # a negated class stays case-sensitive: RE2 folds the Kelvin sign into "k", re.ASCII does not
    (r"x[^k]y", "i", ["x\u212ay", "XaY"], ["xky"]),
])
def test_loose_forms(pattern, flags, hits, misses):
    loose = re2.compile(loose_pattern(pattern, flags))
    python = compile_regex(pattern, flags)
    for text in hits:
        assert loose.search(text), (loose.pattern, text)
    for text in misses:
        assert not loose.search(text) and not python.search(text), (loose.pattern, text)
    for text in hits + misses:   # never less than the pattern itself
        assert not python.search(text) or loose.search(text)


def test_without_re2_every_rule_is_searched(monkeypatch, bundle):
    monkeypatch.setattr(prefilter, "re2", None)
    gate = RuleGate(tuple((r["id"], *rule_pattern(r)) for r in bundle["rules"] if rule_pattern(r)))
    assert gate.keys == frozenset() and gate.possible("anything") is None


def test_a_lone_surrogate_searches_every_rule(engines):
    gated, _ = engines
    assert gated.gate.possible("call me \ud800 at 309-555-0134") is None
    found = gated.check({"text": "call me \ud800 at 309-555-0134", "site": "facebook", "surface": "post"})
    assert any(f["category"] == "pii.phone" for f in found["findings"])


def test_a_set_too_large_for_its_memory_is_searched_every_time(bundle):
    patterns = tuple((r["id"], *rule_pattern(r)) for r in bundle["rules"] if rule_pattern(r))
    gate = RuleGate(patterns, max_mem=1 << 12)   # far too little for any set to compile
    assert gate.keys == frozenset() and gate.possible("You are such a loser") is None


def test_a_set_that_gives_up_on_a_draft_searches_all_of_its_rules():
    """RE2 reports giving up only by leaving matches out; the end-of-draft pattern tells it apart."""
    gate = RuleGate((("a", "alpha", ""), ("b", "beta", "")), per_set=1)

    class GaveUp:
        def Match(self, encoded):
            return []

    matcher, finished, by_index = gate._sets[0]
    gate._sets[0] = (GaveUp(), finished, by_index)
    assert gate.possible("nothing here") == {by_index[i] for i in by_index}
