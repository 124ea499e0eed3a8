"""Accessibility, in real Chromium, English and Spanish: axe-core (package.json, node_modules/axe-core)
run on every dialog, popup state and helper page reports no serious or critical violation; the
focus ring on every dialog has at least 3:1 contrast with what is around it; no dead space sits
above a dialog's buttons. axe is handed to the page through the browser's own evaluation (the
extension's and the helper's pages forbid injected scripts by their CSP, as they should)."""
from __future__ import annotations

import re
import subprocess

import pytest

from a11y_measures import GAP as GAP_BODY, RING as RING_BODY
from helpers import expect_warning, send_comment
from tests.support.paths import ROOT, VENV_PY

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

if not AXE.exists():
    pytest.skip("axe-core is not installed (npm install)", allow_module_level=True)
AXE_SOURCE = AXE.read_text(encoding="utf-8")

RUN_AXE = """async (scope) => {
  const context = scope ? document.querySelector(scope) : document;
  const result = await axe.run(context, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}));
}"""

RING = "() => {" + RING_BODY + "}"
GAP = "() => {" + GAP_BODY + "}"


def axe(page, scope: str | None = None) -> list:
    page.evaluate(AXE_SOURCE)
    return page.evaluate(RUN_AXE, scope)


def open_dialogs(page, language: str):
    """Each kind of dialog in turn: yields its name once it is open."""
    texts = {"en": ("Call me at 309-555-0142 after the game", "Call 309-555-0142, Jordan's SSN is 123-45-6789"),
             "es": ("Llámame al 309-555-0142 después del partido", "Llame al 309-555-0142, el SSN de Jordan es 123-45-6789")}
    for name, text, category in (("check", texts[language][0], "pii.phone"), ("must-fix", texts[language][1], "pii.ssn")):
        send_comment(page, text)
        expect_warning(page, category)
        yield name
    page.goto("https://www.instagram.com/direct/t/555/")
    dialog = expect_warning(page, "direct_message")
    page.wait_for_function("() => document.querySelector('social-guard-root').shadowRoot"
                           ".querySelector('[role=\"alertdialog\"]').dataset.guardSource !== undefined")
    assert dialog.is_visible()
    yield "dm"
    page.goto("https://www.facebook.com/")
    page.click('[data-testid="unsafe-link"]')
    expect_warning(page, "link.ip_literal")
    yield "link"
    page.goto("https://www.tiktok.com/")
    expect_warning(page, "unapproved_channel")
    yield "channel"


def check_dialogs(page, language: str):
    for name in open_dialogs(page, language):
        scope = "social-guard-channel-banner" if name == "channel" else "social-guard-root"
        found = axe(page, scope)
        assert found == [], (language, name, found)
        if name == "channel":
            continue
        # Open "Why?" and the copy box too, so what they show is checked as well.
        dialog = page.locator('[role="alertdialog"]')
        why = dialog.locator('[data-role="why"]')
        if why.count() and why.get_attribute("aria-expanded") == "false":
            why.click()
        use = dialog.locator('[data-role="use-replacement"]')
        if use.count():
            use.first.click()
        assert axe(page, scope) == [], (language, name, "opened")
        dialog.locator('[data-role="primary"]').focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus: the ring shows
        ring = page.evaluate(RING)
        assert ring["style"] != "none" and ring["ratio"] >= 3, (language, name, ring)
        assert page.evaluate(GAP) <= 20, (language, name, "dead space above the buttons")


def test_every_dialog_in_english(page):
    check_dialogs(page, "en")


def test_every_dialog_in_spanish(spanish):
    page = spanish.new_page()
    try:
        check_dialogs(page, "es")
    finally:
        page.close()


def test_popup_states(ext, page, spanish):
    for popup in (ext.popup(), spanish.new_page()):
        if not popup.url.startswith("chrome-extension://"):
            popup.goto(f"{spanish.origin}/popup/popup.html")
        popup.wait_for_selector('#helper-state[data-state="offline"]')
        assert axe(popup) == [], "offline"
        popup.locator("#sites input").nth(3).click()   # the confirmation before turning a site off
        popup.locator(".confirm").wait_for()
        assert axe(popup) == [], "confirm"
        popup.fill("#pair-code", "x")
        popup.evaluate("() => document.querySelector('#pair-form').requestSubmit()")
        popup.wait_for_selector('#pair-result[data-ok="false"]')
        assert axe(popup) == [], "pairing error"
        popup.close()


def test_paired_popup_and_every_helper_page(ext, paired, page, ctx):
    popup = ext.popup()
    popup.wait_for_selector('#helper-state[data-state="connected"]')
    assert axe(popup) == [], "paired"
    popup.close()
    login = subprocess.run([str(VENV_PY), "-m", "helper", "pages", "--port", str(paired.port)], env=paired.env(), cwd=ROOT,
                           capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[-1]
    ui = ctx.new_page()
    try:
        ui.goto(login)
        paths = ["/ui/", "/ui/pairing", "/ui/settings", "/ui/audit", "/ui/charts", "/ui/report", "/ui/training"]
        paths += [a for a in ui.locator("nav a").evaluate_all("as => as.map(a => new URL(a.href).pathname)")
                  if a.startswith("/ui/") and a not in paths]
        for language in ("en", "es"):
            ui.goto(f"{paired.base}/ui/")
            ui.get_by_label(re.compile("^(Language|Idioma)$")).select_option(language)
            with ui.expect_navigation():
                ui.get_by_role("button", name=re.compile("^(Change|Cambiar)$")).click()
            for path in paths:
                ui.goto(f"{paired.base}{path}")
                assert ui.locator("html").get_attribute("lang") == language
                assert axe(ui) == [], (language, path)
    finally:
        ui.close()
        # Leave the helper's language to the browser again, for the tests that share this helper.
        from helper.storage.store import Store
        store = Store(paired.home / "social-guard.sqlite3")
        store.set_settings({"ui_language": None})
        store.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_photo_dialog(page, spanish, language):
    from test_photos import SITES, astronaut, open_site, pick, to_bytes
    tab = page if language == "en" else spanish.new_page()
    try:
        open_site(tab, SITES[0])
        pick(tab, "science-fair.jpg", to_bytes(astronaut()))
        expect_warning(tab, "image.student_photo", timeout=15000)
        assert axe(tab, "social-guard-root") == [], language
        tab.locator('[role="alertdialog"] [data-role="primary"]').focus()
        tab.keyboard.press("Tab")
        tab.keyboard.press("Shift+Tab")
        ring = tab.evaluate(RING)
        assert ring["style"] != "none" and ring["ratio"] >= 3, ring
    finally:
        if tab is not page:
            tab.close()
