"""The engine's own data tables: shared_rules/lists/*.json, one table a file under "entries".

They belong to the engine's code (the leet map, link skeletons, card and IBAN lengths...), not to a
district's rules: a signed rule pack does not carry them, and the JavaScript engine reads the same
files as extension/engine/tables.js (written by `python -m buildtools.engine_tables`). Read once, at
import, with the standard library only; checking a draft never opens a file.
"""
from __future__ import annotations

import json
from pathlib import Path


def tables_dir() -> Path:
    """shared_rules/lists/ beside the helper package (a checkout), or inside it (an installed wheel)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent.parent / "shared_rules", here.parent / "shared_rules"):
        if (candidate / "rules.json").is_file():
            return candidate / "lists"
    raise FileNotFoundError("shared_rules/ not found beside the helper")


def read_tables(folder: Path) -> dict:
    """Each lists/*.json file's entries, by the file's name without .json."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8"))["entries"]
            for path in sorted(folder.glob("*.json"))}


TABLES = read_tables(tables_dir())
