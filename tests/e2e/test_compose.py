"""Compose interception on every composer kind of the three sites: quiet hints while typing; at
send (button, Enter or Ctrl+Enter) a dialog listing each finding with its procedure citation and
the matched text, "Edit" (default, back to the editor) and "Post anyway"; clean drafts go through.
The look-alike pages record what is really sent, so each test proves what was and was not posted."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from helpers import WARNING, choose, continue_with_reason, expect_warning, focused_is, nothing_shown, wait_guard_state


@dataclass
class Composer:
    name: str
    url: str
    editor: str
    button: str
    key: str | None  # the key that sends, or None
    open_with: str | None = None  # a click that opens the composer
    dm: bool = False


COMPOSERS = [
    Composer("x-post", "https://x.com/home", 'main > [data-testid="tweetTextarea_0"] [contenteditable="true"]',
             '[data-testid="tweetButtonInline"]', "Control+Enter"),
    Composer("x-reply", "https://x.com/mcv_schools/status/1234567890", '[data-testid="tweetTextarea_0"] [contenteditable="true"]',
             '[data-testid="tweetButtonInline"]', "Control+Enter"),
    Composer("x-compose-modal", "https://x.com/compose/post", '.modal [data-testid="tweetTextarea_0"] [contenteditable="true"]',
             '[data-testid="tweetButton"]', "Control+Enter"),
    Composer("x-quote", "https://x.com/compose/post?quote=1", '.modal [data-testid="tweetTextarea_0"] [contenteditable="true"]',
             '[data-testid="tweetButton"]', "Control+Enter"),
    Composer("x-dm", "https://x.com/messages/123-456", '[data-testid="dmComposerTextInput"] [contenteditable="true"]',
             '[data-testid="dmComposerSendButton"]', "Enter", dm=True),
    Composer("facebook-post", "https://www.facebook.com/", '[role="dialog"] [data-lexical-editor="true"]',
             '[role="dialog"] [aria-label="Post"]', None, open_with="#whats-on-your-mind"),
    Composer("facebook-comment", "https://www.facebook.com/", '[aria-label="Write a comment…"]',
             '[aria-label="Comment"]', "Enter"),
    Composer("facebook-messages", "https://www.facebook.com/messages/t/100", 'main [aria-label="Message"]',
             '[aria-label="Press enter to send"]', "Enter", dm=True),
    Composer("messenger", "https://www.messenger.com/t/100", '[aria-label="Message"]',
             '[aria-label="Press enter to send"]', "Enter", dm=True),
    Composer("instagram-comment", "https://www.instagram.com/", 'textarea[aria-label="Add a comment…"]',
             'article [role="button"]', "Enter"),
    Composer("instagram-caption", "https://www.instagram.com/create/", '[aria-label="Write a caption..."]',
             'main [role="button"]', None),
    Composer("instagram-dm", "https://www.instagram.com/direct/t/555/", '[aria-label="Message"]',
             'main [role="button"]', "Enter", dm=True),
]
IDS = [c.name for c in COMPOSERS]
RISKY = "Call me at 309-555-0142 after the game"
CLEAN = "Great game tonight, go Maroons"


def open_composer(page, c: Composer):
    page.goto(c.url)
    if c.dm:
        expect_warning(page, "direct_message")
        continue_with_reason(page)
    if c.open_with:
        page.click(c.open_with)
    page.wait_for_selector(c.editor)


def type_draft(page, c: Composer, text: str):
    page.click(c.editor)
    page.keyboard.type(text, delay=2)


def send(page, c: Composer, how: str):
    if how == "key":
        page.keyboard.press(c.key)
    else:
        page.click(c.button)


def editor_text(page, c: Composer) -> str:
    return page.eval_on_selector(c.editor, "e => (e.value !== undefined && e.tagName === 'TEXTAREA' ? e.value : e.innerText).trim()")


@pytest.mark.parametrize("c", COMPOSERS, ids=IDS)
def test_risky_draft_is_held_then_edit_then_post_anyway(page, site, c):
    open_composer(page, c)
    type_draft(page, c, RISKY)
    send(page, c, "button")
    dialog = expect_warning(page, "pii.phone")
    text = dialog.inner_text()
    assert "309-555-0142" in text  # the matched text
    assert "Procedure" in text and "Personal Safety" in text  # the citation
    assert dialog.get_by_role("button", name="Edit").evaluate("b => b.getRootNode().activeElement === b")
    wait_guard_state(page, "warned")  # the draft is held while its warning is up
    assert site.texts() == []  # nothing was sent
    choose(page, "Edit")
    assert nothing_shown(page)
    assert focused_is(page, c.editor)  # back in the editor, draft intact
    assert RISKY in editor_text(page, c)
    assert site.texts() == []
    send(page, c, "button")
    expect_warning(page, "pii.phone")
    choose(page, "Post anyway")
    assert site.wait_posted(RISKY)


@pytest.mark.parametrize("c", [c for c in COMPOSERS if c.key], ids=[c.name for c in COMPOSERS if c.key])
def test_send_key_is_intercepted(page, site, c):
    open_composer(page, c)
    type_draft(page, c, "Jordan's SSN is 123-45-6789")
    send(page, c, "key")
    dialog = expect_warning(page, "pii.ssn")
    assert "123-45-6789" in dialog.inner_text()
    wait_guard_state(page, "warned")  # the draft is held while its warning is up
    assert site.texts() == []
    page.keyboard.press("Escape")  # Escape is Edit
    assert nothing_shown(page)
    assert focused_is(page, c.editor)
    send(page, c, "key")
    expect_warning(page, "pii.ssn")
    page.locator(WARNING).locator("select").select_option("district_account")  # Must fix: a reason first
    choose(page, "Post anyway")
    assert site.wait_posted("123-45-6789")


@pytest.mark.parametrize("c", COMPOSERS, ids=IDS)
def test_clean_draft_posts(page, site, c):
    open_composer(page, c)
    type_draft(page, c, CLEAN)
    send(page, c, "key" if c.key else "button")
    assert site.wait_posted(CLEAN)
    assert page.locator(WARNING).count() == 0


@pytest.mark.parametrize("c", [COMPOSERS[0], COMPOSERS[6], COMPOSERS[9]], ids=["x-post", "facebook-comment", "instagram-comment"])
def test_clean_draft_sent_immediately_after_typing(page, site, c):
    """Sent before the while-typing check has answered: held for the check, then sent by itself."""
    open_composer(page, c)
    page.click(c.editor)
    page.keyboard.insert_text(CLEAN)
    send(page, c, "button")
    assert site.wait_posted(CLEAN)


def test_quiet_hint_while_typing(page, site):
    c = COMPOSERS[0]
    open_composer(page, c)
    type_draft(page, c, RISKY)
    hint = page.locator('[role="status"][data-guard-category="pii.phone"]')
    hint.wait_for(state="visible")
    assert "1 thing to check" in hint.inner_text()
    assert page.locator(WARNING).count() == 0  # a hint, not a dialog
    # The editor's DOM is the site's own: Social Guard added nothing inside it.
    assert page.eval_on_selector(c.editor, "e => e.querySelectorAll('social-guard-root, [data-guard-category]').length") == 0
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    page.keyboard.type(CLEAN)
    hint.wait_for(state="hidden")


def test_several_findings_are_each_listed(page, site):
    c = COMPOSERS[6]
    open_composer(page, c)
    type_draft(page, c, "Email jordan.smith@example.com or call 309-555-0142, SSN 123-45-6789")
    send(page, c, "key")
    dialog = expect_warning(page, "pii.ssn")  # the most serious finding names the dialog
    items = dialog.locator("li")
    assert items.count() >= 3
    cats = {items.nth(i).get_attribute("data-category") for i in range(items.count())}
    assert {"pii.email", "pii.phone", "pii.ssn"} <= cats


def test_block_mode_has_no_post_anyway_for_blocking_findings(page, site, ext):
    ext.set({"mode": "block"})
    c = COMPOSERS[0]
    open_composer(page, c)
    type_draft(page, c, "SSN 123-45-6789")
    send(page, c, "button")
    dialog = expect_warning(page, "pii.ssn")
    assert dialog.get_by_role("button", name="Post anyway").count() == 0
    choose(page, "Edit")
    assert nothing_shown(page)
    assert site.texts() == []


def test_compose_check_uses_the_helper_when_paired(page, site, paired):
    c = COMPOSERS[6]
    open_composer(page, c)
    type_draft(page, c, RISKY)
    send(page, c, "key")
    dialog = expect_warning(page, "pii.phone")
    assert dialog.get_attribute("data-guard-source") == "helper"
    choose(page, "Post anyway")
    assert site.wait_posted(RISKY)


def test_compose_check_with_the_helper_down(page, site):
    c = COMPOSERS[9]
    open_composer(page, c)
    type_draft(page, c, RISKY)
    send(page, c, "key")
    dialog = expect_warning(page, "pii.phone")
    assert dialog.get_attribute("data-guard-source") == "local"


@pytest.mark.parametrize("c", [COMPOSERS[0], COMPOSERS[5], COMPOSERS[10]], ids=["x-post", "facebook-post", "instagram-caption"])
def test_clean_draft_checked_while_typing_is_sent_with_no_hold(page, site, c):
    """Once the while-typing check has found nothing, Post goes to the site in the same click."""
    open_composer(page, c)
    type_draft(page, c, CLEAN)
    wait_guard_state(page, "clear")  # the debounced check has answered
    sent_in_same_task = page.evaluate(
        "(sel) => { const n = Fixture.sent.length; const b = document.querySelector(sel);"
        " b.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true})); return Fixture.sent.length - n; }",
        c.button)
    assert sent_in_same_task == 1
    assert site.wait_posted(CLEAN)
