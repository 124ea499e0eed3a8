"""The repost gate, in a real Chromium with the real extension, on pages built like the live ones
(served at x.com, www.facebook.com and www.instagram.com): before a post is reposted, quoted or
shared, its text and links are checked like a draft; a link the user has not opened is a warning
with "Open it first"; the repost is held until the user decides and then happens exactly once; a
clean repost, a Like and a bookmark raise nothing. Helper down (the extension's own engine) and up."""
from __future__ import annotations

from helpers import WARNING, choose, continue_with_reason, expect_warning, warning

X_PAGE = "https://x.com/__fixture/repost-x.html"
FB_PAGE = "https://www.facebook.com/__fixture/repost-facebook.html"
IG_PAGE = "https://www.instagram.com/__fixture/repost-instagram.html"
X_TARGET = "https://example.org/news/2026/schools-reopen"


def sent(page) -> list[str]:
    """What the page really did, as its own log shows it ("repost: post-link")."""
    return page.locator("#sent-log li").all_inner_texts()


def wait_sent(page, n: int) -> list[str]:
    page.wait_for_function("(n) => document.querySelectorAll('#sent-log li').length >= n", arg=n)
    return sent(page)


def open_x_menu(page, post: str) -> None:
    page.click(f"#{post} [data-testid='retweet']")
    page.wait_for_selector("#layers [data-testid='retweetConfirm']")


def buttons(page) -> list[str]:
    return [b.strip() for b in page.locator(WARNING).get_by_role("button").all_inner_texts()]


def test_x_repost_of_an_unopened_tco_link_is_held_until_repost_anyway(page, site):
    page.goto(X_PAGE)
    open_x_menu(page, "post-link")
    page.click("[data-testid='retweetConfirm']")
    dialog = expect_warning(page, "link.unvisited")
    text = dialog.inner_text()
    assert X_TARGET in text  # the real address, unwrapped from t.co
    assert "You have not opened this link" in text
    assert "Do not blindly repost a link" in dialog.text_content()  # the procedure it cites (maybe behind "Why?")
    assert dialog.get_attribute("data-guard-source") == "local"
    assert {"Open it first", "Repost anyway", "Cancel"} <= set(buttons(page))
    assert sent(page) == []
    choose(page, "Repost anyway")
    assert wait_sent(page, 1) == ["repost: post-link"]
    warning(page).wait_for(state="detached")
    assert sent(page) == ["repost: post-link"]
    assert site.wait_posted("post-link")


def test_cancel_reposts_nothing(page, site):
    page.goto(X_PAGE)
    open_x_menu(page, "post-link")
    page.click("[data-testid='retweetConfirm']")
    expect_warning(page, "link.unvisited")
    choose(page, "Cancel")
    warning(page).wait_for(state="detached")
    assert sent(page) == [] and site.texts() == []


def test_open_it_first_opens_the_link_then_the_repost_needs_no_dialog(page, site):
    page.goto(X_PAGE)
    open_x_menu(page, "post-link")
    page.click("[data-testid='retweetConfirm']")
    expect_warning(page, "link.unvisited")
    with page.context.expect_page() as new_tab:
        choose(page, "Open it first")
    tab = new_tab.value
    tab.wait_for_load_state()
    assert tab.url.startswith("https://t.co/Rk2Xq9Lm0p")  # the link itself, in a new tab
    tab.close()
    warning(page).wait_for(state="detached")
    assert sent(page) == []
    # The user has looked at it now: the same repost goes through with no dialog.
    if page.locator("#layers [data-testid='retweetConfirm']").count() == 0:
        open_x_menu(page, "post-link")
    page.click("[data-testid='retweetConfirm']")
    assert wait_sent(page, 1) == ["repost: post-link"]
    assert warning(page).count() == 0


def test_two_quick_clicks_and_a_redrawn_menu_give_one_dialog_and_one_repost(page, site):
    page.goto(X_PAGE)
    open_x_menu(page, "post-link")
    page.dblclick("[data-testid='retweetConfirm']")
    expect_warning(page, "link.unvisited")
    # The page draws its menu again while the dialog is open, and something clicks the new item.
    page.evaluate("() => { window.redrawMenu(); document.querySelector('[data-testid=retweetConfirm]').click(); }")
    assert page.locator(WARNING).count() == 1
    assert sent(page) == []
    choose(page, "Repost anyway")
    assert wait_sent(page, 1) == ["repost: post-link"]
    warning(page).wait_for(state="detached")
    assert sent(page) == ["repost: post-link"]


