"""Photos in a real Firefox ESR (Marionette), English and Spanish, as tests/e2e/test_photos.py shows
them in Chromium: a photo picked in the look-alike X's file input is held back from the site while
Social Guard looks at it (with the real helper, paired through the popup); a photo of people gets
the consent dialog (role="alertdialog", data-guard-category="image.student_photo") with a thumbnail
of the photo and its face boxed, the safest button on top, a light backdrop that leaves the post in
view; "consent is on file" lets it through; a photo of people with GPS asks about consent and about
the place as separate questions; axe-core finds no serious or critical violation in the dialog and
its focus ring has 3:1 contrast. The file is chosen as a person chooses it: Marionette's send_keys
with the file's path on the <input type="file">. One Firefox per language."""
from __future__ import annotations

from pathlib import Path

import pytest

from firefox_axe import AXE, OVERLAY, axe, focus_ring
from firefox_session import PHOTO_UI, Keys, language_prefs
from photo_samples import astronaut, to_bytes, with_gps

FIREFOX_PREFS = language_prefs("en-US")

X_HOME = "https://x.com/home"
EDITOR = 'main > [data-testid="tweetTextarea_0"] [contenteditable="true"]'
POST_BUTTON = '[data-testid="tweetButtonInline"]'
TEXT = "Science fair winners, great work everyone"

WORDS = {
    "en": {"dont_add": "Don't add this photo", "consent": "Consent is on file for everyone shown",
           "alt": "The photo you are adding", "faces": "1 face found (boxed in the photo)",
           "add": "Add the photo", "title": "Photos of students need written guardian consent",
           "q_consent": "Is written consent on file for every student shown?",
           "q_location": "This photo shows where it was taken. Share that place?"},
    "es": {"dont_add": "No añadir esta foto", "consent": "Hay consentimiento archivado para todos",
           "alt": "La foto que está añadiendo", "faces": "1 cara encontrada (marcada en la foto)",
           "add": "Añadir la foto",
           "title": "Las fotos de estudiantes necesitan el consentimiento escrito de sus tutores",
           "q_consent": "¿Hay consentimiento escrito archivado para cada estudiante que aparece?",
           "q_location": "Esta foto muestra dónde fue tomada. ¿Compartir ese lugar?"},
}

# The overlay's note under the composer, when a post is held for a photo question.
HELD_NOTE = """
const root = document.querySelector('social-guard-root').shadowRoot;
const note = root.querySelector('.hint[data-guard-category="image.student_photo"]:not([hidden])');
return note ? note.textContent : null;
"""

# Each face box against the thumbnail, as fractions of the image.
FACE_BOXES = """
const img = arguments[0].querySelector(".thumb img").getBoundingClientRect();
return Array.from(arguments[0].querySelectorAll(".thumb .face"), (f) => {
  const b = f.getBoundingClientRect();
  return {x: (b.x - img.x) / img.width, y: (b.y - img.y) / img.height, w: b.width / img.width, h: b.height / img.height};
});
"""

@pytest.fixture(scope="module")
def photos(tmp_path_factory) -> dict[str, Path]:
    """Real photo files on disk, for the file picker: the astronaut portrait (one face), and the
    same portrait with GPS in its EXIF."""
    folder = tmp_path_factory.mktemp("photos")
    files = {"people": folder / "science-fair.jpg", "people_gps": folder / "field-trip.jpg"}
    files["people"].write_bytes(to_bytes(astronaut()))
    files["people_gps"].write_bytes(with_gps(astronaut()))
    return files


@pytest.fixture
def tall_window(request):
    """A taller window for the fullest photo dialog (thumbnail and two questions): at Firefox's
    headless 1366x768 its buttons do not fit (see test_the_fullest_photo_dialog_fits_a_laptop_screen)."""
    s = request.getfixturevalue("session" if "session" in request.fixturenames else "ff")
    before = s.m.window_rect
    s.m.set_window_rect(width=before["width"], height=1050)
    yield s
    s.m.set_window_rect(width=before["width"], height=before["height"])


def open_x_with_a_photo_button(s) -> None:
    s.goto(X_HOME)
    s.find(EDITOR)
    s.m.execute_script(PHOTO_UI, script_args=[EDITOR], sandbox=None)
    s.click(EDITOR)
    s.type(TEXT)
    s.wait(lambda m: TEXT in s.text_of(EDITOR), 5, "the post text was not typed")


