"""helper/engine/compile.py: the first-character lookahead the Python engine puts in front of a
rule's pattern must never change what it matches."""
import json
import re
from pathlib import Path

import pytest

from helper.engine.compile import compile_regex, first_char_lookahead

VECTORS = Path(__file__).resolve().parent.parent / "shared_rules" / "vectors"


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<![0-9])[2-9][0-9]{2}", "(?=[23456789])"),
    (r"\b(?:kys|go die)", "(?=[gk])"),
    (r"(?:\+?1)?[2-9]", r"(?=[\+123456789])"),
    (r"(?:ab|cd)?e", "(?=[ace])"),
    (r"[A-Za-z0-9._%+\-]{1,64}@", ""),       # too many first characters to help
    (r"(?!000)[0-9]{3}", ""),                 # a leading lookahead: left alone
    (r"\d{3}", ""),                           # a category: left alone
    (r"a?", ""),                              # can match empty
])
def test_first_characters(pattern, expected):
    assert first_char_lookahead(pattern).replace("\\", "") == expected.replace("\\", "")


def texts():
    found = []
    for path in sorted(VECTORS.rglob("*.json")):
        found += [c["input"]["text"] for c in json.loads(path.read_text(encoding="utf-8"))["cases"] if "input" in c]
    return found + [" ".join(found)]


def test_the_lookahead_never_changes_a_match(bundle):
    corpus = texts()
    for rule in bundle["rules"]:
        if rule["match"]["type"] != "regex":
            continue
        pattern, flags = rule["match"]["pattern"], rule["match"].get("flags", "")
        plain = compile_regex(pattern, flags)
        fast = compile_regex(first_char_lookahead(pattern) + pattern, flags)
        for text in corpus:
            assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)], rule["id"]


def test_the_python_shortcuts_never_change_a_match(bundle):
    """Required strings and the lower-cased form of case-insensitive patterns find exactly what the plain
    pattern finds, on every vector text, in upper case, in swapped case and with accented capitals."""
    from helper.engine.compile import compile_rule, terms_pattern

    corpus = texts()
    corpus += [t.upper() for t in corpus] + [t.swapcase() for t in corpus]
    corpus += ["ÉL TIENE UN IEP Y TOMA MEDICAMENTOS", "İEP \u212aike K\u0130KE", "MARÍA ESTÁ REPROBANDO ÁLGEBRA",
               "Ñoño coño CÓÑO CABRÓN", "SH1T F*** B!TCH 455 $455"]
    for rule in bundle["rules"]:
        match = rule["match"]
        if match["type"] == "regex":
            plain = compile_regex(match["pattern"], match.get("flags", ""))
        elif match["type"] == "terms":
            plain = compile_regex(terms_pattern(match["terms"], match.get("obfuscation", False), match.get("masking", False)), "i")
        else:
            continue
        fast = compile_rule(rule)["regex"]
        for text in corpus:
            assert [(m.span(), m.group(0)) for m in plain.finditer(text)] == \
                [(m.span(), m.group(0)) for m in fast.finditer(text)], (rule["id"], text)


@pytest.mark.parametrize("token, reads", [
    ("sh1t", True), ("b!tch", True), ("f***", True), ("5h1t", True), ("a**hole", True),
    ("455", False), ("$455", False), ("a55", False), ("5***", False), ("8008", False),
])
def test_a_look_alike_reading_needs_a_word(token, reads):
    from helper.engine.compile import reads_as_word
    assert reads_as_word(token) is reads
