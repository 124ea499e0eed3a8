"""Signed rule packs for tests: the shipped rules plus one district rule, signed with a fresh key,
and installed into a helper's data folder as `rules install` does."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.support.paths import ROOT

PACK_VERSION = "2099.1.1.1"
# A rule a district might add in its own pack: a matter that must stay confidential.
DISTRICT_RULE = {
    "id": "district.project_bluebird",
    "category": "confidential",
    "severity": "block",
    "policy": "confidential",
    "message": {"en": "Project Bluebird is a confidential district matter. Do not post about it.",
                "es": "El Proyecto Bluebird es un asunto confidencial del distrito. No publique sobre él."},
    "match": {"type": "regex", "flags": "i", "pattern": "\\bproject bluebird\\b"},
}


def signed_pack_with_rule(tmp_path: Path, rule: dict, version: str) -> tuple[Path, Path]:
    """A signed pack of the shipped rules plus one rule, at `version`, and the public key to trust."""
    from helper.rules import packs as rulepack
    folder = tmp_path / "pack-src"
    shutil.copytree(ROOT / "shared_rules", folder, ignore=shutil.ignore_patterns("vectors", "schema", "*.md"))
    rules = json.loads((folder / "rules.json").read_text(encoding="utf-8"))
    rules["rules"].append(rule)
    (folder / "rules.json").write_text(json.dumps(rules, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    key, pub = rulepack.keygen(tmp_path / "keys")
    signed = tmp_path / "district.signed"
    rulepack.sign_pack(folder, key, signed, version=version)
    return signed, pub


def install_pack(home: Path, signed: Path, pub: Path) -> None:
    """Installs a signed pack into a helper's data folder, as `rules install` does."""
    from helper.rules import install, packs as rulepack
    install.PackStore(install.rulepack_dir(home)).install(signed.read_bytes(), rulepack.load_public_key(pub))
