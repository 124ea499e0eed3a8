"""The real extension in a real Firefox (Debian's firefox-esr over Marionette), on the look-alike
sites at their real host names: the DM cover with the helper down, a compose warning that holds
the post until the user chooses, an unsafe-link warning, and pairing with the real helper through
the popup (Firefox's moz-extension:// origin) for a finding only the helper makes.
One Firefox for the whole module: it starts slowly on a 2-core machine."""
from __future__ import annotations

import pytest

from firefox_session import Keys
from tests.support.waiting import wait_until

RISKY = "Call me at 309-555-0142 after the game"
PROCEDURE_DM = "NEVER use direct messaging within a Social Media channel"


def popup_state(ff) -> str:
    return ff.on_popup(lambda: ff.find("#helper-state").get_attribute("data-state"))


# ---- 1. direct messages, helper not running ----

def test_x_messages_is_covered_before_typing_and_go_back_leaves(ff, site):
    assert popup_state(ff) == "offline"
    ff.goto("https://x.com/home")
    ff.goto("https://x.com/messages")
    dialog = ff.expect_warning("direct_message")
    assert "direct message" in dialog.computed_label.lower()
    assert PROCEDURE_DM in dialog.text  # the procedure's own words
    assert ff.m.execute_script("return arguments[0].getRootNode().activeElement.textContent", script_args=[dialog]) == "Go back"
    # The site focuses its DM composer as it opens; nothing typed may reach it.
    composer = '[data-testid="dmComposerTextInput"] [contenteditable="true"]'
    ff.type("hello")
    ff.find(composer)
    assert ff.text_of(composer) == ""
    ff.choose("Go back")
    ff.wait(lambda m: m.get_url() == "https://x.com/home", 15, "Go back did not leave the DM")
    ff.wait_no_warning()
    assert site.texts() == []


@pytest.mark.parametrize("url", ["https://www.facebook.com/messages/t/100", "https://www.instagram.com/direct/inbox/"])
def test_other_sites_dm_is_covered(ff, url):
    ff.goto(url)
    dialog = ff.expect_warning("direct_message")
    assert PROCEDURE_DM in dialog.text


def test_instagram_dm_continue_needs_a_reason_then_sends(ff, site):
    ff.goto("https://www.instagram.com/direct/t/555/")
    ff.expect_warning("direct_message")
    assert not ff.button("Continue").is_enabled()
    ff.continue_with_reason("safety_report")
    ff.wait_no_warning()
    ff.click('[role="textbox"][aria-label="Message"]')
    ff.type("Practice moved to 4pm")
    ff.press(Keys.ENTER)
    wait_until(lambda: "Practice moved to 4pm" in site.texts(), "the DM to be sent", 10)


# ---- 2. compose: a phone number holds the post until the user chooses ----

COMPOSERS = {
    "x-post": ("https://x.com/home", 'main > [data-testid="tweetTextarea_0"] [contenteditable="true"]',
               '[data-testid="tweetButtonInline"]', (Keys.CONTROL, Keys.ENTER)),
    "facebook-comment": ("https://www.facebook.com/", '[aria-label="Write a comment…"]', '[aria-label="Comment"]',
                         (Keys.ENTER,)),
}


@pytest.mark.parametrize("name", list(COMPOSERS))
def test_phone_number_is_held_then_edit_then_post_anyway(ff, site, name):
    url, editor, button, send_keys = COMPOSERS[name]
    ff.goto(url)
    ff.click(editor)
    ff.type(RISKY)
    ff.click(button)
    dialog = ff.expect_warning("pii.phone")
    assert "309-555-0142" in dialog.text  # the matched text
    assert "Personal Safety" in dialog.text  # the procedure section it cites
    assert dialog.get_attribute("data-guard-source") == "local"  # the helper is down
    assert ff.sent_log() == [] and site.texts() == []  # the page did not send it
    assert ff.m.execute_script("return arguments[0].getRootNode().activeElement.textContent", script_args=[dialog]) == "Edit"
    ff.choose("Edit")
    ff.wait_no_warning()
    assert ff.focused_in(editor) and RISKY in ff.text_of(editor)  # back in the editor, draft intact
    assert ff.sent_log() == []
    ff.press(*send_keys)  # the site's send key is held too
    ff.expect_warning("pii.phone")
    assert ff.sent_log() == []
    ff.choose("Post anyway")
    wait_until(lambda: RISKY in site.texts(), "the post to be sent after Post anyway", 10)
    assert len(ff.sent_log()) == 1


# ---- 3. an unsafe link ----

def test_unsafe_link_click_is_warned_and_unwrapped(ff, site):
    ff.goto("https://www.facebook.com/")
    ff.m.execute_script("document.documentElement.dataset.sgTestDocument = 'first'")
    ff.click('[data-testid="unsafe-link"]')
    dialog = ff.expect_warning("link.ip_literal")
    assert "http://192.168.4.20/login" in dialog.text  # the real target, not l.facebook.com
    assert "security warnings" in dialog.text
    ff.choose("Stay on this page")
    ff.wait_no_warning()
    # Still the same document: the click did not navigate.
    assert ff.url() == "https://www.facebook.com/"
    assert ff.m.execute_script("return document.documentElement.dataset.sgTestDocument") == "first"
    ff.click('[data-testid="unsafe-link"]')
    ff.expect_warning("link.ip_literal")
    ff.choose("Open anyway")
    ff.wait(lambda m: m.get_url().startswith("https://l.facebook.com/"), 15, "Open anyway did not open the link")
    assert len(site.visits) == 1  # one visit: the one the user chose


# ---- 4. pairing with the real helper, and a finding only the helper makes ----

HELPER_ONLY = "Bis bald in Berlin: +49 30 901820"  # an international number with no phone word: libphonenumber in the helper


def test_pairs_with_the_helper_and_shows_a_helper_only_finding(ff, site, helper_process):
    # Unpaired, the extension's own engine lets this draft through.
    ff.send_facebook_comment(HELPER_ONLY)
    wait_until(lambda: HELPER_ONLY in site.texts(), "the unpaired draft to be sent", 10)
    assert ff.dialog() is None
    site.clear()

    ff.pair_through_popup(helper_process.pairing_code(), helper_process.base)
    listed = helper_process.cli("browsers", "list").stdout
    assert ff.origin in listed  # the helper knows this Firefox by its moz-extension:// origin
    assert popup_state(ff) == "connected"

    ff.send_facebook_comment(HELPER_ONLY)
    dialog = ff.expect_warning("pii.phone")
    assert dialog.get_attribute("data-guard-source") == "helper"
    assert "+49 30 901820" in dialog.text
    assert ff.sent_log() == [] and site.texts() == []
    ff.choose("Edit")
    ff.wait_no_warning()
