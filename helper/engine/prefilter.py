"""Which rule patterns can match a draft at all, found in one linear pass over it (Python only).

Each pattern is loosened into one RE2 reads: its lookarounds and anchors are dropped, and a
one-character lookbehind at its start or lookahead at its end becomes a consumed character. The
loose form matches wherever the pattern does (and sometimes where it does not), so a rule whose
loose form has no match in the draft cannot match it either, and is not searched. RE2's sets read
all the loose forms in a few passes, in linear time, where Python's re would try every pattern at
every word. The findings stay exactly the same; a 1 KB draft that trips a dozen rules
is searched by a dozen patterns instead of sixty. The extension needs no such step: V8's regular
expressions are fast enough alone.

Without the google-re2 package, or for a pattern that cannot be loosened, every rule is searched.
"""
from __future__ import annotations

import functools
import re

try:  # Python 3.11+: the regular-expression parser and opcodes
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre
    import sre_parse as _sre_parse

try:
    import re2
except ImportError:  # pragma: no cover - the helper still works, only more slowly
    re2 = None

# Python's re.ASCII classes, spelled out: RE2's \s lacks \v.
_CATEGORY = {_sre.CATEGORY_DIGIT: r"0-9", _sre.CATEGORY_WORD: r"0-9A-Za-z_", _sre.CATEGORY_SPACE: r"\t\n\x{b}\f\r "}
_NEGATED = {_sre.CATEGORY_NOT_DIGIT: _sre.CATEGORY_DIGIT, _sre.CATEGORY_NOT_WORD: _sre.CATEGORY_WORD,
            _sre.CATEGORY_NOT_SPACE: _sre.CATEGORY_SPACE}
# Matches only once the whole draft has been read: its absence means RE2 gave up (out of memory).
_FINISHED = r"\z"
_RE2_MAX_REPEAT = 1000


class _Unknown(Exception):
    """A construct the loose form cannot stand for."""


def _char(code: int) -> str:
    ch = chr(code)
    return ch if ch.isascii() and ch.isalnum() else "\\x{%x}" % code


def _class(items) -> str:
    negate, members = False, []
    for op, av in items:
        if op is _sre.NEGATE:
            negate = True
        elif op is _sre.LITERAL:
            members.append(_char(av))
        elif op is _sre.RANGE:
            members.append(_char(av[0]) + "-" + _char(av[1]))
        elif op is _sre.CATEGORY and av in _CATEGORY:
            members.append(_CATEGORY[av])
        elif op is _sre.CATEGORY and av in _NEGATED and len(items) == 1:
            return _except("[^" + _CATEGORY[_NEGATED[av]] + "]")
        else:
            raise _Unknown
    return _except("[^" + "".join(members) + "]") if negate else "[" + "".join(members) + "]"


def _except(negated: str) -> str:
    """A negated class read case-sensitively: RE2 folds more letters than re.ASCII does (the Kelvin
    sign is a "k" to it), so under (?i) it would refuse characters Python lets through."""
    return "(?-i:" + negated + ")"


def _loose(items, groups: dict[int, str]) -> str:
    out = []
    for op, av in items:
        if op is _sre.LITERAL:
            out.append(_char(av))
        elif op is _sre.NOT_LITERAL:
            out.append(_except("[^" + _char(av) + "]"))
        elif op is _sre.IN:
            out.append(_class(av))
        elif op is _sre.CATEGORY:
            out.append(_class([(op, av)]))
        elif op is _sre.ANY:
            out.append("(?s:.)")
        elif op is _sre.SUBPATTERN:
            if av[1] or av[2]:   # a group with flags of its own
                raise _Unknown
            inner = _loose(av[3], groups)
            if av[0] is not None:
                groups[av[0]] = inner
            out.append("(?:" + inner + ")")
        elif op is _sre.GROUPREF and av in groups:
            out.append("(?:" + groups[av] + ")")   # whatever the group could match, not only what it did
        elif op is _sre.BRANCH:
            out.append("(?:" + "|".join(_loose(b, groups) for b in av[1]) + ")")
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, sub = av
            low = min(low, _RE2_MAX_REPEAT)
            count = "{%d,}" % low if high > _RE2_MAX_REPEAT else "{%d,%d}" % (low, high)
            out.append("(?:" + _loose(sub, groups) + ")" + count)
        elif op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue   # a condition dropped: the loose form matches more, never less
        else:
            raise _Unknown
    return "".join(out)


