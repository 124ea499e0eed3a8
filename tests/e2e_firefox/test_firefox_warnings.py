"""What the warnings offer, in a real Firefox ESR (Marionette), English and Spanish: "Not a problem?"
on a compose warning and on the DM cover (one click thanks the user and queues a false_positive
event with the rule and site, never the text); "Must fix" before "Check", a reason before posting
past a Must-fix finding, the procedure's passage once behind "Why?". One Firefox per language."""
from __future__ import annotations

import json
from pathlib import Path

from firefox_session import FACEBOOK_COMMENT as COMMENT
from firefox_session import language_prefs
from tests.support.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
FIREFOX_PREFS = language_prefs("en-US")


def queued_false_positives(session) -> list[dict]:
    queue = session.ext_script("return browser.storage.local.get(['eventQueue']).then(r => r.eventQueue || [])")
    return [e for e in queue if e.get("kind") == "false_positive"]


def wait_false_positive(session) -> dict:
    found = []
    wait_until(lambda: found.extend(queued_false_positives(session)) or found, "the false_positive event", 10)
    return found[0]


def button_in(session, dialog, role: str):
    return session.wait(lambda m: dialog.find_element("css selector", f'[data-role="{role}"]'), 10, f"no {role}")


def test_compose_warning_not_a_problem(ff, site):
    ff.send_facebook_comment("Call me at 309-555-0142 after the game")
    dialog = ff.expect_warning("pii.phone")
    button = button_in(ff, dialog, "not-a-problem")
    assert button.text == "Not a problem?"
    ff.click_on(button)
    thanks = button_in(ff, dialog, "thanks")
    assert "Nothing you wrote was sent" in thanks.text
    event = wait_false_positive(ff)
    assert (event["rule"], event["site"], event["surface"]) == ("pii.phone.us", "facebook", "comment")
    assert "309-555-0142" not in json.dumps(event)
    assert ff.dialog() is not None, "the warning waits for the user's choice"
    ff.choose("Edit")
    ff.wait_no_warning()
    assert site.texts() == []


def test_dm_cover_not_a_problem(ff):
    ff.goto("https://www.instagram.com/direct/t/555/")
    dialog = ff.expect_warning("direct_message")
    # The cover is drawn at once, then filled in with the background's answer: click after that.
    ff.wait(lambda m: ff.dialog().get_attribute("data-guard-source"), 10, "the DM cover was not filled in")
    dialog = ff.dialog()
    ff.click_on(button_in(ff, dialog, "not-a-problem"))
    button_in(ff, dialog, "thanks")
    event = wait_false_positive(ff)
    assert (event["rule"], event["site"], event["surface"]) == ("dm.surface", "instagram", "dm")


def test_spanish_not_a_problem(ff_es, site):
    ff_es.send_facebook_comment("Llámame al 309-555-0142 después del partido")
    dialog = ff_es.expect_warning("pii.phone")
    button = button_in(ff_es, dialog, "not-a-problem")
    assert button.text == "¿No es un problema?"
    ff_es.click_on(button)
    assert button_in(ff_es, dialog, "thanks").text.startswith("Gracias")
    assert wait_false_positive(ff_es)["rule"] == "pii.phone.us"


# ---- friction that matches the risk ----

def severities(session, dialog) -> list[tuple[str, str]]:
    return [(li.get_attribute("data-severity"), li.find_element("css selector", '[data-role="severity"]').text)
            for li in dialog.find_elements("css selector", "li")]


def test_must_fix_first_needs_a_reason_and_why_is_open(ff, site):
    ff.send_facebook_comment("Call 309-555-0142, Jordan's SSN is 123-45-6789")
    dialog = ff.expect_warning("pii.ssn")
    found = severities(ff, dialog)
    assert found[0] == ("block", "MUST FIX") and ("warn", "CHECK") in found[1:], found
    assert not ff.button("Post anyway").is_enabled()
    why = button_in(ff, dialog, "why")
    assert why.get_attribute("aria-expanded") == "true"
    assert dialog.text.count("Users should never share personal information") == 1
    option = dialog.find_element("css selector", 'select option[value="public_information"]')
    option.click()
    ff.wait(lambda m: ff.button("Post anyway").is_enabled(), 5, "Post anyway stayed disabled")
    ff.choose("Post anyway")
    wait_until(lambda: any("123-45-6789" in t for t in site.texts()), "the post after a reason", 10)


def test_a_plain_check_has_why_one_click_away(ff, site):
    ff.send_facebook_comment("Call me at 309-555-0142 after the game")
    dialog = ff.expect_warning("pii.phone")
    assert severities(ff, dialog) == [("warn", "CHECK")]
    assert ff.button("Post anyway").is_enabled()
    why = button_in(ff, dialog, "why")
    assert why.get_attribute("aria-expanded") == "false"
    assert "Users should never share personal information" not in dialog.text
    ff.click_on(why)
    ff.wait(lambda m: "Users should never share personal information" in dialog.text, 5, "Why? did not open")
    assert "Keeping yourself and others safe online" in dialog.text
    ff.choose("Edit")
    ff.wait_no_warning()


