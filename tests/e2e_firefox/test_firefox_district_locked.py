"""District settings locked, in a real Firefox ESR (Marionette), English and Spanish, as
tests/e2e/test_district_locked.py and test_managed_policy.py show them in Chromium. Firefox fills
browser.storage.managed from a managed storage native manifest: on Linux
$HOME/.mozilla/managed-storage/<add-on id>.json, {"name": <id>, "type": "storage", "data": {...}},
read when Firefox starts (FirefoxSession runs Firefox with HOME set to its work folder). With the
district's policy, the popup shows what it sets read-only, "Set by your district" (Spanish from
_locales/es), and a teacher cannot change it; without the policy the same controls are the
teacher's. One Firefox runs at a time (a policy needs a Firefox of its own): without the policy,
with it, with it in Spanish."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from connect_proxy import ConnectProxy
from firefox_session import ADDON_ID, SPANISH_LANGPACK, FirefoxSession, Keys, language_prefs
from tests.support.siteserver import HOSTS

ROOT = Path(__file__).resolve().parents[2]
MANAGED_PORT = 47999
POLICY = {
    "mode": "block",
    "helperPort": MANAGED_PORT,
    "approvedChannels": ["facebook.com", "messenger.com", "x.com", "instagram.com", "tiktok.com"],
    "sites": {"x": False},
}
X_SWITCH = '#sites li[data-site="x"] [role="switch"]'


def messages(language: str) -> dict[str, str]:
    raw = json.loads((ROOT / "extension" / "_locales" / language / "messages.json").read_text(encoding="utf-8"))
    return {k: v["message"] for k, v in raw.items()}


def write_managed_storage(home: Path, data: dict) -> Path:
    """The district's policy as Firefox reads it: a managed storage manifest under $HOME/.mozilla."""
    folder = home / ".mozilla" / "managed-storage"
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / f"{ADDON_ID}.json"
    manifest.write_text(json.dumps({"name": ADDON_ID, "description": "Moline schools: Social Guard district settings",
                                    "type": "storage", "data": data}, indent=2), encoding="utf-8")
    return manifest


class OneFirefoxAtATime:
    """Firefox for (language, managed?), started with its HOME prepared; the previous one is stopped
    first, so the 2-core machine never runs two."""

    def __init__(self, site, ext_dir: Path, tmp_path_factory):
        self.site, self.ext_dir, self.tmp = site, ext_dir, tmp_path_factory
        self.key = None
        self.session: FirefoxSession | None = None
        self.proxy: ConnectProxy | None = None

    def get(self, language: str, managed: bool) -> FirefoxSession:
        if (language, managed) != self.key:
            self.stop()
            if language == "es" and not SPANISH_LANGPACK.exists():
                pytest.skip("Firefox's Spanish language pack is not installed (apt-get install -y firefox-esr-l10n-es-es)")
            folder = self.tmp.mktemp(f"firefox-{language}-{'managed' if managed else 'unmanaged'}")
            if managed:
                write_managed_storage(folder, POLICY)
            self.proxy = ConnectProxy(HOSTS, self.site.port)
            self.proxy.start()
            self.session = FirefoxSession(folder, self.proxy.port, language_prefs("es-ES" if language == "es" else "en-US"))
            self.key = (language, managed)
            self.session.start(self.ext_dir)
        self.session.reset()
        self.site.clear()
        return self.session

    def stop(self) -> None:
        if self.session:
            self.session.stop()
        if self.proxy:
            self.proxy.stop()
        self.session = self.proxy = None
        self.key = None


@pytest.fixture(scope="module")
def firefoxes(site, ext_dir, tmp_path_factory):
    browsers = OneFirefoxAtATime(site, ext_dir, tmp_path_factory)
    yield browsers
    browsers.stop()


def popup_ready(s) -> None:
    s.find(X_SWITCH)


def try_to_switch_x_on(s):
    """A teacher clicks the X switch (off by policy): returns it."""
    switch = s.find(X_SWITCH)
    s.click_on(switch)
    return switch


def try_to_type_an_address(s, url: str):
    s.m.execute_script("document.querySelector('#advanced').open = true")
    field = s.find("#pair-url")
    s.click_on(field)
    s.press(Keys.CONTROL, "a")   # Ctrl+A: what a person does to replace the address
    s.type(url)
    return field


