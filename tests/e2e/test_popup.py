"""The toolbar popup: helper status (offline / connected), rules version, warnings this week,
per-site switches that work, site support health, and pairing with the real helper."""
from __future__ import annotations

import json
from pathlib import Path

from helpers import WARNING, continue_with_reason, expect_warning

ROOT = Path(__file__).resolve().parents[2]


def test_offline_status_rules_version_and_sites(ext, page):
    pop = ext.popup()
    pop.wait_for_selector('#helper-state[data-state="offline"]')
    assert "Offline" in pop.inner_text("#helper-state")
    version = json.loads((ROOT / "shared_rules" / "rules.json").read_text())["version"]
    assert pop.inner_text("#rules-version") == version
    switches = pop.get_by_role("switch")
    assert switches.count() == 4
    for label in ("X (Twitter)", "Facebook", "Messenger", "Instagram"):
        assert pop.get_by_role("switch", name=label).is_checked()
    pop.close()


def test_site_switch_turns_a_site_off_and_on(ext, page):
    pop = ext.popup()
    pop.get_by_role("switch", name="Instagram").uncheck()
    pop.wait_for_timeout(200)
    assert ext.get(["sites"])["sites"]["instagram"] is False
    page.goto("https://www.instagram.com/direct/inbox/")
    page.wait_for_timeout(800)
    assert page.locator(WARNING).count() == 0
    pop.get_by_role("switch", name="Instagram").check()
    pop.wait_for_timeout(200)
    page.goto("https://www.instagram.com/direct/t/555/")
    expect_warning(page, "direct_message")
    pop.close()


def test_warnings_this_week_counts_shown_warnings(ext, page):
    pop = ext.popup()
    pop.wait_for_function("() => /^\\d+$/.test(document.querySelector('#warnings-week').textContent)")
    before = int(pop.inner_text("#warnings-week"))
    page.goto("https://www.messenger.com/t/100")
    expect_warning(page, "direct_message")
    page.wait_for_function("() => document.querySelector('social-guard-root').shadowRoot.querySelector('[data-guard-source]')")
    page.wait_for_timeout(300)
    pop.reload()
    pop.wait_for_function(f"() => Number(document.querySelector('#warnings-week').textContent) > {before}")
    pop.close()


def test_site_support_health(ext, page):
    page.goto("https://x.com/home")
    page.click('[data-testid="tweetTextarea_0"] [contenteditable="true"]')
    page.keyboard.type("hello")
    page.wait_for_timeout(500)
    pop = ext.popup()
    pop.wait_for_selector("#health-x")
    assert pop.get_attribute("#health-x", "data-health") == "ok"
    pop.close()
    # The site ships a composer no profile selector knows: the popup says so instead of failing silently.
    for _ in range(2):
        page.goto("https://x.com/i/redesign")
        page.click('[data-testid="composerV2"]')
        page.keyboard.type("hi")
        page.wait_for_timeout(300)
    pop = ext.popup()
    pop.wait_for_selector("#health-x")
    assert pop.get_attribute("#health-x", "data-health") == "missing"
    assert "composer not found" in pop.inner_text("#health-x")
    pop.close()


def test_site_support_health_reaches_the_helpers_status(ext, paired, page):
    """What the popup shows as site support is also stored by the helper, for its status page."""
    import sys
    import time
    sys.path.insert(0, str(ROOT))
    from helper.store import Store

    page.goto("https://x.com/home")
    page.click('[data-testid="tweetTextarea_0"] [contenteditable="true"]')
    page.keyboard.type("hello")
    store = Store(paired.home / "social-guard.sqlite3")
    deadline, rows = time.time() + 15, []
    while time.time() < deadline:
        rows = [r for r in store.site_health() if r["site"] == "x"]
        if rows and rows[0]["composer_found"]:
            break
        time.sleep(0.3)
    store.close()
    assert rows and rows[0]["composer_found"], rows


def test_pairing_with_the_helper_shows_connected(ext, paired, page):
    pop = ext.popup()
    pop.wait_for_selector('#helper-state[data-state="connected"]')
    assert pop.inner_text("#helper-state") == "Connected"
    pop.close()


def test_pairing_with_a_wrong_code_fails_calmly(ext, helper, page):
    pop = ext.popup()
    pop.fill("#pair-code", "not-a-code")
    pop.fill("#pair-url", helper.url)
    pop.click("#pair-button")
    pop.wait_for_selector('#pair-result[data-ok="false"]')
    assert "Pairing failed" in pop.inner_text("#pair-result")
    pop.close()


def test_popup_is_keyboard_usable(ext, page):
    pop = ext.popup()
    pop.wait_for_selector("#sites li")
    pop.focus("#site-x")
    pop.keyboard.press("Space")
    pop.wait_for_timeout(200)
    assert ext.get(["sites"])["sites"]["x"] is False
    pop.keyboard.press("Space")
    pop.wait_for_timeout(200)
    assert ext.get(["sites"])["sites"]["x"] is True
    pop.close()


def test_audit_events_reach_the_helper_without_text(ext, paired, page, site):
    """Warnings and choices go to the helper's audit log (the queue retries until acknowledged); never the draft."""
    import subprocess
    import time

    page.goto("https://www.facebook.com/")
    page.click('[aria-label="Write a comment…"]')
    page.keyboard.type("Call me at 309-555-0142 tonight")
    page.keyboard.press("Enter")
    expect_warning(page, "pii.phone")
    page.locator(WARNING).get_by_role("button", name="Edit").click()
    page.goto("https://www.instagram.com/direct/inbox/")
    expect_warning(page, "direct_message").get_by_role("button", name="Continue").wait_for()
    continue_with_reason(page, "safety_report")
    deadline = time.time() + 15
    events = []
    while time.time() < deadline:
        out = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "helper", "audit", "export", "--format", "jsonl"],
                             env=paired.env, cwd=ROOT, capture_output=True, text=True, timeout=60)
        events = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        if any(e.get("choice") == "continue" for e in events) and any(e.get("choice") == "edit" for e in events):
            break
        time.sleep(0.5)
    kinds = {(e.get("kind"), e.get("category"), e.get("choice") or "") for e in events}
    assert ("warning_shown", "pii.phone", "") in kinds
    assert ("choice", "pii.phone", "edit") in kinds
    assert ("choice", "direct_message", "continue") in kinds
    assert "309-555-0142" not in json.dumps(events)
    pending = ext.get(["eventQueue"]).get("eventQueue", [])
    assert pending == []
