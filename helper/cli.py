"""The command line: `python -m helper <command>`. Each command lives in helper/commands/<name>.py
and exposes register(subparsers), which adds its parser and sets `func` (args -> exit code)."""
from __future__ import annotations

import argparse
import importlib
import sys

from . import __version__

COMMANDS = ["check", "serve", "pair", "rules", "browsers", "audit", "roster"]

COMMANDS += ["audit_export"]  # `audit-export`: the audit log for the district's log pipeline (commands/audit_export.py)
COMMANDS += ["check_image", "do_not_publish"]  # photos: `check-image PATH`, `do-not-publish ...` (the do-not-publish list)
COMMANDS += ["pages"]  # `pages`: a fresh one-time address of the helper's pages
COMMANDS += ["blocklist"]  # `blocklist update|status|test|clear`: the district's threat-feed subscriptions


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helper",
        description="Social Guard's local helper: checks drafts against the district's social-media procedure.")
    parser.add_argument("--version", action="version", version=f"social-guard-helper {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="<command>")
    for name in COMMANDS:
        importlib.import_module(f"helper.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
