"""Approved channels (Approval guideline 5): on a social or messaging site that is not one of the
district's approved channels (www.tiktok.com and web.snapchat.com here, served by the look-alike
server), a calm banner names the rule and cites the procedure; it does not cover the page; the
user's choice is recorded as an audit event; on approved sites there is none."""
from __future__ import annotations

import json
from pathlib import Path

from helpers import accessible_name, expect_warning, nothing_shown, warning
from tests.support.waiting import wait_until

BANNER_HOSTS = ("www.tiktok.com", "web.snapchat.com", "discord.com", "web.whatsapp.com")


def test_the_manifest_asks_for_the_listed_hosts_only(built_ext):
    manifest = json.loads((Path(built_ext) / "manifest.json").read_text(encoding="utf-8"))
    banner = [cs for cs in manifest["content_scripts"] if "content/channel-banner.js" in cs["js"]]
    assert len(banner) == 1
    matches = banner[0]["matches"]
    for host in BANNER_HOSTS:
        assert f"https://{host}/*" in matches
    assert all(m.startswith("https://") and "*" not in m[len("https://"):-2] for m in matches)
    assert "<all_urls>" not in json.dumps(manifest)
    # The banner needs no host permission of its own: host_permissions stay the site profiles' and the helper's.
    assert not any(h in json.dumps(manifest["host_permissions"]) for h in ("tiktok", "snapchat", "discord"))


def test_a_banner_on_an_unapproved_channel_cites_guideline_5(page, ext):
    page.goto("https://www.tiktok.com/")
    banner = expect_warning(page, "unapproved_channel")
    assert "not a district-approved channel" in accessible_name(page)
    text = banner.inner_text()
    assert "Approval Guidelines, 5" in text
    assert "Any online communication outside of these channels is prohibited." in text
    # Calm: the page stays usable under it (no modal cover).
    page.fill("#comment", "typing still works")
    assert page.input_value("#comment") == "typing still works"
    # "I understand" closes it; the warning and the choice are queued for the audit log (no text).
    banner.get_by_role("button", name="I understand").click()
    banner.wait_for(state="detached")

    def banner_events():
        queue = ext.get(["eventQueue"]).get("eventQueue", [])
        kinds = [(e["kind"], e.get("choice")) for e in queue if e["category"] == "unapproved_channel"]
        return queue if ("warning_shown", None) in kinds and ("choice", "dismiss") in kinds else None
    queue = wait_until(banner_events, "the banner's warning and its dismissal to be queued")
    assert "typing still works" not in json.dumps(queue)


def test_leave_this_site_goes_back(page):
    page.goto("https://x.com/home")
    page.goto("https://web.snapchat.com/")
    banner = expect_warning(page, "unapproved_channel")
    banner.get_by_role("button", name="Leave this site").click()
    page.wait_for_url("https://x.com/home")
    assert warning(page, "unapproved_channel").count() == 0


def test_no_banner_on_an_approved_channel(page):
    page.goto("https://x.com/home")
    page.wait_for_load_state("load")
    # x.com is one of the site profiles: their scripts run there, not the channel banner's.
    assert nothing_shown(page)
    assert warning(page, "unapproved_channel").count() == 0
