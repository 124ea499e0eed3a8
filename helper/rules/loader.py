"""Loads shared_rules/ into one bundle: the same object the JavaScript engine gets."""
from __future__ import annotations

import json
from pathlib import Path


def default_rules_dir() -> Path:
    """shared_rules/ beside the helper package (a checkout), or inside it (an installed wheel)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent.parent / "shared_rules", here.parent / "shared_rules"):
        if (candidate / "rules.json").is_file():
            return candidate
    raise FileNotFoundError("shared_rules/rules.json not found beside the helper")


def read_list(path: Path) -> list[str]:
    """One entry a line; blank lines and '#' comments skipped; lower-cased."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            entries.append(line)
    return entries


def with_district(bundle: dict, district: dict | None) -> dict:
    """The bundle with this district profile (None: keep its own); the profile's procedure.policy
    entries replace the section names and quotes that findings cite, key by key."""
    out = dict(bundle)
    if district is not None:
        out["district"] = district
    overrides = ((out.get("district") or {}).get("procedure") or {}).get("policy") or {}
    if overrides:
        out["policy"] = {key: {**entry, **overrides.get(key, {})} for key, entry in out["policy"].items()}
    return out


def load_district(path: str | Path) -> dict:
    """A district profile file (another district's district.json), checked against the schema."""
    import jsonschema  # only here: the build runs load_bundle with the system Python, before the .venv exists
    district = json.loads(Path(path).read_text(encoding="utf-8"))
    schema = json.loads((default_rules_dir() / "schema" / "district.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(district)
    return district


def load_bundle(path: str | Path | None = None) -> dict:
    return with_district(_load_bundle(path), None)


def _load_bundle(path: str | Path | None = None) -> dict:
    rules_dir = Path(path) if path else default_rules_dir()
    rules = json.loads((rules_dir / "rules.json").read_text(encoding="utf-8"))
    sites_file = rules_dir / "sites.json"
    district_file = rules_dir / "district.json"
    return {
        "version": rules["version"],
        "link_pattern": rules["link_pattern"],
        "policy": rules["policy"],
        "rules": rules["rules"],
        "lists": {p.stem: read_list(p) for p in sorted((rules_dir / "lists").glob("*.txt"))},
        "sites": json.loads(sites_file.read_text(encoding="utf-8")) if sites_file.is_file() else {},
        "district": json.loads(district_file.read_text(encoding="utf-8")) if district_file.is_file() else {},
    }
