"""Street and postal addresses, read with usaddress where a cue says an address follows ("lives at",
"Address:", "send it to"), plus military (PSC/Unit ... APO) addresses and multi-line postal blocks,
and streets named with a street word in other languages (street_words.py). A house number and an
English street type alone are left to the shared rule (pii.address.us): the helper adds the
international and multi-line forms that a browser-side pattern cannot judge."""
from __future__ import annotations

import bisect
import re

import usaddress

from ..validators import address_tokens, public_address
from .street_words import find_streets, street_line

RULE = "pii.address.parsed"
_F = re.IGNORECASE
# (The lookahead on the cues' first letters lets the regex engine skip most positions fast.)
_CUE = re.compile(r"(?=[hmbsnaldc])\b(?:(?:home |mailing |billing |shipping |street |new )?address(?:es)?(?:\? it is| is| with| to)?|"
                  r"(?:lives?|lived) (?:at|on)|living at|located at|moved to|"
                  r"(?:send|sent|mail|ship|deliver)(?:ed)? (?:it |this |them |a new one |the [a-z]+ )?to|"
                  r"drops? (?:you |me |it |them )?off at|corner of|come (?:by|over to)|my (?:house|home|place|apartment) (?:is )?(?:at|on))\b[\s:>,-]*",
                  _F)
# Where an address after a cue ends: a blank line, a question or exclamation mark, or a sentence break.
_END = re.compile(r"\n\s*\n|[?!]|\.(?=\s+[A-Z][a-z])|\.\s*$|;| for | so | and (?:then|call|text)\b")
_ABBREVIATION = re.compile(r"\b(?:St|Str|Ave|Rd|Apt|Dr|Blvd|Ln|Ct|ul|Ste|No|Mt|[A-Z])$")
_MILITARY = re.compile(r"(?=[puc])\b(?:(?:PSC|Unit|CMR) [0-9]{3,5},? Box [0-9]{3,5}|(?:USNS|USS|USNV|USCGC) [A-Z][a-z]+)"
                       r"\s{0,4}[ADF]PO A[AEP] [0-9]{5}\b", _F)
# A postal block's first line: a house number (or two), then a capitalised street word (Rua, Hoog).
_HOUSE_LINE = re.compile(r"^[^\w\n]{0,6}[0-9]{1,6}[A-Za-z]?(?:/[0-9]{1,4})?,? +(?:[0-9]{1,6}(?:/[0-9]{1,4})?[A-Za-z]?,? +)?"
                         r"[^\W\d_][^\n]{2,60}$", re.MULTILINE)
# A later line that ends the block: a place name then a postcode (Portugal 30971, PA 73161, (Greek) 78891),
# a postcode alone (53-320), or an Apt/Suite line. "Class of 2025" is not one: the word before is lower case.
_BLOCK_END = re.compile(r"(?:[^\W\d_a-z][^\s]*|\))[ ,]{1,3}(?:[0-9]{4,5}|[0-9]{2}-[0-9]{3})\.?[ \t]*$"
                        r"|^[^\w\n]{0,6}(?:[Ss]uite|[Aa]pt\.?|[Uu]nit|SUITE|APT\.?) [0-9]+[A-Za-z]?[ \t]*$", re.MULTILINE)
# In an all-lower-case draft the place before the postcode has no capital (belgium 97466).
_BLOCK_END_LOWER = re.compile(_BLOCK_END.pattern.replace("[^\\W\\d_a-z]", "[^\\W\\d_]"), re.MULTILINE)
_POSTCODE_LINE = re.compile(r"^[^\w\n]{0,6}(?:[0-9]{4,5}|[0-9]{2}-[0-9]{3})[ \t]*$")
_LIST_LINE = re.compile(r"^[^\w\n]{0,6}[0-9]")
_TIME_START = re.compile(r"^[^\w\n]{0,6}[0-9]{1,2}(?::[0-9]{2})? ?(?:am|pm|a\.m|p\.m)\b", _F)
# A weaker cue ("at", "to", or "at Joe's Diner,") right before a number: what follows must read as an address,
# a house number and street words ending in a street type or a second number (Rua Igreja 25).
_WEAK_CUE = re.compile(r"\b(?i:at|to|in|is|on)[ ,]+(?=[0-9])|\b(?i:at) (?:[A-Z][\w'\u2019&.\-]*)(?: [A-Z][\w'\u2019&.\-]*){0,3}, (?=[0-9])")
_STREET_TYPE = (r"(?i:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Close|"
                r"Crescent|Square|Sq|Parkway|Pkwy|Highway|Hwy|Trail|Circle|Cir|Row|Walk|Str)")
