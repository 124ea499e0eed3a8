"""Unsafe links on the page: a warning before navigation, with the real target unwrapped from
l.facebook.com/l.php?u= and, for X's t.co, taken from the address the page shows."""
from __future__ import annotations

from helpers import choose, expect_warning, no_warning, nothing_shown, wait_guard_state


def test_unsafe_facebook_link_is_unwrapped_and_warned(page, site):
    page.goto("https://www.facebook.com/")
    page.click('[data-testid="unsafe-link"]')
    dialog = expect_warning(page, "link.ip_literal")
    assert "http://192.168.4.20/login" in dialog.inner_text()  # the unwrapped target, not l.facebook.com
    assert "security warnings" in dialog.inner_text()  # the procedure section it cites
    wait_guard_state(page, "link-warned")  # the link is held while its warning is up
    assert page.url == "https://www.facebook.com/" and site.visits == []
    choose(page, "Stay on this page")
    assert nothing_shown(page)
    assert page.url == "https://www.facebook.com/"
    page.click('[data-testid="unsafe-link"]')
    expect_warning(page, "link.ip_literal")
    choose(page, "Open anyway")
    page.wait_for_url("https://l.facebook.com/**")
    assert len(site.visits) == 1


def test_a_link_on_a_dynamic_dns_name_gets_a_calm_check_first_warning(page, site):
    page.goto("https://www.facebook.com/")
    page.click('[data-testid="risky-host-link"]')
    dialog = expect_warning(page, "link.blocklisted")
    text = dialog.inner_text()
    assert "https://teacher-grants.duckdns.org/apply" in text
    assert "free hosting or dynamic-DNS name that anyone can set up in minutes" in text
    assert "security warnings" in text
    wait_guard_state(page, "link-warned")  # the link is held while its warning is up
    assert site.visits == []
    choose(page, "Open anyway")
    page.wait_for_url("https://l.facebook.com/**")
    assert len(site.visits) == 1


def test_safe_facebook_link_opens_without_warning(page, site):
    page.goto("https://www.facebook.com/")
    page.click('[data-testid="safe-link"]')
    page.wait_for_url("https://l.facebook.com/**")
    assert site.visits and "molineschools" in site.visits[0]


def test_unsafe_tco_link_uses_the_shown_address(page, site):
    page.goto("https://x.com/home")
    page.click('[data-testid="unsafe-tco"]')
    dialog = expect_warning(page, "link.ip_literal")
    assert "192.168.4.20/login" in dialog.inner_text()
    with page.context.expect_page() as new_tab:
        choose(page, "Open anyway")
    new_tab.value.wait_for_load_state()
    assert new_tab.value.url.startswith("https://t.co/")
    new_tab.value.close()


def test_safe_tco_link_opens_without_warning(page, site):
    page.goto("https://x.com/home")
    page.hover('[data-testid="safe-tco"]')  # checked ahead while the pointer is on it
    # The pointer rests on the link as a person's does before clicking (the look-ahead check under
    # test writes no page state of its own; the click's answer below does).
    page.wait_for_timeout(200)
    with page.context.expect_page() as new_tab:
        page.click('[data-testid="safe-tco"]')
    new_tab.value.wait_for_load_state()
    assert new_tab.value.url.startswith("https://t.co/")
    assert no_warning(page)
    new_tab.value.close()


def test_unsafe_link_in_a_draft_is_a_finding(page, site):
    page.goto("https://www.facebook.com/")
    page.click('[aria-label="Write a comment…"]')
    page.keyboard.type("Sign up here: http://192.168.4.20/login")
    page.keyboard.press("Enter")
    expect_warning(page, "link.ip_literal")
    wait_guard_state(page, "warned")  # the draft is held while its warning is up
    assert site.texts() == []


def test_ctrl_click_open_anyway_opens_a_new_tab(page, site):
    page.goto("https://www.facebook.com/")
    page.click('[data-testid="unsafe-link"]', modifiers=["Control"])
    expect_warning(page, "link.ip_literal")
    with page.context.expect_page() as new_tab:
        choose(page, "Open anyway")
    new_tab.value.wait_for_load_state()
    assert new_tab.value.url.startswith("https://l.facebook.com/")
    assert page.url == "https://www.facebook.com/"
    new_tab.value.close()


def test_link_warning_with_the_helper_up(page, site, paired):
    page.goto("https://www.facebook.com/")
    page.click('[data-testid="unsafe-link"]')
    expect_warning(page, "link.ip_literal")
    assert page.url == "https://www.facebook.com/"
