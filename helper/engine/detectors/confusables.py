"""Links whose host imitates a protected domain or a brand with letters from another alphabet, read
with the Unicode confusables data (confusable-homoglyphs) rather than the engines' short table:
'ɡoogle.com' (a script g), 'faϲebook.com' (a Greek lunate sigma). The shared rules already call
such hosts link.punycode; this says which site they imitate, as link.lookalike."""
from __future__ import annotations

from functools import lru_cache

import idna
from confusable_homoglyphs import confusables

from ..compile import compile_regex
from ..links import find_links, lookalike_of, on_list, registrable

RULE = "link.lookalike.confusable"


@lru_cache(maxsize=4096)
def _latin(ch: str) -> str:
    """The Latin letter this character imitates, or the character itself."""
    if ch.isascii():
        return ch
    found = confusables.is_confusable(ch, preferred_aliases=["latin"], greedy=True) or []
    for entry in found:
        for glyph in entry["homoglyphs"]:
            if glyph["c"].isascii() and glyph["c"].isalnum():
                return glyph["c"].lower()
    return ch


def unicode_host(host: str) -> str:
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                label = idna.decode(label)
            except (idna.IDNAError, UnicodeError, ValueError):
                pass
        labels.append(label)
    return ".".join(labels)


def latin_skeleton(host: str) -> str:
    return "".join(_latin(ch) for ch in unicode_host(host))


class ConfusableLinks:
    """Callable detector; built from the bundle (its link pattern and brands list)."""

    reads_links = True   # the engine hands it the prepared text with look-alike letters left in


    def __init__(self, bundle: dict):
        self.pattern = compile_regex(bundle["link_pattern"]["pattern"], bundle["link_pattern"]["flags"])
        self.brands = list(bundle["lists"].get("brands", []))
        self.brand_names = {entry.split()[0] for entry in self.brands}

    def __call__(self, text: str, data: dict, settings: dict):
        if text.isascii() and "xn--" not in text.lower():
            return   # no host here can hold a letter from another alphabet
        protected = list(settings.get("protected_domains", []))
        allowed = set(settings.get("allowlist", [])) | set(settings.get("domains", []))
        for link in find_links(text, self.pattern):
            host = link.host
            if not host or (host.isascii() and "xn--" not in host) or on_list(host, allowed):
                continue
            latin = latin_skeleton(host)
            if latin == host or not latin.isascii():
                continue
            imitates_protected = any(latin == d or latin.endswith("." + d) for d in protected)
            if imitates_protected or registrable(latin).split(".")[0] in self.brand_names \
                    or lookalike_of(latin, protected, self.brands):
                yield RULE, (link.start, link.end)
