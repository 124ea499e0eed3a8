"""Streets named with a street word in many languages, found without a cue: "Rua do Arenque 1634",
"24, rue Pierre", "Sennstrasse 37", "Ady Endre utca 84.", "ul. Słowicza 10", "Strada Lungă Nr. 12",
and a street and number before a postcode and town on one line ("Okrová 77, 731 70 Okrouhlice").

Fast by construction: only candidate house numbers are looked at, and for each only a short window
on its own line, tested with set look-ups and anchored patterns (no pattern runs over the whole draft
except the candidate-number scan, so the cost is linear and bounded)."""
from __future__ import annotations

import re

# A house number: "12", "4b", "25/54", "3-8"; not part of a time, a price, a decimal or a longer number.
# (The first digit comes before the look-behind, so the scan skips to digits fast.)
_CANDIDATE = re.compile(r"[0-9](?<![\w.,/:+#$£€%-][0-9])[0-9]{0,4}[A-Za-z]?(?:[/-][0-9]{1,4}[A-Za-z]?)?(?![\w/:%-]|[.,][0-9])")
_WINDOW = 60
# A word of a street's name: letters, with hyphens, apostrophes or dots between or after them (ul.,
# Gabriela-Plank-Ring, d'Ouchy); no digits.
_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019.\-][^\W\d_]*)*")
_TOKEN = re.compile(r"\S+")

# Street words written before the name (Rua, calle, via, rue, ulica, Aleea, Λεωφόρος).
_PREFIX = frozenset("""
rua avenida travessa praça alameda estrada rodovia ladeira trecho recanto chácara condomínio esplanada
estação fazenda loteamento passarela pátio praia residencial sítio trevo viela vereda núcleo morro lagoa favela
jardim colônia aeroporto calle avda. glorieta callejón cañada urbanización
pasadizo carretera viale piazza piazzale strada borgo contrada vicolo rotonda incrocio stretto canale
lungomare rue chemin boulevard impasse quai allée ulica ul. aleja al. aleje plac pl. osiedle aleea intrarea
bulevardul b-dul soseaua șoseaua şoseaua drumul splaiul cesta trg ulice náměstí nám. námestie nábřeží nábrežie
trieda třída οδός λεωφόρος λεωφ. πλατεία πάροδος πάρ.""".split())
# Prefix words that are also English words or names (via Zoom, Place 3, Campo), or everyday Spanish
# words (la carrera de colores, a race; un paseo, a walk; la ronda, a round; un pasaje, a ticket): the
# name after one must be capitalised, unless the whole draft is lower case.
_PREFIX_WEAK = frozenset("""
carrera paseo ronda rambla pasaje cuesta av. largo quadra setor conjunto distrito feira área campo parque vale lago plaza camino acceso vial corso
place route calea str. bd. piața piata avenue""".split())
# Street words written after the name, as a word of their own (Ady Endre utca, Dergančeva ulica, Korfu Allé).
_SUFFIX = frozenset("""
utca út tér köz körút sétány fasor ulica cesta avenija ulice třída nábřeží náměstí trieda nábrežie
námestie nabrežje allé straße strasse gasse platz allee trg steza polku katu kuja""".split())
# Street words written as one with the name (Bundesstrasse, Löwerstr., Magasinsgatan, Sahantie).
_GLUED = tuple("""
straße strasse str. gasse platz allee weg damm ufer steig straat laan singel steeg dreef gracht plein dijk lei hof pad boulevard
gatan vägen stigen gränd torget backen gade vej stræde plads vænge veien vegen gata gaten alléen bakken berget
bråten eggen engen faret flata gjerdet grenda gropa haugen havna holtet høgda jordet kollen kroken lunden
lyngen løkka marka plassen ringen skogen skrenten spranget stien stranda stubben stykket svingen tjernet
toppen tunet vollen åsen tie katu polku kuja bulevardi kaari rinne raitti väylä""".split())
_GLUED_SET, _GLUED_LENGTHS = frozenset(_GLUED), sorted({len(s) for s in _GLUED})
# Only after a hyphen (Gabriela-Plank-Ring): on their own they end English words (Spring 2025).
_GLUED_HYPHEN = ("-ring", "-hof", "-pad")
# English words that happen to end like a street (a brigade of 12, Copenhagen 2).
_NOT_GLUED = frozenset("""brigade renegade necktie bowtie sweetie cutie hottie hogtie copenhagen notepad launchpad keypad
touchpad trackpad scratchpad mousepad lilypad helipad sketchpad""".split())
# Words that are no part of a street's name: the walk back from a number stops at them.
_STOP = frozenset("""
to at in is on it its of me you the and or a an my our his her here are was were they we i he she lives live
lived once now meet sent send from by for with user address enter near about room grade page bus gate y""".split())
_PARTICLES = frozenset("de do da dos das del di du des della von van der den la le les el d' i".split())
# After a name and a number: "St.", "Street" (Wesselring 95 St.), or a flat (Mládkova 6 Apt. 554). Not
# "Lions 42 St. Joseph 7", a score.
_US_TYPE_AFTER = re.compile(r" (?:(?:St\.?|Street|street|Str\.?)(?![\w.]| [A-Z])|(?:Apt\.?|Suite|apt\.|suite) [0-9])")
# After a street and number: a postcode and a town (", 731 70 Okrouhlice", ", 16-401 Ostrołęka").
# A four-digit year is no postcode (Apollo 11, 1969 Mission); the town is capitalised, and no English
# plural (Round 2, 1500 Points).
_POSTAL_AFTER = re.compile(r", (?:[A-Z]{1,2}-)?(?:(?!19[0-9]{2}\b|20[0-9]{2}\b)[0-9]{4}|[0-9]{5}|[0-9]{2}-[0-9]{3}|[0-9]{3} [0-9]{2}"
                           r"|[0-9]{4} ?[A-Z]{2}) (?![A-Za-z]+s\b)[^\W\d_a-z][\w'\u2019.\-]*(?: [^\W\d_][\w'\u2019.\-]*){0,2}"
                           r"(?=[ \t]*(?:$|[\n,.;!?)]))", re.MULTILINE)
