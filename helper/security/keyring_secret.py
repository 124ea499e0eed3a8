"""Everything that touches the OS keyring. Nothing else in the helper imports keyring.

The helper keeps one secret there: a random key from which pairing codes and browser tokens are
checked (only keyed hashes of those reach the disk). Where no real keyring exists, the helper says
so and refuses to pair, rather than falling back to a file.
"""
from __future__ import annotations

import secrets as _random

import keyring
import keyring.errors

_SECRET_KEY = "secret-key"
# Backends that store secrets in plain or weakly protected files: never acceptable here.
_REFUSED_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class KeyringUnavailable(RuntimeError):
    """No usable OS keyring: pairing and tokens cannot work."""


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def check_backend() -> None:
    """Raises KeyringUnavailable, with what to do, unless a real keyring backend is in use."""
    backend = keyring.get_keyring()
    module = type(backend).__module__
    if module.startswith(_REFUSED_MODULES) or getattr(backend, "priority", 0) <= 0:
        raise KeyringUnavailable(
            f"No secure OS keyring is available (keyring backend: {backend_name()}). Social Guard keeps "
            "its pairing secret only in the OS keyring: on Linux start a Secret Service such as "
            "gnome-keyring or KeePassXC; on Windows and macOS the system keyring is used.")


def secret_key(service: str) -> bytes:
    """The helper's secret key, created on first use."""
    check_backend()
    try:
        value = keyring.get_password(service, _SECRET_KEY)
        if value is None:
            value = _random.token_hex(32)
            keyring.set_password(service, _SECRET_KEY, value)
            # Read it back: a keyring that silently drops writes must not yield tokens that never verify.
            if keyring.get_password(service, _SECRET_KEY) != value:
                raise KeyringUnavailable("the OS keyring did not keep the helper's secret")
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(f"the OS keyring refused the helper's secret: {exc}") from exc
    return bytes.fromhex(value)


def forget_secret_key(service: str) -> None:
    """Deletes the secret: every pairing becomes invalid (used by 'unpair all')."""
    try:
        keyring.delete_password(service, _SECRET_KEY)
    except keyring.errors.PasswordDeleteError:
        pass
