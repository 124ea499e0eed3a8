"""Direct messages: a covering warning before any DM view is usable, on every DM surface of the
three sites, by direct load, in-app navigation (history API, back/forward) and entry-point clicks;
"Go back" (the default) and "Continue" with a reason; block mode; the helper down; a site switched off."""
from __future__ import annotations

import pytest

from helpers import accessible_name, choose, continue_with_reason, expect_warning, nothing_shown

DM_COMPOSER = {
    "x": '[data-testid="dmComposerTextInput"] [contenteditable="true"]',
    "facebook": '[role="textbox"][aria-label="Message"]',
    "messenger": '[role="textbox"][aria-label="Message"]',
    "instagram": '[role="textbox"][aria-label="Message"]',
}

DIRECT_LOADS = [
    ("x", "https://x.com/messages"),
    ("x", "https://x.com/messages/123-456"),
    ("x", "https://x.com/messages/compose"),
    ("x", "https://x.com/i/chat"),
    ("x", "https://twitter.com/messages"),
    ("facebook", "https://www.facebook.com/messages/t/100"),
    ("facebook", "https://www.facebook.com/messages/e2ee/t/100"),
    ("messenger", "https://www.messenger.com/t/100"),
    ("instagram", "https://www.instagram.com/direct/inbox/"),
    ("instagram", "https://www.instagram.com/direct/t/555/"),
]


def composer_text(page, site):
    return page.eval_on_selector(DM_COMPOSER[site], "e => e.innerText.trim()")


@pytest.mark.parametrize("site_id,url", DIRECT_LOADS, ids=[u.split("//")[1] for _, u in DIRECT_LOADS])
def test_direct_load_is_covered_before_typing(page, site, site_id, url):
    page.goto(url)
    dialog = expect_warning(page, "direct_message")
    assert "direct message" in accessible_name(page).lower()
    # The site focuses its DM composer as it opens; nothing typed may reach it.
    page.keyboard.type("hello")
    page.wait_for_selector(DM_COMPOSER[site_id], state="attached")
    assert composer_text(page, site_id) == ""
    # The procedure is cited, its own words included, and the safe choice is the focused default.
    dialog.get_by_text("Never share", exact=False).first.wait_for()
    assert "NEVER use direct messaging within a Social Media channel" in dialog.inner_text()
    assert dialog.evaluate("d => d.getRootNode().activeElement && d.getRootNode().activeElement.textContent") == "Go back"
    # The DM text of the page is covered: clicking where the composer is does not reach it.
    page.mouse.click(640, 400)
    assert composer_text(page, site_id) == ""
    assert site.texts() == []


def test_go_back_leaves_the_dm_and_back_forward_warns_again(page):
    page.goto("https://x.com/home")
    assert nothing_shown(page)
    page.evaluate("fixtureNavigate('/messages/123-456')")  # the app navigates by itself (history API)
    expect_warning(page, "direct_message")
    page.keyboard.press("Enter")  # Enter on the focused default: Go back
    page.wait_for_url("https://x.com/home")
    assert nothing_shown(page)
    page.go_forward()
    expect_warning(page, "direct_message")
    page.go_back()
    page.wait_for_url("https://x.com/home")
    page.wait_for_function("() => !document.querySelector('social-guard-root')?.shadowRoot.querySelector('[role=alertdialog]')")


IN_APP = [
    ("https://x.com/home", "/messages"),
    ("https://x.com/home", "/messages/compose"),
    ("https://x.com/home", "/i/chat"),
    ("https://www.facebook.com/", "/messages/t/100"),
    ("https://www.instagram.com/", "/direct/inbox/"),
    ("https://www.instagram.com/coach.lee/", "/direct/t/555/"),
]


@pytest.mark.parametrize("start,path", IN_APP, ids=[f"{s.split('/')[2]}{p}" for s, p in IN_APP])
def test_in_app_navigation_and_back_forward(page, start, path):
    page.goto(start)
    assert nothing_shown(page)
    page.evaluate("(p) => fixtureNavigate(p)", path)
    expect_warning(page, "direct_message")
    choose(page, "Go back")
    page.wait_for_url(start)
    assert nothing_shown(page)
    page.go_forward()  # the browser's Forward button lands on the DM again
    expect_warning(page, "direct_message")


def test_escape_is_go_back(page):
    page.goto("https://x.com/home")
    page.evaluate("fixtureNavigate('/i/chat')")
    expect_warning(page, "direct_message")
    page.keyboard.press("Escape")
    page.wait_for_url("https://x.com/home")