# Street words written as one with the name (Bundesstrasse, Magasinsgatan, Sahantie).
_GLUED_TYPE = r"(?i:strasse|straße|gatan|vägen|straat|gade|weg|tie)"
# (The street name before a second number is capitalised: "Rua Igreja 25", not "24 to 10".)
_WEAK_SHAPE = re.compile(r"[0-9]{1,6}[A-Za-z]?(?: [0-9]{1,6})? (?:[^\W\d_][\w'\u2019.\-]*[ ,]{1,2}){0,4}?"
                         r"(?:[^\W\d_][\w'\u2019.\-]*" + _GLUED_TYPE + r"\b|" + _STREET_TYPE + r"\b\.?|[^\W\d_a-z][\w'\u2019.\-]+,? [0-9]{1,5}\b)"
                         # or a house number before a street's own number (749 00588 Eaton Ports)
                         r"|[0-9]{1,6} [0-9]{1,5}(?:/[0-9]{1,4})?[A-Za-z]?,? [^\W\d_a-z]")
_WORDS_AND_NUMBER = re.compile(r"(?:[0-9]{1,6}[A-Za-z]? +)?[^\W\d_][^\n]{1,40}? [0-9]{1,5}\b|[0-9]{1,6}[A-Za-z]?(?: [0-9]{1,6})? +[^\W\d_]")
_DIGIT = re.compile(r"[0-9]")
_IP = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}")
# Places inside a school, and other numbered things, that follow "moved to" or "send it to".
_NOT_STREET = re.compile(r"(?:room|rm|grade|grades|period|bus|gate|door|hall|building|lot|page|chapter|step|level|floor|"
                         r"table|track|field|section|week|day|version|lunch|recess|lane [0-9]|court [0-9]|the [0-9]|"
                         r"[0-9]{1,2}(?::[0-9]{2})? ?(?:am|pm|a\.m|p\.m|o'clock|noon)|"
                         # a day or a time, not a place ("moved to Saturday at 2:00 p.m.")
                         r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|tomorrow|next|this|"
                         r"lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo|hoy|ma[nñ]ana)\b", _F)
# A house number: digits that are not an ordinal (the corner of 19th Street and 7th Ave has none).
_HOUSE_NUMBER = re.compile(r"(?<![0-9])[0-9]+(?![0-9]|st\b|nd\b|rd\b|th\b)", _F)
_PHONEISH = re.compile(r"[0-9][0-9 ().\-]{6,}[0-9]")
# -- Addresses that need no cue: a street line, then a postal line. --
_NUM = r"[0-9]{1,5}[A-Za-z]?(?:[/-][0-9]{1,4}[A-Za-z]?)?"
# Words that are no part of a street's name: where a run of name words before a number stops.
_STOP = (r"(?!(?i:to|at|in|is|on|it|its|of|me|you|the|and|or|a|an|my|our|his|her|here|are|was|they|we|i|"
         r"lives?|lived|live|once|now|meet|sent|send|from|by|for|with|user|address|enter)\b)")
# A name word: capitalised, or a particle (Rua do Arenque, Avenue d'Ouchy); any word in an all-lower-case draft.
_CAP = r"(?:[^\W\d_a-z][\w'\u2019\-]*|d'[\w]+|(?:de|do|da|dos|das|del|di|du|des|della|von|van|der|den|la|le|les|el)\b)"
_ANY = _STOP + r"[^\W\d_][\w'\u2019\-]*"
# Months, weekdays and school words before a number are a date or a room, not a street.
_NOT_NAME = re.compile(r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
                       r"august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|"
                       r"sunday|grade|grades|room|rm|period|bus|gate|door|hall|building|lot|page|pages|chapter|step|"
                       r"level|floor|table|track|field|section|week|day|version|unit|units|test|quiz|class|team|"
                       r"channel|episode|season|book|part|lesson|problem|problems|question|questions|row|rows|year)$")


