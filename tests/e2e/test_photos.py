"""Photos in a real Chromium with the extension, on the look-alike pages of the three
sites: a photo added by the file picker, by paste or by drag and drop is held back from the site
while Social Guard looks at it; a photo of people gets the consent dialog (role="alertdialog",
data-guard-category="image.student_photo"), a photo with GPS the location advice; the post is held
until the user answers; the choices reach the audit log (never the image); a photo without people
or location goes straight in; with the helper down every photo gets the consent reminder.

The look-alike pages have no photo buttons of their own, so each test adds one the way the sites
do: an <input type="file"> beside the composer, and paste and drop handlers on the editor that
attach the files (window.__attached lists what the "site" received)."""
from __future__ import annotations

import base64
import sqlite3
import time
from dataclasses import dataclass

import pytest

from helpers import WARNING, accessible_name, choose, expect_warning, no_warning, nothing_shown, wait_guard_state
from photo_samples import astronaut, coffee, landscape, to_bytes, with_gps
from tests.support.waiting import wait_until

CONSENT = "Consent is on file for everyone shown"
DONT_ADD = "Don't add this photo"
TEXT = "Science fair winners, great work everyone"


@dataclass
class Site:
    name: str
    url: str
    editor: str
    button: str
    key: str | None
    open_with: str | None = None


SITES = [
    Site("x", "https://x.com/home", 'main > [data-testid="tweetTextarea_0"] [contenteditable="true"]',
         '[data-testid="tweetButtonInline"]', "Control+Enter"),
    Site("facebook", "https://www.facebook.com/", '[role="dialog"] [data-lexical-editor="true"]',
         '[role="dialog"] [aria-label="Post"]', None, open_with="#whats-on-your-mind"),
    Site("instagram", "https://www.instagram.com/create/", '[aria-label="Write a caption..."]',
         'main [role="button"]', None),
]
IDS = [s.name for s in SITES]

PHOTO_UI = """(editorSel) => {
  const editor = document.querySelector(editorSel);
  const input = document.createElement("input");
  input.type = "file"; input.accept = "image/*"; input.multiple = true; input.id = "photo-input";
  (editor.closest('[role="dialog"]') || editor.closest("main") || document.body).appendChild(input);
  window.__attached = [];
  const attach = (files) => { for (const f of files) window.__attached.push(f.name); };
  input.addEventListener("change", () => attach(input.files));
  editor.addEventListener("paste", (e) => { if (e.clipboardData.files.length) { e.preventDefault(); attach(e.clipboardData.files); } });
  editor.addEventListener("dragover", (e) => e.preventDefault());
  editor.addEventListener("drop", (e) => { e.preventDefault(); attach(e.dataTransfer.files); });
}"""

FILE_EVENT = """([sel, b64, name, type, kind]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const dt = new DataTransfer();
  dt.items.add(new File([bytes], name, { type }));
  const target = document.querySelector(sel);
  target.focus();
  if (kind === "paste") {
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
  } else {
    const r = target.getBoundingClientRect();
    const init = { dataTransfer: dt, bubbles: true, cancelable: true, composed: true, clientX: r.x + 5, clientY: r.y + 5 };
    for (const t of ["dragenter", "dragover", "drop"]) target.dispatchEvent(new DragEvent(t, init));
  }
}"""


def open_site(page, s: Site) -> None:
    page.goto(s.url)
    if s.open_with:
        page.click(s.open_with)
    page.wait_for_selector(s.editor)
    page.evaluate(PHOTO_UI, s.editor)
    page.click(s.editor)
    page.keyboard.type(TEXT, delay=2)


def attached(page) -> list[str]:
    return page.evaluate("() => window.__attached")


def pick(page, name: str, raw: bytes) -> None:
    page.set_input_files("#photo-input", files=[{"name": name, "mimeType": "image/jpeg", "buffer": raw}])


def paste(page, s: Site, name: str, raw: bytes) -> None:
    page.evaluate(FILE_EVENT, [s.editor, base64.b64encode(raw).decode(), name, "image/jpeg", "paste"])


def drop(page, s: Site, name: str, raw: bytes) -> None:
    page.evaluate(FILE_EVENT, [s.editor, base64.b64encode(raw).decode(), name, "image/jpeg", "drop"])


def try_to_post(page, s: Site) -> None:
    """Every way to send while the question is open: the send key, and the Post button clicked by
    script (the dialog makes the page inert for people; a script's click still needs holding)."""
    if s.key:
        page.keyboard.press(s.key)
    page.eval_on_selector(s.button, "b => b.click()")
    # The look-alike site sends in the same task as the key or click (fixture.js records it there),
    # so its own record is already final; the photo still waits for its question.
    assert page.evaluate("() => Fixture.sent.length") == 0
    wait_guard_state(page, "photo-held")