# ---- without the policy: the teacher's own settings ----------------------------------------------------
def test_without_a_policy_the_same_controls_are_the_teachers(firefoxes):
    s = firefoxes.get("en", managed=False)
    assert s.ext_script("return browser.storage.managed.get(null).then(r => r, () => ({}))") == {}

    def check():
        popup_ready(s)
        assert s.find("#mode").get_attribute("data-managed") is None
        assert s.find("#mode").text == "Warn"
        assert not s.find("#district-set").is_displayed()
        x = s.find('#sites li[data-site="x"]')
        assert x.get_attribute("data-managed") is None and "Set by your district" not in x.text
        switch = s.find(X_SWITCH)
        assert switch.is_enabled() and switch.is_selected()
        # Turning X off is the teacher's choice: the popup asks first, and "Keep it on" keeps it on.
        s.click_on(switch)
        keep = s.find("#confirm-x ~ button.secondary", 5)
        assert keep.text == "Keep it on"
        s.click_on(keep)
        s.wait(lambda m: s.find(X_SWITCH).is_selected(), 5, "X did not stay on")
        # The helper address is the teacher's to type.
        field = try_to_type_an_address(s, "http://127.0.0.1:47620")
        assert field.get_property("readOnly") is False and not field.get_attribute("title")
        assert field.get_property("value") == "http://127.0.0.1:47620"

    s.on_popup(check)


# ---- with the district's policy -------------------------------------------------------------------------
def check_locked(s, words: dict) -> None:
    popup_ready(s)
    managed_tag = words["popupManaged"]
    mode = s.find("#mode")
    assert mode.get_attribute("data-managed") == "true"
    assert mode.text == f"{words['popupModeBlock']} {managed_tag}"
    note = s.find("#district-set")
    assert note.is_displayed()
    assert note.text == words["popupDistrictSets"].replace("$P1$", words["popupSetting_approvedChannels"])
    x = s.find('#sites li[data-site="x"]')
    assert x.get_attribute("data-managed") == "true" and managed_tag in x.text
    switch = try_to_switch_x_on(s)
    assert not switch.is_enabled() and not switch.is_selected()   # off, as the district set it
    assert not s.m.find_elements("css selector", "#confirm-x")
    # A site the policy does not name stays the teacher's.
    facebook = s.find('#sites li[data-site="facebook"]')
    assert facebook.get_attribute("data-managed") is None
    assert facebook.find_element("css selector", '[role="switch"]').is_enabled()
    # The helper address comes from the district's port and cannot be typed over.
    field = try_to_type_an_address(s, "http://127.0.0.1:47620")
    assert field.get_property("readOnly") is True and field.get_attribute("title") == managed_tag
    assert field.get_property("value") == f"http://127.0.0.1:{MANAGED_PORT}"


def test_the_popup_shows_the_districts_settings_locked(firefoxes):
    s = firefoxes.get("en", managed=True)
    # Firefox read the native manifest: the extension sees the district's values.
    assert s.ext_script("return browser.storage.managed.get(null)") == POLICY
    words = messages("en")
    assert words["popupManaged"] == "Set by your district"
    s.on_popup(lambda: check_locked(s, words))
    # Not even a message from the extension's own page switches a locked site.
    answer = s.ext_script("return browser.runtime.sendMessage({type: 'ui-bg-set-site', site: 'x', enabled: true})")
    assert answer == {"ok": False, "error": "managed"}
    assert s.on_popup(lambda: s.find(X_SWITCH).is_selected()) is False


def test_the_districts_block_mode_takes_effect(firefoxes):
    """Block mode, set by the district: a Must-fix finding cannot be posted past."""
    s = firefoxes.get("en", managed=True)
    s.send_facebook_comment("Call 309-555-0142, Jordan's SSN is 123-45-6789")
    dialog = s.expect_warning("pii.ssn")
    s.wait(lambda m: "Your district does not allow continuing here." in dialog.text, 10, dialog.text)
    assert [b.get_attribute("data-role") for b in dialog.find_elements("css selector", ".actions button")] == ["primary"]
    s.choose("Edit")
    s.wait_no_warning()
    assert s.sent_log() == []


def test_the_spanish_popup_shows_the_districts_settings_locked(firefoxes):
    s = firefoxes.get("es", managed=True)
    assert s.ext_script("return browser.i18n.getUILanguage()").startswith("es")
    words = messages("es")
    assert words["popupManaged"] != messages("en")["popupManaged"]   # translated, not the English
    s.on_popup(lambda: check_locked(s, words))
