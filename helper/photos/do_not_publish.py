"""The district's do-not-publish list (students whose guardians declined photo consent): what the
command line (commands/do_not_publish.py) and the Photo consent page (web/photo_consent.py)
both do with it, so the two cannot drift apart.

A reference photo is decoded in memory, in a worker process with a memory limit and a timeout
(helper/photos/worker.py), its one face's features (LBP histograms) are stored, and the photo is
dropped: the photo itself is never written anywhere.
"""
from __future__ import annotations

from . import worker as photo_worker
from .faces import FEATURE_METHOD, features_to_bytes
from .metadata import name_key
from ..storage.store import Store

NAME_MAX = 200      # characters in a name
NOTE_MAX = 500      # characters in a note (e.g. where the guardian's refusal is filed)


def clean_name(name: str) -> str | None:
    """The name with its spaces tidied, or None when it is not a usable name."""
    name = " ".join(str(name or "").split())
    return name if name_key(name) and len(name) <= NAME_MAX else None


def clean_note(note: str | None) -> str | None:
    note = " ".join(str(note or "").split())[:NOTE_MAX]
    return note or None


def entries(store: Store) -> list[dict]:
    """[{id, name, name_key, note, created_at, faces}], by name."""
    return store.do_not_publish()


def find(store: Store, name: str) -> dict | None:
    return store.do_not_publish_by_key(name_key(name))


def find_by_id(store: Store, student_id: int) -> dict | None:
    return next((e for e in entries(store) if e["id"] == student_id), None)


def add(store: Store, name: str, note: str | None = None) -> tuple[dict, bool]:
    """({id, name}, added): lists a student; a name already listed keeps its entry (and note).
    ValueError when the name is not usable."""
    cleaned = clean_name(name)
    if not cleaned:
        raise ValueError("give the student's name")
    student_id, added = store.add_do_not_publish(cleaned, name_key(cleaned), clean_note(note))
    return {"id": student_id, "name": cleaned}, added


def add_reference_photo(store: Store, student: dict, data: bytes) -> None:
    """Stores the features of the one face in a reference photo of a listed student. ImageError
    (its `faces` says how many were found, when that is the problem) leaves the list as it was."""
    features = photo_worker.reference_features(data)
    store.add_do_not_publish_face(student["id"], FEATURE_METHOD, features_to_bytes(features))


def parse_names(text: str) -> list[str]:
    """Names from a file: one a line, '#' starts a comment, blank and unusable lines skipped."""
    names = (clean_name(line.split("#", 1)[0]) for line in text.splitlines())
    return list(dict.fromkeys(name for name in names if name))   # first of each, in order, without a quadratic scan


def import_names(store: Store, text: str) -> int:
    """Adds every name in the text; returns how many were new."""
    return sum(store.add_do_not_publish(name, name_key(name))[1] for name in parse_names(text))


def remove(store: Store, name: str) -> bool:
    """Forgets a student and their reference faces."""
    return store.remove_do_not_publish(name_key(name))

