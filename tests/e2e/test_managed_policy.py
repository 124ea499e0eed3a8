"""A district's managed policy in a real Chromium: a policy file in Chromium's managed policy folder
(/etc/chromium/policies/managed/ on Debian) with the extension's settings under "3rdparty" >
"extensions" > <id>. Chromium checks them against extension/managed_schema.json (the manifest's
storage.managed_schema) and the extension shows them in the popup as set by the district, locked,
and applies them on the sites.

The policy folder is machine-wide, so this test gives its build a key of its own (an extension id
no other browser on the machine has) and removes its policy file afterwards."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from browser import launch
from helpers import WARNING, expect_warning, nothing_shown
from tests.support.siteserver import resolver_rules

POLICY_DIR = Path(os.environ.get("SOCIAL_GUARD_POLICY_DIR", "/etc/chromium/policies/managed"))
MANAGED_PORT = 47999


def extension_id_for(der: bytes) -> str:
    return "".join(chr(ord("a") + int(c, 16)) for c in hashlib.sha256(der).hexdigest()[:32])


@pytest.fixture(scope="module")
def policy_ext(built_ext, tmp_path_factory):
    """The built extension, copied, with a throw-away key (so a throw-away id)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    ext = tmp_path_factory.mktemp("policy-ext") / "chrome"
    shutil.copytree(built_ext, ext)
    manifest = json.loads((ext / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["storage"]["managed_schema"] == "managed_schema.json"
    assert (ext / "managed_schema.json").is_file()
    der = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    manifest["key"] = base64.b64encode(der).decode()
    (ext / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return ext, extension_id_for(der)


POLICY_VALUES = {
    "mode": "block",
    "helperPort": MANAGED_PORT,
    "approvedChannels": ["facebook.com", "messenger.com", "x.com", "instagram.com", "tiktok.com"],
    "rulePackUrl": "https://software.district.example/social-guard/rules.signed",
    "sites": {"x": False, "instagram": True},
    "blocklist": "not-a-list",        # not what the schema allows: Chromium drops it
    "colour": "red",                  # not in the schema at all: dropped too
}


@pytest.fixture(scope="module")
def managed_ctx(pw, policy_ext, site, tmp_path_factory):
    ext, ext_id = policy_ext
    policy_file = POLICY_DIR / f"social-guard-e2e-{ext_id}.json"
    try:
        POLICY_DIR.mkdir(parents=True, exist_ok=True)
        policy_file.write_text(json.dumps({"3rdparty": {"extensions": {ext_id: POLICY_VALUES}}}, indent=2))
    except PermissionError:
        pytest.skip(f"cannot write Chromium's managed policy folder {POLICY_DIR} (run as root)")
    home = tmp_path_factory.mktemp("managed-home")
    try:
        context = launch(pw, ext, home / "profile", home, resolver_rules(site.port))
        try:
            sw = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker", timeout=15000)
            assert sw.url.split("/")[2] == ext_id
            yield context, ext_id
        finally:
            context.close()
    finally:
        policy_file.unlink(missing_ok=True)


@pytest.fixture
def popup(managed_ctx):
    context, ext_id = managed_ctx
    page = context.new_page()
    page.set_default_timeout(5000)
    page.goto(f"chrome-extension://{ext_id}/popup/popup.html")
    page.wait_for_selector('#sites li[data-site="x"]')
    yield page
    page.close()


def test_chromium_hands_the_extension_the_valid_policy_values_only(popup):
    managed = popup.evaluate("() => chrome.storage.managed.get(null)")
    assert managed == {k: v for k, v in POLICY_VALUES.items() if k not in ("blocklist", "colour")}


def test_the_popup_shows_managed_settings_as_set_by_the_district_and_locked(popup):
    mode = popup.locator("#mode")
    assert mode.get_attribute("data-managed") == "true"
    assert "Block" in mode.inner_text() and "Set by your district" in mode.inner_text()

    x = popup.locator('#sites li[data-site="x"]')
    assert x.get_attribute("data-managed") == "true" and "Set by your district" in x.inner_text()
    x_switch = x.get_by_role("switch")
    assert x_switch.is_disabled() and not x_switch.is_checked()
    insta = popup.locator('#sites li[data-site="instagram"]').get_by_role("switch")
    assert insta.is_disabled() and insta.is_checked()
    # A site the policy does not name stays the user's choice.
    fb = popup.locator('#sites li[data-site="facebook"]')
    assert fb.get_attribute("data-managed") is None and fb.get_by_role("switch").is_enabled()
    # The managed helper port is the helper's address, and the address field is locked.
    assert popup.input_value("#pair-url") == f"http://127.0.0.1:{MANAGED_PORT}"
    assert popup.locator("#pair-url").is_editable() is False


def test_a_locked_site_cannot_be_switched_even_by_a_message(popup):
    answer = popup.evaluate("() => chrome.runtime.sendMessage({type: 'ui-bg-set-site', site: 'x', enabled: true})")
    assert answer == {"ok": False, "error": "managed"}
    popup.reload()
    popup.wait_for_selector('#sites li[data-site="x"]')
    assert not popup.locator('#sites li[data-site="x"]').get_by_role("switch").is_checked()
    # The user's own switch for a site the policy does not lock still works.
    answer = popup.evaluate("() => chrome.runtime.sendMessage({type: 'ui-bg-set-site', site: 'facebook', enabled: false})")
    assert answer == {"ok": True}
    popup.evaluate("() => chrome.runtime.sendMessage({type: 'ui-bg-set-site', site: 'facebook', enabled: true})")


def test_the_policy_takes_effect_on_the_sites(managed_ctx, site):
    context, _ = managed_ctx
    page = context.new_page()
    page.set_default_timeout(5000)
    try:
        # X is switched off by the district: no DM cover there ...
        page.goto("https://x.com/messages")
        assert nothing_shown(page)
        # ... Instagram is kept on: its DMs are covered.
        page.goto("https://www.instagram.com/direct/inbox/")
        expect_warning(page, "direct_message")
        # Snapchat is not approved: its banner shows in this browser too ...
        page.goto("https://web.snapchat.com/")
        expect_warning(page, "unapproved_channel")
        # ... but TikTok is an approved channel in this district's policy: no banner.
        page.goto("https://www.tiktok.com/")
        page.wait_for_load_state("load")
        # The channel banner's script writes no data-guard-state (only the site profiles' scripts
        # do, extension/README.md "Test hooks"), so there is no answer to wait on: give its one
        # check the time it takes at most, then look.
        page.wait_for_timeout(1500)
        assert page.locator(WARNING).count() == 0
    finally:
        page.close()
