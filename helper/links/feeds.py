"""Threat-feed subscriptions (uBlock-style host lists) for the district blocklist.

Privately: whole lists are downloaded over HTTPS and matched on this machine, so no link being
checked ever leaves it. Files, in <home>/blocklist-feeds/: <id>.hosts for each feed (its valid hosts:
the last good copy), merged.hosts (the hosts of every feed that no guard drops: what the checker
reads) and state.json (per feed: address, fetched at, entries, sha256, ETag, last error)."""
from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from .. import __version__
from ..storage.atomic import write_atomic
from ..storage.fetch import FetchError
from ..storage.fetch import fetch as download
from ..storage.filewatch import FileWatcher, file_stamp
from .feed_hosts import Guards, parse_feed
from .hostset import HostSet, encode

MAX_BYTES = 32 * 1024 * 1024   # the largest public host lists are a few MB; more is a mistake or an attack
TIMEOUT = 30.0                 # seconds without a byte
DEADLINE = 300.0               # seconds for one whole download
RETRY_FAILED = 3600.0          # a failed feed is tried again after an hour, not a whole interval
_LOCK = threading.Lock()       # one update at a time in this process (serve's thread and a request)
CA_HINT = "; where the district inspects TLS, set its CA file (SOCIAL_GUARD_BLOCKLIST_CA_FILE or --ca-file)"


class FeedError(Exception):
    """Why a feed could not be used; its last good copy stays in use."""


def feeds_dir(home) -> Path:
    return Path(home) / "blocklist-feeds"


