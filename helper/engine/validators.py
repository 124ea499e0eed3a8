"""Checks that a regular-expression match is really what it looks like (the same in engine.js)."""
from __future__ import annotations

import re

_CARD_PREFIXES = ("4", "34", "37", "30", "36", "38", "39", "35", "2131", "1800", "6011", "64", "65", "62",
                  "51", "52", "53", "54", "55", "22", "23", "24", "25", "26", "27",
                  "50", "56", "57", "58", "63", "67")


_MAESTRO_PREFIXES = ("50", "56", "57", "58", "63", "67")


def digits(s: str) -> str:
    return re.sub(r"[^0-9]", "", s)


def nanp_phone(match: str, settings: dict) -> bool:
    d = digits(match)
    if len(d) == 11 and d[0] == "1":
        d = d[1:]
    if len(d) != 10:
        return False
    area, exchange = d[:3], d[3:6]
    if area[1:] == "11" or exchange[1:] == "11" or area in ("555", "950", "958", "959"):
        return False
    # The district's own public numbers are fine to post.
    return d not in {digits(p)[-10:] for p in settings.get("public_phones", [])}


def luhn_card(match: str, settings: dict) -> bool:
    d = digits(match)
    if not 12 <= len(d) <= 19 or len(set(d)) == 1 or not d.startswith(_CARD_PREFIXES):
        return False
    if len(d) == 12 and not d.startswith(_MAESTRO_PREFIXES):
        return False  # only Maestro cards have 12 digits
    total = 0
    for i, ch in enumerate(reversed(d)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def iban(match: str, settings: dict) -> bool:
    s = re.sub(r"[^A-Za-z0-9]", "", match).upper()
    if not 15 <= len(s) <= 34:
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


# Street-type and direction words, and their usual abbreviations, compared as one.
_ADDRESS_WORDS = {"street": "st", "avenue": "ave", "av": "ave", "road": "rd", "boulevard": "blvd", "lane": "ln",
                  "drive": "dr", "court": "ct", "place": "pl", "terrace": "ter", "circle": "cir", "parkway": "pkwy",
                  "highway": "hwy", "trail": "trl", "north": "n", "south": "s", "east": "e", "west": "w",
                  "apartment": "apt", "suite": "ste"}


def address_tokens(s: str) -> list[str]:
    return [_ADDRESS_WORDS.get(t, t) for t in re.findall(r"[a-z0-9]+", s.lower())]


def public_address(match: str, settings: dict) -> bool:
    """False when the match is the start of one of the district's public addresses (or one of them is
    the start of the match): `public_addresses` in the district profile are fine to post."""
    found = address_tokens(match)
    if not found:
        return True
    for public in settings.get("public_addresses", []):
        own = address_tokens(public)
        n = min(len(own), len(found))
        if n and own[:n] == found[:n]:
            return False
    return True


VALIDATORS = {"nanp_phone": nanp_phone, "luhn_card": luhn_card, "iban": iban, "personal_email": personal_email,
              "not_public_phone": not_public_phone, "public_address": public_address}
