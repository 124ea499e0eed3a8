"""District-managed settings for the helper: a JSON file the district deploys where a teacher's own
account cannot write it, as browsers keep their managed policies. It uses the names of the
extension's managed policy (extension/managed_schema.json) plus the helper's own retention:

    {"mode": "block", "approvedChannels": ["facebook.com", ...], "protectedDomains": [...],
     "allowlist": [...], "blocklist": [...], "retentionDays": 365}

A managed value wins over the user's choice: the checker uses it, and the settings page shows it
read-only, "Set by your district". A value of the wrong type or form is ignored, as Chrome ignores
one its schema refuses. Where the file lives: SOCIAL_GUARD_MANAGED_FILE, else per system (MANAGED_PATHS).
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from ..audit.events import valid_retention_days

ENV = "SOCIAL_GUARD_MANAGED_FILE"
MANAGED_PATHS = {
    "linux": "/etc/social-guard/managed.json",
    "darwin": "/Library/Application Support/Social Guard/managed.json",
    "win32": os.path.join(os.environ.get("PROGRAMDATA", r"C:\ProgramData"), "Social Guard", "managed.json"),
}
HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
LISTS = {"approvedChannels": "approved_channels", "protectedDomains": "protected_domains",
         "allowlist": "allowlist", "blocklist": "blocklist"}


def path() -> Path:
    return Path(os.environ.get(ENV) or MANAGED_PATHS.get(sys.platform, MANAGED_PATHS["linux"]))


def normalize(raw) -> dict:
    """The valid managed values, by the helper's own setting names (mode, approved_channels, ...,
    retention_days)."""
    out: dict = {}
    if not isinstance(raw, dict):
        return out
    if raw.get("mode") in ("warn", "block"):
        out["mode"] = raw["mode"]
    for name, key in LISTS.items():
        value = raw.get(name)
        if isinstance(value, list) and all(isinstance(h, str) for h in value):
            hosts = list(dict.fromkeys(h.strip().lower().rstrip(".") for h in value))
            if all(HOST.match(h) for h in hosts):
                out[key] = hosts
    days = raw.get("retentionDays")
    if valid_retention_days(days):   # as the settings page and the command line take it
        out["retention_days"] = days
    return out


def load() -> dict:
    """The managed values now ({} when the district set none, or the file cannot be read)."""
    try:
        return normalize(json.loads(path().read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def engine_settings() -> dict:
    """The managed values the checker's engine takes (retention is the audit log's)."""
    return {k: v for k, v in load().items() if k != "retention_days"}
