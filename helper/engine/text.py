"""Text preparation shared by every matcher (extension/engine/text.js does the same, table for table).

Rules read a draft as a reader sees it; findings point at the draft as it was typed. In order:
1. One for one (nothing moves): Unicode spaces and tabs become " ", full-width ASCII forms and styled
   ("fancy font") letters and digits their ASCII letter, digit or sign, Unicode hyphens and the
   minus sign "-", curly quotes straight ones.
2. Removed: invisible characters (zero-width space, non-joiner and joiner, word joiner, soft
   hyphen, BOM, bidi marks, embeddings and isolates, variation selectors, the keycap mark, tag
   characters), emoji between two digits (`309📞555📞0147`) or between two spaces (`no 😂 wonder`:
   one space stays), and every space after a space (`no  wonder`). Emoji glued between two letters
   (`no😂wonder`) read as one space.
3. Reversed: text under a right-to-left override (U+202E) up to its pop (U+202C, U+2069) or the
   end of the line, which the screen shows reversed.
4. Look-alike letters: in a word that mixes Latin letters with Cyrillic or Greek look-alikes (or
   is made of look-alikes only), each look-alike (small capitals too) becomes its Latin letter. Links are read without
   this step (`link_text`): a look-alike letter in a host is itself the danger, and link.punycode
   and the confusable detector must see it.
5. Capitals: a draft written in capitals (at least 12 capital letters, and at most one small
   letter for four capitals) reads in sentence case: small letters, but the first letter of the
   draft and of each sentence (`SOFIA IS A FREAK. GO AWAY` reads `Sofia is a freak. Go away`);
   codes with a digit, and the letter groups beside them, keep their capitals (`MT84 MALT 0110`).
   Links are read as typed.
Every step is one pass over the text (linear time). `Prepared.span` maps a span of the prepared
text back to the draft's code points, so findings highlight what the user typed.
"""
from __future__ import annotations

import re
import string

from .tables import TABLES

_ONE_FOR_ONE = {c: " " for c in [0x09, 0x00a0, 0x1680, *range(0x2000, 0x200b), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]}
_ONE_FOR_ONE.update({c: chr(c - 0xfee0) for c in range(0xff01, 0xff5f)})   # full-width ！ to ～
_ONE_FOR_ONE.update({c: "-" for c in (0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xfe63)})
_ONE_FOR_ONE.update({0x2018: "'", 0x2019: "'", 0x02bc: "'", 0x201c: '"', 0x201d: '"'})
# Styled letters and digits, as "fancy font" sites make them, read as Unicode's compatibility mapping
# (and a browser, in a host) reads them: mathematical bold, italic, script, fraktur, double-struck,
# sans-serif and monospace, the letter-like symbols that fill their gaps, circled letters and digits.
_LATIN = string.ascii_uppercase + string.ascii_lowercase
_ONE_FOR_ONE.update({c: _LATIN[(c - 0x1d400) % 52] for c in range(0x1d400, 0x1d6a4)})
_ONE_FOR_ONE.update({c: str((c - 0x1d7ce) % 10) for c in range(0x1d7ce, 0x1d800)})
_ONE_FOR_ONE.update({c: _LATIN[c - 0x24b6] for c in range(0x24b6, 0x24ea)})
_ONE_FOR_ONE.update({c: str(c - 0x245f) for c in range(0x2460, 0x2469)} | {0x24ea: "0"})
_ONE_FOR_ONE.update({ord(k): v for k, v in zip("ℂℊℋℌℍℎℐℑℒℓℕℙℚℛℜℝℤℨℬℭℯℰℱℳℴ", "CgHHHhIILlNPQRRRZZBCeEFMo")})

_OVERRIDE, _POPS = "\u202e", "\u202c\u2069"
# Characters that take no room on screen. U+202E (the override) is handled on its own.
_INVISIBLE = ("\u00ad\u034f\u061c\u180b-\u180f\u200b-\u200f\u202a-\u202d\u2060-\u2064\u2066-\u206f\u20e3"
              "\ufe00-\ufe0f\ufeff\U000e0000-\U000e007f\U000e0100-\U000e01ef")
