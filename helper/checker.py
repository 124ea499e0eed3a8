"""The helper's checker: the rule engine built from the rules bundle and the user's settings."""
from __future__ import annotations

import threading

from .engine import Engine, load_bundle
from .store import Store


class Checker:
    def __init__(self, rules_dir, store: Store):
        self.rules_dir = rules_dir
        self.store = store
        self._lock = threading.Lock()
        self.bundle = load_bundle(rules_dir)
        self.engine = self._build()

    def _build(self) -> Engine:
        return Engine(self.bundle, self.store.get_settings())

    def reload(self) -> None:
        """After the settings change: build a new engine and swap it in whole."""
        with self._lock:
            self.engine = self._build()

    @property
    def rules_version(self) -> str:
        return self.bundle["version"]

    def check(self, data: dict) -> dict:
        return self.engine.check(data)