def post(page, site, s: Site) -> None:
    page.click(s.button)
    assert site.wait_posted(TEXT), site.texts()


def logged(helper, category: str, timeout: float = 15.0) -> list[tuple]:
    """Audit events of this category in the real helper's log, as (kind, choice, reason)."""
    end = time.time() + timeout
    rows = []
    while time.time() < end:
        with sqlite3.connect(helper.home / "social-guard.sqlite3", timeout=10) as conn:
            rows = conn.execute("SELECT kind, choice, reason, rule, surface FROM events WHERE category = ? ORDER BY time",
                                (category,)).fetchall()
        if any(r[0] == "choice" for r in rows):
            return rows
        time.sleep(0.2)
    return rows


# ---- helper up --------------------------------------------------------------------------------------
@pytest.mark.parametrize("s", SITES, ids=IDS)
def test_file_picker_photo_of_a_student_asks_for_consent_and_holds_the_post(page, site, paired, s):
    open_site(page, s)
    pick(page, "science-fair.jpg", to_bytes(astronaut()))
    dialog = expect_warning(page, "image.student_photo", timeout=15000)
    assert dialog.get_attribute("data-guard-source") == "helper"
    assert "consent" in accessible_name(page).lower()
    dialog.get_by_text("shows people", exact=False).wait_for()
    dialog.get_by_text("Use caution with respect to: Images", exact=False).wait_for()   # the citation
    assert attached(page) == []          # the site has not received the photo
    try_to_post(page, s)
    assert site.texts() == []            # the post is held until the user answers
    choose(page, CONSENT)
    page.wait_for_function("() => window.__attached.length === 1")
    assert attached(page) == ["science-fair.jpg"]
    post(page, site, s)
    rows = logged(paired, "image.student_photo")
    assert ("warning_shown", None, None, "image.faces", "post") in rows
    assert ("choice", "continue", "consent_on_file", "image.faces", "post") in rows


@pytest.mark.parametrize("s", SITES, ids=IDS)
def test_pasted_photo_with_gps_gets_the_location_advice_and_can_be_kept_out(page, site, paired, s):
    open_site(page, s)
    paste(page, s, "image.jpg", with_gps(coffee()))
    dialog = expect_warning(page, "image.location", timeout=15000)
    dialog.locator('li[data-category="image.location"]').get_by_text("Remove the location", exact=False).wait_for()
    page.keyboard.press("Escape")        # the safe default: don't add it
    page.wait_for_selector(WARNING, state="detached")
    assert attached(page) == []
    post(page, site, s)                  # the post goes without the photo
    rows = logged(paired, "image.location")
    assert ("choice", "edit", None, "image.gps", "post") in rows


CLIPBOARD_WRITE = """async (b64) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  await navigator.clipboard.write([new ClipboardItem({ "image/png": new Blob([bytes], { type: "image/png" }) })]);
}"""


@pytest.mark.parametrize("s", SITES, ids=IDS)
def test_real_clipboard_paste_of_a_student_photo(page, site, ctx, paired, s):
    """The browser's own paste (Ctrl+V) of an image on the system clipboard, as a person copies a
    photo from another program. (The clipboard keeps only PNG pixels, so GPS is tested by the
    file picker and by a paste event carrying the original file.)"""
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=s.url.split("/", 3)[0] + "//" + s.url.split("/")[2])
    open_site(page, s)
    page.evaluate(CLIPBOARD_WRITE, base64.b64encode(to_bytes(astronaut(), fmt="PNG")).decode())
    page.click(s.editor)
    page.keyboard.press("Control+V")
    expect_warning(page, "image.student_photo", timeout=15000)
    assert attached(page) == []
    try_to_post(page, s)
    assert site.texts() == []
    choose(page, CONSENT)
    page.wait_for_function("() => window.__attached.length === 1")
    post(page, site, s)


