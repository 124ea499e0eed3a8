"""The helper's pages in English and Spanish.

Strings are written in English in the code and templates (`_("Settings")`); SPANISH maps each to its
translation (helper/translations/es.json). The user picks a language (kept in the settings as
`ui_language`); until then it comes from the browser's Accept-Language.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

LOCALES = ("en", "es")
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
TRANSLATIONS = Path(__file__).resolve().parent / "translations"

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
}
SHORT_MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
}


@lru_cache(maxsize=None)
def catalog(locale: str) -> dict:
    if locale == "en":
        return {}
    path = TRANSLATIONS / f"{locale}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def translate(locale: str, text: str, **values) -> str:
    """The translation of an English string (the English itself when none exists), then formatted."""
    result = catalog(locale).get(text, text) if locale != "en" else text
    return result.format(**values) if values else result


def best_locale(preferred: str | None, accept_languages) -> str:
    """The user's choice when made, else the best match for the browser's languages, else English."""
    if preferred in LOCALES:
        return preferred
    match = accept_languages.best_match(LOCALES) if accept_languages is not None else None
    return match or "en"


def format_date(day: date | None, locale: str) -> str:
    if day is None:
        return ""
    month = MONTHS[locale][day.month - 1]
    return f"{day.day} de {month} de {day.year}" if locale == "es" else f"{day.day} {month} {day.year}"


def format_short_date(day: date, locale: str) -> str:
    return f"{day.day} {SHORT_MONTHS[locale][day.month - 1]}"


def format_time(moment) -> str:
    """A moment (a Unix time or an ISO 8601 string) in the computer's own time zone, the same way in
    both languages: 2026-11-24 14:05."""
    if not moment:
        return ""
    if isinstance(moment, str):
        try:
            parsed = datetime.fromisoformat(moment.replace("Z", "+00:00"))
        except ValueError:
            return moment
        return parsed.astimezone().strftime("%Y-%m-%d %H:%M") if parsed.tzinfo else parsed.strftime("%Y-%m-%d %H:%M")
    return datetime.fromtimestamp(moment).strftime("%Y-%m-%d %H:%M")
