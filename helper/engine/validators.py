"""Checks that a regular-expression match is really what it looks like (the same in engine.js)."""
from __future__ import annotations

import re

from .tables import TABLES

_CARD_PREFIXES = tuple(TABLES["card_prefixes"])
_MAESTRO_PREFIXES = tuple(TABLES["maestro_prefixes"])


def digits(s: str) -> str:
    return re.sub(r"[^0-9]", "", s)


TOLL_FREE = tuple(TABLES["toll_free_area_codes"])


def toll_free(d: str) -> bool:
    """These digits are a North American toll-free number, with or without the 1 in front."""
    national = d[1:] if len(d) == 11 and d[0] == "1" else d
    return len(national) == 10 and national[:3] in TOLL_FREE


def _nanp_ten(d: str, settings: dict) -> bool:
    if len(d) == 11 and d[0] == "1":
        d = d[1:]
    if len(d) != 10:
        return False
    area, exchange = d[:3], d[3:6]
    if area[0] in "01" or area[1:] == "11" or exchange[1:] == "11" \
            or area in ("555", "950", "958", "959") or area in TOLL_FREE:
        return False
    # The district's own public numbers are fine to post.
    return d not in {digits(p)[-10:] for p in settings.get("public_phones", [])}


def nanp_phone(match: str, settings: dict) -> bool:
    return _nanp_ten(digits(match), settings)


_DIGIT_WORDS = TABLES["digit_words"]


def spelled_phone(match: str, settings: dict) -> bool:
    """A North American number written with digit words or with a space between single digits:
    "three oh nine five five five ...", "3 0 9 5 5 5 0 1 4 7" (a list of scores or sizes has longer
    numbers in it, or fewer than three words)."""
    tokens = re.findall(r"[0-9]+|[^\W\d_]+", match.lower())
    words = sum(1 for t in tokens if not t.isdigit())
    if words < 3 and any(len(t) > 1 for t in tokens if t.isdigit()):
        return False
    return _nanp_ten("".join(_DIGIT_WORDS.get(t, t) for t in tokens), settings)


# Dates, ranges of years and Social Security numbers, written with the separators of a phone number.
_NOT_CONTACT = re.compile(r"^(?:[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}|[0-9]{4}[/.\-][0-9]{1,2}[/.\-][0-9]{1,2}"
                          r"|(?:19|20)[0-9]{2} ?[\-/] ?(?:19|20)?[0-9]{2}|[0-9]{3}([ .\-])[0-9]{2}\1[0-9]{4})$")


def contact_number(match: str, settings: dict) -> bool:
    """A phone number in any country's format after a phone or messaging word: 7 to 15 digits, not a
    date, a range of years or an SSN, not one digit repeated, not a toll-free or public number."""
    d = digits(match)
    if not 7 <= len(d) <= 15 or len(set(d)) == 1 or _NOT_CONTACT.match(match.strip()) or looks_like_a_list(match):
        return False
    if toll_free(d):
        return False
    return not any(d[-len(p):] == p or p.endswith(d) for p in _public_digits(settings))


def looks_like_a_list(match: str) -> bool:
    """Numbers with spaces between that read as a list, not one number: small numbers (21 14 35 28,
    sizes 10 12 14 16) with no + or trunk 0 in front, or years (2024 2025)."""
    groups = match.strip().split(" ")
    if any(not g.isdigit() for g in groups):
        return False
    if all(len(g) <= 2 for g in groups) and groups[0][0] != "0":
        return True
    return all(len(g) == 4 and g[:2] in ("19", "20") for g in groups)


def _public_digits(settings: dict) -> set[str]:
    """The district's public numbers, whole and as the seven digits dialled locally."""
    out = set()
    for p in settings.get("public_phones", []):
        d = digits(p)
        if len(d) >= 7:
            out.update((d[-10:], d[-7:]))
    return out


_CARD_LENGTHS = tuple((prefix, tuple(lengths)) for prefix, lengths in TABLES["card_lengths"])


def _card_length_ok(d: str) -> bool:
    if d.startswith(_MAESTRO_PREFIXES):
        return True   # Maestro: 12 to 19 digits
    for prefix, lengths in _CARD_LENGTHS:
        if d.startswith(prefix):
            return len(d) in lengths
    return len(d) == 16   # Mastercard (51-55, 22-27)


def luhn_card(match: str, settings: dict) -> bool:
    d = digits(match)
    if not 12 <= len(d) <= 19 or len(set(d)) == 1 or not d.startswith(_CARD_PREFIXES) or not _card_length_ok(d):
        return False
    total = 0
    for i, ch in enumerate(reversed(d)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


_IBAN_LENGTHS = TABLES["iban_lengths"]


def iban(match: str, settings: dict) -> bool:
    """The mod-97 check of an IBAN of its country's length, written in one case (DE89..., de89...; not
    LV80 bANK). A word after the number ("... 8901 in a sentence") is no part of it: groups are
    dropped from the end until one reading fits."""
    parts = [p for p in re.split(r"[ \-]", match) if p]
    while parts:
        if _iban_ok("".join(parts)):
            return True
        parts.pop()
    return False


def _iban_ok(s: str) -> bool:
    if not (s.isupper() or s.islower()) and any(c.isalpha() for c in s[2:]):
        return False
    s = s.upper()
    if _IBAN_LENGTHS.get(s[:2]) != len(s):
        return False
    rotated = s[4:] + s[:4]
    remainder = 0
    for ch in rotated:
        value = str(ord(ch) - 55) if ch.isalpha() else ch
        for digit in value:
            remainder = (remainder * 10 + int(digit)) % 97
    return remainder == 1


def personal_email(match: str, settings: dict) -> bool:
    domain = match.rsplit("@", 1)[-1].lower()
    for own in settings.get("domains", []):
        if domain == own or domain.endswith("." + own):
            return False
    return True


def not_public_phone(match: str, settings: dict) -> bool:
    """False for one of the district's own public numbers (district profile `public_phones`)."""
    d = digits(match)
    return len(d) < 10 or d[-10:] not in {digits(p)[-10:] for p in settings.get("public_phones", [])}


_ADDRESS_WORDS = TABLES["address_words"]


def address_tokens(s: str) -> list[str]:
    return [_ADDRESS_WORDS.get(t, t) for t in re.findall(r"[a-z0-9]+", s.lower())]


def public_address(match: str, settings: dict) -> bool:
    """False when the match is the start of one of the district's public addresses (or one of them is
    the start of the match): `public_addresses` in the district profile are fine to post. Words
    before the house number ("vivo en", "my address is") are no part of the address."""
    found = address_tokens(match)
    first = next((i for i, t in enumerate(found) if t[0].isdigit()), 0)
    if first and found[first - 1] != "box":
        found = found[first:]
    if not found:
        return True
    for public in settings.get("public_addresses", []):
        own = address_tokens(public)
        n = min(len(own), len(found))
        if n and own[:n] == found[:n]:
            return False
    return True


VALIDATORS = {"nanp_phone": nanp_phone, "luhn_card": luhn_card, "iban": iban, "personal_email": personal_email,
              "not_public_phone": not_public_phone, "public_address": public_address,
              "spelled_phone": spelled_phone, "contact_number": contact_number}
