"""The unapproved-channel banner's content script entry for the manifest.

Its hosts are data: every host of shared_rules/lists/social_hosts.txt (the social and messaging
sites the rule `channel.unapproved` knows) that no site profile covers, plus its www. name. Whether
the banner shows on one of them is decided at run time by the district profile's or the managed
policy's approved channels; the manifest only bounds where the script may run. Exact host names
only (no wildcards), so the background's sender check knows each one.
"""
from __future__ import annotations

from pathlib import Path

SCRIPT = "content/channel-banner.js"
JS = ["platform/browser-api.js", "shared/messages.js", SCRIPT]


def read_list(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line and line not in out:
            out.append(line)
    return out


def channel_hosts(root: Path, sites: dict) -> list[str]:
    profile_hosts = {h for p in sites["profiles"].values() for h in p["hosts"]}
    covered = lambda h: any(h == p or h.endswith("." + p) or p.endswith("." + h) for p in profile_hosts)  # noqa: E731
    hosts: list[str] = []
    for host in read_list(Path(root) / "shared_rules" / "lists" / "social_hosts.txt"):
        if covered(host):
            continue
        for name in ([host, "www." + host] if host.count(".") == 1 else [host]):
            if name not in hosts:
                hosts.append(name)
    return hosts


def add_channel_banner(manifest: dict, root: Path, sites: dict) -> dict:
    out = dict(manifest)
    matches = [f"https://{h}/*" for h in channel_hosts(root, sites)]
    out["content_scripts"] = [cs for cs in manifest.get("content_scripts", []) if SCRIPT not in cs.get("js", [])] + [
        {"matches": matches, "run_at": "document_idle", "all_frames": False, "js": list(JS)}]
    return out


def banner_hosts(manifest: dict) -> set[str]:
    """The hosts of the banner's content script (allowed by check_coverage beside the site profiles')."""
    return {m[len("https://"):].split("/", 1)[0] for cs in manifest.get("content_scripts", [])
            if SCRIPT in cs.get("js", []) for m in cs["matches"]}