def pick(s, path: Path) -> None:
    """Chooses the file in the site's file input, as the file picker does."""
    s.find("#photo-input").send_keys(str(path))


def attached(s) -> list[str]:
    return s.m.execute_script("return window.__attached", sandbox=None)


def in_dialog(dialog, css: str):
    return dialog.find_element("css selector", css)


def button_box(s, label: str) -> dict:
    return s.button(label).rect


def thumbnail_loaded(s, dialog, alt: str):
    img = s.wait(lambda m: in_dialog(dialog, ".thumb img"), 10, "no thumbnail")
    assert img.get_attribute("alt") == alt
    # Firefox names the role by ARIA 1.2's "image" (Chromium says "img").
    assert img.computed_role in ("image", "img") and img.computed_label == alt
    s.wait(lambda m: m.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0",
                                      script_args=[img]), 10, "the thumbnail did not load")
    return img


def assert_the_face_is_boxed(s, dialog) -> None:
    """At least one box, and it sits over the astronaut's face (the portrait's upper middle)."""
    s.wait(lambda m: in_dialog(dialog, ".thumb .face"), 10, "no face box on the thumbnail")
    boxes = s.m.execute_script(FACE_BOXES, script_args=[dialog])
    assert boxes, boxes
    box = boxes[0]
    cx, cy = box["x"] + box["w"] / 2, box["y"] + box["h"] / 2
    assert 0.25 < cx < 0.6 and 0.1 < cy < 0.4 and 0.1 < box["w"] < 0.4, box


def pair(s, helper) -> None:
    s.pair_through_popup(helper.pairing_code(), helper.base)


def answer(s, dialog, label: str) -> None:
    """Clicks the radio answer with this label, as a person clicks its text."""
    for option in dialog.find_elements("css selector", "fieldset.question label"):
        if option.text.strip() == label:
            s.click_on(option)
            return
    raise AssertionError(f"no answer {label!r} in: {dialog.text}")


def question(dialog, legend: str):
    for group in dialog.find_elements("css selector", "fieldset.question"):
        if group.computed_role == "group" and group.computed_label == legend:
            return group
    raise AssertionError(f"no question {legend!r} in: {dialog.text}")


def photo_dialog(s, helper_process, photo: Path):
    """Paired with the helper, the photo picked on X's composer: its warning, once it is open."""
    pair(s, helper_process)
    open_x_with_a_photo_button(s)
    pick(s, photo)
    return s.expect_warning("image.student_photo", timeout=20)


# ---- a photo of people ---------------------------------------------------------------------------------
def test_a_photo_of_people_asks_for_consent_with_the_face_boxed_and_holds_the_post(ff, site, photos, helper_process):
    words = WORDS["en"]
    dialog = photo_dialog(ff, helper_process, photos["people"])
    assert dialog.get_attribute("data-guard-source") == "helper"
    assert "consent" in dialog.computed_label.lower()
    assert "shows people" in dialog.text
    thumbnail_loaded(ff, dialog, words["alt"])
    assert_the_face_is_boxed(ff, dialog)
    assert in_dialog(dialog, ".thumb figcaption").text == words["faces"]
    assert attached(ff) == []                # the site has not received the photo
    # The safest choice on top, the buttons stacked.
    top, below = button_box(ff, words["dont_add"]), button_box(ff, words["consent"])
    assert top["y"] < below["y"] and abs(top["x"] - below["x"]) < 2, (top, below)
    # The dialog sits at the side over a light backdrop: the composer stays in view beside it.
    width = ff.m.execute_script("return window.innerWidth")
    assert dialog.rect["x"] >= width / 2, (dialog.rect, width)
    backdrop = ff.m.execute_script("return getComputedStyle(arguments[0], '::backdrop').backgroundColor",
                                   script_args=[dialog])
    assert float(backdrop.rstrip(")").split(",")[-1]) <= 0.3, backdrop
    # The post is held while the question is open, even when a script clicks Post (the modal
    # dialog keeps people's clicks and keys to itself): the site sends nothing and a note says why.
    ff.m.execute_script("document.querySelector(arguments[0]).click()", script_args=[POST_BUTTON], sandbox=None)
    note = ff.wait(lambda m: m.execute_script(HELD_NOTE), 5, "no note that the post is held")
    assert "still checking your photo" in note
    assert ff.sent_log() == [] and site.texts() == [] and ff.dialog() is not None
    ff.choose(words["consent"])
    ff.wait_no_warning()
    ff.wait(lambda m: attached(ff) == ["science-fair.jpg"], 10, "the photo did not reach the site")
    ff.click(POST_BUTTON)
    assert site.wait_posted(TEXT), site.texts()


