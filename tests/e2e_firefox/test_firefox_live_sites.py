"""The sites as they are today, in a real Firefox (Debian's firefox-esr over Marionette) with the real
extension, on pages built like the live ones (tests/e2e/fixtures/live-*.html) at their real host
names: X Chat inside an open shadow root (the /i/chat page, the drawer opened by a click or by the
site, a shadow root attached late), Share > "Send via Direct Message", Facebook's Messenger button,
Share > "Send in Messenger", two chat pop-ups at once and m.me links, Instagram's Messages tray,
share plane and ig.me links; the Chat composer checked at send; a Like and a bookmark raise
nothing. Helper down, and paired with the real helper through the popup. One Firefox for the module."""
from __future__ import annotations

import pytest

from firefox_session import Keys
from tests.support.waiting import wait_until

RISKY = "Call me at 309-555-0142 after the game"
PROCEDURE_DM = "NEVER use direct messaging within a Social Media channel"
# X Chat's composer lives in the open shadow root of [data-testid=xchatEmbedRoute].
CHAT_TEXTAREA = """for (const h of document.querySelectorAll('[data-testid="xchatEmbedRoute"]')) {
  const t = h.shadowRoot && h.shadowRoot.querySelector('textarea[data-testid="dm-composer-textarea"]'); if (t) return t; }
return null;"""


def page_call(ff, js: str) -> None:
    """Call the page's own function (the site doing something by itself), in the page's global."""
    ff.m.execute_script(js, sandbox=None)


def answered(ff):
    """The open warning once the background's answer has filled it in (it redraws its buttons then)."""
    return ff.wait(lambda m: (d := ff.dialog()) is not None and d.get_attribute("data-guard-source") is not None
                   and d, 15, "the warning was not answered")


def choose(ff, label: str) -> None:
    answered(ff)
    ff.choose(label)


def chat_textarea(ff):
    return ff.m.execute_script(CHAT_TEXTAREA)


def chat_text(ff) -> str | None:
    t = chat_textarea(ff)
    return None if t is None else ff.m.execute_script("return arguments[0].value", script_args=[t])


def warnings_up(ff) -> int:
    return ff.m.execute_script("const h = document.querySelector('social-guard-root');"
                               "return h ? h.shadowRoot.querySelectorAll('[role=alertdialog]').length : 0")


def click_element(ff, element) -> None:
    ff.m.actions.sequence("pointer", "mouse").click(element=element).perform()


def quiet_after(ff, site, what: str) -> None:
    """The page recorded the action and no Social Guard dialog came up."""
    wait_until(lambda: what in site.texts(), f"the page to record {what!r}", 10)
    assert ff.dialog() is None and warnings_up(ff) == 0


# ---- X Chat ----

@pytest.mark.parametrize("path", ["/i/chat/100", "/messages"])
def test_x_chat_page_in_a_shadow_root_is_covered_before_typing(ff, site, path):
    ff.goto(f"https://x.com{path}?fixture=live-x")
    dialog = ff.expect_warning("direct_message")
    assert PROCEDURE_DM in dialog.text
    ff.wait(lambda m: m.get_url().startswith("https://x.com/i/chat"), 10, "/messages did not redirect to Chat")
    ff.wait(lambda m: chat_textarea(ff) is not None, 10, "no Chat composer")
    ff.type("hello")
    assert chat_text(ff) == ""
    assert site.texts() == []


def test_x_chat_drawer_click_warns_first_then_continue_and_the_composer_is_checked(ff, site):
    ff.goto("https://x.com/home?fixture=live-x")
    ff.click('[data-testid="chat-drawer-main"]')
    ff.expect_warning("direct_message")
    assert chat_textarea(ff) is None  # the drawer did not open
    choose(ff, "Go back")
    ff.wait_no_warning()
    assert chat_textarea(ff) is None
    ff.click('[data-testid="chat-drawer-main"]')
    ff.expect_warning("direct_message")
    answered(ff)
    ff.continue_with_reason()
    ff.wait_no_warning()
    ff.wait(lambda m: chat_textarea(ff) is not None, 10, "the drawer did not open after Continue")
    click_element(ff, chat_textarea(ff))
    ff.type(RISKY)
    ff.press(Keys.ENTER)
    dialog = ff.expect_warning("pii.phone")
    assert "309-555-0142" in dialog.text
    assert ff.sent_log() == [] and site.texts() == []
    choose(ff, "Edit")
    ff.wait_no_warning()
    assert chat_text(ff) == RISKY


def test_x_chat_composer_redrawn_under_the_dialog_one_dialog_then_sent_once(ff, site):
    ff.goto("https://x.com/i/chat/100?fixture=live-x")
    ff.expect_warning("direct_message")
    answered(ff)
    ff.continue_with_reason()
    ff.wait_no_warning()
    ff.wait(lambda m: chat_textarea(ff) is not None, 10, "no Chat composer")
    click_element(ff, chat_textarea(ff))
    ff.type(RISKY)
    ff.press(Keys.ENTER)
    ff.expect_warning("pii.phone")
    page_call(ff, "fixtureRedrawComposer()")  # React redraws the composer under the dialog
    page_call(ff, "fixtureRedrawComposer()")
    assert warnings_up(ff) == 1
    assert ff.sent_log() == [] and site.texts() == []
    dialog = answered(ff)
    reasons = dialog.find_elements("css selector", "select")
    if reasons:  # a DM that must be fixed asks for a reason first
        reasons[0].find_element("css selector", 'option[value="district_account"]').click()
        ff.wait(lambda m: ff.button("Post anyway").is_enabled(), 5, "Post anyway stayed disabled")
    ff.choose("Post anyway")
    wait_until(lambda: RISKY in site.texts(), "the message to be sent after Post anyway", 10)
    assert site.texts().count(RISKY) == 1


