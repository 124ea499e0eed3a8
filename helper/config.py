"""The helper's configuration: where it keeps its data, which port it serves, and its limits."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_PORT = 47615
MAX_BODY_BYTES = 512 * 1024          # larger requests get 413 before they are read
MAX_TEXT_CHARS = 200_000             # a draft longer than this gets 413: no social site takes one
KEYRING_SERVICE = "social-guard-helper"
BLOCKLIST_REFRESH_HOURS = 24.0       # how old subscribed blocklist feeds may get before serve refreshes them


def default_home() -> Path:
    if os.environ.get("SOCIAL_GUARD_HOME"):
        return Path(os.environ["SOCIAL_GUARD_HOME"])
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "social-guard"


def _env_feeds() -> list[str]:
    """SOCIAL_GUARD_BLOCKLIST_FEEDS: feed addresses separated by spaces, commas or new lines."""
    return os.environ.get("SOCIAL_GUARD_BLOCKLIST_FEEDS", "").replace(",", " ").split()


def _env_refresh_hours() -> float:
    raw = os.environ.get("SOCIAL_GUARD_BLOCKLIST_REFRESH_HOURS", "").strip()
    try:
        hours = float(raw) if raw else BLOCKLIST_REFRESH_HOURS
        if hours >= 0 and hours != float("inf"):
            return hours
    except ValueError:
        pass
    print(f"Warning: SOCIAL_GUARD_BLOCKLIST_REFRESH_HOURS={raw!r} is not a number of hours (0 turns the "
          f"refresh off); using {BLOCKLIST_REFRESH_HOURS:g}.", file=sys.stderr)
    return BLOCKLIST_REFRESH_HOURS


@dataclass
class Config:
    home: Path = field(default_factory=default_home)
    port: int = DEFAULT_PORT
    rules_dir: Path | None = None     # None: the shared_rules/ that ships with the helper
    # Another district's profile (district.json) in place of the shipped one: --district or this variable.
    district_file: Path | None = field(default_factory=lambda: Path(os.environ["SOCIAL_GUARD_DISTRICT"])
                                       if os.environ.get("SOCIAL_GUARD_DISTRICT") else None)
    # Tests give each helper its own keyring entry; people never need to set this.
    keyring_service: str = field(default_factory=lambda: os.environ.get("SOCIAL_GUARD_KEYRING_SERVICE", KEYRING_SERVICE))
    # Threat-feed subscriptions for the district blocklist (helper/links/feeds.py): https:// host
    # lists, how often serve refreshes them (0: never), and a CA file where the district inspects TLS.
    blocklist_feeds: list[str] = field(default_factory=_env_feeds)
    blocklist_refresh_hours: float = field(default_factory=_env_refresh_hours)
    blocklist_ca_file: Path | None = field(default_factory=lambda: Path(os.environ["SOCIAL_GUARD_BLOCKLIST_CA_FILE"])
                                           if os.environ.get("SOCIAL_GUARD_BLOCKLIST_CA_FILE") else None)
    max_body_bytes: int = MAX_BODY_BYTES
    max_text_chars: int = MAX_TEXT_CHARS
    testing: bool = False

    @property
    def db_path(self) -> Path:
        return self.home / "social-guard.sqlite3"

    @property
    def allowed_hosts(self) -> set[str]:
        """Host headers the helper answers: anything else is a DNS-rebinding attempt or a mistake."""
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}

    def ensure_home(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