def test_a_photo_of_people_with_gps_asks_about_consent_and_the_place_separately(ff, tall_window, site, photos, helper_process):
    words = WORDS["en"]
    dialog = photo_dialog(ff, helper_process, photos["people_gps"])
    categories = sorted(li.get_attribute("data-category") for li in dialog.find_elements("css selector", "li[data-category]"))
    assert categories == ["image.location", "image.student_photo"], dialog.text
    consent, place = question(dialog, words["q_consent"]), question(dialog, words["q_location"])
    assert consent.id != place.id
    add = ff.button(words["add"])
    assert not add.is_enabled()
    answer(ff, dialog, "Yes, consent is on file for everyone shown")
    assert not add.is_enabled()              # consent alone does not answer for the place
    answer(ff, dialog, "No, I will remove the location first")
    assert not add.is_enabled()
    answer(ff, dialog, "Yes, the place is fine to share")
    ff.wait(lambda m: add.is_enabled(), 5, "Add the photo stayed disabled with both answers given")
    assert attached(ff) == []
    ff.choose(words["add"])
    ff.wait_no_warning()
    ff.wait(lambda m: attached(ff) == ["field-trip.jpg"], 10, "the photo did not reach the site")


def test_the_spanish_photo_dialog(ff_es, site, photos, helper_process):
    words = WORDS["es"]
    dialog = photo_dialog(ff_es, helper_process, photos["people"])
    assert dialog.get_attribute("data-guard-source") == "helper"
    assert words["title"] in dialog.text
    thumbnail_loaded(ff_es, dialog, words["alt"])
    assert_the_face_is_boxed(ff_es, dialog)
    assert in_dialog(dialog, ".thumb figcaption").text == words["faces"]
    top, below = button_box(ff_es, words["dont_add"]), button_box(ff_es, words["consent"])
    assert top["y"] < below["y"], (top, below)
    ff_es.choose(words["dont_add"])
    ff_es.wait_no_warning()
    assert attached(ff_es) == []             # "don't add" keeps it out
    assert ff_es.find("#photo-input").get_property("value") == ""


# ---- accessibility -----------------------------------------------------------------------------------
@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm install)")
def test_the_photo_dialog_is_accessible(session, tall_window, photos, helper_process):
    """The fullest photo dialog (thumbnail, face box and caption, both questions): no serious or
    critical axe violation, and a focus ring of at least 3:1 against the dialog."""
    words = WORDS[session.language]
    dialog = photo_dialog(session, helper_process, photos["people_gps"])
    session.wait(lambda m: in_dialog(dialog, ".thumb .face"), 10, "no face box on the thumbnail")
    assert words["q_location"] in dialog.text
    assert axe(session, OVERLAY) == [], session.language
    # Keyboard focus on the safe choice: the ring shows.
    session.m.execute_script("arguments[0].focus()", script_args=[session.button(words["dont_add"])])
    session.press(Keys.SHIFT, Keys.TAB)
    session.press(Keys.TAB)
    ring = focus_ring(session)
    assert ring["focused"] == "primary", ring
    assert ring["style"] != "none" and ring["ratio"] >= 3, (session.language, ring)
    session.choose(words["dont_add"])
    session.wait_no_warning()


# ---- layout on a laptop screen -------------------------------------------------------------------------
# Where each part of the open dialog is, against the dialog's own box (which clips what overflows it).
PARTS = """
const d = arguments[0], box = d.getBoundingClientRect();
const inside = (e) => { const r = e.getBoundingClientRect(); return r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1; };
return {findingsHeight: d.querySelector('ul').getBoundingClientRect().height,
        buttonsInView: Array.from(d.querySelectorAll('.actions button')).every(inside),
        viewport: window.innerHeight, dialog: box.height};
"""


def test_the_fullest_photo_dialog_fits_a_laptop_screen(ff, photos, helper_process):
    """At Firefox's headless window (1366x768, the screen of many school laptops), the photo of people
    with GPS shows what it found and keeps its buttons inside the dialog."""
    dialog = photo_dialog(ff, helper_process, photos["people_gps"])
    ff.wait(lambda m: in_dialog(dialog, "fieldset.question"), 10, "no questions")
    parts = ff.m.execute_script(PARTS, script_args=[dialog])
    assert parts["findingsHeight"] > 20 and parts["buttonsInView"], parts
