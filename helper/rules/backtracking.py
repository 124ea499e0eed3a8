"""Polynomial backtracking in a parsed pattern: where a run of characters can be split between
pieces of the pattern in many ways, and a failing match tries them all.

Two shapes do it (both are found anywhere in the pattern, inside groups and lookarounds too):
- a repeated group whose last piece is an unbounded run that its own first piece can continue:
  `(?:[a-z]+ ?){0,6}` splits one long word into up to six runs, about n^6 ways;
- two unbounded runs with a shared character and nothing but optional pieces between them:
  `[a-z]+ ?[a-z]+` splits a long word in n ways at each of n starting points.
A run that ends at a character it cannot hold (`(?:[a-z]{1,20} ){0,6}`, `(?:\\S+ ){0,3}`) has one
split only, and is fine.
"""
from __future__ import annotations

import functools
import re

try:  # Python 3.11+: the parser and compiler live in re._parser and re._compiler
    from re import _compiler as sre_compile, _constants as sre, _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_compile
    import sre_constants as sre
    import sre_parse

# The characters a class is tried on: Latin and its accents, and one of each other script's kind.
_UNIVERSE = [chr(c) for c in range(0x250)] + ["\u0400", "\u05d0", "\u4e00", "\u200b", "\U0001F600"]
_SINGLE = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY, sre.CATEGORY)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None))


@functools.lru_cache(maxsize=4096)
def _chars_of(op, av_key) -> frozenset[str]:
    """The characters one single-character item matches (case-insensitively: the wider reading)."""
    av = list(av_key) if op is sre.IN else av_key
    sub = sre_parse.SubPattern(sre_parse.State(), [(op, av)])
    regex = sre_compile.compile(sub, re.ASCII | re.IGNORECASE | re.DOTALL)
    return frozenset(c for c in _UNIVERSE if regex.fullmatch(c))


def _chars(item) -> frozenset[str]:
    op, av = item
    return _chars_of(op, tuple(av) if op is sre.IN else av)


def _run(item) -> frozenset[str] | None:
    """The characters of an unbounded run of one character class (`[a-z]+`, `\\s*`), else None."""
    op, av = item
    if op in _REPEATS and av[1] == sre.MAXREPEAT and len(av[2]) == 1 and av[2][0][0] in _SINGLE:
        return _chars(av[2][0])
    return None


def _nullable(item) -> bool:
    op, av = item
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return True
    if op in _REPEATS:
        return av[0] == 0 or all(_nullable(i) for i in av[2])
    if op is sre.SUBPATTERN:
        return all(_nullable(i) for i in av[-1])
    if op is sre.BRANCH:
        return any(all(_nullable(i) for i in branch) for branch in av[1])
    return False


def _first(items) -> frozenset[str]:
    """The characters a match of this sequence can start with."""
    found: set[str] = set()
    for item in items:
        op, av = item
        if op in _SINGLE:
            return frozenset(found | _chars(item))
        if op in _REPEATS:
            found |= _first(av[2])
        elif op is sre.SUBPATTERN:
            found |= _first(av[-1])
        elif op is sre.BRANCH:
            for branch in av[1]:
                found |= _first(branch)
        if not _nullable(item):
            break
    return frozenset(found)


def _last_run(items) -> frozenset[str] | None:
    """The unbounded run a sequence ends with, optional pieces after it aside."""
    for item in reversed(list(items)):
        run = _run(item)
        if run is not None:
            return run
        op, av = item
        if op is sre.SUBPATTERN:
            inner = _last_run(av[-1])
            if inner is not None:
                return inner
        if not _nullable(item):
            return None
    return None


def polynomial_problems(items) -> list[str]:
    problems = []
    items = list(items)
    for i, item in enumerate(items):
        op, av = item
        run = _run(item)
        if run is not None:
            for later in items[i + 1:]:
                other = _run(later)
                if other is not None and run & other:
                    problems.append("two unbounded runs can share the same characters (polynomial backtracking)")
                    break
                if not _nullable(later):
                    break
        if op in _REPEATS:
            body = list(av[2])
            if av[1] > 1:
                tail = _last_run(body)
                if tail is not None and tail & _first(body):
                    problems.append("a repeated group can split one run of characters in many ways "
                                    "(polynomial backtracking)")
            problems += polynomial_problems(body)
        elif op is sre.SUBPATTERN:
            problems += polynomial_problems(av[-1])
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            problems += polynomial_problems(av[1])
        elif op is sre.BRANCH:
            for branch in av[1]:
                problems += polynomial_problems(branch)
    return sorted(set(problems))
