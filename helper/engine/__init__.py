"""The Python rule engine: the shared rules (shared_rules/) plus the helper-only detectors.
Pure: a check reads no file, network or store; its callers hand it a loaded bundle (helper.rules.loader).
It imports only its own modules and pure libraries: no Flask, store or keyring."""
from .core import Engine

__all__ = ["Engine"]