# A postal line after a street line: "Scherpenisse, MP 41001", ", VT", "39150 Auerbach", "5907 UZ",
# "H-4502 Tapolca", "TR3W 5AA", "Diazland, SA, 2288".
_POSTAL_LINE = re.compile(
    r"^[^\w\n]{0,6}(?:"
    r"(?:[^\W\d_][^\n,\d]{0,40}?,? [A-Z]{2,3},? (?:[0-9]{4,5}(?:-[0-9]{4})?|[A-Z][0-9][A-Z] [0-9][A-Z][0-9])"
    r"|[^\W\d_][^\n,\d]{0,40}?, [0-9]{6})(?![\w-])"
    r"|(?:, ?[A-Za-z]{2,3}"
    r"|(?:[A-Z]{1,2}-)?(?:[0-9]{4,5}|[0-9]{2}-[0-9]{3}|[0-9]{3} [0-9]{2})(?: [^\W\d_a-z][^\n]{0,40})?"
    r"|[0-9]{4} ?[A-Z]{2}"
    r"|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})[ \t.]*$)", re.MULTILINE)
# In an all-lower-case draft nothing has a capital.
_POSTAL_LINE_LOWER = re.compile(_POSTAL_LINE.pattern.replace("[^\\W\\d_a-z]", "[^\\W\\d_]"), re.MULTILINE | re.IGNORECASE)
# A street line before it: a house number and a word, a name and a house number, or PO Box, Flat, Studio.
_STREET_LINE = re.compile(r"[0-9]{1,6}[A-Za-z]?(?:[/-][0-9]{1,4})?,? +[^\W\d_]|(?<!\w)[^\W\d_a-z][^\W\d_]+[.,]? " + _NUM + r"(?![\w:])"
                          r"|\b(?i:po box|flat|studio) [0-9]")
_STREET_LINE_LOWER = re.compile(_STREET_LINE.pattern.replace("[^\\W\\d_a-z]", "[^\\W\\d_]"))
_WORDS_BEFORE = re.compile(r"(?:(?:" + _STOP + _CAP + r")[ ,]{1,2}){1,5}$")
_WORDS_BEFORE_LOWER = re.compile(r"(?:(?:" + _ANY + r")[ ,]{1,2}){1,5}$")


def _named(found: str) -> bool:
    """False when the words before the number are a date or a school place (May 12, Room 204)."""
    head = re.split(r"[ ,]+[0-9]", found, maxsplit=1)[0].rsplit(" ", 1)[-1]
    return not _NOT_NAME.match(head) and not _NOT_STREET.match(found)


def _no_cue(text: str, lower: bool):
    yield from _postal_blocks(text, lower)
    yield from find_streets(text, lower)


def _postal_blocks(text: str, lower: bool):
    """A street line and, within two lines after it, a postal line; the block runs on over further
    postal or country-and-postcode lines."""
    before = _WORDS_BEFORE_LOWER if lower else _WORDS_BEFORE
    for m in (_POSTAL_LINE_LOWER if lower else _POSTAL_LINE).finditer(text):
        start = m.start()
        for _ in range(3):
            if start == 0:
                break
            line_start = text.rfind("\n", 0, start - 1) + 1
            line = text[line_start:start - 1]
            street = (_STREET_LINE_LOWER if lower else _STREET_LINE).search(line)
            if street and not _TIME_START.match(line) and not _PHONEISH.fullmatch(line.strip(" >\t")):
                digit = re.search(r"[0-9]", line).start()
                words = before.search(line[:digit])
                first = line_start + (words.start() if words else digit)
                if _named(text[first:line_start + len(line)]):
                    yield first, m.end()
                break
            named_only = street_line(line, lower)  # Aleea Dafina Oprea (no number)
            if named_only is not None:
                yield line_start + named_only, m.end()
                break
            if len(line) > 40 or _LIST_LINE.match(line) or not line.strip():
                break
            start = line_start

_STRONG = ("AddressNumber", "StreetName")
_SEGMENT_MAX = 140


def _tag(segment: str) -> dict:
    try:
        tags, _ = usaddress.tag(segment)
        return tags
    except usaddress.RepeatedLabelError:
        return {}


