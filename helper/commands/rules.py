"""`rules lint`: checks the rules data (schema, regex syntax both engines accept, no ReDoS,
verbatim procedure quotes, stable formatting)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..rules.lint import lint_rules_dir
from .rulepacks import register_subcommands   # keygen, sign, verify, install, status (signed rule packs)


def register(subparsers) -> None:
    p = subparsers.add_parser("rules", help="work with the rules data")
    sub = p.add_subparsers(dest="rules_command", metavar="<rules command>")
    lint = sub.add_parser("lint", help="check shared_rules/ for mistakes")
    lint.add_argument("--dir", type=Path, default=None, help="the rules folder (default: the shipped shared_rules/)")
    lint.add_argument("--fix-format", action="store_true", help="rewrite the JSON files in the canonical format")
    lint.set_defaults(func=run_lint)
    register_subcommands(sub)
    p.set_defaults(func=lambda args: p.print_help() or 2)


def run_lint(args) -> int:
    problems = lint_rules_dir(args.dir, fix_format=args.fix_format)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("rules: no problems found")
    return 1 if problems else 0
