"""Waiting on an observable state outside the browser (the helper's records, the site server's, a file),
instead of sleeping a fixed time and hoping it was long enough."""
from __future__ import annotations

import time


def wait_until(fn, what: str, timeout: float = 10.0, interval: float = 0.05):
    """fn's first true value, polled every `interval` seconds; AssertionError naming `what` after `timeout`."""
    end = time.monotonic() + timeout
    while True:
        value = fn()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)
