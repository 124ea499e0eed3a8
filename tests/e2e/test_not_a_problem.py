"""'Not a problem?' on every warning and hint, in real Chromium, English and Spanish: one click
thanks the user and queues a false_positive event naming the rule and the site (never the text);
paired with the real helper, the event reaches its audit log and the Charts page counts it per rule."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from helpers import COMMENT, WARNING, expect_warning, focused_is, send_comment
from tests.support.waiting import wait_until

RISKY = "Call me at 309-555-0142 after the game"
HINT_BUTTON = '.hint [data-role="not-a-problem"]'
ROOT = Path(__file__).resolve().parents[2]
VENV_PY = ROOT / ".venv" / "bin" / "python"


def false_positives(get_queue) -> list[dict]:
    return [e for e in get_queue() if e.get("kind") == "false_positive"]


def ext_queue(ext):
    return lambda: ext.get(["eventQueue"]).get("eventQueue", [])


def test_hint_not_a_problem_thanks_keeps_the_caret_and_queues_the_rule_only(ext, page):
    page.goto("https://www.facebook.com/")
    page.click(COMMENT)
    page.keyboard.type(RISKY, delay=2)
    button = page.locator(HINT_BUTTON)
    button.wait_for(state="visible")
    assert button.inner_text() == "Not a problem?"
    assert button.get_attribute("data-rule") == "pii.phone.us"
    button.click()
    page.locator('.hint [data-role="thanks"]').wait_for(state="visible")
    assert "Thank you" in page.locator(".hint").inner_text()
    assert focused_is(page, COMMENT), "the caret stays in the user's editor"
    [event] = wait_until(lambda: false_positives(ext_queue(ext)), what="the false_positive event")
    assert (event["rule"], event["category"], event["site"], event["surface"]) == ("pii.phone.us", "pii.phone", "facebook", "comment")
    assert "309-555-0142" not in json.dumps(event) and "text" not in event and "choice" not in event
    # Typing on: the hint for that rule does not come back.
    page.keyboard.type(" ok", delay=2)
    page.wait_for_function("() => { const h = document.querySelector('social-guard-root').shadowRoot.querySelector('.hint');"
                           " return h && h.hidden; }")


def test_dialog_not_a_problem_thanks_and_the_choice_is_still_the_users(ext, page, site):
    send_comment(page, RISKY)
    dialog = expect_warning(page, "pii.phone")
    item = dialog.locator('li[data-rule="pii.phone.us"]')
    item.get_by_role("button", name="Not a problem?").click()
    item.locator('[data-role="thanks"]').wait_for(state="visible")
    assert "Nothing you wrote was sent" in item.inner_text()
    assert dialog.is_visible(), "the warning stays until the user chooses"
    page.wait_for_function("() => document.querySelector('social-guard-root').shadowRoot.activeElement?.dataset.role === 'primary'")
    [event] = wait_until(lambda: false_positives(ext_queue(ext)), what="the false_positive event")
    assert (event["rule"], event["site"], event["surface"]) == ("pii.phone.us", "facebook", "comment")
    dialog.get_by_role("button", name="Post anyway").click()
    assert site.wait_posted(RISKY)


def test_the_dm_cover_has_not_a_problem_too(ext, page):
    page.goto("https://www.instagram.com/direct/t/555/")
    dialog = expect_warning(page, "direct_message")
    dialog.get_by_role("button", name="Not a problem?").click()
    dialog.locator('[data-role="thanks"]').wait_for(state="visible")
    [event] = wait_until(lambda: false_positives(ext_queue(ext)), what="the false_positive event")
    assert (event["rule"], event["category"], event["site"], event["surface"]) == ("dm.surface", "direct_message", "instagram", "dm")
    assert page.locator(WARNING).is_visible()


def test_paired_the_event_reaches_the_helper_and_charts_count_it_per_rule(ext, paired, page, ctx):
    def exported():
        out = subprocess.run([str(VENV_PY), "-m", "helper", "audit", "export", "--format", "jsonl"], env=paired.env(),
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
        events = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        return [e for e in events if e["kind"] == "false_positive"]
    earlier = exported()   # the session's helper keeps other tests' answers too

    send_comment(page, RISKY)
    dialog = expect_warning(page, "pii.phone")
    dialog.get_by_role("button", name="Not a problem?").click()
    dialog.locator('[data-role="thanks"]').wait_for(state="visible")
    dialog.get_by_role("button", name="Edit").click()
    [event] = wait_until(lambda: [e for e in exported() if e not in earlier], "the helper to store the false_positive", 20)
    assert (event["rule"], event["site"], event["surface"]) == ("pii.phone.us", "facebook", "comment")
    assert "309-555-0142" not in json.dumps(event)

    login = subprocess.run([str(VENV_PY), "-m", "helper", "pages", "--port", str(paired.port)], env=paired.env(), cwd=ROOT,
                           capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[-1]
    assert re.match(r"^http://127\.0\.0\.1:\d+/ui/login\?token=", login), login
    ui = ctx.new_page()
    try:
        ui.goto(login)
        ui.goto(f"{paired.base}/ui/charts")
        row = ui.locator('table.not-a-problem tr[data-rule="pii.phone.us"]')
        cells = row.locator("td").all_inner_texts()
        marked = 1 + sum(e["rule"] == "pii.phone.us" for e in earlier)
        assert cells[:2] == ["Phone number", str(marked)] and int(cells[2]) >= 1, cells  # other tests' warnings count too
        assert ui.get_by_role("link", name="Something I posted by mistake").is_visible()
        with ui.expect_download() as info:
            ui.get_by_role("link", name="Download these counts (CSV)").click()
        text = open(info.value.path(), encoding="utf-8").read()
        assert f"pii.phone.us,pii.phone,{marked},{cells[2]}" in text
    finally:
        ui.close()


def test_spanish_dialog_and_hint(spanish, site):
    assert spanish.ui_language().startswith("es")
    page = spanish.new_page()
    try:
        page.goto("https://www.facebook.com/")
        page.click(COMMENT)
        page.keyboard.type("Llámame al 309-555-0142 después del partido", delay=2)
        button = page.locator(HINT_BUTTON)
        button.wait_for(state="visible")
        assert button.inner_text() == "¿No es un problema?"
        page.keyboard.press("Enter")
        dialog = expect_warning(page, "pii.phone")
        dialog.get_by_role("button", name="¿No es un problema?").click()
        thanks = dialog.locator('[data-role="thanks"]')
        thanks.wait_for(state="visible")
        assert thanks.inner_text().startswith("Gracias")
        [event] = wait_until(lambda: false_positives(spanish.queue), what="the false_positive event")
        assert (event["rule"], event["site"]) == ("pii.phone.us", "facebook")
    finally:
        page.close()


def test_the_channel_banner_logs_the_site_by_name(ext, page):
    page.goto("https://www.tiktok.com/")
    banner = expect_warning(page, "unapproved_channel")
    banner.get_by_role("button", name="Not a problem?").click()
    banner.locator('[data-role="thanks"]').wait_for()
    [event] = wait_until(lambda: false_positives(ext_queue(ext)), what="the false_positive event")
    assert (event["rule"], event["site"]) == ("channel.unapproved", "tiktok")   # TikTok is not "Other"