def test_continue_needs_a_reason_then_the_dm_works(page, site):
    page.goto("https://www.instagram.com/direct/t/555/")
    dialog = expect_warning(page, "direct_message")
    cont = dialog.get_by_role("button", name="Continue")
    cont.wait_for()
    assert cont.is_disabled()
    continue_with_reason(page, "safety_report")
    assert nothing_shown(page)
    page.click(DM_COMPOSER["instagram"])
    page.keyboard.type("Practice moved to 4pm")
    page.keyboard.press("Enter")
    assert site.wait_posted("Practice moved to 4pm")


ENTRY_POINTS = [
    ("x-nav-link", "https://x.com/home", '[data-testid="AppTabBar_DirectMessage_Link"]', "x", "https://x.com/messages"),
    ("x-profile-message", "https://x.com/teacher_ana", '[data-testid="sendDMFromProfile"]', "x", "https://x.com/messages/123-456"),
    ("facebook-messenger-link", "https://www.facebook.com/", 'nav a[aria-label="Messenger"]', "facebook", "https://www.facebook.com/messages/t/100"),
    ("messenger-inbox-thread", None, None, None, None),
    ("instagram-nav-link", "https://www.instagram.com/", 'nav a[aria-label="Direct messaging"]', "instagram", "https://www.instagram.com/direct/inbox/"),
    ("instagram-profile-message", "https://www.instagram.com/coach.lee/", 'main [role="button"]', "instagram", "https://www.instagram.com/direct/t/555/"),
]


@pytest.mark.parametrize("name,start,selector,site_id,dm_url", [e for e in ENTRY_POINTS if e[1]], ids=[e[0] for e in ENTRY_POINTS if e[1]])
def test_entry_point_click_warns_before_the_dm_opens(page, name, start, selector, site_id, dm_url):
    page.goto(start)
    assert nothing_shown(page)
    page.click(selector)
    expect_warning(page, "direct_message")
    assert page.url == start  # the DM did not open
    assert page.locator(DM_COMPOSER[site_id]).filter(visible=True).count() == 0
    choose(page, "Go back")
    assert nothing_shown(page)
    assert page.url == start
    # Keyboard users reach the same warning: focus the entry point and press Enter.
    page.focus(selector)
    page.keyboard.press("Enter")
    expect_warning(page, "direct_message")
    continue_with_reason(page)
    page.wait_for_url(dm_url)
    page.wait_for_selector(DM_COMPOSER[site_id])
    assert nothing_shown(page)


def test_x_dm_drawer_header_is_an_entry_point(page):
    page.goto("https://x.com/home")
    page.click('[data-testid="DMDrawerHeader"]')
    expect_warning(page, "direct_message")
    assert page.locator('[data-testid="DmScrollerContainer"]').count() == 0
    choose(page, "Go back")
    assert page.locator('[data-testid="DmScrollerContainer"]').count() == 0
    page.click('[data-testid="DMDrawerHeader"]')
    continue_with_reason(page)
    page.wait_for_selector('[data-testid="DMDrawer"] [data-testid="DmScrollerContainer"]')
    assert nothing_shown(page)


def test_facebook_chat_popup_is_covered_when_it_appears(page):
    page.goto("https://www.facebook.com/")
    assert nothing_shown(page)
    page.evaluate("fixtureOpenChat()")  # a chat pop-up opens by itself (an incoming message)
    expect_warning(page, "direct_message")
    page.keyboard.type("hi")
    assert page.eval_on_selector('#chats [role="textbox"]', "e => e.innerText.trim()") == ""
    choose(page, "Go back")  # closes the pop-up with the site's own close button
    page.wait_for_selector('[aria-label="Chat with Sam Lee"]', state="detached")
    assert nothing_shown(page)


def test_facebook_profile_message_button_opens_no_chat_until_continue(page, site):
    page.goto("https://www.facebook.com/sam.lee")
    page.click('main [aria-label="Message"]')
    expect_warning(page, "direct_message")
    assert page.locator('[aria-label="Chat with Sam Lee"]').count() == 0
    continue_with_reason(page, "approved_by_admin")
    page.wait_for_selector('[aria-label="Chat with Sam Lee"]')
    page.click('#chats [role="textbox"]')
    page.keyboard.type("See you at conferences")
    page.keyboard.press("Enter")
    assert site.wait_posted("See you at conferences")


def test_messenger_inbox_thread_link(page):
    page.goto("https://www.messenger.com/")
    expect_warning(page, "direct_message")  # every Messenger page is a DM surface
    continue_with_reason(page)
    page.click('a[href="/t/100"]')
    page.wait_for_url("https://www.messenger.com/t/100")
    assert nothing_shown(page)


