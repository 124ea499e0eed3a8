"""`do-not-publish`: the district's list of students whose guardians declined photo consent.

    do-not-publish add NAME [--photo PATH ...] [--note TEXT]   list a student (and reference faces)
    do-not-publish photo NAME PATH [PATH ...]                   add reference faces for a listed student
    do-not-publish import FILE                                  one name a line (# comments)
    do-not-publish list                                         names, with how many reference faces
    do-not-publish remove NAME                                  forget a student and their faces

A reference photo must show the student's face alone. Only its face features (LBP histograms) are
stored, never the photo; matching happens on this machine, in the helper. The list's logic is
helper/photos/do_not_publish.py, which the helper's "Photo consent" page uses too.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..photos import do_not_publish as dnp
from ..photos.decode import MAX_IMAGE_BYTES, ImageError
from ..storage.store import Store
from .common import add_home_argument, store_for


def register(subparsers) -> None:
    p = subparsers.add_parser("do-not-publish", help="the list of students whose photos must not be posted")
    sub = p.add_subparsers(dest="dnp_command", metavar="<do-not-publish command>")
    add = sub.add_parser("add", help="add a student by name (and, optionally, reference photos of their face)")
    add.add_argument("name")
    add.add_argument("--photo", type=Path, action="append", default=[], help="a reference photo (repeatable)")
    add.add_argument("--note", default=None, help="e.g. where the guardian's refusal is filed")
    add.set_defaults(func=run_add)
    photo = sub.add_parser("photo", help="add reference photos of a listed student's face")
    photo.add_argument("name")
    photo.add_argument("photos", type=Path, nargs="+")
    photo.set_defaults(func=run_photo)
    imp = sub.add_parser("import", help="add every name in a file, one a line")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=run_import)
    lst = sub.add_parser("list", help="show the list")
    lst.set_defaults(func=run_list)
    rm = sub.add_parser("remove", help="remove a student and their reference faces")
    rm.add_argument("name")
    rm.set_defaults(func=run_remove)
    for parser in (add, photo, imp, lst, rm):
        add_home_argument(parser)
    p.set_defaults(func=lambda args: p.print_help() or 2)


def _add_faces(store: Store, student: dict, photos: list[Path]) -> int:
    failures = 0
    for path in photos:
        try:
            if path.stat().st_size > MAX_IMAGE_BYTES:
                raise ImageError(f"larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
            dnp.add_reference_photo(store, student, path.read_bytes())
        except OSError as exc:
            print(f"do-not-publish: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
            failures += 1
            continue
        except ImageError as exc:
            print(f"do-not-publish: {path}: {exc}", file=sys.stderr)
            failures += 1
            continue
        print(f"Added a reference face for {student['name']} from {path.name} (only its face features are kept, "
              "not the photo).")
    return failures


def run_add(args) -> int:
    if not dnp.clean_name(args.name):
        print("do-not-publish: give the student's name", file=sys.stderr)
        return 2
    store = store_for(args)
    student, added = dnp.add(store, args.name, args.note)
    print(f"{'Added' if added else 'Already listed:'} {student['name']}")
    failures = _add_faces(store, student, args.photo)
    return 1 if failures else 0


def run_photo(args) -> int:
    store = store_for(args)
    student = dnp.find(store, args.name)
    if not student:
        print(f"do-not-publish: {args.name} is not on the list: add them first", file=sys.stderr)
        return 2
    return 1 if _add_faces(store, student, args.photos) else 0


def run_import(args) -> int:
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"do-not-publish: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    store = store_for(args)
    added = dnp.import_names(store, text)
    print(f"Added {added} name{'s' if added != 1 else ''}; the list has {len(dnp.entries(store))}.")
    return 0


def run_list(args) -> int:
    store = store_for(args, create=False)
    entries = dnp.entries(store) if store else []
    if not entries:
        print("The do-not-publish list is empty.")
        return 0
    for e in entries:
        faces = f"{e['faces']} reference face{'s' if e['faces'] != 1 else ''}"
        print(f"{e['name']}\t{faces}" + (f"\t{e['note']}" if e["note"] else ""))
    return 0


def run_remove(args) -> int:
    store = store_for(args, create=False)
    if store is None or not dnp.remove(store, args.name):
        print(f"do-not-publish: {args.name} is not on the list", file=sys.stderr)
        return 1
    print(f"Removed {args.name} and their reference faces.")
    return 0
