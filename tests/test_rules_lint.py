"""The rules lint: the shipped rules pass, and it catches what it is there to catch."""
import json
import shutil
import time
from pathlib import Path

import pytest

from helper.engine import Engine
from helper.engine.compile import compile_regex
from helper.rules.lint import lint_rules_dir, regex_problems, rule_patterns

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "shared_rules"

# Inputs that make a badly written pattern backtrack for a very long time.
PATHOLOGICAL = ["1" * 100_000, "a" * 50_000 + "!", " " * 50_000 + "x", "a." * 20_000, "-" * 50_000,
                "http://" + "a." * 10_000, "@" * 20_000 + ".com", "(" * 20_000, "0-" * 25_000,
                ("ab1 " * 10_000), "\U0001F600" * 20_000]


def test_the_shipped_rules_have_no_problems():
    assert lint_rules_dir(RULES) == []


@pytest.mark.parametrize("pattern, reason", [
    ("(a+)+b", "catastrophically"),
    ("([a-z]+ ?)*x", "catastrophically"),
    # polynomial: one long word split into up to six runs, or into two at every point
    ("(?:[a-z]+ ?){0,6}x", "polynomial"),
    ("(?:\\S+(?: |-)?){2,5}x", "polynomial"),
    ("[a-z]+ ?[a-z]+x", "polynomial"),
    ("\\w+\\s*\\w+", "polynomial"),
    ("(?P<name>a)", "not portable"),
    ("(?i)abc", "not portable"),
    ("a++", "possessive"),
    ("abc\\Z", "escape"),
    ("[\\b]x", "escape"),
    ("(?:x)?", "empty string"),
    ("\\p{L}", "compile"),
])
def test_the_lint_catches_unportable_or_unsafe_patterns(pattern, reason):
    problems = regex_problems(pattern)
    assert problems and any(reason in p for p in problems), problems


@pytest.mark.parametrize("pattern", [
    "(?:[a-z]{1,20} ){0,6}x",        # each run ends at a space it cannot hold: one way to split
    "(?:\\S+ ){0,3}(?:was|were)",
    "[0-9]+ ?[a-z]+",                 # the runs share no character
    "(?<![A-Za-z])(?:foo|bar)+(?![a-z])",
])
def test_the_lint_lets_runs_that_split_one_way_through(pattern):
    assert regex_problems(pattern) == []


def test_the_lint_reports_bad_files(tmp_path):
    copy = tmp_path / "rules"
    shutil.copytree(RULES, copy)
    data = json.loads((copy / "rules.json").read_text())
    data["rules"][0]["category"] = "pii.gossip"
    data["rules"][1]["id"] = data["rules"][2]["id"]
    data["policy"]["dm"]["quote"] = "Teachers may message students privately."
    data["rules"][3]["match"] = {"type": "regex", "pattern": "(\\d+)+x"}
    (copy / "rules.json").write_text(json.dumps(data))   # not canonical either
    (copy / "lists" / "leet.json").write_text(json.dumps({"entries": {"a": "@4"}}, indent=2) + "\n")   # no "about"
    problems = "\n".join(lint_rules_dir(copy))
    for expected in ("pii.gossip", "used twice", "not verbatim", "catastrophically", "canonical format",
                     "lists/leet.json: : 'about' is a required property"):
        assert expected in problems


def test_every_pattern_finishes_quickly_on_pathological_input(bundle):
    patterns = [(rule["id"], p) for rule in bundle["rules"] for _, p in rule_patterns(rule)]
    patterns.append(("link_pattern", bundle["link_pattern"]["pattern"]))
    for rule_id, pattern in patterns:
        regex = compile_regex(pattern, "i")
        for text in PATHOLOGICAL:
            started = time.perf_counter()
            for _ in regex.finditer(text):
                pass
            # Generous: a linear scan takes milliseconds; catastrophic backtracking takes hours.
            assert time.perf_counter() - started < 5, (rule_id, text[:20])


def test_a_whole_check_of_hostile_input_finishes(bundle):
    engine = Engine(bundle)
    for text in PATHOLOGICAL + ["\u0301" * 50_000, "\u202e" * 10_000 + "abc", "x\u0000" * 10_000]:
        started = time.perf_counter()
        engine.check({"text": text, "site": "x", "surface": "post"})
        assert time.perf_counter() - started < 10