def test_block_mode_offers_no_continue(page, ext):
    ext.set({"mode": "block"})
    page.goto("https://www.facebook.com/messages/t/100")
    dialog = expect_warning(page, "direct_message")
    dialog.get_by_text("does not allow continuing").wait_for()
    assert dialog.get_by_role("button", name="Continue").count() == 0
    assert dialog.locator("select").count() == 0
    choose(page, "Go back")
    page.wait_for_url("https://www.facebook.com/")


def test_dm_warning_with_the_helper_down_uses_the_local_engine(page):
    page.goto("https://x.com/messages")
    dialog = expect_warning(page, "direct_message")
    page.wait_for_function("() => document.querySelector('social-guard-root').shadowRoot.querySelector('[data-guard-source]')")
    assert dialog.get_attribute("data-guard-source") == "local"


def test_dm_warning_with_the_helper_up(page, paired):
    page.goto("https://x.com/messages")
    dialog = expect_warning(page, "direct_message")
    page.wait_for_function("() => document.querySelector('social-guard-root').shadowRoot.querySelector('[data-guard-source]')")
    assert dialog.get_attribute("data-guard-source") == "helper"


def test_site_switched_off_shows_nothing(page, ext):
    ext.set({"sites": {"x": False}})
    page.goto("https://x.com/messages")
    assert nothing_shown(page)  # the scripts have settled on this page: no DM cover
    page.click(DM_COMPOSER["x"])
    page.keyboard.type("ok")
    assert page.eval_on_selector(DM_COMPOSER["x"], "e => e.innerText.trim()") == "ok"


@pytest.mark.skipif(not __import__("pathlib").Path("/usr/lib/chromium/locales/es.pak").exists(),
                    reason="Chromium's Spanish UI needs the chromium-l10n package")
def test_spanish_interface(pw, built_ext, site, tmp_path):
    from browser import launch
    from tests.support.siteserver import resolver_rules

    ctx = launch(pw, built_ext, tmp_path / "profile-es", tmp_path, resolver_rules(site.port), lang="es-ES")
    try:
        p = ctx.new_page()
        p.goto("https://www.instagram.com/direct/inbox/")
        dialog = expect_warning(p, "direct_message")
        dialog.get_by_role("button", name="Volver").wait_for()
        p.wait_for_function("() => /mensajes directos/.test(document.querySelector('social-guard-root').shadowRoot.querySelector('li').textContent)")
    finally:
        ctx.close()


def test_keyboard_only_continue(page, site):
    """Tab to the reason, pick one with the arrow keys, Tab to Continue, Enter: no mouse needed."""
    page.goto("https://www.facebook.com/messages/t/100")
    dialog = expect_warning(page, "direct_message")
    dialog.get_by_role("button", name="Continue").wait_for()
    focused = "() => { const r = document.querySelector('social-guard-root').shadowRoot; const a = r.activeElement; return a && (a.getAttribute('data-role') || a.tagName); }"
    assert page.evaluate(focused) == "primary"
    for _ in range(4):
        page.keyboard.press("Shift+Tab")
        if page.evaluate(focused) == "reason":
            break
    assert page.evaluate(focused) == "reason"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "secondary"
    page.keyboard.press("Enter")
    assert nothing_shown(page)
    page.click('main [aria-label="Message"]')
    page.keyboard.type("Thanks")
    page.keyboard.press("Enter")
    assert site.wait_posted("Thanks")


def test_page_removing_the_warning_gets_it_back(page):
    page.goto("https://x.com/messages")
    expect_warning(page, "direct_message")
    page.evaluate("() => document.querySelector('social-guard-root').remove()")
    page.evaluate("() => document.body.appendChild(document.createElement('div'))")  # any later change
    expect_warning(page, "direct_message")
    page.keyboard.type("hello")
    assert page.eval_on_selector(DM_COMPOSER["x"], "e => e.innerText.trim()") == ""


def test_x_drawer_opened_by_the_site_is_covered_and_go_back_closes_it(page):
    page.goto("https://x.com/home")
    assert nothing_shown(page)
    page.evaluate("fixtureToggleDrawer()")
    expect_warning(page, "direct_message")
    page.keyboard.type("hi")
    assert page.eval_on_selector(DM_COMPOSER["x"], "e => e.innerText.trim()") == ""
    choose(page, "Go back")
    page.wait_for_selector('[data-testid="DmScrollerContainer"]', state="detached")
    assert nothing_shown(page)


def test_prerendered_hidden_chat_is_covered_when_shown(page):
    page.goto("https://www.facebook.com/")
    assert nothing_shown(page)  # a hidden, pre-rendered chat is not a DM yet
    page.evaluate("document.getElementById('prerendered').hidden = false")
    expect_warning(page, "direct_message")