_EMOJI = "\u2300-\u23ff\u2500-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"


def _char_class(codes) -> str:
    """A regex class of these code points as ranges (a long list of single characters is slow)."""
    codes, ranges = sorted(codes), []
    for c in codes:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges) + "]"


_ONE_FOR_ONE_CHAR = re.compile(_char_class(_ONE_FOR_ONE))
_ONE_FOR_ONE_STR = {chr(c): to for c, to in _ONE_FOR_ONE.items()}
# A run of invisible characters, emoji or the override; or the spaces after a space.
_STRUCTURE = re.compile(f"[{_INVISIBLE}{_EMOJI}{_OVERRIDE}]+|(?<= ) +")
_SPACE_RUN = re.compile(r"\t|  ")
_OVERRIDE_END = re.compile(f"[{_POPS}\n]")
_INVISIBLE_CHAR = re.compile(f"[{_INVISIBLE}{_OVERRIDE}]")
_EMOJI_CHAR = re.compile(f"[{_EMOJI}]")
_DIGIT_BEFORE = re.compile(r"[0-9][ .\-]?\Z")
_DIGIT_AFTER = re.compile(r"[ .\-]?[0-9]")

_LOOKALIKES = TABLES["lookalike_letters"]
_FOLD = str.maketrans(_LOOKALIKES)
_LOOKALIKE_CHAR = re.compile("[" + "".join(_LOOKALIKES) + "]")
_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u0370-\u03ff\u0400-\u052f\u1d00-\u1d2b\ua730\ua731"
_LETTER_RUN = re.compile(f"[{_LETTERS}]+")
_LETTER = re.compile(f"[{_LETTERS}]")
_ASCII_LETTER = re.compile("[A-Za-z]")


class Prepared:
    """The prepared text (`text` for text rules and detectors, `link_text` for links) and the way
    back to the draft: `orig[i]` is the draft code point that prepared character i came from
    (None when nothing moved)."""

    __slots__ = ("text", "link_text", "orig", "reversed", "length")

    def __init__(self, text: str, link_text: str, orig: list[int] | None, reversed_: bool, length: int):
        self.text, self.link_text, self.orig, self.reversed, self.length = text, link_text, orig, reversed_, length

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The draft's span (code points) of prepared text[start:end]."""
        orig = self.orig
        if orig is None:
            return start, end
        if end <= start:
            at = orig[start] if start < len(orig) else self.length
            return at, at
        if self.reversed:  # a reversed piece maps a run of characters to a run, backwards
            part = orig[start:end]
            return min(part), max(part) + 1
        return orig[start], orig[end - 1] + 1


def prepare(text: str) -> Prepared:
    if text.isascii() and not _SPACE_RUN.search(text):
        return Prepared(_unshout(text), text, None, False, len(text))
    if _ONE_FOR_ONE_CHAR.search(text):
        text = _ONE_FOR_ONE_CHAR.sub(lambda m: _ONE_FOR_ONE_STR[m.group(0)], text)
    link_text, orig, reversed_ = _restructure(text)
    return Prepared(_unshout(_fold_lookalikes(link_text)), link_text, orig, reversed_, len(text))


