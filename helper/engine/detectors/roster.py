"""The district's student roster, matched locally: the helper holds only salted hashes of name keys
("first last"), so a post that names a listed student is caught even without context words, and the
names themselves are never on disk. The same normalisation is used at import (helper/school/roster.py)."""
from __future__ import annotations

import hashlib
import re
import unicodedata

RULE = "student.roster"
FIRST = "\u0001"  # marks a first-word key: it can never equal a name key, which has a space
# A word of letters (any script), with inner apostrophes or hyphens (O'Neil, Garcia-Lopez).
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")
_MAX_CHARS = 200_000


def normalize(word: str) -> str:
    """Case, accents and apostrophe styles do not matter: 'José' matches 'jose'."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.replace("\u2019", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def name_keys(name: str) -> set[str]:
    """The keys one roster name is stored under: first + last, first + the rest (compound surnames),
    and first + second word; middle names and initials are skipped. 'Last, First' is turned round."""
    if "," in name:
        last, _, first = name.partition(",")
        name = f"{first} {last}"
    words = [normalize(w) for w in _WORD.findall(name)]
    words = [w for w in words if len(w) > 1 or len(words) <= 2]
    if len(words) < 2:
        return set()
    return {f"{words[0]} {words[-1]}", f"{words[0]} {words[1]}", words[0] + " " + " ".join(words[1:])}


def first_key(name: str) -> str | None:
    """The key of a roster name's first word: a draft's words are looked up by it first, so that
    only a word that starts a listed name costs more than one hash."""
    keys = name_keys(name)
    return FIRST + min(keys).split(" ")[0] if keys else None


def key_hash(salt: bytes, key: str) -> str:
    return hashlib.blake2b(key.encode("utf-8"), key=salt[:64], digest_size=16).hexdigest()


class RosterDetector:
    """Callable detector over the stored hashes; built by helper.roster.detector(store)."""

    def __init__(self, salt: bytes, hashes: set[str]):
        self.hashes = frozenset(hashes)
        self._keyed = hashlib.blake2b(key=salt[:64], digest_size=16)  # copied per key: cheaper than a new one

    def _hash(self, key: str) -> str:
        h = self._keyed.copy()
        h.update(key.encode("utf-8"))
        return h.hexdigest()

    def __call__(self, text: str, data: dict, settings: dict):
        if not self.hashes:
            return
        words = [(m.start(), m.end(), normalize(m.group(0))) for m in _WORD.finditer(text[:_MAX_CHARS])]
        starts_a_name: dict[str, bool] = {}
        for i, (start, end, first) in enumerate(words):
            if first not in starts_a_name:
                starts_a_name[first] = len(first) > 1 and self._hash(FIRST + first) in self.hashes
            if not starts_a_name[first]:
                continue
            # Only words next to each other (spaces or a middle initial between), never across punctuation.
            for j in range(i + 1, min(i + 4, len(words))):
                gap = text[words[j - 1][1]:words[j][0]]
                if gap.strip() and gap.strip() != ".":
                    break
                key = first + " " + " ".join(w for _, _, w in words[i + 1:j + 1])
                last_only = first + " " + words[j][2]
                if self._hash(key) in self.hashes or self._hash(last_only) in self.hashes:
                    yield RULE, (start, words[j][1])
                    break
