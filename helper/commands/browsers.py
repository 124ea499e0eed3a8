"""`browsers list` and `browsers revoke ID`: the paired browsers, for people without the window."""
from __future__ import annotations

import json
import sys

from ..api.browsers import list_browsers, revoke_browser
from .common import add_home_argument, store_for


def register(subparsers) -> None:
    p = subparsers.add_parser("browsers", help="list paired browsers, or revoke one")
    sub = p.add_subparsers(dest="browsers_command", metavar="<browsers command>")
    ls = sub.add_parser("list", help="list the paired browsers")
    ls.add_argument("--json", action="store_true", help="print JSON")
    add_home_argument(ls)
    ls.set_defaults(func=run_list)
    rv = sub.add_parser("revoke", help="revoke a browser: its token stops working at once")
    rv.add_argument("id", type=int, help="the browser's id, from `browsers list`")
    add_home_argument(rv)
    rv.set_defaults(func=run_revoke)
    p.set_defaults(func=lambda args: p.print_help() or 2)




def run_list(args) -> int:
    store = store_for(args, create=False)
    browsers = list_browsers(store) if store else []
    if args.json:
        print(json.dumps(browsers, indent=2))
        return 0
    if not browsers:
        print("No browser is paired. Pair one with the code from `python -m helper pair`.")
        return 0
    print(f"{'ID':>4}  {'NAME':30}  {'CREATED':20}  {'LAST SEEN':20}  ORIGIN")
    for b in browsers:
        print(f"{b['id']:>4}  {b['name'][:30]:30}  {b['created']:20}  {b['last_seen'] or 'never':20}  {b['origin']}")
    return 0


def run_revoke(args) -> int:
    store = store_for(args, create=False)
    if store is None or not revoke_browser(store, args.id):
        print(f"browsers: no paired browser has id {args.id} (see `python -m helper browsers list`)", file=sys.stderr)
        return 1
    print(f"Browser {args.id} is revoked: its token no longer works. Pair it again to use it.")
    return 0