def test_a_repost_dialog_replaced_by_another_warning_does_not_block_the_next_repost(page, site):
    page.goto(X_PAGE)
    open_x_menu(page, "post-link")
    page.click("[data-testid='retweetConfirm']")
    expect_warning(page, "link.unvisited")
    # A script of the page opens the Messages tab meanwhile: the DM warning takes the screen.
    page.evaluate("() => document.querySelector('[data-testid=AppTabBar_DirectMessage_Link]').click()")
    expect_warning(page, "direct_message")
    assert sent(page) == []
    choose(page, "Go back")
    warning(page).wait_for(state="detached")
    if page.locator("#layers [data-testid='retweetConfirm']").count() == 0:
        open_x_menu(page, "post-link")
    page.click("[data-testid='retweetConfirm']")
    expect_warning(page, "link.unvisited")  # asked again, not silently swallowed
    choose(page, "Repost anyway")
    assert wait_sent(page, 1) == ["repost: post-link"]


def test_the_second_click_of_a_double_click_never_makes_the_choice(page, site):
    page.goto(X_PAGE)
    open_x_menu(page, "post-link")
    page.click("[data-testid='retweetConfirm']")
    expect_warning(page, "link.unvisited")
    # A double click on Repost whose second click lands on the dialog's "Repost anyway".
    box = page.locator(WARNING).get_by_role("button", name="Repost anyway").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down(click_count=2)
    page.mouse.up(click_count=2)
    assert page.locator(WARNING).is_visible()
    assert sent(page) == []
    choose(page, "Repost anyway")  # a click of its own
    assert wait_sent(page, 1) == ["repost: post-link"]


def test_quote_of_a_post_with_an_unopened_link_is_checked_first(page, site):
    page.goto(X_PAGE)
    open_x_menu(page, "post-link")
    page.click("#layers a[role='menuitem'][href='/compose/post']")
    dialog = expect_warning(page, "link.unvisited")
    assert X_TARGET in dialog.inner_text()
    assert sent(page) == []
    choose(page, "Repost anyway")
    assert wait_sent(page, 1) == ["quote: post-link"]


def test_the_menu_opened_and_chosen_by_keyboard_is_held_too(page, site):
    page.goto(X_PAGE)
    page.focus("#post-link [data-testid='retweet']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#layers [data-testid='retweetConfirm']")
    page.focus("[data-testid='retweetConfirm']")
    page.keyboard.press("Enter")
    expect_warning(page, "link.unvisited")
    assert sent(page) == []
    choose(page, "Cancel")
    warning(page).wait_for(state="detached")
    assert sent(page) == []


def test_an_unsafe_link_is_named_and_not_offered_for_opening(page, site):
    page.goto(X_PAGE)
    open_x_menu(page, "post-unsafe")
    page.click("[data-testid='retweetConfirm']")
    dialog = expect_warning(page, "link.ip_literal")
    text = dialog.inner_text()
    assert "http://192.168.4.20/claim" in text and "You have not opened this link" in text
    assert "Open it first" not in buttons(page)  # not a link to open from here
    assert {"Repost anyway", "Cancel"} <= set(buttons(page))
    choose(page, "Cancel")
    warning(page).wait_for(state="detached")
    assert sent(page) == []


def test_a_clean_repost_a_like_and_a_bookmark_raise_nothing(page, site):
    page.goto(X_PAGE)
    page.click("#post-link [data-testid='like']")
    page.click("#post-link [data-testid='bookmark']")
    page.wait_for_function("() => document.querySelector('#post-link [data-testid=bookmark]').getAttribute('aria-pressed') === 'true'")
    open_x_menu(page, "post-clean")
    page.click("[data-testid='retweetConfirm']")
    assert wait_sent(page, 1) == ["repost: post-clean"]
    assert warning(page).count() == 0
    assert page.get_attribute("#post-link [data-testid='like']", "aria-pressed") == "true"


