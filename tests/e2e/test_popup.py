"""The toolbar popup: helper status (offline / connected), rules version, warnings this week,
per-site switches that work, site support health, and pairing with the real helper."""
from __future__ import annotations

import json
from pathlib import Path

from helpers import WARNING, continue_with_reason, expect_warning, nothing_shown
from tests.support.waiting import wait_until

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
    switch = pop.get_by_role("switch", name="Instagram")
    switch.click()
    # Turning protection off is asked for first; "Keep it on" (focused) leaves it on.
    confirm = pop.get_by_role("group", name="Turn off Social Guard on Instagram? You will get no warnings there until you turn it back on.")
    keep = confirm.get_by_role("button", name="Keep it on")
    assert keep.evaluate("b => document.activeElement === b")
    keep.click()
    assert switch.is_checked() and "instagram" not in ext.get(["sites"]).get("sites", {})
    switch.click()
    pop.get_by_role("button", name="Turn off").click()
    pop.wait_for_function("() => !document.querySelector('#site-instagram').checked")
    wait_until(lambda: ext.get(["sites"]).get("sites", {}).get("instagram") is False, "the site to be off")
    page.goto("https://www.instagram.com/direct/inbox/")
    assert nothing_shown(page)
    pop.get_by_role("switch", name="Instagram").check()
    wait_until(lambda: ext.get(["sites"])["sites"]["instagram"] is True, "the site to be on")
    page.goto("https://www.instagram.com/direct/t/555/")
    expect_warning(page, "direct_message")
    pop.close()


def warnings_counted(ext) -> int:
    """Every warning the extension's statistics hold, over all the days it keeps."""
    return sum(((ext.get(["stats"]).get("stats") or {}).get("warningsByDay") or {}).values())


def x_health(ext) -> dict:
    """X's site-support entry in the extension's storage."""
    return (ext.get(["health"]).get("health") or {}).get("x") or {}


def test_warnings_this_week_counts_shown_warnings(ext, page):
    pop = ext.popup()
    pop.wait_for_function("() => /^\\d+$/.test(document.querySelector('#warnings-week').textContent)")
    before = int(pop.inner_text("#warnings-week"))
    counted = warnings_counted(ext)
    page.goto("https://www.messenger.com/t/100")
    expect_warning(page, "direct_message")
    page.wait_for_function("() => document.querySelector('social-guard-root').shadowRoot.querySelector('[data-guard-source]')")
    wait_until(lambda: warnings_counted(ext) > counted, "the shown warning to be counted")
    pop.reload()
    pop.wait_for_function(f"() => Number(document.querySelector('#warnings-week').textContent) > {before}")
    pop.close()


def test_site_support_health(ext, page):
    page.goto("https://x.com/home")
    page.click('[data-testid="tweetTextarea_0"] [contenteditable="true"]')
    page.keyboard.type("hello")
    wait_until(lambda: x_health(ext).get("lastFoundAt"), "X's composer to be reported found")
    pop = ext.popup()
    pop.wait_for_selector("#health-x")
    assert pop.get_attribute("#health-x", "data-health") == "ok"
    pop.close()
    # The site ships a composer no profile selector knows: the popup says so instead of failing silently.
    for visit in range(1, 3):
        page.goto("https://x.com/i/redesign")
        page.click('[data-testid="composerV2"]')
        page.keyboard.type("hi")
        wait_until(lambda: x_health(ext).get("misses", 0) >= visit, f"X's unknown composer to be reported {visit} time(s)")
    pop = ext.popup()
    pop.wait_for_selector("#health-x")
    assert pop.get_attribute("#health-x", "data-health") == "missing"
    assert "composer not found" in pop.inner_text("#health-x")
    pop.close()


def x_report_in_the_helper(paired, page, timeout: float) -> dict:
    """Types on X's home page, then waits for the paired helper to store X's site support with its
    composer found: that row."""
    from helper.storage.store import Store

    page.goto("https://x.com/home")
    page.click('[data-testid="tweetTextarea_0"] [contenteditable="true"]')
    page.keyboard.type("hello")
    store = Store(paired.home / "social-guard.sqlite3")
    try:
        return wait_until(lambda: [r for r in store.site_health() if r["site"] == "x" and r["composer_found"]],
                          "X to report in", timeout)[0]
    finally:
        store.close()


def test_site_support_health_reaches_the_helpers_status(ext, paired, page):
    """What the popup shows as site support is also stored by the helper, for its status page."""
    assert x_report_in_the_helper(paired, page, 15)["composer_found"]


