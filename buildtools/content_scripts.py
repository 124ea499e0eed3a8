"""The manifest's content scripts on the supported sites, written at build time.

One entry per site profile of shared_rules/sites.json, in its order: the profile's hosts, and the
scripts of extension/manifest/content_scripts.json in their order, with `{profile}` the profile's
id (its adapter, content/sites/<id>.js). A script listed under `only_where_the_profile_has` is
left out where the profile has no such section (repost.js where a profile names no repost
actions). The source manifest holds no list, so a new site is one profile and one adapter.
"""
from __future__ import annotations

import json
from pathlib import Path


def load_template(root: Path) -> dict:
    path = Path(root) / "extension" / "manifest" / "content_scripts.json"
    return json.loads(path.read_text(encoding="utf-8"))


def site_content_scripts(template: dict, sites: dict) -> list[dict]:
    needs = template.get("only_where_the_profile_has", {})
    entries = []
    for profile_id, profile in sites["profiles"].items():
        js = [script.replace("{profile}", profile_id) for script in template["js"]
              if script not in needs or needs[script] in profile]
        entries.append({
            "matches": [f"https://{host}/*" for host in profile["hosts"]],
            "run_at": template["run_at"],
            "all_frames": template["all_frames"],
            "js": js,
        })
    return entries