def test_spanish_must_fix_and_why(ff_es):
    ff_es.send_facebook_comment("Llame al 309-555-0142, el SSN de Jordan es 123-45-6789")
    dialog = ff_es.expect_warning("pii.ssn")
    assert severities(ff_es, dialog)[0] == ("block", "HAY QUE CORREGIRLO")
    assert button_in(ff_es, dialog, "why").text == "¿Por qué?"
    assert "Su seguridad y la de los demás en internet" in dialog.text
    assert not ff_es.button("Publicar de todos modos").is_enabled()


# ---- do this instead ----

def test_office_number_in_a_copy_and_the_editor_untouched(ff, site):
    draft = "Call me at 309-555-0142 after the game"
    ff.send_facebook_comment(draft)
    dialog = ff.expect_warning("pii.phone")
    assert "Do this instead: Give the school office's public number instead." in dialog.text
    ff.click_on(button_in(ff, dialog, "use-replacement"))
    copy = button_in(ff, dialog, "copy-box")
    assert copy.get_property("value") == "Call me at (309) 743-1600 after the game"
    assert copy.computed_label == "Your post with the change, ready to paste:"
    ff.choose("Edit")
    ff.wait_no_warning()
    assert ff.text_of(COMMENT) == draft and site.texts() == []


def test_dm_cover_links_the_approved_channels(ff):
    ff.goto("https://www.instagram.com/direct/t/555/")
    dialog = ff.expect_warning("direct_message")
    ff.wait(lambda m: dialog.find_elements("css selector", '[data-role="approved-channel"]'), 10, "no approved channels")
    links = {a.text: a.get_attribute("href") for a in dialog.find_elements("css selector", '[data-role="approved-channel"]')}
    assert links == {"Remind": "https://www.remind.com/", "The school's page": "https://www.molineschools.org/"}


def test_spanish_office_number(ff_es):
    ff_es.send_facebook_comment("Llámame al 309-555-0142 después del partido")
    dialog = ff_es.expect_warning("pii.phone")
    button = button_in(ff_es, dialog, "use-replacement")
    assert button.text == "Usar el número de la oficina"
    ff_es.click_on(button)
    assert button_in(ff_es, dialog, "copy-box").get_property("value") == "Llámame al (309) 743-1600 después del partido"


# ---- the popup ----

def test_popup_plain_error_and_confirmation_before_turning_a_site_off(ff):
    def run():
        ff.find("#pair-code").send_keys("ABCD-2345")
        field = ff.find("#pair-url")
        field.clear()
        field.send_keys("http://127.0.0.1:9")
        ff.find("#pair-button").click()
        result = ff.find('#pair-result[data-ok="false"]', 20)
        assert result.text == "Social Guard is not running on this computer. Start it, then try again."
        ff.find("#site-instagram").click()
        confirm = ff.find(".confirm")
        assert confirm.computed_role == "group"
        assert "Turn off Social Guard on Instagram?" in confirm.text
        assert ff.m.execute_script("return document.activeElement.textContent") == "Keep it on"
        assert ff.find("#site-instagram").is_selected()
        [off] = [b for b in confirm.find_elements("css selector", "button") if b.text == "Turn off"]
        off.click()
        ff.wait(lambda m: not ff.find("#site-instagram").is_selected(), 5, "Instagram did not turn off")
    ff.on_popup(run)
    stored = ff.ext_script("return browser.storage.local.get(['sites']).then(r => r.sites || {})")
    assert stored.get("instagram") is False


def test_firefox_pairs_under_its_own_name(ff, helper_process):
    def run():
        ff.pair_in_popup(helper_process.pairing_code(), helper_process.base)
        ff.wait(lambda m: ff.find("#paired-line").is_displayed(), 10, "no paired line")
        assert ff.find("#paired-line").text == "Paired ✓ · Pair again"
    ff.on_popup(run)
    listed = helper_process.cli("browsers", "list").stdout
    assert "Firefox" in listed and "Chromium" not in listed, listed


# ---- Spanish citations ----

def test_spanish_citation_is_marked_as_a_translation_with_the_original_one_click_away(ff_es):
    policy = json.loads((ROOT / "shared_rules" / "rules.json").read_text(encoding="utf-8"))["policy"]["personal_safety"]
    ff_es.send_facebook_comment("Llámame al 309-555-0142 después del partido")
    dialog = ff_es.expect_warning("pii.phone")
    ff_es.click_on(button_in(ff_es, dialog, "why"))
    ff_es.wait(lambda m: policy["es"]["quote"] in dialog.text, 5, "the Spanish rendering is not shown")
    assert "(el procedimiento del distrito está en inglés; esto es una traducción)" in dialog.text
    assert policy["quote"] not in dialog.text
    show = button_in(ff_es, dialog, "show-original")
    assert show.text == "Ver el original en inglés"
    ff_es.click_on(show)
    ff_es.wait(lambda m: policy["quote"] in dialog.text, 5, "the English original did not open")
