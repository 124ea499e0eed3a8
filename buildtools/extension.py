"""Build the WebExtension: dist/chrome/ and dist/firefox/ (unpacked, loadable) and a zip of each.

The manifest is extension/manifest/base.json with the content scripts of the site profiles
(buildtools/content_scripts.py, from shared_rules/sites.json and manifest/content_scripts.json),
merged with the browser's patch (chrome.json or firefox.json). The rule bundle (shared_rules/
loaded as one object, see docs/DESIGN.md) is written to rules/bundle.json, which the service worker fetches; the site profiles are also embedded as
content/site-profiles.js so content scripts have their selectors synchronously at document_start.
"""
from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

try:  # the sites' content scripts, and the unapproved-channel banner's
    from .channels import add_channel_banner, banner_hosts
    from .content_scripts import load_template, site_content_scripts
except ImportError:  # run as a script: python3 buildtools/extension.py
    from channels import add_channel_banner, banner_hosts
    from content_scripts import load_template, site_content_scripts

BROWSERS = ("chrome", "firefox")
# Node-only files of the engine that the extension never loads.
SKIP_FILES = {"node-loader.js"}


def deep_merge(base: dict, patch: dict) -> dict:
    """Merge `patch` into a copy of `base`: objects merge key by key, everything else is replaced."""
    out = dict(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def load_bundle(root: Path) -> dict:
    """The rule bundle, read by the helper's own loader (standard library only, so it runs before
    the .venv exists): the extension and the helper read shared_rules/ one way."""
    sys.path.insert(0, str(root))
    try:
        from helper.rules.loader import load_bundle as helper_load_bundle  # type: ignore
    finally:
        if sys.path and sys.path[0] == str(root):
            sys.path.pop(0)
    return helper_load_bundle(root / "shared_rules")


def validate_sites(root: Path, sites: dict) -> None:
    schema_file = root / "shared_rules" / "schema" / "sites.schema.json"
    try:
        import jsonschema  # type: ignore
    except ImportError:
        return
    jsonschema.validate(sites, json.loads(schema_file.read_text(encoding="utf-8")))


def _match_host(pattern: str) -> str | None:
    if not pattern.startswith("https://"):
        return None
    return pattern[len("https://"):].split("/", 1)[0]


def check_coverage(manifest: dict, sites: dict) -> None:
    """Every host of every site profile has a content script and a host permission, and no more."""
    cs_hosts = {_match_host(m) for cs in manifest.get("content_scripts", []) for m in cs["matches"]}
    perm_hosts = {_match_host(m) for m in manifest.get("host_permissions", [])}
    profile_hosts = {h for p in sites["profiles"].values() for h in p["hosts"]}
    missing = profile_hosts - cs_hosts
    if missing:
        raise ValueError(f"site profile hosts without a content script: {sorted(missing)}")
    extra = (cs_hosts | (perm_hosts - {None})) - profile_hosts - banner_hosts(manifest)
    if extra:
        raise ValueError(f"permissions for hosts no site profile names: {sorted(extra)}")
    if not profile_hosts <= perm_hosts:
        raise ValueError(f"hosts missing from host_permissions: {sorted(profile_hosts - perm_hosts)}")
    for perm in manifest.get("permissions", []):
        if perm not in {"storage"}:
            raise ValueError(f"unexpected permission {perm!r}: keep to the fewest that work")


def _copy_tree(src: Path, dst: Path) -> None:
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if rel.parts[0] == "manifest" or path.name in SKIP_FILES or path.name.startswith("."):
            continue
        if any(part in {"node_modules", "__pycache__"} for part in rel.parts):
            continue
        target = dst / rel
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def _zip(folder: Path, zip_path: Path) -> None:
    if zip_path.exists():
        zip_path.unlink()
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())


def build(root: Path, dist: Path) -> dict:
    """Build both browsers' extensions under `dist`; returns their folders, zips and version."""
    root, dist = Path(root).resolve(), Path(dist).resolve()
    ext = root / "extension"
    bundle = load_bundle(root)
    validate_sites(root, bundle["sites"])
    base = json.loads((ext / "manifest" / "base.json").read_text(encoding="utf-8"))
    base["content_scripts"] = site_content_scripts(load_template(root), bundle["sites"])
    result: dict = {"version": base["version"], "rules_version": bundle["version"]}
    for browser in BROWSERS:
        patch = json.loads((ext / "manifest" / f"{browser}.json").read_text(encoding="utf-8"))
        manifest = add_channel_banner(deep_merge(base, patch), root, bundle["sites"])  # the banner on unapproved channels
        check_coverage(manifest, bundle["sites"])
        out = dist / browser
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        _copy_tree(ext, out)
        (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        (out / "rules").mkdir(exist_ok=True)
        (out / "rules" / "bundle.json").write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
        profiles = json.dumps({"version": bundle["sites"]["version"], "profiles": bundle["sites"]["profiles"],
                               "dm_links": bundle["sites"].get("dm_links", [])}, ensure_ascii=False)
        (out / "content" / "site-profiles.js").write_text(
            "/*\n * Content script, on every supported site, at document_start. GENERATED by buildtools/extension.py\n"
            " * from shared_rules/sites.json: the site profiles (DM addresses, selector fallback chains) and DM links,\n"
            " * embedded so the other content scripts have them synchronously. Do not edit.\n */\n"
            f"globalThis.SocialGuardSiteProfiles = Object.freeze({profiles});\n",
            encoding="utf-8",
        )
        zip_path = dist / f"social-guard-{browser}-{base['version']}.zip"
        _zip(out, zip_path)
        result[browser] = str(out)
        result[f"{browser}_zip"] = str(zip_path)
    return result


if __name__ == "__main__":  # handy while developing: python3 buildtools/extension.py
    here = Path(__file__).resolve().parent.parent
    print(json.dumps(build(here, here / "dist"), indent=2))
