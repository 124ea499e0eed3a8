"""Noticing that another process rewrote a file (a rule pack installed, blocklist feeds updated)
while the helper runs, cheaply: one stat() at most every few seconds."""
from __future__ import annotations

import time
from pathlib import Path


def file_stamp(path: Path):
    """What changes when a file is replaced or rewritten (None: no such file)."""
    try:
        st = path.stat()
        return st.st_mtime_ns, st.st_size, st.st_ino
    except OSError:
        return None


class FileWatcher:
    """changed() is True once after the file changes; it looks at most once every `every` seconds."""

    def __init__(self, path: Path, every: float):
        self.path, self.every = Path(path), every
        self.next = time.monotonic() + every
        self.stamp = file_stamp(self.path)

    def look_now(self) -> None:
        """The next changed() looks at the file at once (its writer says it just wrote it)."""
        self.next = 0.0

    def changed(self) -> bool:
        now = time.monotonic()
        if now < self.next:
            return False
        self.next = now + self.every
        stamp = file_stamp(self.path)
        if stamp == self.stamp:
            return False
        self.stamp = stamp
        return True
