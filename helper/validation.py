"""Checks one checker input (from HTTP or --jsonl) and says clearly what is wrong with it."""
from __future__ import annotations

from .engine.core import SITES, SURFACES

LOCALES = ("en", "es")
OPTIONAL = {"host", "visited", "locale"}


class InputError(ValueError):
    """A bad input, with the HTTP status that fits it."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


def check_fields(obj, allowed, required, not_object: str, error=InputError) -> dict:
    """The first checks of any JSON body: an object, no unknown field, every required one there."""
    if not isinstance(obj, dict):
        raise error(not_object)
    unknown = set(obj) - set(allowed)
    if unknown:
        raise error(f"unknown field(s): {', '.join(sorted(unknown)[:5])}")
    for key in required:
        if key not in obj:
            raise error(f"'{key}' is required")
    return obj


def parse_input(obj, max_text_chars: int) -> dict:
    required = ("text", "site", "surface")
    check_fields(obj, set(required) | OPTIONAL, required,
                 "the input must be a JSON object with 'text', 'site' and 'surface'")
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError("'text' must be a string")
    if len(text) > max_text_chars:
        raise InputError(f"'text' is longer than {max_text_chars} characters", status=413)
    if obj["site"] not in SITES:
        raise InputError(f"'site' must be one of {', '.join(SITES)}")
    if obj["surface"] not in SURFACES:
        raise InputError(f"'surface' must be one of {', '.join(SURFACES)}")
    clean = {"text": text, "site": obj["site"], "surface": obj["surface"]}
    if "host" in obj:
        if not isinstance(obj["host"], str) or len(obj["host"]) > 253:
            raise InputError("'host' must be a host name")
        clean["host"] = obj["host"]
    if "visited" in obj:
        visited = obj["visited"]
        if not isinstance(visited, list) or len(visited) > 1000 or not all(
                isinstance(u, str) and len(u) <= 4096 for u in visited):
            raise InputError("'visited' must be a list of at most 1000 URLs")
        clean["visited"] = visited
    if "locale" in obj:
        if obj["locale"] not in LOCALES:
            raise InputError(f"'locale' must be one of {', '.join(LOCALES)}")
        clean["locale"] = obj["locale"]
    return clean
