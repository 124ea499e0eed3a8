"""Turns rule data into compiled patterns. Mirrors extension/engine/compile.js."""
from __future__ import annotations

import functools
import re

try:  # Python 3.11+: the regular-expression parser and opcodes
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre
    import sre_parse as _sre_parse

from .lowered import ASCII_LOWER, FastPattern, find_in_window, lowercase_regex
from .tables import TABLES
from .text import window_around

LEET = TABLES["leet"]
# Latin letters with accents count as letters at a term's edges (Spanish: "disputa" holds no "puta").
LATIN_LETTERS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
WORD_BEFORE = r"(?<![A-Za-z0-9_*" + LATIN_LETTERS + "])"
WORD_AFTER = r"(?![A-Za-z0-9_*" + LATIN_LETTERS + "])"
# Both cases of an accented letter are listed: case-insensitive matching of non-ASCII letters
# differs between Python's re.ASCII and JavaScript.
PLAIN_VOWEL = TABLES["plain_vowels"]
_LETTER = re.compile("[A-Za-z" + LATIN_LETTERS + "]")
_DIGIT = re.compile("[0-9]")


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
        if op is _sre.AT or op is _sre.ASSERT or (op is _sre.ASSERT_NOT and av[0] == -1):
            continue  # \b, lookaheads and lookbehinds take no character: what follows them starts the match
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


def _starts(pattern: str, tree=None) -> set[str] | None:
    """The characters every match of the pattern (or of its parsed tree, when given) starts with, or
    None when they cannot be told simply or a match can be empty."""
    try:
        chars, nullable = _first_chars(_sre_parse.parse(pattern, re.ASCII) if tree is None else tree)
    except (_Unknown, re.error):
        return None
    return None if nullable or not chars else chars


def first_char_lookahead(pattern: str, limit: int = 40, tree=None) -> str:
    """A lookahead of the few characters a match can start with, or "".

    Python's re skips ahead to a pattern's possible first characters only when the pattern starts
    with them; ours mostly start with a lookbehind, so re tries every position. Putting the set in
    front (a condition every match already meets) keeps the matches and cuts the scan. Python only:
    V8 does not need it, and the data stays the same for both engines."""
    chars = _starts(pattern, tree)
    if chars is None or len(chars) > limit:
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def _letters(ch: str, obfuscation: bool) -> str:
    """The characters that stand for this letter of a term."""
    if ch.isascii():
        return ch + (LEET.get(ch, "") if obfuscation else "")
    plain = PLAIN_VOWEL.get(ch, "")
    return ch + ch.upper() + plain + (LEET.get(plain, "") if obfuscation else "")


def _required(items):
    """A set of lower-case strings one of which every match of this parsed sequence contains, or None.
    Of the sequence's literal runs and groups, the one whose shortest string (spaces aside: " to " is
    as common as "to") is longest is kept."""
    best, run = None, ""

    def score(candidate):
        return min(len(s.strip()) for s in candidate), -len(candidate)

    def consider(candidate):
        nonlocal best
        if candidate and (best is None or score(candidate) > score(best)):
            best = candidate

    for op, av in list(items) + [(None, None)]:
        if op is _sre.LITERAL:
            run += chr(av)
            continue
        consider({run} if run else None)
        run = ""
        if op is _sre.SUBPATTERN:
            consider(_required(av[-1]))
        elif op is _sre.BRANCH:
            branches = [_required(b) for b in av[1]]
            if all(branches):
                consider(set().union(*branches))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] > 0:
            consider(_required(av[2]))
    return best


def required_strings(pattern: str, shortest: int = 3, most: int = 12, tree=None) -> tuple[str, ...] | None:
    """Strings of which every match of the pattern holds one (compared lower-case), when they are all
    at least `shortest` long: a draft with none of them cannot match, and `in` finds that far faster
    than the regex engine tries a long alternation at every word. Python only, like the lookahead."""
    try:
        found = _required(_sre_parse.parse(pattern, re.ASCII) if tree is None else tree)
    except re.error:
        return None
    if not found or min(len(s.strip()) for s in found) < shortest or len(found) > most:
        # a long list costs more to look for than the search it would save
        return None
    return tuple(sorted({s.translate(ASCII_LOWER) for s in found}))


_STARTS_AT_A_WORD = re.compile(r"(?:\(\?=\[(?:[^\]\\]|\\.)*\]\))?\(\?<!\[A-Za-z0-9_")


def word_start_prefix(pattern: str, tree=None) -> str:
    """"\\b" in front of a pattern whose matches all start where its leading lookbehind finds no
    letter, digit or "_" before a letter or digit (or "\\b or a lookahead of its other first
    characters", for "$hit"): the same matches, but re stops at "\\b" in the middle of a word at once,
    before it tries the lookahead and the lookbehind."""
    if not _STARTS_AT_A_WORD.match(pattern):
        return ""
    chars = _starts(pattern, tree)
    if chars is None:
        return ""
    other = sorted(c for c in chars if not (c.isascii() and (c.isalnum() or c == "_")))
    return r"\b" if not other else r"(?:\b|(?=[" + "".join(re.escape(c) for c in other) + "]))"


@functools.lru_cache(maxsize=512)
def fast_pattern(pattern: str, flags: str) -> re.Pattern | FastPattern:
    """The pattern compiled for the Python engine: word-start check, first-character lookahead,
    required strings and, for a case-insensitive pattern, its lower-case form. Kept, as re keeps
    compiled patterns: an engine is rebuilt with the same rules whenever the settings change, and
    working these out takes far longer than re's own compiling."""
    tree = _sre_parse.parse(pattern, re.ASCII)   # parsed once for the three that read it
    full = word_start_prefix(pattern, tree=tree) + first_char_lookahead(pattern, tree=tree) + pattern
    required = required_strings(pattern, tree=tree)
    lowered = lowercase_regex(full) if "i" in flags else None
    if lowered is not None:
        return FastPattern(lowered, required, True)
    regex = compile_regex(full, flags)
    return FastPattern(regex, required, False) if required else regex


