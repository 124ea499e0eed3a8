"""The district's signed rule pack, installed in the helper, also works in the extension when the
helper is not running: the real extension in Chromium pairs with a real helper that has the pack,
takes its rules, and after the helper stops, a draft naming the pack's confidential matter is still
held at send on the look-alike X page, with the pack's own message."""
from __future__ import annotations

import pytest

from helpers import choose, expect_warning, nothing_shown, wait_guard_state
from tests.support.helper_process import HelperProcess
from tests.support.ports import free_port
from tests.support.rule_packs import DISTRICT_RULE, PACK_VERSION, install_pack, signed_pack_with_rule

DRAFT = "Quick update on Project Bluebird for families"
EDITOR = 'main > [data-testid="tweetTextarea_0"] [contenteditable="true"]'
BUTTON = '[data-testid="tweetButtonInline"]'


@pytest.fixture
def pack_helper(tmp_path, keyring_service):
    signed, pub = signed_pack_with_rule(tmp_path, DISTRICT_RULE, PACK_VERSION)
    helper = HelperProcess(tmp_path / "helper-home", free_port(), keyring_service)
    install_pack(helper.home, signed, pub)
    helper.start()
    yield helper
    helper.stop()


def rules_version_in_popup(ext) -> str:
    pop = ext.popup()
    pop.wait_for_function("() => /\\d/.test(document.querySelector('#rules-version').textContent)")
    text = pop.inner_text("#rules-version")
    pop.close()
    return text


def test_the_helpers_rule_pack_keeps_working_offline(page, ext, site, pack_helper):
    built_in = rules_version_in_popup(ext)
    assert built_in != PACK_VERSION
    try:
        ext.pair(pack_helper.pairing_code(), pack_helper.base)
        assert ext.get(["syncedRules"])["syncedRules"]["version"] == PACK_VERSION

        pack_helper.stop()
        assert rules_version_in_popup(ext) == PACK_VERSION   # offline now: the rules in use are the pack's

        page.goto("https://x.com/home")
        page.click(EDITOR)
        page.keyboard.type(DRAFT, delay=2)
        page.click(BUTTON)
        dialog = expect_warning(page, "confidential")
        assert DISTRICT_RULE["message"]["en"] in dialog.inner_text()
        assert "Project Bluebird" in dialog.inner_text()
        wait_guard_state(page, "warned")  # the draft is held while its warning is up
        assert site.texts() == []
        choose(page, "Edit")
        assert nothing_shown(page)
    finally:
        ext.remove(["syncedRules"])
        ext.reset()
    # The stored copy removed: the built-in rules are back.
    assert rules_version_in_popup(ext) == built_in
