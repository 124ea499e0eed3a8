"""The student roster: a district may load its students' names so that a post naming one is caught
even without context words. Only salted, keyed hashes of the names reach the disk (storage/store.py); the
salt is renewed each time the roster is replaced, so old and new hashes cannot be compared.

Note what the hashes protect against: someone reading the data folder sees no names, and cannot
look them up in a precomputed table; with the salt (kept beside them) and a list of candidate names
one could still test guesses, as with any local matching. The data folder is private (0700).

Used by `python -m helper roster import FILE|clear|count` and by the helper's settings page:
    import_text(store, text, replace=True) -> int   # names stored, from the uploaded file's text
    import_file(store, path, replace=True) -> int
    clear(store) -> None; count(store) -> int; detector(store) -> RosterDetector | None
After a change, call the app's Checker.reload() so new checks use it.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable

from ..engine.detectors.roster import RosterDetector, first_key, key_hash, name_keys
from ..storage.store import Store

MAX_BYTES = 5 * 1024 * 1024
MAX_NAMES = 100_000
_NAME_COLUMNS = ("name", "full name", "full_name", "student", "student name", "student_name")
_FIRST_COLUMNS = ("first", "first name", "first_name", "firstname", "given name", "given_name", "preferred name")
_LAST_COLUMNS = ("last", "last name", "last_name", "lastname", "surname", "family name", "family_name")


class RosterError(ValueError):
    """The roster file cannot be used; the message says why, without quoting any name."""


def parse_names(text: str) -> list[str]:
    """Names from a roster file: one name a line ("First Last" or "Last, First"), or a CSV whose header
    has a name column, or first-name and last-name columns (other columns are ignored)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    header = [h.strip().lower() for h in next(csv.reader([lines[0]]))]
    first = next((header.index(c) for c in _FIRST_COLUMNS if c in header), None)
    last = next((header.index(c) for c in _LAST_COLUMNS if c in header), None)
    full = next((header.index(c) for c in _NAME_COLUMNS if c in header), None)
    if full is None and (first is None or last is None):
        return [line.strip() for line in lines]
    names = []
    for row in csv.reader(io.StringIO("\n".join(lines[1:]))):
        if full is not None and full < len(row) and row[full].strip():
            names.append(row[full].strip())
        elif first is not None and last is not None and max(first, last) < len(row):
            names.append(f"{row[first].strip()} {row[last].strip()}")
    return names


def import_names(store: Store, names: Iterable[str], replace: bool = True) -> int:
    """Stores the hashes of these names (replacing the roster, or adding to it) and returns how many
    names the roster then holds. Single words are skipped (a first name alone is too common); a list
    with no usable name is refused, and the roster already loaded is kept."""
    names = [name for name in names if name.strip()]
    if not names:
        raise RosterError("no names were found (one name a line, or a CSV with name columns)")
    if len(names) > MAX_NAMES:
        raise RosterError(f"the roster has more than {MAX_NAMES} names")
    # Each name is stored under its name keys and its first-word key (see detectors/roster.py).
    keys = [k | {first_key(name)} for name, k in ((name, name_keys(name)) for name in names) if k]
    if not keys:
        raise RosterError("no names of two or more words were found (one name a line, or a CSV with name columns)")
    if replace:
        store.clear_roster()  # and with it the salt: the new roster gets a new one
    salt = store.roster_salt()
    return store.add_roster_entries([{key_hash(salt, key) for key in entry} for entry in keys])


def import_text(store: Store, text: str, replace: bool = True) -> int:
    return import_names(store, parse_names(text), replace=replace)


def import_file(store: Store, path: str | Path, replace: bool = True) -> int:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RosterError(f"cannot read {path}: {exc.strerror}") from exc
    if len(data) > MAX_BYTES:
        raise RosterError(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RosterError(f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV or text") from exc
    return import_text(store, text, replace=replace)


def clear(store: Store) -> None:
    store.clear_roster()


def count(store: Store) -> int:
    return store.roster_count()


def detector(store: Store) -> RosterDetector | None:
    """The roster detector for the engine, or None when no roster is loaded."""
    hashes = store.roster_hashes()
    return RosterDetector(store.roster_salt(), hashes) if hashes else None
