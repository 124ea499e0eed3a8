"""The Python rule engine: the shared rules (shared_rules/) plus the helper-only detectors."""
from .core import Engine
from .loader import load_bundle, default_rules_dir

__all__ = ["Engine", "load_bundle", "default_rules_dir"]
