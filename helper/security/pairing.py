"""Pairing codes, browser tokens and page-login tokens.

Codes and tokens are random; only their HMAC under the helper's secret key (held in the OS keyring)
is stored, so a copy of the database lets no one in. They are looked up by that keyed hash (whose
value an attacker cannot steer, so the lookup's timing tells nothing) and the stored hash is then
compared in constant time. Wrong pairing codes lock pairing out for everyone after a few tries
(helper.ratelimit.PairingLockout); attempts are checked one at a time, so codes sent in parallel
cannot all be checked before the lock-out counts them.
"""
from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets as _random
import threading

from . import keyring_secret as keyring_secrets
from .ratelimit import PairingLockout
from ..storage.store import Store

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I/L: read aloud and typed by people
CODE_LENGTH = 8
CODE_TTL_SECONDS = 300
LOGIN_TTL_SECONDS = 600
EXTENSION_ORIGIN = re.compile(r"^(?:chrome-extension://[a-p]{32}|moz-extension://[0-9a-f\-]{36})$")


class PairingError(ValueError):
    """A pairing attempt that cannot succeed, with the reason shown to the user."""


class PairingLocked(PairingError):
    """Too many wrong codes: pairing is closed for everyone for `retry_after` seconds."""

    def __init__(self, retry_after: float):
        self.retry_after = retry_after
        super().__init__(f"too many wrong pairing codes: pairing is locked for {math.ceil(retry_after)} seconds")


def normalize_code(code: str) -> str:
    return re.sub(r"[\s\-]", "", code).upper()


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


class Pairing:
    def __init__(self, store: Store, keyring_service: str):
        self.store = store
        self.keyring_service = keyring_service
        self._key: bytes | None = None
        self.lockout = PairingLockout()
        self._attempt = threading.Lock()   # lock-out check, code lookup and count: one attempt at a time

    def key(self) -> bytes:
        if self._key is None:
            self._key = keyring_secrets.secret_key(self.keyring_service)
        return self._key

    def digest(self, value: str, purpose: str) -> str:
        return hmac.new(self.key(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()

    # -- pairing ----------------------------------------------------------------------------------
    def new_code(self) -> str:
        code = "".join(_random.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        self.store.add_pairing_code(self.digest(code, "code"), CODE_TTL_SECONDS)
        return format_code(code)

    def redeem(self, code: str, name: str, origin: str) -> str:
        """Trades a valid one-time code for a new browser token bound to the extension's origin."""
        if not EXTENSION_ORIGIN.match(origin or ""):
            raise PairingError("pairing must come from the Social Guard extension")
        code = normalize_code(code)
        if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
            wait = self.lockout.retry_after()   # read once: a second read could find the lock just ended
            if wait:
                raise PairingLocked(wait)
            # Cannot match any code, so it is no guess: a typo does not count towards the lock-out.
            raise PairingError("that is not a pairing code: it has 8 letters and digits, like ABCD-2345")
        self.key()   # no keyring: KeyringUnavailable, before anything is counted
        with self._attempt:
            wait = self.lockout.retry_after()
            if wait:
                raise PairingLocked(wait)
            if not self.store.use_pairing_code(self.digest(code, "code")):
                locked_for = self.lockout.wrong()
                if locked_for:
                    raise PairingLocked(locked_for)
                raise PairingError("that pairing code is wrong, used or expired: make a new one in Social Guard")
            self.lockout.success()
        token = _random.token_urlsafe(32)
        self.store.add_browser(name, origin, self.digest(token, "token"))
        return token

    def browser_for_token(self, token: str) -> dict | None:
        if not token or len(token) > 200:
            return None
        digest = self.digest(token, "token")
        browser = self.store.browser_by_token_hash(digest)
        if browser is None or not hmac.compare_digest(browser["token_hash"].encode(), digest.encode()):
            return None
        return browser

    # -- the helper's own pages -------------------------------------------------------------------
    def new_login_token(self) -> str:
        token = _random.token_urlsafe(24)
        self.store.add_login_token(self.digest(token, "login"), LOGIN_TTL_SECONDS)
        return token

    def use_login_token(self, token: str) -> bool:
        return bool(token) and len(token) <= 200 and self.store.use_login_token(self.digest(token, "login"))