def test_pairing_with_the_helper_shows_connected(ext, paired, page):
    pop = ext.popup()
    pop.wait_for_selector('#helper-state[data-state="connected"]')
    assert pop.inner_text("#helper-state") == "Connected"
    pop.close()


def test_pairing_with_a_wrong_code_fails_calmly(ext, helper, page):
    pop = ext.popup()
    pop.fill("#pair-code", "not-a-code")
    pop.fill("#pair-url", helper.base)
    pop.click("#pair-button")
    pop.wait_for_selector('#pair-result[data-ok="false"]')
    assert pop.inner_text("#pair-result") == "That code has expired or was mistyped: get a new one from Social Guard."
    pop.close()


def test_a_refresh_leaves_the_switches_and_an_open_confirmation_in_place(ext, page):
    """The popup refreshes after a pairing attempt; the switch the user is on and the question
    they are reading stay where they are."""
    pop = ext.popup()
    pop.wait_for_selector('#helper-state[data-state="offline"]')
    switch = pop.query_selector("#site-instagram")
    switch.click()
    confirm = pop.get_by_role("group", name="Turn off Social Guard on Instagram? You will get no warnings there until you turn it back on.")
    assert confirm.get_by_role("button", name="Keep it on").evaluate("b => document.activeElement === b")
    pop.fill("#pair-code", "ABCD-2345")
    pop.fill("#pair-url", "http://127.0.0.1:9")
    pop.evaluate("() => document.querySelector('#pair-form').requestSubmit()")
    pop.wait_for_selector('#pair-result[data-ok="false"]')
    # One more status round trip through the background: the popup's own refresh has drawn by then.
    pop.evaluate(
        "async () => { await SocialGuardBrowser.sendMessage({ type: SocialGuardMessages.UI_BG_STATUS });"
        " await new Promise((r) => requestAnimationFrame(() => r())); }"
    )
    assert switch.evaluate("el => el.isConnected && el.checked")
    assert confirm.is_visible()
    confirm.get_by_role("button", name="Turn off").click()
    wait_until(lambda: ext.get(["sites"]).get("sites", {}).get("instagram") is False, "Instagram to be off")
    assert not switch.is_checked()
    pop.close()


def test_popup_is_keyboard_usable(ext, page):
    pop = ext.popup()
    pop.wait_for_selector("#sites li")
    pop.focus("#site-x")
    pop.keyboard.press("Space")
    # The confirmation takes the focus; Tab reaches "Turn off" after "Keep it on".
    pop.keyboard.press("Tab")
    pop.keyboard.press("Enter")
    wait_until(lambda: ext.get(["sites"]).get("sites", {}).get("x") is False, "X to be off")
    assert pop.evaluate("() => document.activeElement.id") == "site-x"
    pop.keyboard.press("Space")
    wait_until(lambda: ext.get(["sites"])["sites"]["x"] is True, "X to be on")
    pop.close()


def test_audit_events_reach_the_helper_without_text(ext, paired, page, site):
    """Warnings and choices go to the helper's audit log (the queue retries until acknowledged); never the draft."""
    import subprocess

    page.goto("https://www.facebook.com/")
    page.click('[aria-label="Write a comment…"]')
    page.keyboard.type("Call me at 309-555-0142 tonight")
    page.keyboard.press("Enter")
    expect_warning(page, "pii.phone")
    page.locator(WARNING).get_by_role("button", name="Edit").click()
    page.goto("https://www.instagram.com/direct/inbox/")
    expect_warning(page, "direct_message").get_by_role("button", name="Continue").wait_for()
    continue_with_reason(page, "safety_report")
    def exported_both_choices():
        out = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "helper", "audit", "export", "--format", "jsonl"],
                             env=paired.env(), cwd=ROOT, capture_output=True, text=True, timeout=60)
        events = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        if any(e.get("choice") == "continue" for e in events) and any(e.get("choice") == "edit" for e in events):
            return events
        return None
    events = wait_until(exported_both_choices, "the helper to export both choices", 15, interval=0.5)
    kinds = {(e.get("kind"), e.get("category"), e.get("choice") or "") for e in events}
    assert ("warning_shown", "pii.phone", "") in kinds
    assert ("choice", "pii.phone", "edit") in kinds
    assert ("choice", "direct_message", "continue") in kinds
    assert "309-555-0142" not in json.dumps(events)
    pending = ext.get(["eventQueue"]).get("eventQueue", [])
    assert pending == []