def test_a_photo_of_people_with_gps_lists_both(page, site, paired):
    s = SITES[0]
    open_site(page, s)
    drop(page, s, "trip.jpg", with_gps(astronaut()))
    dialog = expect_warning(page, "image.student_photo", timeout=15000)
    items = dialog.locator("li")
    assert sorted(items.evaluate_all("els => els.map(e => e.dataset.category)")) == ["image.location", "image.student_photo"]
    # Consent and location are separate answers; the photo goes in only with both.
    add = dialog.get_by_role("button", name="Add the photo")
    assert add.is_disabled()
    dialog.get_by_role("group", name="Is written consent on file for every student shown?").get_by_label(
        "Yes, consent is on file for everyone shown").check()
    assert add.is_disabled()
    location = dialog.get_by_role("group", name="This photo shows where it was taken. Share that place?")
    location.get_by_label("No, I will remove the location first").check()
    assert add.is_disabled()
    location.get_by_label("Yes, the place is fine to share").check()
    add.click()
    page.wait_for_function("() => window.__attached.length === 1")   # dropped again, for the site
    # Each answer is logged as what it was, both in the dialog's one decision.
    expected = ("choice", "post_anyway", "kept_location", "image.gps", "post")
    # Other tests' choices may already be there: wait for this one.
    wait_until(lambda: expected in logged(paired, "image.location"), f"the helper to log {expected}", 15)
    with sqlite3.connect(paired.home / "social-guard.sqlite3", timeout=10) as conn:
        decision = conn.execute("SELECT decision FROM events WHERE category = 'image.location' AND reason = 'kept_location' "
                                "ORDER BY time DESC LIMIT 1").fetchone()[0]
        answers = conn.execute("SELECT choice, reason, category FROM events WHERE decision = ? AND kind = 'choice' "
                               "ORDER BY category", (decision,)).fetchall()
        shown = conn.execute("SELECT findings FROM events WHERE decision = ? AND kind = 'warning_shown'", (decision,)).fetchone()
    assert answers == [("post_anyway", "kept_location", "image.location"),
                       ("continue", "consent_on_file", "image.student_photo")]
    assert set(shown[0].split(";")) >= {"image.gps", "image.faces"}


def test_a_photo_without_people_or_location_goes_straight_in(page, site, paired):
    s = SITES[1]
    open_site(page, s)
    pick(page, "sunset.jpg", to_bytes(landscape()))
    page.wait_for_function("() => window.__attached.length === 1", timeout=15000)
    assert no_warning(page)
    post(page, site, s)


# ---- helper down ------------------------------------------------------------------------------------
@pytest.mark.parametrize("s", SITES, ids=IDS)
def test_helper_down_every_photo_gets_the_consent_reminder(page, site, s):
    open_site(page, s)
    pick(page, "sunset.jpg", to_bytes(landscape()))   # no people in it, but nobody can tell without the helper
    dialog = expect_warning(page, "image.student_photo")
    assert dialog.get_attribute("data-guard-source") == "local"
    dialog.get_by_text("helper is not running", exact=False).wait_for()
    dialog.get_by_text("written consent", exact=False).first.wait_for()
    try_to_post(page, s)
    assert site.texts() == [] and attached(page) == []
    choose(page, CONSENT)
    page.wait_for_function("() => window.__attached.length === 1")
    post(page, site, s)


def test_helper_down_paste_gets_the_reminder_and_dont_add_keeps_it_out(page, site):
    s = SITES[2]
    open_site(page, s)
    paste(page, s, "image.png", to_bytes(astronaut()))
    expect_warning(page, "image.student_photo")
    choose(page, DONT_ADD)
    page.wait_for_selector(WARNING, state="detached")
    assert attached(page) == []
    # The same photo added again is asked about again: "don't add" approves nothing.
    paste(page, s, "image.png", to_bytes(astronaut()))
    expect_warning(page, "image.student_photo")


def test_a_photo_already_answered_for_is_not_asked_about_twice(page, site):
    s = SITES[0]
    open_site(page, s)
    raw = to_bytes(astronaut())
    pick(page, "team.jpg", raw)
    expect_warning(page, "image.student_photo")
    choose(page, CONSENT)
    page.wait_for_function("() => window.__attached.length === 1")
    page.set_input_files("#photo-input", files=[])
    pick(page, "team.jpg", raw)
    page.wait_for_function("() => window.__attached.length === 2")
    assert no_warning(page)


def test_a_switched_off_site_is_left_alone(page, site, ext):
    ext.set({"sites": {"x": False}})
    s = SITES[0]
    open_site(page, s)
    pick(page, "science-fair.jpg", to_bytes(astronaut()))
    page.wait_for_function("() => window.__attached.length === 1")
    assert nothing_shown(page)



def test_the_photo_dialog_shows_the_photo_keeps_the_post_in_view_and_stacks_the_safe_choice_first(page, site, paired):
    s = SITES[0]
    open_site(page, s)
    pick(page, "science-fair.jpg", to_bytes(astronaut()))
    dialog = expect_warning(page, "image.student_photo", timeout=15000)
    thumb = dialog.get_by_role("img", name="The photo you are adding")
    thumb.wait_for()
    assert thumb.evaluate("i => i.complete && i.naturalWidth > 0")
    # Buttons stacked, the safest on top.
    boxes = [dialog.get_by_role("button", name=n).bounding_box() for n in (DONT_ADD, CONSENT)]
    assert boxes[0]["y"] < boxes[1]["y"] and abs(boxes[0]["x"] - boxes[1]["x"]) < 2
    # The dialog sits at the side over a light backdrop: the composer stays in view beside it.
    editor = page.locator(s.editor).bounding_box()
    box = dialog.bounding_box()
    assert box["x"] > editor["x"] + editor["width"] / 2 or box["x"] >= page.viewport_size["width"] / 2, (box, editor)
    alpha = dialog.evaluate("d => getComputedStyle(d, '::backdrop').backgroundColor")
    assert float(alpha.rstrip(")").split(",")[-1]) <= 0.3, alpha
    choose(page, DONT_ADD)
    assert attached(page) == []