def _restructure(text: str) -> tuple[str, list[int] | None, bool]:
    """Step 2 and 3: the text without invisible characters and emoji between digits, overrides
    reversed, and for each character left the index it had."""
    pieces: list[str] = []
    orig: list[int] = []
    pos, reversed_ = 0, False
    m = _STRUCTURE.search(text)
    while m is not None:
        start, end = m.span()
        run = m.group(0)
        at = run.find(_OVERRIDE)
        if at > 0:   # what comes before the override is a run of its own
            end, run = start + at, run[:at]
        if at == 0:   # the override holds to its pop (removed with it) or to the end of the line
            stop = _OVERRIDE_END.search(text, start + 1)
            end = len(text) if stop is None else stop.start() if stop.group(0) == "\n" else stop.end()
            segment = text[start + 1:end]
            kept = list(zip(segment, range(start + 1, end))) if not _INVISIBLE_CHAR.search(segment) else \
                [(ch, start + 1 + i) for i, ch in enumerate(segment) if not _INVISIBLE_CHAR.match(ch)]
            kept.reverse()
            reversed_ = True
        elif run[0] == " ":
            kept = []   # the spaces after a space
        elif _EMOJI_CHAR.search(run) and (_between_digits(text, start, end) or _between_spaces(text, start, end)):
            if _between_spaces(text, start, end):
                end += 1   # "309 📞 555", "no 😂 wonder": one space stays
            kept = []
        elif _EMOJI_CHAR.search(run) and _LETTER.match(text[start - 1:start]) and _LETTER.match(text[end:end + 1]):
            kept = [(" ", start)]   # "no😂wonder": a space, as the eye reads it
        else:
            kept = [(ch, start + i) for i, ch in enumerate(run) if not _INVISIBLE_CHAR.match(ch)]
            if len(kept) == len(run):   # emoji among words: nothing to change
                m = _STRUCTURE.search(text, end)
                continue
        m = _STRUCTURE.search(text, end)
        pieces.append(text[pos:start])
        orig.extend(range(pos, start))
        pieces.append("".join(ch for ch, _ in kept))
        orig.extend(i for _, i in kept)
        pos = end
    if pos == 0:
        return text, None, False
    pieces.append(text[pos:])
    orig.extend(range(pos, len(text)))
    return "".join(pieces), orig, reversed_


def _between_digits(text: str, start: int, end: int) -> bool:
    """A digit before the run (or a digit and one separator) and a digit after it (or one separator
    and a digit), as in 309📞555, 309-📞555, 309📞-555 and 309 📞 555."""
    return bool(_DIGIT_BEFORE.search(text[max(0, start - 2):start]) and _DIGIT_AFTER.match(text, end))


def _between_spaces(text: str, start: int, end: int) -> bool:
    return text[start - 1:start] == " " and text[end:end + 1] == " "


_NO_UPPER = dict.fromkeys(range(0x41, 0x5b))
_NO_LOWER = dict.fromkeys(range(0x61, 0x7b))
# Words of capital letters only: codes with digits (IBANs, room B12) keep their capitals, and so do
# the letter groups beside them (`MT84 MALT 0110`).
_CAPITAL_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Z]+(?![A-Za-z0-9])")
_CODE_AFTER = re.compile(r" [A-Za-z]{0,40}[0-9]")
_ALNUM = frozenset(string.ascii_letters + string.digits)
_DIGIT = re.compile("[0-9]")


def _token_before(text: str, at: int) -> tuple[int, str]:
    """The run of ASCII letters and digits that ends at `at`, and where it starts."""
    start = at
    while start > 0 and text[start - 1] in _ALNUM:
        start -= 1
    return start, text[start:at]


def _beside_a_code(text: str, start: int, end: int) -> bool:
    """A code with a digit just after the word, or just before it, or a 4-character group before
    it that follows such a code (`90AB CDEF G`); the digit within 16 characters before the word or
    42 after it."""
    if not _DIGIT.search(text, max(0, start - 16), end + 42):
        return False   # the common case, at once: no digit near the word
    if _CODE_AFTER.match(text, end):
        return True
    if text[start - 1:start] != " ":
        return False
    at, previous = _token_before(text, start - 1)
    if _DIGIT.search(previous):
        return True
    if len(previous) == 4 and text[at - 1:at] == " ":
        return _DIGIT.search(_token_before(text, at - 1)[1]) is not None
    return False


_SENTENCE_START = re.compile(r"(?:\A|[.!?][ \n\r\f\v]+)[^A-Za-z]{0,3}[a-z]")


