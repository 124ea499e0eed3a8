"""Hostile and odd drafts in a real Chromium with the extension: a phone number hidden with zero-width
spaces or written in full-width digits, and a brand disguised in a compound link, are held at send
like their plain forms, with the text as typed shown as the match; a clean post in other scripts
with emoji goes through. Both the extension's own engine and the paired helper's."""
from __future__ import annotations

import pytest

from helpers import choose, expect_warning, no_warning
from test_compose import COMPOSERS, editor_text, open_composer, send, type_draft

X_POST = COMPOSERS[0]
ZERO_WIDTH_PHONE = "Call me at 309\u200b555\u200b0142 after the game"
FULL_WIDTH_PHONE = "Call me at \uff13\uff10\uff19-\uff15\uff15\uff15-\uff10\uff11\uff14\uff12 after the game"
COMPOUND_LINK = "Please verify your account: https://faceb00k-security.com/checkpoint"
CLEAN_OTHER_SCRIPTS = "Go Maroons \U0001F389 \u00a1Vamos! \u041f\u0440\u0438\u0432\u0435\u0442 room \uff12\uff10\uff14"


def held(page, site, text: str, category: str, shown: str):
    open_composer(page, X_POST)
    type_draft(page, X_POST, text)
    assert editor_text(page, X_POST) == text   # the site's editor holds the draft as typed
    send(page, X_POST, "key")
    dialog = expect_warning(page, category)
    # exactly the typed match, no more, no less (a zero-width space shows as nothing)
    assert f"Found: {shown}\n" in dialog.inner_text().replace("\u200b", "")
    assert site.texts() == []   # nothing was sent
    return dialog


@pytest.mark.parametrize("text,shown", [(ZERO_WIDTH_PHONE, "3095550142"),
                                        (FULL_WIDTH_PHONE, "\uff13\uff10\uff19-\uff15\uff15\uff15-\uff10\uff11\uff14\uff12")],
                         ids=["zero-width", "full-width"])
def test_a_disguised_phone_number_is_held_by_the_extension(page, site, text, shown):
    dialog = held(page, site, text, "pii.phone", shown)
    assert dialog.get_attribute("data-guard-source") == "local"
    choose(page, "Post anyway")
    assert site.wait_posted(text)


def test_a_brand_disguised_in_a_compound_link_is_held(page, site):
    held(page, site, COMPOUND_LINK, "link.lookalike", "https://faceb00k-security.com/checkpoint")


def test_the_helper_reads_a_disguised_phone_number_too(page, site, paired):
    dialog = held(page, site, ZERO_WIDTH_PHONE, "pii.phone", "3095550142")
    assert dialog.get_attribute("data-guard-source") == "helper"


def test_a_clean_post_in_other_scripts_with_emoji_goes_through(page, site):
    open_composer(page, X_POST)
    type_draft(page, X_POST, CLEAN_OTHER_SCRIPTS)
    send(page, X_POST, "key")
    assert site.wait_posted(CLEAN_OTHER_SCRIPTS)
    assert no_warning(page)
