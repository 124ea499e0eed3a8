"""Rate limits, in memory, per helper process.

- RateLimiter: a token bucket per key (the request's Origin). Every request but the public ones
  spends one token; a key that has spent its burst waits `1 / rate` seconds per request. Requests
  that fail authentication spend from a second, much smaller bucket, so a web page trying tokens
  is slowed to a crawl while the paired extension is not.
- PairingLockout: wrong pairing codes, counted for everyone (not per origin: anything on this
  machine can send any Origin header, and pairing codes are the one secret a guess could hit).
  After MAX_WRONG wrong codes within WINDOW seconds, pairing is locked for LOCK_SECONDS, doubling
  with each lock-out in a row (up to MAX_LOCK_SECONDS); while locked even the right code is refused.
  A successful pairing resets the count.

Both answer "how long to wait" in seconds, which the API sends as Retry-After with a 429.
"""
from __future__ import annotations

import math
import threading
import time
from collections import deque


class RateLimiter:
    def __init__(self, rate: float, burst: float, max_keys: int = 10_000, clock=time.monotonic):
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be > 0 and burst >= 1")
        self.rate, self.burst, self.max_keys, self.clock = float(rate), float(burst), max_keys, clock
        self._buckets: dict[str, list[float]] = {}    # key -> [tokens, last refill time]
        self._lock = threading.Lock()

    def hit(self, key: str, cost: float = 1.0) -> float:
        """Spends `cost` for key. Returns 0.0 when allowed, else the seconds until it would be."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self.max_keys:
                    self._evict(now)
                bucket = self._buckets[key] = [self.burst, now]
            tokens = min(self.burst, bucket[0] + (now - bucket[1]) * self.rate)
            bucket[1] = now
            if tokens >= cost:
                bucket[0] = tokens - cost
                return 0.0
            bucket[0] = tokens
            return (cost - tokens) / self.rate

    def _evict(self, now: float) -> None:
        """Drops buckets that are full again (they hold no state worth keeping), then the oldest."""
        full = [k for k, (tokens, last) in self._buckets.items() if tokens + (now - last) * self.rate >= self.burst]
        for k in full:
            del self._buckets[k]
        while len(self._buckets) >= self.max_keys:
            del self._buckets[min(self._buckets, key=lambda k: self._buckets[k][1])]


class PairingLockout:
    MAX_WRONG = 5
    WINDOW = 300.0
    LOCK_SECONDS = 60.0
    MAX_LOCK_SECONDS = 15 * 60.0

    def __init__(self, clock=time.monotonic, max_wrong: int | None = None, lock_seconds: float | None = None):
        self.clock = clock
        self.max_wrong = max_wrong or self.MAX_WRONG
        self.lock_seconds = lock_seconds or self.LOCK_SECONDS
        self._wrong: deque[float] = deque()
        self._locked_until = 0.0
        self._lockouts_in_a_row = 0
        self._lock = threading.Lock()

    def retry_after(self) -> float:
        """Seconds until pairing opens again; 0.0 when it is open."""
        with self._lock:
            return max(0.0, self._locked_until - self.clock())

    def wrong(self) -> float:
        """Counts one wrong code. Returns the lock-out it caused (seconds), or 0.0."""
        now = self.clock()
        with self._lock:
            while self._wrong and self._wrong[0] < now - self.WINDOW:
                self._wrong.popleft()
            self._wrong.append(now)
            if len(self._wrong) < self.max_wrong:
                return 0.0
            self._wrong.clear()
            seconds = min(self.MAX_LOCK_SECONDS, self.lock_seconds * (2 ** self._lockouts_in_a_row))
            self._lockouts_in_a_row += 1
            self._locked_until = now + seconds
            return seconds

    def success(self) -> None:
        with self._lock:
            self._wrong.clear()
            self._lockouts_in_a_row = 0

    def state(self) -> dict:
        """For the desktop pages: {"locked": bool, "retry_after": seconds, "wrong_codes": n}."""
        wait = self.retry_after()
        with self._lock:
            return {"locked": wait > 0, "retry_after": math.ceil(wait), "wrong_codes": len(self._wrong)}


def retry_after_header(seconds: float) -> str:
    return str(max(1, math.ceil(seconds)))
