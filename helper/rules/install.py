"""Installed rule packs: the rule-pack folder (current.pack, previous.pack, trusted.pub, state.json),
installing a checked pack without downgrades, noticing a newly installed one, and the bundle the
helper uses (the last good installed pack, else the shipped rules, then the --district profile)."""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ..storage.atomic import write_atomic
from ..storage.filewatch import FileWatcher
from .loader import default_rules_dir, load_bundle, load_district, with_district
from .packs import Pack, PackError, compare_versions, key_id, load_public_key, public_pem, verify_bytes


def rulepack_dir(home: Path) -> Path:
    return Path(os.environ.get("SOCIAL_GUARD_RULEPACK_DIR") or Path(home) / "rulepack")


def shipped_version(rules_dir: Path | None = None) -> str:
    folder = Path(rules_dir) if rules_dir else default_rules_dir()
    return json.loads((folder / "rules.json").read_text(encoding="utf-8"))["version"]


class PackStore:
    def __init__(self, folder: Path, rules_dir: Path | None = None):
        self.folder = Path(folder)
        self.rules_dir = rules_dir
        self.current, self.previous = self.folder / "current.pack", self.folder / "previous.pack"
        self.trusted, self.state_file = self.folder / "trusted.pub", self.folder / "state.json"

    def trusted_key(self) -> Ed25519PublicKey | None:
        return load_public_key(self.trusted) if self.trusted.is_file() else None

    def state(self) -> dict:
        try:
            return json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def load_installed(self, check_contents: bool = True) -> tuple[Pack | None, list[str]]:
        """The last good installed pack (current, else previous), and what was wrong on the way."""
        problems = []
        key = None
        try:
            key = self.trusted_key()
        except PackError as exc:
            problems.append(str(exc))
        if key is None:
            return None, problems
        floor = self.state().get("highest")
        for path in (self.current, self.previous):
            if not path.is_file():
                continue
            try:
                pack = verify_bytes(path.read_bytes(), key, check_contents=check_contents)
                if floor and path == self.current and compare_versions(pack.version, floor) < 0:
                    raise PackError(f"it is version {pack.version}, older than {floor}, which was installed before")
                return pack, problems
            except PackError as exc:
                problems.append(f"{path.name}: {exc}")
        return None, problems

    def version_in_use(self) -> tuple[str, str]:
        """(version, where from): the installed pack's, else the shipped rules'."""
        pack, _ = self.load_installed(check_contents=False)
        if pack:
            return pack.version, "installed pack"
        return shipped_version(self.rules_dir), "shipped rules"

    def check_new(self, data: bytes, public: Ed25519PublicKey) -> Pack:
        """A new pack, checked against the one in use: signature, contents, and no downgrade."""
        pack = verify_bytes(data, public)
        in_use, where = self.version_in_use()
        order = compare_versions(pack.version, in_use)
        if order < 0:
            raise PackError(f"version {pack.version} is older than the {where} in use ({in_use}): downgrades are refused")
        if order == 0 and where == "installed pack":
            current, _ = self.load_installed(check_contents=False)
            if current and current.digest != pack.digest:
                raise PackError(f"version {pack.version} is already installed with other contents: "
                                "a changed pack needs a new version")
        highest = self.state().get("highest")
        if highest and compare_versions(pack.version, highest) < 0:
            raise PackError(f"version {pack.version} is older than {highest}, installed before: downgrades are refused")
        return pack

    def install(self, data: bytes, public: Ed25519PublicKey, replace_key: bool = False) -> Pack:
        """Checks, then installs a pack; the pack in use stays when anything fails."""
        trusted = self.trusted_key() if self.trusted.is_file() else None
        if trusted is not None and key_id(trusted) != key_id(public) and not replace_key:
            raise PackError(f"this helper trusts the key {key_id(trusted)}, not {key_id(public)} "
                            "(pass --replace-key to trust the new one)")
        pack = self.check_new(data, public)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        same = self.current.is_file() and self.current.read_bytes() == data
        if self.current.is_file() and not same:
            os.replace(self.current, self.previous)
        write_atomic(self.current, data)
        write_atomic(self.trusted, public_pem(public))
        write_atomic(self.state_file, (json.dumps({
            "highest": pack.version, "installed_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "district": pack.district, "key_id": pack.key_id, "sha256": pack.digest}, indent=2) + "\n").encode())
        return pack


class PackWatcher(FileWatcher):
    """Notices a newly installed pack (state.json changed), looking at most once every `every` seconds."""

    def __init__(self, home: Path, load, every: float = 30.0):
        super().__init__(rulepack_dir(home) / "state.json", every)
        self.load = load


def active_bundle(rules_dir: Path | None, home: Path | None, district_file: Path | None = None,
                  log=None) -> dict:
    """The bundle the helper uses: the installed pack when there is a good one, else the shipped
    rules; then the --district profile, when one is given, replaces the district profile."""
    bundle = None
    if home is not None:
        store = PackStore(rulepack_dir(home), rules_dir)
        pack, problems = store.load_installed()
        for problem in problems:
            print(f"rule pack: not used: {problem}", file=log or sys.stderr)
        if pack:
            bundle = pack.bundle
            if problems:
                print(f"rule pack: using the last good pack, version {pack.version}", file=log or sys.stderr)
        elif problems:
            print("rule pack: using the shipped rules", file=log or sys.stderr)
    if bundle is None:
        bundle = load_bundle(rules_dir)
    if district_file:
        bundle = with_district(bundle, load_district(district_file))
    return bundle
