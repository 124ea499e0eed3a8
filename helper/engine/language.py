"""Which language a draft is written in, English or Spanish, read on the device from the shared
stop-word lists (shared_rules/lists/stopwords_en.txt and stopwords_es.txt). Mirrors
extension/engine/language.js: the same words, counted the same way, give the same answer."""
from __future__ import annotations

import re

LANGUAGES = ("en", "es")
_WORD = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")


def detect_language(text: str, stopwords: dict[str, set[str]]) -> str:
    """'es' when more of the draft's distinct words are Spanish stop words than English ones, else
    'en' (a tie, or a draft with neither, reads as English: the rules' default)."""
    words = set(_WORD.findall(text.lower()))
    spanish = len(words & stopwords.get("es", set()))
    english = len(words & stopwords.get("en", set()))
    return "es" if spanish > english else "en"


def stopword_lists(lists: dict) -> dict[str, set[str]]:
    return {lang: set(lists.get(f"stopwords_{lang}", ())) for lang in LANGUAGES}