def _one_char_class(assertion) -> str | None:
    """The class a one-character lookaround refuses, as a class of what it lets through."""
    sub = list(assertion[1])
    if len(sub) != 1 or sub[0][0] not in (_sre.IN, _sre.LITERAL):
        return None
    op, av = sub[0]
    if op is _sre.IN and any(item_op is _sre.NEGATE for item_op, _ in av):
        return None   # dropped instead: case folding makes a negated class's complement unclear
    refused = _class(av) if op is _sre.IN else "[" + _char(av) + "]"
    if not refused.startswith("["):
        return None
    # Case-sensitive: a case-insensitive rule refuses both cases, so this lets through at least as much.
    return "[^" + refused[1:]


def loose_pattern(pattern: str, flags: str = "") -> str:
    """The pattern in RE2's syntax, matching wherever the pattern matches (raises _Unknown)."""
    items = list(_sre_parse.parse(pattern, re.ASCII))
    while items and (items[0][0] is _sre.AT or (items[0][0] is _sre.ASSERT and items[0][1][0] == 1)):
        items.pop(0)   # \b and lookaheads in front of the lookbehind
    head = tail = ""
    if items and items[0][0] is _sre.ASSERT_NOT and items[0][1][0] == -1:
        allowed = _one_char_class(items[0][1])
        if allowed:   # "not after a letter": the start of the draft or a character that is not one
            items.pop(0)
            head = "(?:\\A|" + allowed + ")"
    if items and items[-1][0] is _sre.ASSERT_NOT and items[-1][1][0] == 1:
        allowed = _one_char_class(items[-1][1])
        if allowed:
            items.pop()
            tail = "(?:\\z|" + allowed + ")"
    body = _loose(items, {})
    return head + ("(?i:" + body + ")" if "i" in flags else body) + tail


class RuleGate:
    """`possible(text)`: the keys of the patterns that may match the text, or None for "all".

    The loose forms are read by a few RE2 sets of at most `per_set`, not one: a set's DFA has a
    state for each mix of partial matches, and one set of a hundred long alternations makes so
    many that a draft never seen costs twice as much as with a few smaller sets. On a draft seen
    again the states are built already, and fewer, larger sets are a little faster."""

    def __init__(self, patterns: tuple[tuple[object, str, str], ...], per_set: int = 45, max_mem: int = 64 << 20):
        self.keys: frozenset = frozenset()
        self._sets: list[tuple[object, int, dict[int, object]]] = []
        if re2 is None:
            return
        loose = []
        for key, pattern, flags in patterns:
            try:
                loose.append((key, loose_pattern(pattern, flags)))
            except (_Unknown, re.error):
                continue   # searched every time
        count = max(1, -(-len(loose) // per_set))
        for part in range(count):
            options = re2.Options()
            options.max_mem = max_mem   # RE2's own limit (8 MB) makes long alternations rebuild states over and over
            options.log_errors = False
            matcher, by_index = re2.Set.SearchSet(options), {}
            for key, pattern in loose[part::count]:
                try:
                    by_index[matcher.Add(pattern)] = key
                except re2.error:
                    continue
            finished = matcher.Add(_FINISHED)
            try:
                matcher.Compile()
            except re2.error:
                continue   # too large for max_mem: these rules are searched every time
            self._sets.append((matcher, finished, by_index))
        self.keys = frozenset(key for _, _, by_index in self._sets for key in by_index.values())

    def possible(self, text: str) -> set | None:
        if not self._sets:
            return None
        try:
            encoded = text.encode("utf-8")
        except UnicodeEncodeError:   # a lone surrogate: search every rule
            return None
        found = set()
        for matcher, finished, by_index in self._sets:
            hits = matcher.Match(encoded)
            if finished in hits:
                found.update(by_index[i] for i in hits if i != finished)
            else:   # RE2 gave up before the end of the draft (out of memory): search all of this set's rules
                found.update(by_index.values())
        return found


@functools.lru_cache(maxsize=8)
def rule_gate(patterns: tuple[tuple[object, str, str], ...]) -> RuleGate:
    """Kept, as compiled patterns are: an engine is rebuilt with the same rules when settings change."""
    return RuleGate(patterns)