FACE_BOXES = """d => {
  const img = d.querySelector(".thumb img").getBoundingClientRect();
  return Array.from(d.querySelectorAll(".thumb .face"), (f) => {
    const b = f.getBoundingClientRect();
    const style = getComputedStyle(f);
    return { x: (b.x - img.x) / img.width, y: (b.y - img.y) / img.height, w: b.width / img.width,
             h: b.height / img.height, border: style.borderTopWidth + " " + style.borderTopStyle };
  });
}"""


def assert_the_astronauts_face_is_boxed(dialog) -> None:
    """One box, drawn over the portrait where the astronaut's face is (the upper middle)."""
    dialog.locator(".thumb .face").first.wait_for()
    [box] = dialog.evaluate(FACE_BOXES)
    assert box["border"] == "2px solid", box
    cx, cy = box["x"] + box["w"] / 2, box["y"] + box["h"] / 2
    assert 0.25 < cx < 0.6 and 0.1 < cy < 0.4 and 0.1 < box["w"] < 0.4, box


def test_the_photo_dialog_boxes_the_faces_on_the_thumbnail(page, site, paired):
    s = SITES[0]
    open_site(page, s)
    pick(page, "science-fair.jpg", to_bytes(astronaut()))
    dialog = expect_warning(page, "image.student_photo", timeout=15000)
    dialog.get_by_role("img", name="The photo you are adding").wait_for()
    assert_the_astronauts_face_is_boxed(dialog)
    dialog.get_by_text("1 face found (boxed in the photo)", exact=True).wait_for()
    from test_accessibility import axe   # the boxes and their caption keep the dialog accessible
    assert axe(page, "social-guard-root") == []
    choose(page, DONT_ADD)
    assert attached(page) == []


def test_a_photo_without_faces_has_no_boxes(page, site, paired):
    s = SITES[0]
    open_site(page, s)
    pick(page, "cafe.jpg", with_gps(coffee()))
    dialog = expect_warning(page, "image.location", timeout=15000)
    dialog.get_by_role("img", name="The photo you are adding").wait_for()
    assert dialog.evaluate(FACE_BOXES) == [] and dialog.locator("figcaption").count() == 0
    choose(page, DONT_ADD)


def test_the_photo_dialog_in_spanish(spanish, site):
    """Helper down: the consent reminder, with the photo shown and the safe choice on top."""
    s = SITES[0]
    page = spanish.new_page()
    try:
        open_site(page, s)
        pick(page, "feria.jpg", to_bytes(astronaut()))
        dialog = expect_warning(page, "image.student_photo", timeout=15000)
        dialog.get_by_role("img", name="La foto que está añadiendo").wait_for()
        top = dialog.get_by_role("button", name="No añadir esta foto").bounding_box()
        below = dialog.get_by_role("button", name="Hay consentimiento archivado para todos").bounding_box()
        assert top["y"] < below["y"]
        dialog.get_by_role("button", name="No añadir esta foto").click()
        assert attached(page) == []
    finally:
        page.close()


def test_the_face_boxes_in_spanish(spanish, site, helper):
    """Paired with the real helper: the boxes and their text in Spanish."""
    pop = spanish.ctx.new_page()
    pop.goto(f"{spanish.origin}/popup/popup.html")
    pop.fill("#pair-code", helper.pairing_code())
    pop.fill("#pair-url", helper.base)
    pop.click("#pair-button")
    pop.wait_for_selector("#pair-result[data-ok]")
    assert pop.get_attribute("#pair-result", "data-ok") == "true", pop.inner_text("#pair-result")
    pop.close()
    page = spanish.new_page()
    try:
        open_site(page, SITES[0])
        pick(page, "feria.jpg", to_bytes(astronaut()))
        dialog = expect_warning(page, "image.student_photo", timeout=15000)
        assert dialog.get_attribute("data-guard-source") == "helper"
        assert_the_astronauts_face_is_boxed(dialog)
        dialog.get_by_text("1 cara encontrada (marcada en la foto)", exact=True).wait_for()
        from test_accessibility import axe
        assert axe(page, "social-guard-root") == []
        dialog.get_by_role("button", name="No añadir esta foto").click()
        assert attached(page) == []
    finally:
        page.close()
        # The module's other Spanish tests see the helper down, as they expect.
        spanish.control.evaluate("() => chrome.storage.local.set({helper: {url: 'http://127.0.0.1:9'}})")
