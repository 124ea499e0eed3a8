"""`roster import FILE | clear | count`: the district's student roster, kept only as salted hashes.
Never prints a name: only how many the roster holds."""
from __future__ import annotations

import sys
from pathlib import Path

from ..school.roster import RosterError, clear, count, import_file
from .common import add_home_argument, store_for


def register(subparsers) -> None:
    p = subparsers.add_parser("roster", help="load or clear the student roster (stored only as salted hashes)")
    sub = p.add_subparsers(dest="roster_command", metavar="<roster command>")
    imp = sub.add_parser("import", help="replace the roster with the names in FILE (one a line, or CSV with name columns)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--add", action="store_true", help="add to the roster instead of replacing it")
    add_home_argument(imp)
    imp.set_defaults(func=run_import)
    for name, func, text in (("clear", run_clear, "forget every name"), ("count", run_count, "print how many names are loaded")):
        q = sub.add_parser(name, help=text)
        add_home_argument(q)
        q.set_defaults(func=func)
    p.set_defaults(func=lambda args: p.print_help() or 2)




def run_import(args) -> int:
    try:
        n = import_file(store_for(args), args.file, replace=not args.add)
    except RosterError as exc:
        print(f"roster: {exc}", file=sys.stderr)
        return 2
    print(f"roster: {n} student name{'s' if n != 1 else ''} loaded (stored as salted hashes only). "
          "A running helper uses them after a restart or a settings change.")
    return 0


def run_clear(args) -> int:
    clear(store_for(args))
    print("roster: cleared")
    return 0


def run_count(args) -> int:
    print(count(store_for(args)))
    return 0