_POSTAL_AFTER_LOWER = re.compile(_POSTAL_AFTER.pattern.replace("[^\\W\\d_a-z]", "[^\\W\\d_]").replace("[A-Za-z]+s", "[a-z]+s"),
                                 re.MULTILINE | re.IGNORECASE)
_NR = frozenset(("nr", "nr.", "no", "no.", "nº", "n°", "n.", "číslo", "br."))
# Months, weekdays and school words: a capitalised word before a number that is no street.
_NOT_NAME = frozenset("""
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september
october november december monday tuesday wednesday thursday friday saturday sunday grade grades room rm period
bus gate door hall building lot page pages chapter step level floor table track field section week day version
unit units test quiz class team channel episode season book part lesson problem problems question questions row
rows year years apt suite box psc cmr studio flat""".split())
_ANY_PREFIX = _PREFIX | _PREFIX_WEAK
_ANY_WORD = _ANY_PREFIX | _SUFFIX | {"via"}
_NEXT_WORD = re.compile(r",? (\S+)")
_HOUSE_BEFORE = re.compile(r"(?<![\w.,:/$-])(?:[0-9]{1,6}[A-Za-z]?,? ){1,2}$")


def _name_word(tok: str) -> bool:
    return bool(_NAME_TOKEN.fullmatch(tok)) and tok.lower() not in _STOP


def _capital(tok: str) -> bool:
    return tok[:1].isupper()


def _capital_name(words) -> bool:
    """The name after a street word starts with a capital, after any particles (Largo de Sales)."""
    for w in words:
        if w.lower() not in _PARTICLES:
            return _capital(w)
    return False


def _glued(word: str) -> bool:
    low = word.lower()
    if not low.endswith(_GLUED + _GLUED_HYPHEN) or low in _NOT_GLUED:
        return False  # (one call in C rules out most words)
    if low.endswith(_GLUED_HYPHEN):
        return True
    return any(low[-n:] in _GLUED_SET for n in _GLUED_LENGTHS if len(low) - n >= 3)  # a name of three letters or more


def _before(tokens: list[tuple[int, str]], lower: bool, us_type_after: bool, comma: bool) -> int | None:
    """Where the street named by the words before a number starts, or None. `tokens` are the words
    on the number's line before it, nearest last, each with its position."""
    names: list[tuple[int, str]] = []
    for pos, tok in reversed(tokens):
        if not _name_word(tok) or len(names) == 5:
            break
        names.insert(0, (pos, tok))
    if not names:
        return None
    low = [t.lower().rstrip(",") for _, t in names]
    last = names[-1][1]
    # Sennstrasse 7, Gabriela-Plank-Ring 3, Löwerstr. 7
    if _glued(last.rstrip(",")):
        return names[-1][0]
    # Rua do Arenque 1634, ul. Słowicza 10, via Roma, 12
    for i, w in enumerate(low[:-1]):
        weak = w in _PREFIX_WEAK
        if all(x in _PARTICLES for x in low[i + 1:]):
            continue  # a street word and particles only, no name: "la carrera de 5 km" (a race)
        if (w in _PREFIX or weak) and (not weak or lower or _capital_name(t for _, t in names[i + 1:])):
            return names[i][0]
        if w == "via" and comma and not lower and _capital_name(t for _, t in names[i + 1:]):
            return names[i][0]  # Via Roma, 12 (not "via Zoom 2", nor "via email, 2")
    # Ady Endre utca 84., Dergančeva ulica 4b, Korfu Allé 1: one to three name words, then the street word
    for i, w in enumerate(low):
        if i and w in _SUFFIX and i >= len(low) - 2:
            first = i - 1
            while first > 0 and i - first < 3 and low[first - 1] not in _PREFIX and _capital(names[first - 1][1]):
                first -= 1
            return names[first][0]
    # Wesselring 95 St.: a capitalised name right before a number and a street type
    if us_type_after and (lower or _capital(last)) and low[-1].rstrip(".") not in _NOT_NAME:
        return names[-1][0]
    return None


