"""Friction that matches the risk, in real Chromium, English and Spanish: findings listed "Must fix"
before "Check", each labelled by words and an icon; posting past a Must-fix finding (SSN, student
records, a home address: the district profile's must_fix_categories) needs a reason, a plain Check
does not; the procedure's passage shown once per dialog behind "Why?", under its section in plain
words (open from the start when something must be fixed)."""
from __future__ import annotations

from helpers import expect_warning, send_comment
from tests.support.waiting import wait_until

SAFETY_QUOTE = "Users should never share personal information, including phone number"


def labels(dialog) -> list[tuple[str, str]]:
    items = dialog.locator("li")
    return [(items.nth(i).get_attribute("data-severity"), items.nth(i).locator('[data-role="severity"]').inner_text())
            for i in range(items.count())]


def wait_queue(ext, predicate, timeout: float = 10.0) -> dict:
    return wait_until(lambda: next((e for e in ext.get(["eventQueue"]).get("eventQueue", []) if predicate(e)), None),
                      "the expected event to be queued", timeout, interval=0.1)


def test_must_fix_first_labelled_by_word_and_shape_and_needs_a_reason(ext, page, site):
    send_comment(page, "Call 309-555-0142, Jordan's SSN is 123-45-6789")
    dialog = expect_warning(page, "pii.ssn")
    found = labels(dialog)
    assert found[0] == ("block", "MUST FIX") and ("warn", "CHECK") in found[1:], found
    assert [s for s, _ in found] == sorted((s for s, _ in found), key=["block", "warn", "info"].index)
    # Not colour alone: an icon of a different shape beside each word.
    shapes = dialog.locator('[data-role="severity"] svg path:first-child').evaluate_all("ps => ps.map(p => p.getAttribute('d'))")
    assert len(set(shapes)) == 2
    post = dialog.get_by_role("button", name="Post anyway")
    assert post.is_disabled()
    dialog.get_by_label("Why do you need to post this?").select_option("public_information")
    assert post.is_enabled()
    post.click()
    assert site.wait_posted("123-45-6789")
    event = wait_queue(ext, lambda e: e.get("choice") == "post_anyway")
    assert event["reason"] == "public_information" and event["category"] == "pii.ssn"


def test_a_plain_check_posts_without_a_reason_and_keeps_why_one_click_away(page, site):
    send_comment(page, "Call me at 309-555-0142 after the game")
    dialog = expect_warning(page, "pii.phone")
    assert labels(dialog) == [("warn", "CHECK")]
    assert dialog.locator("select").count() == 0
    why = dialog.get_by_role("button", name="Why?")
    assert why.get_attribute("aria-expanded") == "false"
    assert SAFETY_QUOTE not in dialog.inner_text()
    why.click()
    assert why.get_attribute("aria-expanded") == "true"
    body = dialog.locator('[data-role="why-body"]')
    body.wait_for(state="visible")
    assert "Keeping yourself and others safe online" in body.inner_text()  # the section in plain words
    assert SAFETY_QUOTE in body.inner_text()
    assert "Procedure: Personal Safety" in dialog.inner_text()
    dialog.get_by_role("button", name="Post anyway").click()
    assert site.wait_posted("309-555-0142")


def test_the_quote_is_shown_once_per_dialog(page):
    send_comment(page, "Call 309-555-0142, Jordan's SSN is 123-45-6789")
    dialog = expect_warning(page, "pii.ssn")
    body = dialog.locator('[data-role="why-body"]')
    body.wait_for(state="visible")  # something must be fixed: the reason is in view at once
    assert dialog.get_by_role("button", name="Why?").get_attribute("aria-expanded") == "true"
    assert dialog.inner_text().count(SAFETY_QUOTE) == 1  # both findings cite the same passage


def test_a_home_address_is_must_fix_for_this_district(page, site):
    send_comment(page, "Drop the forms at 4612 Oak Street tonight")
    dialog = expect_warning(page, "pii.address")
    assert labels(dialog)[0] == ("block", "MUST FIX")
    assert dialog.get_by_role("button", name="Post anyway").is_disabled()
    dialog.get_by_role("button", name="Edit").click()
    assert site.texts() == []


def test_block_mode_still_stops_must_fix(ext, page, site):
    ext.set({"mode": "block"})
    send_comment(page, "Drop the forms at 4612 Oak Street tonight")
    dialog = expect_warning(page, "pii.address")
    assert dialog.get_by_role("button", name="Post anyway").count() == 0
    dialog.get_by_role("button", name="Edit").click()
    assert site.texts() == []


def test_spanish_labels_reason_and_why(spanish, site):
    page = spanish.new_page()
    try:
        send_comment(page, "Llame al 309-555-0142, el SSN de Jordan es 123-45-6789")
        dialog = expect_warning(page, "pii.ssn")
        found = labels(dialog)
        assert found[0] == ("block", "HAY QUE CORREGIRLO") and ("warn", "REVISAR") in found[1:], found
        assert dialog.get_by_role("button", name="¿Por qué?").get_attribute("aria-expanded") == "true"
        assert "Su seguridad y la de los demás en internet" in dialog.locator('[data-role="why-body"]').inner_text()
        post = dialog.get_by_role("button", name="Publicar de todos modos")
        assert post.is_disabled()
        dialog.get_by_label("¿Por qué necesita publicar esto?").select_option("district_account")
        assert post.is_enabled()
    finally:
        page.close()