def _unshout(text: str) -> str:
    """Step 5: a draft in capitals, in sentence case (one for one: ASCII letters only)."""
    upper = len(text) - len(text.translate(_NO_UPPER))
    if upper < 12:
        return text
    lower = len(text) - len(text.translate(_NO_LOWER))
    if lower * 4 > upper:
        return text
    low = _CAPITAL_WORD.sub(lambda m: m.group(0) if _beside_a_code(text, m.start(), m.end())
                            else m.group(0).translate(_ASCII_LOWER), text)
    return _SENTENCE_START.sub(lambda m: m.group(0)[:-1] + m.group(0)[-1].upper(), low)


_ASCII_LOWER = {c: c + 32 for c in range(0x41, 0x5b)}


def _fold_lookalikes(text: str) -> str:
    """Step 4, one letter run at a time: only the runs around a look-alike are read (each once)."""
    pieces, pos = [], 0
    for m in _LOOKALIKE_CHAR.finditer(text):
        if m.start() < pos:
            continue   # inside the run just read
        start = m.start()
        while start > pos and _LETTER.match(text, start - 1):
            start -= 1
        end = _LETTER_RUN.match(text, m.start()).end()
        run = text[start:end]
        folded = run.translate(_FOLD)
        pieces += (text[pos:start], folded if _ASCII_LETTER.search(run) or folded.isascii() else run)
        pos = end
    return "".join(pieces) + text[pos:] if pieces else text


# Digits and signs inside words, read as the letters they stand for, for rules with `obfuscation`
# (SPEC.md): `l0ser`, `fr1ends`, `n0 w0nder`, `st!nk`. One for one, so spans are the text's own.
_AS_LETTER = str.maketrans(TABLES["letter_readings"])
_LEET_HINT = re.compile(r"[A-Za-z][0-9@$]|[0-9@$][A-Za-z]|[A-Za-z]![a-z]")
# A word that mixes letters with digits or signs (only these reach the Python callback).
_LEET_TOKEN = re.compile(r"(?<![A-Za-z0-9@$])(?=[A-Za-z0-9@$]*?(?:[A-Za-z][0-9@$]|[0-9@$][A-Za-z]))[A-Za-z0-9@$]+")
_KEPT_TOKEN = re.compile("|".join(TABLES["letter_readings_kept"]))
_BANG = re.compile(r"(?<=[A-Za-z])!(?=[a-z])")


def read_as_letters(text: str) -> str:
    """The prepared text with look-alike digits and signs in a word read as letters: in a run of
    ASCII letters, digits, `@` and `$` with no fewer letters than digits and signs, `0 1 3 4 5 7 @ $`
    read `o i e a s t a s`; and `!` between a letter and a small letter reads `i`. Same length as `text`."""
    if not _LEET_HINT.search(text):
        return text
    read = _BANG.sub("i", _LEET_TOKEN.sub(_token_as_letters, text))
    return text if read == text else read   # the same object: the engine then reuses its gate


def _token_as_letters(m: re.Match) -> str:
    token = m.group(0)
    letters = sum(c.isalpha() for c in token)
    if letters == len(token) or letters * 2 < len(token) or _KEPT_TOKEN.fullmatch(token):
        return token
    return token.translate(_AS_LETTER)


# Where a rule's `context`, `unless` or `innocent` pattern is searched around a match: `size` code
# points each side, widened (by up to _SNAP more) so no word is cut in two: a cut "this" reads "his".
_SNAP = 16
_WORD_CHAR = re.compile("[A-Za-z0-9_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


def window_around(text: str, start: int, end: int, size: int) -> tuple[int, int]:
    lo, hi = max(0, start - size), min(len(text), end + size)
    floor, ceil = max(0, lo - _SNAP), min(len(text), hi + _SNAP)
    word = _WORD_CHAR.match
    while floor < lo < len(text) and word(text, lo - 1) and word(text, lo):
        lo -= 1
    while 0 < hi < ceil and word(text, hi - 1) and word(text, hi):
        hi += 1
    return lo, hi
