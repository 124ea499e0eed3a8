"""Turns rule data into compiled patterns. Mirrors extension/engine/compile.js."""
from __future__ import annotations

import re

# Characters people put in place of letters to slip past filters (the same table in compile.js).
LEET = {"a": "@4", "b": "8", "e": "3", "g": "9", "i": "1!|l", "l": "1|", "o": "0", "s": "$5", "t": "7+", "z": "2"}
WORD_BEFORE = r"(?<![A-Za-z0-9_*])"
WORD_AFTER = r"(?![A-Za-z0-9_*])"


def compile_regex(pattern: str, flags: str = "") -> re.Pattern:
    # ASCII: \w \d \s \b mean what they mean in JavaScript without the 'u' flag.
    return re.compile(pattern, re.ASCII | (re.IGNORECASE if "i" in flags else 0))


def _char_class(ch: str, first: bool, masking: bool) -> str:
    if ch == " ":
        return "[ _.\\-]?"
    if ch == "'":
        return "'?"
    if ch == "-":
        return "[ \\-]?"
    return _class_of(ch + LEET.get(ch, "") + ("*" if masking and not first else ""))


def _class_of(chars: str) -> str:
    return "[" + chars.replace("\\", "\\\\").replace("]", "\\]").replace("^", "\\^").replace("-", "\\-") + "]"


def terms_pattern(terms: list[str], obfuscation: bool, masking: bool = False) -> str:
    """One alternation of the terms, longest first, with word edges. With obfuscation every letter
    also matches its look-alike characters (sh1t, b!tch); with masking, any letter but the first
    also matches '*' (f***)."""
    parts = []
    for term in sorted(terms, key=lambda t: (-len(t), t)):
        if obfuscation:
            parts.append("".join(_char_class(ch, i == 0, masking) for i, ch in enumerate(term)))
        else:
            parts.append("".join(_char_class(ch, True, False) if ch in " '-" else ch for ch in term))
    # The lookahead on the possible first characters lets the regex engines skip most positions fast.
    firsts = sorted({ch for term in terms for ch in term[0] + (LEET.get(term[0], "") if obfuscation else "")})
    return ("(?=" + _class_of("".join(firsts)) + ")" + WORD_BEFORE + "(?:" + "|".join(parts) + ")" + WORD_AFTER)


def compile_rule(rule: dict) -> dict:
    """Returns {'regex': Pattern | None, 'context': (Pattern, window) | None, 'unless': ...}."""
    match = rule["match"]
    compiled = {"regex": None, "context": None, "unless": None}
    if match["type"] == "regex":
        compiled["regex"] = compile_regex(match["pattern"], match.get("flags", ""))
    elif match["type"] == "terms":
        compiled["regex"] = compile_regex(terms_pattern(match["terms"], match.get("obfuscation", False), match.get("masking", False)), "i")
    for key in ("context", "unless"):
        if key in match:
            compiled[key] = (compile_regex(match[key]["pattern"], match[key].get("flags", "")), match[key]["window"])
    return compiled