def test_facebook_share_now_unwraps_l_facebook_com_and_skips_comments(page, site):
    page.goto(FB_PAGE)
    page.click("#post-link [aria-label^='Send this to friends']")
    page.click("text=Share now (Friends)")
    dialog = expect_warning(page, "link.unvisited")
    text = dialog.inner_text()
    assert "https://example.org/science-camp" in text  # the target of l.facebook.com/l.php?u=
    assert "l.facebook.com" not in text
    assert "other.example.net" not in text  # a commenter's link is not what is reposted
    assert sent(page) == []
    choose(page, "Repost anyway")
    assert wait_sent(page, 1) == ["repost: post-link"]


def test_facebook_share_to_feed_is_held_and_a_clean_share_is_not(page, site):
    page.goto(FB_PAGE)
    page.click("#post-link [aria-label^='Send this to friends']")
    page.click("text=Share to Feed")
    expect_warning(page, "link.unvisited")
    choose(page, "Cancel")
    warning(page).wait_for(state="detached")
    assert sent(page) == []
    page.click("#post-clean [aria-label='Like']")
    page.click("#post-clean [aria-label^='Send this to friends']")
    page.click("text=Share now (Friends)")
    assert wait_sent(page, 1) == ["repost: post-clean"]
    assert warning(page).count() == 0


def open_instagram_share(page, post: str) -> None:
    """The share plane also opens "send to people" (a DM entry point), which may ask first."""
    page.click(f"#{post} [data-testid='share-plane']")
    page.wait_for_selector(f"#layers button:has-text('Add post to your story'), {WARNING}")
    if warning(page, "direct_message").count():
        continue_with_reason(page)
        warning(page).wait_for(state="detached")
        if page.locator("#layers button").count() == 0:
            page.click(f"#{post} [data-testid='share-plane']")
    page.wait_for_selector("#layers button:has-text('Add post to your story')")


def test_instagram_add_post_to_your_story_checks_the_caption_link(page, site):
    page.goto(IG_PAGE)
    open_instagram_share(page, "post-link")
    page.click("#layers button:has-text('Add post to your story')")
    dialog = expect_warning(page, "link.unvisited")
    assert "example.org/bake-sale" in dialog.inner_text()
    assert sent(page) == []
    choose(page, "Repost anyway")
    assert wait_sent(page, 1) == ["story: post-link"]


def test_instagram_clean_story_share_raises_nothing(page, site):
    page.goto(IG_PAGE)
    open_instagram_share(page, "post-clean")
    page.click("#layers button:has-text('Add post to your story')")
    assert wait_sent(page, 1) == ["story: post-clean"]
    assert warning(page, "link.unvisited").count() == 0


def test_with_the_helper_up_the_helper_judges_the_repost(page, site, paired):
    page.goto(X_PAGE)
    open_x_menu(page, "post-link")
    page.click("[data-testid='retweetConfirm']")
    dialog = expect_warning(page, "link.unvisited")
    assert dialog.get_attribute("data-guard-source") == "helper"
    assert X_TARGET in dialog.inner_text()
    assert sent(page) == []
    choose(page, "Repost anyway")
    assert wait_sent(page, 1) == ["repost: post-link"]
    open_x_menu(page, "post-clean")
    page.click("[data-testid='retweetConfirm']")
    assert wait_sent(page, 2) == ["repost: post-link", "repost: post-clean"]
    assert warning(page).count() == 0


def test_spanish_facebook_share_is_held_in_spanish(spanish, site):
    page = spanish.new_page()
    try:
        page.goto(FB_PAGE + "?lang=es")
        page.click("#post-link [aria-label='Envía esto a tus amigos o publícalo en tu perfil.']")
        page.click("text=Compartir ahora (Amigos)")
        dialog = expect_warning(page, "link.unvisited")
        text = dialog.inner_text()
        assert "Revise esta publicación antes de volver a publicarla" in text
        assert "No ha abierto este enlace" in text  # the rule's own Spanish message
        assert "https://example.org/science-camp" in text
        assert {"Ábralo primero", "Volver a publicar de todos modos", "Cancelar"} <= set(buttons(page))
        choose(page, "Cancelar")
        warning(page).wait_for(state="detached")
        assert sent(page) == []
        page.click("#post-link [aria-label='Envía esto a tus amigos o publícalo en tu perfil.']")
        page.click("text=Compartir en el feed")
        expect_warning(page, "link.unvisited")
        choose(page, "Volver a publicar de todos modos")
        assert wait_sent(page, 1) == ["share_feed: post-link"]
    finally:
        page.close()
