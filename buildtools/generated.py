"""Files written from other files (extension/shared/vocabulary.js, extension/engine/tables.js): write
them, or with --check say which one is out of date, so CI fails when a source changed alone."""
from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(out: Path, text: str, argv: list[str], command: str, root: Path) -> int:
    """Writes text to out; with "--check" in argv, only compares (1, with the command to run, if it differs)."""
    if "--check" in argv:
        if not out.is_file() or out.read_text(encoding="utf-8") != text:
            print(f"{out.relative_to(root)} is out of date: run {command}", file=sys.stderr)
            return 1
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return 0
