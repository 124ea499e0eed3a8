"""Turns rule data into compiled patterns. Mirrors extension/engine/compile.js."""
from __future__ import annotations

import re

try:  # Python 3.11+: the regular-expression parser and its opcodes
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre
    import sre_parse as _sre_parse

# Characters people put in place of letters to slip past filters (the same table in compile.js).
LEET = {"a": "@4", "b": "8", "e": "3", "g": "9", "i": "1!|l", "l": "1|", "o": "0", "s": "$5", "t": "7+", "z": "2"}
WORD_BEFORE = r"(?<![A-Za-z0-9_*])"
WORD_AFTER = r"(?![A-Za-z0-9_*])"


def compile_regex(pattern: str, flags: str = "") -> re.Pattern:
    # ASCII: \w \d \s \b mean what they mean in JavaScript without the 'u' flag.
    return re.compile(pattern, re.ASCII | (re.IGNORECASE if "i" in flags else 0))


class _Unknown(Exception):
    """The first characters of a pattern cannot be told simply."""


def _first_chars(items) -> tuple[set[str], bool]:
    """The characters a match of this parsed sequence can start with, and whether it can be empty."""
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            return chars | {chr(av)}, False
        if op is _sre.IN:
            for item_op, item_av in av:
                if item_op is _sre.LITERAL:
                    chars.add(chr(item_av))
                elif item_op is _sre.RANGE and item_av[1] - item_av[0] <= 200:
                    chars.update(chr(c) for c in range(item_av[0], item_av[1] + 1))
                else:
                    raise _Unknown
            return chars, False
        if op is _sre.AT or (op is _sre.ASSERT_NOT and av[0] == -1):
            continue  # \b and lookbehinds take no character: what follows them starts the match
        if op is _sre.SUBPATTERN or op is _sre.BRANCH:
            nullable = False
            for branch in (av[-1],) if op is _sre.SUBPATTERN else av[1]:
                first, empty = _first_chars(branch)
                chars |= first
                nullable = nullable or empty
            if not nullable:
                return chars, False
            continue
        if op is _sre.MAX_REPEAT or op is _sre.MIN_REPEAT:
            first, empty = _first_chars(av[2])
            chars |= first
            if av[0] > 0 and not empty:
                return chars, False
            continue
        raise _Unknown
    return chars, True


def first_char_lookahead(pattern: str, limit: int = 40) -> str:
    """A lookahead of the few characters a match can start with, or "".

    Python's re skips ahead to a pattern's possible first characters only when the pattern starts
    with them; ours mostly start with a lookbehind, so re tries every position. Putting the set in
    front (a condition every match already meets) keeps the matches and cuts the scan. Python only:
    V8 does not need it, and the data stays the same for both engines."""
    try:
        chars, nullable = _first_chars(_sre_parse.parse(pattern, re.ASCII))
    except (_Unknown, re.error):
        return ""
    if nullable or not chars or len(chars) > limit:
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


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
    also matches '*' (f***). The terms are grouped by the characters they can start with, and groups
    never share one: at any position only one group can match, so the longest-first order holds, and
    a lookahead on each group's first characters lets the regex engines skip the other groups fast."""
    def alternative(term: str) -> str:
        if obfuscation:
            return "".join(_char_class(ch, i == 0, masking) for i, ch in enumerate(term))
        return "".join(_char_class(ch, True, False) if ch in " '-" else ch for ch in term)

    def order(t: str):
        return (-len(t), t)

    groups: list[tuple[set[str], list[str]]] = []
    for term in sorted(terms, key=order):
        starts = set((term[0] + (LEET.get(term[0], "") if obfuscation else "")).lower())
        touching = [g for g in groups if g[0] & starts]
        if not touching:
            groups.append((starts, [term]))
            continue
        into = touching[0]
        for g in touching[1:]:  # a start both share (i and l share "1" and "|"): one group
            into[0].update(g[0])
            into[1].extend(g[1])
            groups.remove(g)
        into[0].update(starts)
        into[1].append(term)
    parts = ["(?=" + _class_of("".join(sorted(starts))) + ")(?:" + "|".join(alternative(t) for t in sorted(group, key=order)) + ")"
             for starts, group in groups]
    # The lookahead on the possible first characters lets the regex engines skip most positions fast.
    firsts = sorted({ch for term in terms for ch in term[0] + (LEET.get(term[0], "") if obfuscation else "")})
    return ("(?=" + _class_of("".join(firsts)) + ")" + WORD_BEFORE + "(?:" + "|".join(parts) + ")" + WORD_AFTER)


def compile_rule(rule: dict) -> dict:
    """Returns {'regex': Pattern | None, 'context': (Pattern, window) | None, 'unless': ...}."""
    match = rule["match"]
    compiled = {"regex": None, "context": None, "unless": None}
    if match["type"] == "regex":
        compiled["regex"] = compile_regex(first_char_lookahead(match["pattern"]) + match["pattern"], match.get("flags", ""))
    elif match["type"] == "terms":
        compiled["regex"] = compile_regex(terms_pattern(match["terms"], match.get("obfuscation", False), match.get("masking", False)), "i")
    for key in ("context", "unless"):
        if key in match:
            compiled[key] = (compile_regex(match[key]["pattern"], match[key].get("flags", "")), match[key]["window"])
    return compiled
