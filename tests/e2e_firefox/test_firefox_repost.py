"""The repost gate in a real Firefox (Debian's firefox-esr over Marionette) with the real extension,
on pages built like the live ones at their real host names: a repost of a post with a link the user
has not opened is held with "Open it first", "Repost anyway" and "Cancel", and then happens exactly
once or not at all; a clean repost goes through with no dialog. Helper down, and paired with the
real helper through the popup. One Firefox for the whole module."""
from __future__ import annotations

from tests.support.waiting import wait_until

X_PAGE = "https://x.com/__fixture/repost-x.html"
FB_PAGE = "https://www.facebook.com/__fixture/repost-facebook.html"
IG_PAGE = "https://www.instagram.com/__fixture/repost-instagram.html"
X_TARGET = "https://example.org/news/2026/schools-reopen"


def buttons(ff) -> set[str]:
    return {b.text.strip() for b in ff.dialog().find_elements("css selector", "button")}


def repost_x(ff, post: str = "post-link") -> None:
    ff.click(f"#{post} [data-testid='retweet']")
    ff.click("#layers [data-testid='retweetConfirm']")


def wait_sent(ff, expected: list[str]) -> None:
    ff.wait(lambda m: ff.sent_log() == expected, 10, f"the page to show it sent {expected} (it shows {ff.sent_log()})")


def test_x_repost_is_held_until_repost_anyway_then_happens_once(ff, site):
    ff.goto(X_PAGE)
    repost_x(ff)
    dialog = ff.expect_warning("link.unvisited")
    assert X_TARGET in dialog.text  # the real address, unwrapped from t.co
    assert "Do not blindly repost a link" in dialog.get_property("textContent")  # the procedure it cites
    assert dialog.get_attribute("data-guard-source") == "local"  # the helper is down
    assert {"Open it first", "Repost anyway", "Cancel"} <= buttons(ff)
    assert ff.sent_log() == [] and site.texts() == []
    ff.choose("Repost anyway")
    ff.wait_no_warning()
    wait_sent(ff, ["repost: post-link"])
    wait_until(lambda: site.texts() == ["post-link"], "the one repost to reach the site", 10)


def test_x_open_it_first_opens_the_link_in_a_new_tab_then_no_dialog(ff, site):
    ff.goto(X_PAGE)
    repost_x(ff)
    ff.expect_warning("link.unvisited")
    before = set(ff.m.window_handles)
    ff.choose("Open it first")
    ff.wait(lambda m: len(set(m.window_handles) - before) == 1, 15, "no new tab opened")
    (tab,) = set(ff.m.window_handles) - before
    ff.m.switch_to_window(tab)
    try:
        ff.wait(lambda m: m.get_url().startswith("https://t.co/Rk2Xq9Lm0p"), 15, "the new tab did not open the link")
    finally:
        ff.m.close()
        ff.m.switch_to_window(ff.site_tab)
    ff.wait_no_warning()
    assert ff.sent_log() == []
    if not ff.m.execute_script("return !!document.querySelector('#layers [data-testid=retweetConfirm]')"):
        ff.click("#post-link [data-testid='retweet']")
    ff.click("#layers [data-testid='retweetConfirm']")
    wait_sent(ff, ["repost: post-link"])
    assert ff.dialog() is None


def test_x_quick_double_click_and_redrawn_menu_give_one_dialog(ff, site):
    ff.goto(X_PAGE)
    ff.click("#post-link [data-testid='retweet']")
    item = ff.find("#layers [data-testid='retweetConfirm']")
    ff.m.actions.sequence("pointer", "mouse").click(element=item).click(element=item).perform()
    ff.expect_warning("link.unvisited")
    # The page draws its menu again while the dialog is open, and something clicks the new item.
    ff.m.execute_script("(window.wrappedJSObject || window).redrawMenu();"
                        "document.querySelector('[data-testid=retweetConfirm]').click();")
    assert ff.m.execute_script(
        "return document.querySelector('social-guard-root').shadowRoot.querySelectorAll('[role=alertdialog]').length") == 1
    assert ff.sent_log() == []
    ff.choose("Cancel")
    ff.wait_no_warning()
    assert ff.sent_log() == [] and site.texts() == []


def test_x_clean_repost_like_and_bookmark_raise_nothing(ff, site):
    ff.goto(X_PAGE)
    ff.click("#post-link [data-testid='like']")
    ff.click("#post-link [data-testid='bookmark']")
    ff.wait(lambda m: m.execute_script(
        "return document.querySelector('#post-link [data-testid=bookmark]').getAttribute('aria-pressed') === 'true'"), 10)
    repost_x(ff, "post-clean")
    wait_sent(ff, ["repost: post-clean"])
    assert ff.dialog() is None


def test_facebook_share_now_unwraps_the_link_and_cancel_shares_nothing(ff, site):
    ff.goto(FB_PAGE)
    ff.click("#post-link [aria-label^='Send this to friends']")
    ff.click("#layers [data-does='repost']")
    dialog = ff.expect_warning("link.unvisited")
    assert "https://example.org/science-camp" in dialog.text  # from l.facebook.com/l.php?u=
    assert "other.example.net" not in dialog.text  # a commenter's link is not reposted
    ff.choose("Cancel")
    ff.wait_no_warning()
    assert ff.sent_log() == []
    ff.click("#post-clean [aria-label^='Send this to friends']")
    ff.click("#layers [data-does='repost']")
    wait_sent(ff, ["repost: post-clean"])
    assert ff.dialog() is None


def test_instagram_add_post_to_your_story_is_held(ff, site):
    ff.goto(IG_PAGE)
    ff.click("#post-link [data-testid='share-plane']")
    # The share plane also opens "send to people" (a DM entry point), which may ask first.
    ff.wait(lambda m: ff.dialog() is not None or m.execute_script("return !!document.querySelector('#layers button')"), 15)
    if ff.dialog() is not None and ff.dialog().get_attribute("data-guard-category") == "direct_message":
        ff.continue_with_reason()
        ff.wait_no_warning()
        if not ff.m.execute_script("return !!document.querySelector('#layers button')"):
            ff.click("#post-link [data-testid='share-plane']")
    ff.click("#layers [data-does='story']")
    dialog = ff.expect_warning("link.unvisited")
    assert "example.org/bake-sale" in dialog.text
    assert ff.sent_log() == []
    ff.choose("Repost anyway")
    wait_sent(ff, ["story: post-link"])


def test_with_the_helper_up_the_helper_judges_the_repost(ff, site, helper_process):
    ff.pair_through_popup(helper_process.pairing_code(), helper_process.base)
    ff.goto(X_PAGE)
    repost_x(ff)
    dialog = ff.expect_warning("link.unvisited")
    assert dialog.get_attribute("data-guard-source") == "helper"
    assert X_TARGET in dialog.text
    assert ff.sent_log() == []
    ff.choose("Repost anyway")
    wait_sent(ff, ["repost: post-link"])