def feed_id(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def check_url(url: str) -> str:
    """The feed address, or FeedError: only https://, with a host and no password in it."""
    try:
        parts = urlsplit(url.strip())
        parts.port   # noqa: B018  (raises ValueError for a bad port)
    except ValueError:
        raise FeedError(f"{url!r} is not a valid address") from None
    if parts.scheme != "https":
        raise FeedError(f"{url!r} is not an https:// address: feeds are only downloaded over HTTPS")
    if not parts.hostname:
        raise FeedError(f"{url!r} has no host name")
    if parts.username or parts.password:
        raise FeedError(f"{url!r} has a user name or password in it; they would be stored in plain text")
    return url.strip()


def fetch(url: str, etag=None, last_modified=None, ca_file=None, max_bytes: int = MAX_BYTES,
          timeout: float = TIMEOUT) -> tuple[bytes | None, str | None, str | None]:
    """(body, ETag, Last-Modified); body is None when the server says the feed has not changed."""
    headers = {"User-Agent": f"social-guard-helper/{__version__} (blocklist feeds)"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        body, answer = download(url, what="feed", max_bytes=max_bytes, timeout=timeout, deadline=DEADLINE,
                                headers=headers, ca_file=ca_file, ca_hint=CA_HINT)
    except FetchError as exc:
        raise FeedError(str(exc)) from None
    if body is None:
        return None, etag, last_modified
    return body, answer.get("ETag"), answer.get("Last-Modified")


# -- storage ------------------------------------------------------------------------------------

def load_state(home) -> dict:
    try:
        return json.loads((feeds_dir(home) / "state.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"feeds": []}


def subscribed(home) -> list[str]:
    """The feeds of the last update: what `update` and serve refresh when none are configured."""
    return [f["url"] for f in load_state(home).get("feeds", [])]


def _hosts_of(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="ascii").split()
    except (OSError, UnicodeError):
        return []


def update(home, urls, guards: Guards, ca_file=None, progress=None, max_bytes: int = MAX_BYTES) -> dict:
    """Downloads each feed (unless unchanged), keeps the last good copy of any that fails, and
    writes the merged set. Returns the new state; its feeds carry `status`: updated, not modified
    or failed (with `error`)."""
    folder = feeds_dir(home)
    with _LOCK:
        old = {f["url"]: f for f in load_state(home).get("feeds", [])}
        records = []
        for url in dict.fromkeys(urls):
            rec = dict(old.get(url) or {"url": url, "id": feed_id(url)})
            rec["attempted_at"] = time.time()
            path = folder / f"{rec['id']}.hosts"
            have_copy = path.is_file()
            try:
                check_url(url)
                body, etag, modified = fetch(url, rec.get("etag") if have_copy else None,
                                             rec.get("last_modified") if have_copy else None, ca_file, max_bytes)
                if body is None:
                    rec.update(status="not modified", checked_at=rec["attempted_at"], error=None)
                else:
                    hosts, refused = parse_feed(body.decode("utf-8", "replace"))
                    if not hosts:
                        raise FeedError("no host names in a known format (a domain list, a hosts file or ||host^ lines)")
                    write_atomic(path, encode(hosts))
                    rec.update(status="updated", fetched_at=rec["attempted_at"], checked_at=rec["attempted_at"],
                               error=None, etag=etag, last_modified=modified, bytes=len(body),
                               sha256=hashlib.sha256(body).hexdigest(), entries=len(hosts), refused=dict(refused))
            except FeedError as exc:
                rec.update(status="failed", error=str(exc))
            records.append(rec)

        merged: set[str] = set()
        for rec in records:
            kept, dropped = 0, Counter()
            for host in _hosts_of(folder / f"{rec['id']}.hosts"):
                why = guards.reason(host)
                if why:
                    dropped[why] += 1
                else:
                    merged.add(host)
                    kept += 1
            rec.update(kept=kept, dropped=dict(dropped))
        blob = encode(merged)
        merged_path = folder / "merged.hosts"
        changed = not merged_path.is_file() or merged_path.read_bytes() != blob
        if changed:
            write_atomic(merged_path, blob)
        state = {"feeds": records, "updated_at": time.time(), "entries": len(merged),
                 "sha256": hashlib.sha256(blob).hexdigest(), "changed": changed}
        write_atomic(folder / "state.json", json.dumps(state, indent=1).encode("utf-8"))
        for gone in set(old) - set(urls):   # unsubscribed: its copy goes
            (folder / f"{old[gone]['id']}.hosts").unlink(missing_ok=True)
    for rec in records:
        if progress:
            progress(rec)
    return state


def clear(home) -> None:
    """Forget every feed: the checker stops using them at its next look."""
    folder = feeds_dir(home)
    with _LOCK:
        for path in folder.glob("*.hosts"):
            path.unlink(missing_ok=True)
        (folder / "state.json").unlink(missing_ok=True)


# -- for the checker ------------------------------------------------------------------------------

_CACHE: dict[Path, tuple] = {}


def stored_hosts(home) -> HostSet | None:
    """The merged feed hosts, read once and again only when the file changes (None: no feeds)."""
    path = feeds_dir(home) / "merged.hosts"
    stamp = file_stamp(path)
    if stamp is None:
        return None
    cached = _CACHE.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    try:
        hosts = HostSet(path.read_bytes())
    except OSError:
        return None
    _CACHE[path] = (stamp, hosts)
    return hosts


class FeedWatcher(FileWatcher):
    """Notices merged.hosts written by another process (`blocklist update`), looking at most every `every` s."""

    def __init__(self, home, every: float = 10.0):
        super().__init__(feeds_dir(home) / "merged.hosts", every)


def listed_by(home, host: str) -> list[tuple[str, str]]:
    """(feed address, entry) for each subscribed feed whose hosts include this host or a parent of it."""
    folder, parts, found = feeds_dir(home), host.split("."), []
    for rec in load_state(home).get("feeds", []):
        hosts = HostSet((folder / f"{rec['id']}.hosts").read_bytes()) if (folder / f"{rec['id']}.hosts").is_file() else ()
        for i in range(len(parts) - 1):
            if ".".join(parts[i:]) in hosts:
                found.append((rec["url"], ".".join(parts[i:])))
                break
    return found


# -- reporting and the background refresh ---------------------------------------------------------

def _counts(counts: dict) -> str:
    return ", ".join(f"{why} {n:,}" for why, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _lines(n: int) -> str:
    return f"{n:,} line" + ("" if n == 1 else "s")


def age(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def describe(rec: dict, now: float | None = None) -> str:
    """One line about one feed's last update, for people (never anything from a draft)."""
    now = now or time.time()
    dropped = sum(rec.get("dropped", {}).values())
    kept = (f"{rec.get('kept', 0):,} kept, {dropped:,} dropped" + (f" ({_counts(rec['dropped'])})" if dropped else "")
            + (f", skipped {_lines(sum(rec['refused'].values()))} ({_counts(rec['refused'])})" if rec.get("refused") else ""))
    if rec.get("status") == "updated":
        return f"{rec['url']}: {rec['bytes']:,} bytes, {rec['entries']:,} hosts, {kept}"
    if rec.get("status") == "not modified":
        return f"{rec['url']}: not modified; {rec.get('entries', 0):,} hosts, {kept}"
    last = (f"keeping the copy from {age(now - rec['fetched_at'])} ago ({rec.get('kept', 0):,} hosts)"
            if rec.get("fetched_at") else "no copy yet")
    return f"{rec['url']}: FAILED: {rec.get('error')}; {last}"


def due(home, urls, interval: float, now: float | None = None) -> bool:
    """True when a feed is new, or its last attempt is older than the interval (an hour after a failure)."""
    now = now or time.time()
    old = {f["url"]: f for f in load_state(home).get("feeds", [])}
    if list(old) != list(dict.fromkeys(urls)):
        return True   # feeds added or removed
    for rec in old.values():
        wait = min(interval, RETRY_FAILED) if rec.get("status") == "failed" else interval
        if now - rec.get("attempted_at", 0) >= wait:
            return True
    return False


class Refresher(threading.Thread):
    """serve's background refresh: updates the feeds when they are older than the interval, never
    blocking the helper's start, and tells the checker to reload when the merged set changed."""

    def __init__(self, home, configured, interval_hours: float, ca_file, guards, on_change, log):
        super().__init__(name="blocklist-feeds", daemon=True)
        self.home, self.configured, self.interval = home, list(configured), interval_hours * 3600
        self.ca_file, self.guards, self.on_change, self.log = ca_file, guards, on_change, log
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            urls = self.configured or subscribed(self.home)
            if urls and due(self.home, urls, self.interval):
                try:
                    state = update(self.home, urls, self.guards(), self.ca_file,
                                   progress=lambda rec: self.log("Blocklist feed " + describe(rec)))
                    self.log(f"Blocklist feeds: {state['entries']:,} hosts in use")
                    if state["changed"]:
                        self.on_change()
                except Exception as exc:  # a bug here must not stop the helper; it is said, not hidden
                    self.log(f"Blocklist feeds: the update failed: {exc!r}")
            self.stopped.wait(min(self.interval, RETRY_FAILED))

    def stop(self) -> None:
        self.stopped.set()
