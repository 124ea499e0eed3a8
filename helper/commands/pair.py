"""`pair`: prints a fresh one-time pairing code, on its last line, for the extension's popup."""
from __future__ import annotations

import sys

from ..security.pairing import CODE_TTL_SECONDS, Pairing
from ..security.keyring_secret import KeyringUnavailable
from ..storage.store import Store
from .common import add_home_argument, config_from


def register(subparsers) -> None:
    p = subparsers.add_parser("pair", help="print a one-time code to pair a browser's extension")
    add_home_argument(p)
    p.set_defaults(func=run)


def run(args) -> int:
    config = config_from(args)
    config.ensure_home()
    try:
        code = Pairing(Store(config.db_path), config.keyring_service).new_code()
    except KeyringUnavailable as exc:
        print(f"pair: {exc}", file=sys.stderr)
        return 3
    print(f"Type this code into the Social Guard extension's popup within {CODE_TTL_SECONDS // 60} minutes. "
          "It works once.")
    print(code)
    return 0
