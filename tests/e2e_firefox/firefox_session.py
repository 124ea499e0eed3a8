"""Debian's Firefox ESR with the built extension installed as a temporary add-on, driven over
Firefox's own Marionette protocol (marionette_driver; no geckodriver). The look-alike sites are
reached through ConnectProxy at their real host names; the helper on 127.0.0.1 is reached directly
(Firefox never proxies localhost unless told to). Warnings are read the way a user or a screen
reader meets them: the role="alertdialog" inside Social Guard's open shadow root, its computed
accessible name, its buttons clicked with real (trusted) input events."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from marionette_driver import Wait, errors
from marionette_driver.addons import Addons
from marionette_driver.keys import Keys  # the tests import it from here too
from marionette_driver.marionette import Marionette

FIREFOX = os.environ.get("SOCIAL_GUARD_FIREFOX", "firefox-esr")
ADDON_ID = "social-guard@molineschools.org"  # extension/manifest/firefox.json
CLOSED_PORT_URL = "http://127.0.0.1:9"  # nothing listens there: "helper down"
FACEBOOK_COMMENT = '[aria-label="Write a comment…"]'  # the look-alike Facebook's comment box
SPANISH_LANGPACK = Path("/usr/lib/firefox-esr/browser/extensions/langpack-es-ES@firefox-esr.mozilla.org.xpi")

# The open warning (or null), from the page's point of view. Runs in Marionette's default sandbox.
DIALOG_JS = """
const host = document.querySelector('social-guard-root');
const d = host && host.shadowRoot && host.shadowRoot.querySelector('[role="alertdialog"]');
return d && d.checkVisibility() ? d : null;
"""

# The site's own photo button, as the sites have one: an <input type="file"> beside the composer;
# window.__attached lists what the "site" received. Run in the page's own global.
PHOTO_UI = """
const editor = document.querySelector(arguments[0]);
const input = document.createElement("input");
input.type = "file"; input.accept = "image/*"; input.id = "photo-input";
(editor.closest("main") || document.body).appendChild(input);
window.__attached = [];
input.addEventListener("change", () => { for (const f of input.files) window.__attached.push(f.name); });
"""


def profile_prefs(marionette_port: int, proxy_port: int) -> dict:
    return {
        "marionette.port": marionette_port,
        # Every http(s) request goes through the test's CONNECT proxy; localhost stays direct.
        "network.proxy.type": 1,
        "network.proxy.ssl": "127.0.0.1", "network.proxy.ssl_port": proxy_port,
        "network.proxy.http": "127.0.0.1", "network.proxy.http_port": proxy_port,
        "network.proxy.allow_hijacking_localhost": False,
        "network.proxy.no_proxies_on": "127.0.0.1, localhost",
        "network.trr.mode": 5,  # no DNS over HTTPS
        "intl.locale.requested": "en-US",
        "browser.shell.checkDefaultBrowser": False,
    }


def language_prefs(locale: str) -> dict:
    """Firefox in `locale`; its language pack is a system add-on, which Firefox leaves off unless told."""
    return {"intl.locale.requested": locale, "extensions.autoDisableScopes": 0}


class FirefoxSession:
    def __init__(self, workdir: Path, proxy_port: int, prefs: dict | None = None):
        self.workdir = workdir
        self.proxy_port = proxy_port
        self.prefs = prefs or {}  # over profile_prefs
        self.proc: subprocess.Popen | None = None
        self.m: Marionette | None = None
        self.origin = ""
        self.site_tab = self.control_tab = None
        self.log = None

    # ---- lifetime ----
    def start(self, ext_dir: Path) -> "FirefoxSession":
        profile = self.workdir / "profile"
        profile.mkdir(parents=True, exist_ok=True)
        port = Marionette.check_port_available(0)
        prefs = {**profile_prefs(port, self.proxy_port), **self.prefs}
        (profile / "user.js").write_text("".join(f'user_pref("{k}", {json.dumps(v)});\n' for k, v in prefs.items()))
        env = dict(os.environ, HOME=str(self.workdir), MOZ_HEADLESS="1", LANG="en_US.UTF-8")
        self.log = open(self.workdir / "firefox.log", "w")
        # System access lets the test read the add-on's moz-extension:// host name from Firefox itself.
        self.proc = subprocess.Popen(
            [FIREFOX, "--marionette", "--remote-allow-system-access", "--headless", "--no-remote",
             "--profile", str(profile)], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.m = Marionette(port=port, startup_timeout=120)
        self.m.start_session({"acceptInsecureCerts": True})  # the site server's self-signed certificate
        self.m.timeout.page_load = 60
        self.m.timeout.script = 30
        Addons(self.m).install(str(ext_dir), temp=True)
        with self.m.using_context("chrome"):
            host = self.m.execute_script(
                "return WebExtensionPolicy.getByID(arguments[0]).mozExtensionHostname", script_args=[ADDON_ID])
        self.origin = f"moz-extension://{host}"
        self.site_tab = self.m.current_window_handle
        self.control_tab = self.m.open(type="tab")["handle"]
        self.m.switch_to_window(self.control_tab)
        self.m.navigate(f"{self.origin}/popup/popup.html")
        # The popup's first status answer means the background script has its rules loaded.
        self.wait(lambda m: m.find_element("css selector", "#warnings-week").text.isdigit(), 60)
        self.m.switch_to_window(self.site_tab)
        return self

    def stop(self) -> None:
        if self.m:
            try:
                self.m.delete_session()
            except Exception:
                pass
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.log:
            self.log.close()

    # ---- the extension's own storage, through its popup page ----
    def ext_script(self, js: str, *args):
        """Runs `js` on the extension's popup page, where `browser.*` is the extension's API."""
        self.m.switch_to_window(self.control_tab)
        try:
            # sandbox=None: the page's own global, which holds `browser`; a returned promise is awaited.
            return self.m.execute_script(js, script_args=list(args), sandbox=None)
        finally:
            self.m.switch_to_window(self.site_tab)

    def reset(self, helper_url: str = CLOSED_PORT_URL) -> None:
        """Every site on, warn mode, helper unpaired and unreachable."""
        self.ext_script(
            "return browser.storage.local.remove(['sites', 'mode', 'visited', 'health', 'eventQueue'])"
            ".then(() => browser.storage.local.set({helper: {url: arguments[0]}}))"
            ".then(() => browser.storage.session.clear())", helper_url)

    # ---- the extension's popup ----
    def on_popup(self, fn):
        """Runs `fn` on the popup, reloaded and past its first status answer, then comes back to the site."""
        self.m.switch_to_window(self.control_tab)
        try:
            self.m.refresh()
            # The popup fills the address field from its first status answer: act only after that.
            self.wait(lambda m: m.find_element("css selector", "#helper-state").get_attribute("data-state") != "unknown", 20)
            return fn()
        finally:
            self.m.switch_to_window(self.site_tab)

    def pair_in_popup(self, code: str, url: str) -> str:
        """On the popup: pairs with the helper at `url`, as a person types it; returns the result line."""
        field = self.find("#pair-url")
        field.clear()
        field.send_keys(url)
        assert field.get_property("value") == url
        self.find("#pair-code").send_keys(code)
        self.find("#pair-button").click()
        result = self.find("#pair-result[data-ok]", 20)
        assert result.get_attribute("data-ok") == "true", result.text
        return result.text

    def pair_through_popup(self, code: str, url: str) -> str:
        return self.on_popup(lambda: self.pair_in_popup(code, url))

    # ---- pages ----
    def wait(self, condition, timeout: float = 10, message: str = ""):
        return Wait(self.m, timeout=timeout, ignored_exceptions=(errors.NoSuchElementException,
                                                                  errors.StaleElementException)).until(condition, message=message)

    def goto(self, url: str) -> None:
        self.m.navigate(url)

    def url(self) -> str:
        return self.m.get_url()

    def find(self, css: str, timeout: float = 10):
        return self.wait(lambda m: m.find_element("css selector", css), timeout, f"no {css}")

    def click(self, css: str) -> None:
        """A real pointer click in the middle of the element (trusted events, as a person's)."""
        self.m.actions.sequence("pointer", "mouse").click(element=self.find(css)).perform()

    def click_on(self, element) -> None:
        """A real pointer click; the element is scrolled into view first, as a person would scroll to it."""
        self.m.execute_script("arguments[0].scrollIntoView({block: 'center'})", script_args=[element])
        self.m.actions.sequence("pointer", "mouse").click(element=element).perform()

    def type(self, text: str) -> None:
        self.m.actions.sequence("key", "keyboard").send_keys(text).perform()

    def press(self, *keys: str) -> None:
        """A chord: every key down in order, then up in reverse (e.g. Keys.CONTROL, Keys.ENTER)."""
        seq = self.m.actions.sequence("key", "keyboard")
        for k in keys:
            seq.key_down(k)
        for k in reversed(keys):
            seq.key_up(k)
        seq.perform()

    def send_facebook_comment(self, draft: str) -> None:
        """Types `draft` into the look-alike Facebook's comment box and sends it with Enter."""
        self.goto("https://www.facebook.com/")
        self.click(FACEBOOK_COMMENT)
        self.type(draft)
        self.press(Keys.ENTER)

    def text_of(self, css: str) -> str:
        return self.m.execute_script(
            "const e = document.querySelector(arguments[0]);"
            "return e.tagName === 'TEXTAREA' ? e.value : e.innerText", script_args=[css]).strip()

    def sent_log(self) -> list[str]:
        """What the look-alike page shows it really sent (its 'Sent' list, written as it sends)."""
        return self.m.execute_script(
            "return [...document.querySelectorAll('#sent-log li')].map(li => li.textContent)")

    # ---- Social Guard's warnings ----
    def dialog(self):
        return self.m.execute_script(DIALOG_JS)

    def expect_warning(self, category: str, timeout: float = 15):
        dialog = self.wait(lambda m: self.dialog(), timeout, f"no warning shown (wanted {category})")
        assert dialog.get_attribute("data-guard-category") == category, dialog.text
        assert dialog.computed_role == "alertdialog"
        assert dialog.computed_label.strip(), "the warning has no accessible name"
        return dialog

    def wait_no_warning(self, timeout: float = 10) -> None:
        self.wait(lambda m: self.dialog() is None, timeout, "the warning did not close")

    def button(self, label: str):
        dialog = self.dialog()
        assert dialog is not None, "no warning open"
        for b in dialog.find_elements("css selector", "button"):
            if b.text.strip() == label:
                return b
        raise AssertionError(f"no button {label!r} in: {dialog.text}")

    def choose(self, label: str) -> None:
        self.m.actions.sequence("pointer", "mouse").click(element=self.button(label)).perform()

    def continue_with_reason(self, reason: str = "district_account") -> None:
        select = self.dialog().find_element("css selector", "select")
        option = select.find_element("css selector", f'option[value="{reason}"]')
        option.click()
        self.wait(lambda m: self.button("Continue").is_enabled(), 5, "Continue stayed disabled")
        self.choose("Continue")

    def focused_in(self, css: str) -> bool:
        return self.m.execute_script(
            "const e = document.querySelector(arguments[0]);"
            "return !!e && (document.activeElement === e || e.contains(document.activeElement))", script_args=[css])

    # ---- keyboard focus and the channel banner (the accessibility tests) ----
    def keyboard_focus(self, element) -> None:
        """Focus lands on `element` by the keyboard (Shift+Tab, then Tab, as real key events), so that
        :focus-visible and its ring apply as they do for a keyboard user."""
        self.m.execute_script("arguments[0].focus()", script_args=[element])
        self.press(Keys.SHIFT, Keys.TAB)
        self.press(Keys.TAB)

    def expect_channel_banner(self, timeout: float = 15):
        """The banner over a channel the district has not approved: its role="alertdialog" bar."""
        return self.wait(lambda m: m.execute_script(
            "const h = document.querySelector('social-guard-channel-banner');"
            "return h && h.shadowRoot && h.shadowRoot.querySelector('[role=\"alertdialog\"]')"),
            timeout, "no channel banner")

