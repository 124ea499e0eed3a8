"""Accessibility in a real Firefox ESR (Marionette), English and Spanish, on Social Guard's own pages:
axe-core reports no serious or critical violation on the extension's popup (moz-extension://…/popup/
popup.html, opened in a tab) with the helper down, asking before a site is turned off, after a pairing
error and once paired; nor on any of the helper's pages (a real helper process), in the language
chosen with the page's own Language form (the other one than the browser's). The whole page is checked here: it is all ours. The
extension's and the helper's CSP forbid injected scripts, so axe is handed over through Marionette's
own evaluation (firefox_axe.py); each run must have checked something. One Firefox per language."""
from __future__ import annotations

import pytest

from firefox_axe import AXE, add_nameless_button, axe
from firefox_session import language_prefs

FIREFOX_PREFS = language_prefs("en-US")
HELPER_PAGES = ["/ui/", "/ui/pairing", "/ui/settings", "/ui/audit", "/ui/charts", "/ui/report", "/ui/training"]

if not AXE.exists():
    pytest.skip("axe-core is not installed (npm install)", allow_module_level=True)


def on_popup(s, fn):
    """Runs fn on the popup, checking first that it is the extension's own page in this Firefox's language."""
    def run():
        assert s.url() == f"{s.origin}/popup/popup.html"
        assert s.m.execute_script("return document.documentElement.lang") == s.language
        return fn()
    return s.on_popup(run)


def test_popup_offline_confirm_and_pairing_error(session):
    def run():
        session.find('#helper-state[data-state="offline"]')
        assert axe(session) == [], (session.language, "offline")
        session.find("#site-instagram").click()   # the confirmation before turning a site off
        session.find(".confirm")
        assert axe(session) == [], (session.language, "confirm")
        session.find("#pair-code").send_keys("x")
        session.find("#pair-button").click()
        session.find('#pair-result[data-ok="false"]', 20)
        assert axe(session) == [], (session.language, "pairing error")
    on_popup(session, run)


def sign_in_to_helper_pages(s, helper) -> None:
    """Opens the one-time address `python -m helper pages` prints, as a person without the window does."""
    result = helper.cli("pages", "--port", str(helper.port))
    assert result.returncode == 0, result.stderr
    s.goto(result.stdout.strip().splitlines()[-1])
    s.find("nav a")


def choose_language(s, helper, language: str) -> None:
    """Picks `language` in the page's own Language form and waits for the page it leads back to."""
    s.goto(f"{helper.base}/ui/")
    s.find(f'select#language option[value="{language}"]').click()
    s.m.execute_script("window.beforeTheLanguageForm = true", sandbox=None)
    s.find("form.lang button[type=submit]").click()
    s.wait(lambda m: m.execute_script("return !window.beforeTheLanguageForm && document.readyState === 'complete'",
                                      sandbox=None), 10, "the Language form did not lead to a new page")


def test_paired_popup_and_every_helper_page(session, helper_process):
    def paired():
        session.pair_in_popup(helper_process.pairing_code(), helper_process.base)
        session.find('#helper-state[data-state="connected"]', 20)
        assert axe(session) == [], (session.language, "paired")
    on_popup(session, paired)
    sign_in_to_helper_pages(session, helper_process)
    nav = session.m.execute_script("return [...document.querySelectorAll('nav a')].map(a => new URL(a.href).pathname)")
    paths = HELPER_PAGES + [p for p in nav if p.startswith("/ui/") and p not in HELPER_PAGES]
    assert len(paths) > len(HELPER_PAGES), nav   # the nav leads further (photo consent)
    # The other language than the browser's: the pages are then in it only because of the form.
    language = "es" if session.language == "en" else "en"
    choose_language(session, helper_process, language)
    for path in paths:
        session.goto(f"{helper_process.base}{path}")
        assert session.m.execute_script("return document.documentElement.lang") == language, path
        assert axe(session) == [], (language, path)


def test_axe_sees_a_nameless_button_on_the_popup_and_a_helper_page(ff, helper_process):
    """The whole-page runs are real: a button without a name is reported on the popup and on a helper page."""
    def broken():
        add_nameless_button(ff)
        return axe(ff)
    found = ff.on_popup(broken)
    assert [v["id"] for v in found] == ["button-name"] and "nameless" in found[0]["nodes"][0], found
    sign_in_to_helper_pages(ff, helper_process)
    add_nameless_button(ff)
    found = axe(ff)
    assert [v["id"] for v in found] == ["button-name"] and "nameless" in found[0]["nodes"][0], found