def _char_class(ch: str, first: bool, masking: bool) -> str:
    if ch == " ":
        return "[ _.\\-]?"
    if ch == "'":
        return "'?"
    if ch == "-":
        return "[ \\-]?"
    return _class_of(_letters(ch, True) + ("*" if masking and not first else ""))


def _class_of(chars: str) -> str:
    return "[" + chars.replace("\\", "\\\\").replace("]", "\\]").replace("^", "\\^").replace("-", "\\-") + "]"


def terms_pattern(terms: list[str], obfuscation: bool, masking: bool = False, factor: bool = False) -> str:
    """One alternation of the terms, longest first, with word edges. With obfuscation every letter
    also matches its look-alike characters (sh1t, b!tch); with masking, any letter but the first
    also matches '*' (f***). The terms are grouped by the characters they can start with, and groups
    never share one: at any position only one group can match, so the longest-first order holds, and
    a lookahead on each group's first characters lets the regex engines skip the other groups fast.
    With factor (the Python engine's copy), a group whose terms all start with the same piece has it
    written once in front instead of the lookahead: the same matches, and Python's re then skips the
    group at its first character."""
    def first_piece(term: str) -> str:
        if obfuscation:
            return _char_class(term[0], True, masking)
        return term[0] if term[0].isascii() else _class_of(_letters(term[0], False))

    def part(starts: set[str], group: list[str]) -> str:
        alternatives = [alternative(t) for t in sorted(group, key=order)]
        heads = {first_piece(t) for t in group}
        if factor and len(heads) == 1:
            head = heads.pop()
            return head + "(?:" + "|".join(a[len(head):] for a in alternatives) + ")"
        return "(?=" + _class_of("".join(sorted(starts))) + ")(?:" + "|".join(alternatives) + ")"

    def alternative(term: str) -> str:
        if obfuscation:
            return "".join(_char_class(ch, i == 0, masking) for i, ch in enumerate(term))
        return "".join(_char_class(ch, True, False) if ch in " '-" else ch if ch.isascii() else _class_of(_letters(ch, False))
                       for ch in term)

    def order(t: str):
        return (-len(t), t)

    groups: list[tuple[set[str], list[str]]] = []
    for term in sorted(terms, key=order):
        starts = set(_letters(term[0], obfuscation))
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
    parts = [part(starts, group) for starts, group in groups]
    # The lookahead on the possible first characters lets the regex engines skip most positions fast.
    firsts = sorted({ch for term in terms for ch in _letters(term[0], obfuscation)})
    return ("(?=" + _class_of("".join(firsts)) + ")" + WORD_BEFORE + "(?:" + "|".join(parts) + ")" + WORD_AFTER)


def reads_as_word(token: str) -> bool:
    """A look-alike reading counts only for a token with letters, no fewer letters than digits:
    "sh1t", "b!tch" and "f***" read as words; "455" (a room, a bus, a price) and "a55" do not."""
    letters = len(_LETTER.findall(token))
    return letters > 0 and letters >= len(_DIGIT.findall(token))


INNOCENT_WINDOW = 40


def _inside(pattern: re.Pattern | FastPattern, text: str, start: int, end: int) -> bool:
    """True when a match of the pattern (searched near the span) covers the span."""
    lo, hi = window_around(text, start, end, INNOCENT_WINDOW)
    spans = (m.span() for m in find_in_window(pattern, text[lo:hi]))
    return any(s + lo <= start and end <= e + lo for s, e in spans)


def rule_pattern(rule: dict) -> tuple[str, str] | None:
    """The pattern (and its flags) a regex or terms rule searches the draft with; None for others."""
    match = rule["match"]
    if match["type"] == "regex":
        return match["pattern"], match.get("flags", "")
    if match["type"] == "terms":
        return terms_pattern(match["terms"], match.get("obfuscation", False), match.get("masking", False), factor=True), "i"
    return None


def compile_rule(rule: dict) -> dict:
    """Returns {'regex': Pattern | None, 'context': (Pattern, window) | None, 'unless': ...,
    'keep': None | (text, start, end) -> bool, 'letters': bool}: keep drops look-alike readings of
    bare numbers and matches inside a phrase the rule calls innocent (a name or a place); letters
    says the rule reads the draft with digits in words read as letters (a regex with obfuscation)."""
    match = rule["match"]
    compiled = {"regex": None, "context": None, "unless": None, "keep": None,
                "letters": match["type"] == "regex" and bool(match.get("obfuscation"))}
    searched = rule_pattern(rule)
    if searched is not None:
        compiled["regex"] = fast_pattern(*searched)
    for key in ("context", "unless"):
        if key in match:
            compiled[key] = (fast_pattern(match[key]["pattern"], match[key].get("flags", "")), match[key]["window"])
    checks = []
    if match["type"] == "terms" and match.get("obfuscation"):
        checks.append(lambda text, start, end: reads_as_word(text[start:end]))
    if "innocent" in match:
        innocent = fast_pattern(match["innocent"]["pattern"], match["innocent"].get("flags", ""))
        checks.append(lambda text, start, end: not _inside(innocent, text, start, end))
    if checks:
        compiled["keep"] = lambda text, start, end: all(check(text, start, end) for check in checks)
    return compiled