def _after_cue(text: str, start: int, weak: bool = False) -> tuple[int, int] | None:
    chunk = text[start:start + _SEGMENT_MAX]
    if _IP.match(chunk) or _NOT_STREET.match(chunk) or (weak and not _WEAK_SHAPE.match(chunk)):
        return None
    cut = len(chunk)
    for end in _END.finditer(chunk):
        if not (end.group(0).startswith(".") and _ABBREVIATION.search(chunk[:end.start()])):
            cut = end.start()
            break
    seg = chunk[:cut]
    seg = seg.rstrip(" \t\n,.")
    if len(seg) < 6 or not _HOUSE_NUMBER.search(seg[:60]) or not re.search(r"[^\W\d_]{2}", seg):
        return None
    if _PHONEISH.fullmatch(seg) or re.fullmatch(r"[\W\d_]+", seg):
        return None
    # A house number and street words, or a street name and a number (Rua do Arenque 1634); else ask
    # usaddress (12-B Elm Court, One Main St Apt 4), which is slower, so only then.
    if not _WORDS_AND_NUMBER.match(seg):
        if not seg[:1].isdigit():
            return None  # usaddress needs a house number first
        tags = _tag(seg)
        if not (all(k in tags for k in _STRONG) or "USPSBoxID" in tags):
            return None
    return start, start + len(seg)


def _blocks(text: str, lower: bool = False):
    """Postal blocks: a line starting with a house number, then up to five short lines (one may be
    blank) of which one ends in a postcode or is an Apt/Suite line."""
    for m in _HOUSE_LINE.finditer(text):
        line = m.group(0)
        if _PHONEISH.fullmatch(line.strip(" >\t")) or _TIME_START.match(line) or _NOT_STREET.match(line.lstrip(" >\t")):
            continue
        pos, span_end = m.end(), None
        for next_line in text[m.end():m.end() + 200].split("\n")[1:6]:
            pos += 1 + len(next_line)
            if not next_line.strip():
                continue  # a blank line inside a block (Zoetermeer\n\n Netherlands 91196)
            if len(next_line) > 60:
                break
            if _POSTCODE_LINE.match(next_line):
                span_end = pos
            elif _LIST_LINE.match(next_line):
                break  # a numbered line: a phone after the block, or a list or ranking instead of one
            elif (_BLOCK_END_LOWER if lower else _BLOCK_END).search(next_line) and not _NOT_STREET.match(next_line.strip(" >\t")):
                span_end = pos
        if span_end is not None:
            yield m.start() + re.search(r"[0-9]", line).start(), span_end


# Words one of the cues needs: a cheap test that spares the cue patterns on most drafts.
_CUE_WORDS = ("address", "live", "lived", "living", "located", "moved to", "send", "sent", "mail", "ship", "deliver", "drop",
              "corner of", "come by", "come over", "my house", "my home", "my place", "my apartment")


def find_addresses(text: str, data: dict, settings: dict):
    if not _DIGIT.search(text):
        return  # every form below has a number in it
    # Exact forms first (military addresses, postal blocks); then what follows a cue and streets that
    # need no cue, where overlapping spans are one address (their union). A loose span that overlaps
    # an exact one is dropped, so one address is one finding.
    lowered = text.lower()
    lower = text == lowered
    exact = [(m.start(), m.end()) for m in _MILITARY.finditer(text)]
    exact.extend(_blocks(text, lower))
    loose = list(_no_cue(text, lower))
    cues = ((_CUE, False),) if any(word in lowered for word in _CUE_WORDS) else ()
    for cue, weak in cues + ((_WEAK_CUE, True),):
        for m in cue.finditer(text):
            span = _after_cue(text, m.end(), weak)
            if span:
                loose.append(span)
    kept: list[tuple[int, int]] = []
    taken: list[tuple[int, int]] = []  # the kept exact spans sorted by start, to test overlaps by bisection
    for start, end in exact:
        if not _overlaps(taken, start, end):
            kept.append((start, end))
            bisect.insort(taken, (start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(loose):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    kept.extend(s for s in merged if not _overlaps(taken, *s))
    for start, end in kept:
        if not _public(text[start:end], settings):
            yield RULE, (start, end)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether (start, end) overlaps one of `spans` (sorted, not overlapping each other): only the
    neighbours need a look, so a draft with thousands of spans stays fast."""
    i = bisect.bisect_left(spans, (start, end))
    return (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end)


def _public(found: str, settings: dict) -> bool:
    """One of the district's public addresses (its number, street and street type are enough)."""
    tokens = address_tokens(found)
    return not public_address(found, settings) or any(
        len(tokens) >= 3 and address_tokens(own)[:3] == tokens[:3] for own in settings.get("public_addresses", []))
