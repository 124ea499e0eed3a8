"""Case-insensitive rule patterns searched case-sensitively in the lower-cased draft (Python only; the
matches stay the same): Python's re skips an alternative at once when its first character does not
fit, but only for case-sensitive literals. The draft is lowered once for all the rules."""
from __future__ import annotations

import re

try:  # Python 3.11+: the regular-expression parser, compiler and opcodes
    from re import _compiler as _sre_compile, _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_compile as _sre_compile
    import sre_constants as _sre
    import sre_parse as _sre_parse


class _NotLowerable(Exception):
    """A construct the lower-case form cannot stand for."""


ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_lowered = ("", "")


def _lower(text: str) -> str:
    """The draft with its ASCII letters in lower case (only those fold under re.ASCII | re.IGNORECASE;
    the length never changes), once per draft for all the rules (one entry, swapped atomically)."""
    global _lowered
    seen = _lowered
    if seen[0] is text:
        return seen[1]
    _lowered = (text, _ascii_lower(text))
    return _lowered[1]


def _ascii_lower(text: str) -> str:
    # bytes.lower() folds A-Z alone, and UTF-8 never uses those bytes inside a longer character.
    return text.lower() if text.isascii() else text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _lowercase_tree(items):
    """A parsed case-insensitive pattern as a case-sensitive one that reads a draft whose ASCII letters
    are lower case: the same matches at the same places. Python's re skips an alternative at once when
    its first character does not fit, but only for case-sensitive literals; a long case-insensitive
    alternation is tried piece by piece at every word, twice as slowly."""
    def low(c: int) -> int:
        return c + 32 if 65 <= c <= 90 else c

    out = []
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            av = low(av)
        elif op is _sre.IN:
            members = []
            for item_op, item_av in av:
                if item_op is _sre.LITERAL:
                    item_av = low(item_av)
                elif item_op is _sre.RANGE:
                    lo, hi = max(item_av[0], 65), min(item_av[1], 90)
                    if lo <= hi:   # the upper-case letters of a range read as their lower-case ones
                        members.append((_sre.RANGE, (lo + 32, hi + 32)))
                members.append((item_op, item_av))
            av = members
        elif op is _sre.SUBPATTERN:
            av = av[:-1] + (_lowercase_sub(av[-1]),)
        elif op is _sre.BRANCH:
            av = (av[0], [_lowercase_sub(b) for b in av[1]])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            av = (av[0], av[1], _lowercase_sub(av[2]))
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            av = (av[0], _lowercase_sub(av[1]))
        elif op not in (_sre.AT, _sre.ANY, _sre.CATEGORY):
            raise _NotLowerable
        out.append((op, av))
    return out


def _lowercase_sub(sub):
    return _sre_parse.SubPattern(sub.state, _lowercase_tree(sub.data))


def lowercase_regex(pattern: str) -> re.Pattern | None:
    try:
        tree = _sre_parse.parse(pattern, re.ASCII)
        return _sre_compile.compile(_lowercase_sub(tree), re.ASCII)
    except (_NotLowerable, re.error, TypeError, AttributeError):
        return None


class _Match:
    """A match found in the lower-cased draft, read back from the draft itself."""
    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, index: int = 0) -> str:
        if index:
            raise IndexError("only the whole match is kept")
        return self._text[self._start:self._end]


class FastPattern:
    """A compiled rule pattern with two shortcuts (Python only; the matches stay the same): a draft
    holding none of the pattern's required strings is not searched, and a case-insensitive pattern
    is searched case-sensitively in the lower-cased draft (`regex` is then that lower-case form)."""

    def __init__(self, regex: re.Pattern, required: tuple[str, ...] | None, lowered: bool):
        self.regex, self.required, self.lowered = regex, required, lowered

    def finditer(self, text: str, low: str | None = None):
        low = _lower(text) if low is None else low
        if self.required and not any(s in low for s in self.required):
            return iter(())
        if self.lowered:
            return (_Match(text, *m.span()) for m in self.regex.finditer(low))
        return self.regex.finditer(text)


def find_in_window(pattern: re.Pattern | FastPattern, window: str):
    """The matches of a compiled pattern in a piece cut from the draft (a `context`, `unless` or
    `innocent` window): lowered on its own, so the draft's cached lower-case copy stays for the rules."""
    if isinstance(pattern, FastPattern):
        return pattern.finditer(window, _ascii_lower(window))
    return pattern.finditer(window)