def _after(text: str, end: int, lower: bool) -> int | None:
    """Where a street that follows a house number ends ("24, rue Pierre Garnier"), or None."""
    tail = text[end:end + _WINDOW].split("\n", 1)[0]
    skip = len(tail) - len(tail.lstrip(", "))
    word = tail[skip:].split(" ", 1)[0].lower()
    weak = word in _PREFIX_WEAK
    if not (word in _PREFIX or weak):
        return None
    toks = [(m.start(), m.group()) for m in _TOKEN.finditer(tail, skip)][:6]  # the street word, then its name
    if weak and not lower and not _capital_name(t.rstrip(",.") for _, t in toks[1:5]):
        return None
    stop = None
    for pos, tok in toks[1:5]:
        bare = tok.rstrip(",.")
        if not _name_word(bare) and bare.lower() not in _PARTICLES:
            break
        if stop is not None and not lower and not _capital(bare) and bare.lower() not in _PARTICLES:
            break  # rue Pierre Garnier | à Lyon
        stop = end + pos + len(bare)
        if tok.endswith((",", ".")):
            break
    return stop


def _words_before(text: str, s: int) -> tuple[list[tuple[int, str]], bool]:
    """The words on a number's line right before it (nearest last, at most seven, none before a
    comma except the nearest: "Palmer, Mcneil and Lester, 153" gives "Lester"), each with its position;
    and whether a comma comes right before the number (Via Roma, 12)."""
    line_start = max(text.rfind("\n", max(0, s - _WINDOW), s) + 1, s - _WINDOW)
    tokens = [(t.start(), t.group()) for t in _TOKEN.finditer(text, line_start, s)][-7:]
    if tokens and tokens[-1][1].lower() in _NR:
        tokens.pop()  # Strada Lunga Nr. 12
    comma = bool(tokens) and tokens[-1][1].endswith(",")
    if comma:
        tokens[-1] = (tokens[-1][0], tokens[-1][1][:-1])  # Recanto de Caldeira, 4
    cut = [i for i, (_, t) in enumerate(tokens) if t.endswith((",", ":", ";", ")", "!", "?"))]
    return (tokens[cut[-1] + 1:] if cut else tokens), comma


def _street_word_near(text: str, s: int) -> bool:
    """The cheap test first: is there a street word among the few words before the number?"""
    words = text[max(0, s - _WINDOW):s].rsplit("\n", 1)[-1].lower().replace(",", " ").split()[-7:]
    return not _ANY_WORD.isdisjoint(words) or (bool(words) and _glued(words[-1]))


def find_streets(text: str, lower: bool):
    """(start, end) of each street with a street word, or before a postcode and town, in the text."""
    for m in _CANDIDATE.finditer(text):
        s, e = m.span()
        start = None
        # Words right before the number (a letter, or a comma or dot after one, then one space).
        if s > 1 and text[s - 1] == " " and not text[s - 2].isdigit() and not text[s - 2].isspace():
            us_type = _US_TYPE_AFTER.match(text, e)
            post = None if us_type else (_POSTAL_AFTER_LOWER if lower else _POSTAL_AFTER).match(text, e)
            if us_type or post or _street_word_near(text, s):
                tokens, comma = _words_before(text, s)
                start, stop = (_before(tokens, lower, bool(us_type), comma) if tokens else None), e
                if start is None and post and tokens and _town_word(tokens[-1][1], lower):
                    start, stop = tokens[-1][0], post.end()  # Okrová 77, 731 70 Okrouhlice
        # A street word right after the number (24, rue Pierre; 63 Rue de Kairouan).
        word = _NEXT_WORD.match(text, e) if start is None else None
        if word and word.group(1).lower() in _ANY_PREFIX:
            after = _after(text, e, lower)
            if after is not None:
                start, stop = s, after
        if start is None:
            continue
        house = _HOUSE_BEFORE.search(text, max(0, start - 16), start)
        yield (house.start() if house else start), stop


def _town_word(tok: str, lower: bool) -> bool:
    """A street's name before a number and a postcode: a capitalised name word, not a month or a school
    word, nor an English plural (Eagles 21, 1400 Fans is a score)."""
    return ((lower or _capital(tok)) and _name_word(tok) and tok.lower() not in _NOT_NAME
            and not (tok.isascii() and tok.endswith("s")))


# A street line with no number, before a postal line: "Aleea Dafina Oprea", "Largo de Ribeiro, S/N".
_LINE_WORDS = re.compile(r"[^\w\n]{0,6}(\S+)((?: [^\s,]+){1,4})(?:, S/N)?[ \t.]*")


def street_line(line: str, lower: bool) -> int | None:
    """Where a line that is only a street word and a name starts, or None."""
    m = _LINE_WORDS.fullmatch(line) if len(line) <= _WINDOW else None
    if not m:
        return None
    word, names = m.group(1).lower(), m.group(2).split()
    weak = word in _PREFIX_WEAK
    if not (word in _PREFIX or weak) or not all(_name_word(n) or n.lower() in _PARTICLES for n in names):
        return None
    if not lower and not _capital_name(n for n in names) and (weak or not _capital(m.group(1))):
        return None  # "rue du centre" alone is too little; "Rue du Centre" or "rue Pierre" will do
    return m.start(1)