# ---- the popup for people ----

def test_plain_pairing_errors(ext, helper, page):
    pop = ext.popup()
    pop.wait_for_selector('#helper-state[data-state]:not([data-state="unknown"])')
    cases = [("", helper.base, "Type the pairing code that Social Guard shows you."),
             ("ABCD-2345", "http://example.org:80", "The helper address should look like http://127.0.0.1:47615. Check it under Advanced."),
             ("ABCD-2345", "http://127.0.0.1:9", "Social Guard is not running on this computer. Start it, then try again."),
             ("ABCD-2345", helper.base, "That code has expired or was mistyped: get a new one from Social Guard.")]
    for code, url, message in cases:
        pop.evaluate("() => { const r = document.querySelector('#pair-result'); delete r.dataset.ok; r.textContent = ''; }")
        pop.fill("#pair-code", code)
        pop.fill("#pair-url", url)
        pop.evaluate("() => document.querySelector('#pair-form').requestSubmit()")
        pop.wait_for_selector('#pair-result[data-ok="false"]')
        assert pop.inner_text("#pair-result") == message
    pop.close()


def test_paired_line_pair_again_advanced_and_the_link_to_the_pages(ext, paired, page, ctx):
    pop = ext.popup()
    pop.wait_for_selector('#helper-state[data-state="connected"]')
    line = pop.locator("#paired-line")
    assert line.inner_text() == "Paired ✓ · Pair again"
    assert pop.locator("#pair-form").is_hidden()
    # All is well: the helper address is under Advanced, closed.
    assert pop.locator("#advanced").get_attribute("open") is None
    pop.get_by_role("button", name="Pair again").click()
    assert pop.get_by_label("Pairing code").is_visible()
    pop.get_by_text("Advanced").click()
    assert pop.get_by_label("Helper address").input_value() == paired.base
    # "Open Social Guard" opens the helper's own pages, signed in.
    with ctx.expect_page() as info:
        pop.get_by_role("button", name="Open Social Guard").click()
    pages = info.value
    pages.wait_for_url(f"{paired.base}/ui/")
    assert pages.get_by_role("heading", name="Social Guard is running").is_visible()
    pages.close()


def test_last_visit_per_site(ext, page):
    page.goto("https://x.com/home")
    page.click('[data-testid="tweetTextarea_0"] [contenteditable="true"]')
    page.keyboard.type("hello")
    wait_until(lambda: (ext.get(["health"]).get("health") or {}).get("x", {}).get("lastReportAt"), "X to report in")
    pop = ext.popup()
    visit = pop.locator("#visit-x")
    visit.wait_for()
    assert visit.inner_text().startswith("last visit today at ")
    assert pop.locator("#visit-instagram").count() == 0  # not visited: nothing made up
    pop.close()


def test_the_popup_in_spanish(pw, built_ext, site, tmp_path_factory, helper):
    from spanish import SpanishBrowser
    es = SpanishBrowser(pw, built_ext, site, tmp_path_factory.mktemp("es-popup"))
    try:
        pop = es.new_page()
        pop.goto(f"{es.origin}/popup/popup.html")
        pop.wait_for_selector('#helper-state[data-state="offline"]')
        assert pop.locator("html").get_attribute("lang") == "es"
        pop.get_by_role("switch", name="Instagram").click()
        confirm = pop.get_by_role("group", name="¿Desactivar Social Guard en Instagram? No recibirá avisos allí hasta que lo vuelva a activar.")
        confirm.get_by_role("button", name="Mantenerlo activado").click()
        assert pop.get_by_text("Opciones avanzadas").is_visible()
        pop.fill("#pair-code", "ABCD-2345")
        pop.fill("#pair-url", helper.base)
        pop.get_by_role("button", name="Emparejar").click()
        pop.wait_for_selector('#pair-result[data-ok="false"]')
        assert pop.inner_text("#pair-result") == "Ese código ha caducado o no se escribió bien: pida uno nuevo en Social Guard."
    finally:
        es.close()


def test_a_dm_surface_is_not_called_missing_on_a_page_without_dms(ext, paired, page):
    """The helper's status page hears "not found" for DMs only after a DM address showed none."""
    row = x_report_in_the_helper(paired, page, 10)
    assert row["dm_surface_found"], "a feed page has no DM surface, and that is not news"
    health = ext.get(["health"])["health"]["x"]
    assert health["dmState"] == "unknown"
