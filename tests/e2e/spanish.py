"""A second Chromium with the same extension, in Spanish (--lang=es-ES, Debian's chromium-l10n), for
the tests that check what a Spanish-speaking teacher sees. One per test module that asks for it."""
from __future__ import annotations

from browser import extension_id, launch
from tests.support.siteserver import resolver_rules


class SpanishBrowser:
    def __init__(self, pw, built_ext, site, folder):
        self.ctx = launch(pw, built_ext, folder / "profile", folder, resolver_rules(site.port), lang="es-ES")
        self.id = extension_id(self.ctx)
        self.origin = f"chrome-extension://{self.id}"
        self.control = self.ctx.new_page()
        self.control.goto(f"{self.origin}/popup/popup.html")
        self.control.wait_for_function(
            "() => /^\\d+$/.test(document.querySelector('#warnings-week').textContent)", timeout=30000)
        self.control.evaluate("() => chrome.storage.local.set({helper: {url: 'http://127.0.0.1:9'}})")

    def ui_language(self) -> str:
        return self.control.evaluate("() => chrome.i18n.getUILanguage()")

    def queue(self) -> list:
        return self.control.evaluate("() => chrome.storage.local.get(['eventQueue'])").get("eventQueue", [])

    def new_page(self):
        p = self.ctx.new_page()
        p.set_default_timeout(8000)
        return p

    def close(self):
        self.ctx.close()
