"""`blocklist update|status|test|clear`: threat-feed subscriptions (uBlock-style host lists) that join
the district blocklist. Whole lists are downloaded and matched here; no checked link leaves the
machine. Code: helper/links/feeds.py (download, storage), helper/links/feed_hosts.py (formats, guards)."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ..engine.links import parse
from ..links import feeds as bf
from ..links.feed_hosts import guards_for, host_of
from ..rules.install import active_bundle
from ..storage.fetch import FetchError, ssl_context
from .common import add_district_argument, add_home_argument, config_from, engine_for, store_for


def register(subparsers) -> None:
    p = subparsers.add_parser("blocklist", help="threat-feed subscriptions for the district blocklist")
    sub = p.add_subparsers(dest="blocklist_command", metavar="<blocklist command>")

    up = sub.add_parser("update", help="download the feeds (those configured, or the last ones, when none are given)")
    up.add_argument("--feed", action="append", default=[], metavar="URL",
                    help="an https:// host list (repeat for several); these become the subscribed feeds")
    up.add_argument("--ca-file", type=Path, default=None,
                    help="a CA certificate file to trust as well, where the district inspects TLS "
                         "($SOCIAL_GUARD_BLOCKLIST_CA_FILE)")
    add_home_argument(up)
    add_district_argument(up)
    up.set_defaults(func=run_update)

    st = sub.add_parser("status", help="each subscribed feed: its age, entries, last error")
    add_home_argument(st)
    st.set_defaults(func=run_status)

    te = sub.add_parser("test", help="is a host or link blocked, and by which feed")
    te.add_argument("target", metavar="HOST_OR_URL")
    add_home_argument(te)
    add_district_argument(te)
    te.set_defaults(func=run_test)

    cl = sub.add_parser("clear", help="unsubscribe from every feed and forget their hosts")
    add_home_argument(cl)
    cl.set_defaults(func=run_clear)
    p.set_defaults(func=lambda args: p.print_help() or 2)


def run_update(args) -> int:
    config = config_from(args)
    urls = args.feed or config.blocklist_feeds or bf.subscribed(config.home)
    if not urls:
        print("blocklist: no feeds: give --feed https://... or set SOCIAL_GUARD_BLOCKLIST_FEEDS", file=sys.stderr)
        return 2
    ca_file = args.ca_file or config.blocklist_ca_file
    try:
        for url in urls:
            bf.check_url(url)
        ssl_context(ca_file)
    except (bf.FeedError, FetchError) as exc:
        print(f"blocklist: {exc}", file=sys.stderr)
        return 2
    store = store_for(args)   # the checker finds the feeds beside the user's store
    guards = guards_for(active_bundle(config.rules_dir, config.home, config.district_file), store.get_settings())
    print(f"Updating {len(urls)} feed(s)...", flush=True)
    state = bf.update(config.home, urls, guards, ca_file, progress=lambda rec: print("  " + bf.describe(rec), flush=True))
    failed = [rec for rec in state["feeds"] if rec["status"] == "failed"]
    print(f"{state['entries']:,} hosts in the blocklist from feeds"
          + (f"; {len(failed)} feed(s) failed (their last good copy, if any, stays in use)" if failed else ""))
    return 1 if failed else 0


def run_status(args) -> int:
    config = config_from(args)
    state, now = bf.load_state(config.home), time.time()
    if not state.get("feeds"):
        print("blocklist: no feeds (subscribe with `python -m helper blocklist update --feed https://...`)")
        return 0
    for rec in state["feeds"]:
        fetched = f"fetched {bf.age(now - rec['fetched_at'])} ago" if rec.get("fetched_at") else "never fetched"
        checked = f", checked {bf.age(now - rec['checked_at'])} ago" if rec.get("checked_at") else ""
        print(f"{rec['url']}\n  {fetched}{checked}; {rec.get('entries', 0):,} hosts, {rec.get('kept', 0):,} in use"
              + (f"\n  last update FAILED: {rec['error']}" if rec.get("status") == "failed" else ""))
    print(f"{state.get('entries', 0):,} hosts in use, updated {bf.age(now - state.get('updated_at', now))} ago")
    return 0


def run_test(args) -> int:
    config = config_from(args)
    target = args.target.strip()
    url = target if "://" in target else f"https://{target}/"
    host, why = host_of(parse(url)[2])
    if not host:
        print(f"blocklist: {target!r} is not a host name or link ({why})", file=sys.stderr)
        return 2
    listed = bf.listed_by(config.home, host)
    findings = engine_for(config).check({"text": url, "site": "other", "surface": "post"})["findings"]
    blocked = any(f["category"] == "link.blocklisted" for f in findings)
    for feed, entry in listed:
        print(f"listed by {feed}" + (f" (as {entry})" if entry != host else ""))
    if blocked:
        print(f"{host}: BLOCKED (link.blocklisted)" + ("" if listed else ": by the district's own blocklist"))
        return 1
    if listed:
        store = store_for(args, create=False)
        reason = guards_for(active_bundle(config.rules_dir, config.home, config.district_file),
                            store.get_settings() if store else None).reason(listed[0][1])
        print(f"{host}: not blocked: " + (f"the feeds' entry was dropped ({reason})" if reason
                                          else "allow-listed, or the feeds changed since the last update"))
    else:
        print(f"{host}: not blocked")
    return 0


def run_clear(args) -> int:
    bf.clear(config_from(args).home)
    print("blocklist: no feeds now; a running helper stops using their hosts within a few seconds")
    return 0
