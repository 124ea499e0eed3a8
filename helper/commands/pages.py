"""`pages`: prints a fresh one-time address of the running helper's own pages (status, pairing,
settings, audit log, training), for people without the desktop window. The address printed by
`serve` works once and for ten minutes; this makes another."""
from __future__ import annotations

import sys
import urllib.request

from ..config import DEFAULT_PORT
from ..security.pairing import LOGIN_TTL_SECONDS, Pairing
from ..security.keyring_secret import KeyringUnavailable
from ..storage.store import Store
from .common import add_home_argument, config_from


def register(subparsers) -> None:
    p = subparsers.add_parser("pages", help="print a one-time address of the running helper's pages")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"the helper's port (default {DEFAULT_PORT})")
    add_home_argument(p)
    p.set_defaults(func=run)


def run(args) -> int:
    config = config_from(args)
    base = f"http://127.0.0.1:{config.port}"
    try:
        with urllib.request.urlopen(base + "/v1/health", timeout=3):
            pass
    except OSError:
        print(f"pages: no Social Guard helper answers at {base}. Start it with `python -m helper serve`.",
              file=sys.stderr)
        return 2
    config.ensure_home()
    try:
        token = Pairing(Store(config.db_path), config.keyring_service).new_login_token()
    except KeyringUnavailable as exc:
        print(f"pages: {exc}", file=sys.stderr)
        return 3
    print(f"Open this address within {LOGIN_TTL_SECONDS // 60} minutes. It works once.")
    print(f"{base}/ui/login?token={token}")
    return 0
