"""The helper's checker: the rule engine built from the rules bundle and the user's settings."""
from __future__ import annotations

import threading

from .engine import Engine
from .engine.detectors import default_detectors
from .links.feeds import FeedWatcher, stored_hosts
from .rules.install import PackWatcher, active_bundle
from .rules.loader import load_bundle
from .school.roster import detector as roster_detector
from .security.managed import engine_settings   # the district's managed values win over the user's
from .storage.store import Store


def build_engine(bundle: dict, store: Store | None = None, feed_hosts=None) -> Engine:
    """The shared rules plus the helper-only detectors (phones, addresses, look-alike links) and,
    given the user's store, their settings, the student roster and the subscribed blocklist feeds
    (helper/links/feeds.py), which live beside the store; without a store, feed_hosts stand
    for the feeds."""
    settings, roster, feeds = {}, None, feed_hosts
    if store is not None:
        settings, roster, feeds = {**store.get_settings(), **engine_settings()}, roster_detector(store), stored_hosts(store.path.parent)
    return Engine(bundle, settings, detectors=default_detectors(roster, bundle), feed_hosts=feeds)


class Checker:
    def __init__(self, rules_dir, store: Store, home=None, district_file=None):
        self.rules_dir = rules_dir
        self.store = store
        self._lock = threading.Lock()
        self._pack_watch = None
        self._feed_watch = FeedWatcher(store.path.parent)   # `blocklist update` run by another process
        if home is None and district_file is None:
            self.bundle = load_bundle(rules_dir)
        else:  # an installed signed rule pack (helper/rules/install.py) and a --district profile, when there are
            self._pack_watch = PackWatcher(home, lambda: active_bundle(rules_dir, home, district_file))
            self.bundle = active_bundle(rules_dir, home, district_file)
        self.engine = self._build()

    def _fresh(self) -> None:
        """A rule pack installed while the helper runs (`rules install`) is used from the next check."""
        if self._pack_watch is not None and self._pack_watch.changed():
            bundle = self._pack_watch.load()
            with self._lock:
                self.bundle = bundle
                self.engine = self._build()
        if self._feed_watch.changed():
            self.reload()

    def _build(self) -> Engine:
        return build_engine(self.bundle, self.store)

    def feeds_updated(self) -> None:
        """serve's feed refresh wrote new hosts: the next check rebuilds with them (once, through the
        same watcher that notices a `blocklist update` run by another process)."""
        self._feed_watch.look_now()

    def reload(self) -> None:
        """After the settings change: build a new engine and swap it in whole."""
        with self._lock:
            self.engine = self._build()

    @property
    def rules_version(self) -> str:
        self._fresh()
        return self.bundle["version"]

    def check(self, data: dict) -> dict:
        self._fresh()
        return self.engine.check(data)
