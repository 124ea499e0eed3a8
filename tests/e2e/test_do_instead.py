"""'Do this instead' from the district profile (shared_rules/district.json: instead, public_phones,
public_addresses), in real Chromium, English and Spanish: the DM cover links the approved channels for
families and students; a phone number or an address offers the school office's public detail in one
click, as a copy of the draft with the matched text replaced, on the clipboard and in a box to
paste from; the site's editor keeps what the user typed; a schedule suggests posting after the event."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import COMMENT, expect_warning, send_comment

ROOT = Path(__file__).resolve().parents[2]
DISTRICT = json.loads((ROOT / "shared_rules" / "district.json").read_text(encoding="utf-8"))
OFFICE_PHONE = DISTRICT["public_phones"][0]
OFFICE_ADDRESS = DISTRICT["public_addresses"][0]


def editor_text(page) -> str:
    return page.eval_on_selector(COMMENT, "e => e.tagName === 'TEXTAREA' ? e.value : e.innerText").strip()


@pytest.fixture
def clipboard(ctx):
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin="https://www.facebook.com")
    yield
    ctx.clear_permissions()


def test_phone_number_one_click_office_number_in_a_copy(page, site, clipboard):
    draft = "Call me at 309-555-0142 after the game"
    send_comment(page, draft)
    dialog = expect_warning(page, "pii.phone")
    instead = dialog.locator('[data-role="instead"]')
    assert "Do this instead: Give the school office's public number instead." in instead.inner_text()
    instead.get_by_role("button", name="Use the office number").click()
    copy = dialog.get_by_label("Your post with the change, ready to paste:")
    expected = f"Call me at {OFFICE_PHONE} after the game"
    page.wait_for_function("(v) => document.querySelector('social-guard-root').shadowRoot"
                           ".querySelector('[data-role=\"copy-box\"]')?.value === v", arg=expected)
    assert copy.input_value() == expected
    dialog.get_by_text("Copied. Paste it into your post").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert editor_text(page) == draft, "the site's editor is never rewritten"
    dialog.get_by_role("button", name="Edit").click()
    assert editor_text(page) == draft and site.texts() == []


def test_address_one_click_office_address(page, site):
    send_comment(page, "Drop the forms at 4612 Oak Street tonight")
    dialog = expect_warning(page, "pii.address")
    dialog.get_by_role("button", name="Use the office address").click()
    copy = dialog.locator('[data-role="copy-box"]')
    copy.wait_for(state="visible")
    assert copy.input_value() == f"Drop the forms at {OFFICE_ADDRESS} tonight"
    assert editor_text(page) == "Drop the forms at 4612 Oak Street tonight"


def test_dm_cover_names_the_approved_channels_with_links(page):
    page.goto("https://www.instagram.com/direct/t/555/")
    dialog = expect_warning(page, "direct_message")
    remind = dialog.get_by_role("link", name="Remind")
    remind.wait_for()
    assert remind.get_attribute("href") == "https://www.remind.com/"
    assert dialog.get_by_role("link", name="The school's page").get_attribute("href") == "https://www.molineschools.org/"
    assert "use an approved channel instead" in dialog.locator('[data-role="instead"]').inner_text()


def test_schedule_suggests_posting_after_the_event(page):
    send_comment(page, "We'll be home alone all weekend while my husband travels")
    dialog = expect_warning(page, "pii.schedule")
    assert "Post about it after the event instead" in dialog.locator('[data-role="instead"]').inner_text()
    assert dialog.locator('[data-role="use-replacement"]').count() == 0


def test_spanish_do_this_instead(spanish):
    page = spanish.new_page()
    try:
        send_comment(page, "Llámame al 309-555-0142 después del partido")
        dialog = expect_warning(page, "pii.phone")
        assert "Haga esto en su lugar:" in dialog.locator('[data-role="instead"]').inner_text()
        dialog.get_by_role("button", name="Usar el número de la oficina").click()
        copy = dialog.get_by_label("Su publicación con el cambio, lista para pegar:")
        copy.wait_for()
        assert copy.input_value() == f"Llámame al {OFFICE_PHONE} después del partido"
        page.goto("https://www.instagram.com/direct/t/555/")
        dm = expect_warning(page, "direct_message")
        dm.get_by_role("link", name="La página de la escuela").wait_for()
    finally:
        page.close()