def test_x_chat_drawer_opened_by_the_site_and_a_late_shadow_root(ff):
    ff.goto("https://x.com/home?fixture=live-x")
    ff.find('[data-testid="chat-drawer-main"]')
    page_call(ff, "fixtureToggleDrawer()")
    ff.expect_warning("direct_message")
    ff.type("hi")
    assert chat_text(ff) == ""
    choose(ff, "Go back")
    ff.wait(lambda m: chat_textarea(ff) is None, 10, "Go back did not close the drawer")
    ff.wait_no_warning()
    # The host goes in empty; its shadow root is attached and drawn 300 ms later.
    page_call(ff, "fixtureOpenDrawerLate(300)")
    ff.expect_warning("direct_message")
    ff.wait(lambda m: chat_textarea(ff) is not None, 10, "no late Chat composer")
    ff.type("hi")
    assert chat_text(ff) == ""


def test_x_share_send_via_direct_message(ff):
    ff.goto("https://x.com/home?fixture=live-x")
    ff.click('[aria-label="Share post"]')
    ff.click('#layers [role="menuitem"][data-item="dm"]')
    ff.expect_warning("direct_message")
    assert chat_textarea(ff) is None


def test_x_like_and_bookmark_raise_nothing(ff, site):
    ff.goto("https://x.com/home?fixture=live-x")
    ff.click('[data-testid="like"]')
    quiet_after(ff, site, "liked")
    ff.click('[data-testid="bookmark"]')
    quiet_after(ff, site, "saved")


# ---- Facebook and Messenger ----

def test_facebook_messenger_button_and_share_send_in_messenger(ff):
    ff.goto("https://www.facebook.com/?fixture=live-facebook")
    ff.click('[role="navigation"] [aria-label="Messenger"]')
    ff.expect_warning("direct_message")
    assert ff.m.execute_script("return document.querySelectorAll('[aria-label^=\"Messages in conversation\"]').length") == 0
    choose(ff, "Go back")
    ff.wait_no_warning()
    ff.click("[data-share]")
    ff.click('#layers [data-item="messenger"]')
    ff.expect_warning("direct_message")
    assert ff.m.execute_script("return document.querySelectorAll('[aria-label^=\"Messages in conversation\"]').length") == 0


def test_facebook_two_chat_popups_one_dialog_go_back_closes_both(ff, site):
    ff.goto("https://www.facebook.com/?fixture=live-facebook")
    ff.find("[data-share]")
    page_call(ff, "fixtureOpenTwoChats()")
    ff.expect_warning("direct_message")
    assert warnings_up(ff) == 1
    ff.type("hi")
    assert site.texts() == []
    choose(ff, "Go back")
    ff.wait(lambda m: m.execute_script("return document.querySelectorAll('#chat-tabs .chat').length") == 0, 10,
            "the chat pop-ups stayed open")
    ff.wait_no_warning()


def test_facebook_m_me_link_and_comment_as_box(ff, site):
    ff.goto("https://www.facebook.com/?fixture=live-facebook")
    ff.click('[data-testid="mme-wrapped"]')
    ff.expect_warning("direct_message")
    assert ff.url().startswith("https://www.facebook.com/")
    choose(ff, "Go back")
    ff.wait_no_warning()
    ff.click('[aria-label="Comment as Ana Díaz"]')
    ff.type(RISKY)
    ff.press(Keys.ENTER)
    ff.expect_warning("pii.phone")
    assert ff.sent_log() == []


def test_messenger_e2ee_thread_is_covered(ff):
    ff.goto("https://www.messenger.com/e2ee/t/100?fixture=live-messenger")
    dialog = ff.expect_warning("direct_message")
    assert PROCEDURE_DM in dialog.text


# ---- Instagram ----

def test_instagram_tray_share_plane_and_ig_me(ff, site):
    ff.goto("https://www.instagram.com/?fixture=live-instagram")
    ff.click('[data-pagelet^="IGDChatTabsRootContent"] [aria-label="Messages"]')
    ff.expect_warning("direct_message")
    assert ff.m.execute_script("return document.querySelectorAll('[data-thread]').length") == 0
    choose(ff, "Go back")
    ff.wait_no_warning()
    ff.click("[data-share]")
    ff.expect_warning("direct_message")
    assert ff.m.execute_script("return document.querySelectorAll('#layers [role=dialog]').length") == 0
    choose(ff, "Go back")
    ff.wait_no_warning()
    ff.click('[data-testid="igme-link"]')
    ff.expect_warning("direct_message")
    assert ff.url().startswith("https://www.instagram.com/")
    choose(ff, "Go back")
    ff.wait_no_warning()
    ff.click("[data-like]")
    quiet_after(ff, site, "liked")


# ---- with the helper up ----

def test_with_the_helper_up_the_chat_drawer_warning_comes_from_the_helper(ff, helper_process):
    ff.pair_through_popup(helper_process.pairing_code(), helper_process.base)
    ff.goto("https://x.com/home?fixture=live-x")
    ff.click('[data-testid="chat-drawer-main"]')
    dialog = ff.expect_warning("direct_message")
    ff.wait(lambda m: dialog.get_attribute("data-guard-source") == "helper", 15, "the helper did not answer")
    assert chat_textarea(ff) is None
