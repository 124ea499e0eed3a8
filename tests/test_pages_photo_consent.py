"""The "Photo consent" page (the do-not-publish list in the helper's own pages), as a user sees it:
Flask's test client with a real session and CSRF token (like the desktop window's), real photos
(JPEG and HEIC, with and without faces), the list used by /v1/check-image afterwards, English and
Spanish; and one real-browser run of adding a student with a photo and removing them."""
from __future__ import annotations

import ast
import base64
import io
import json
import re
import sqlite3

import numpy as np
import pytest

from photo_samples import astronaut, coffee, landscape, to_bytes
from tests.support.helper_process import HelperProcess
from tests.support.paths import ROOT
from tests.support.ports import free_port

from helper.photos import do_not_publish as dnp


@pytest.fixture
def ui(app, client, config):
    """A signed-in page session: get(path), post(path, data) with the CSRF token and the pages' Origin."""
    token = app.extensions["sg.pairing"].new_login_token()
    assert client.get(f"/ui/login?token={token}").status_code == 303
    page = client.get("/ui/photo-consent").get_data(as_text=True)   # the token, as the page's forms carry it
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    origin = f"http://127.0.0.1:{config.port}"

    class UI:
        store = app.extensions["sg.store"]

        @staticmethod
        def get(path, **kwargs):
            return client.get(path, **kwargs)

        @staticmethod
        def post(path, data=None, csrf_token=csrf, **kwargs):
            form = dict(data or {})
            if csrf_token is not None:
                form["csrf"] = csrf_token
            return client.post(path, data=form, headers={"Origin": origin}, content_type="multipart/form-data",
                               **kwargs)
    return UI


def text_of(response) -> str:
    """The page's main content as text, tags dropped and spaces collapsed."""
    html = response.get_data(as_text=True)
    main = html[html.index("<main"):html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).replace("&#39;", "'").replace("&amp;", "&").split())


def upload(raw: bytes, name: str):
    return (io.BytesIO(raw), name)


def heic(rgb) -> bytes:
    raw = to_bytes(rgb, fmt="HEIF")
    assert raw[4:12] == b"ftypheic"
    return raw


def check_image(client, auth, raw: bytes, name: str = "photo.jpg") -> list[dict]:
    """POST /v1/check-image as the extension sends it: a FileReader data: URL (a HEIC's often has no type)."""
    url = "data:application/octet-stream;base64," + base64.b64encode(raw).decode()
    body = {"image": url, "site": "facebook", "surface": "post", "name": name}
    response = client.post("/v1/check-image", json=body, headers=auth)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["findings"]


# -- the page --------------------------------------------------------------------------------------------
def test_every_page_links_to_photo_consent_which_lists_names_faces_and_notes(ui):
    status = ui.get("/ui/").get_data(as_text=True)
    assert '<a href="/ui/photo-consent">Photo consent</a>' in status
    empty = ui.get("/ui/photo-consent")
    assert empty.status_code == 200 and "No student is on the list." in text_of(empty)
    student, _ = dnp.add(ui.store, "Eileen  Collins", "form 12, 2026")
    dnp.add_reference_photo(ui.store, student, to_bytes(astronaut()))
    dnp.add(ui.store, "Maria López")
    page = ui.get("/ui/photo-consent")
    assert 'aria-current="page">Photo consent' in page.get_data(as_text=True)
    text = text_of(page)
    assert "Eileen Collins 1 form 12, 2026" in text and "Maria López 0" in text


def test_adding_a_student_with_a_jpeg_and_a_heic_keeps_only_face_features_and_catches_her_photos(ui, client, auth,
                                                                                                   config):
    jpeg, iphone = to_bytes(astronaut()), heic(astronaut())
    response = ui.post("/ui/photo-consent/add", {"name": "Eileen Collins", "note": "form 12",
                                                 "photos": [upload(jpeg, "eileen.jpg"), upload(iphone, "IMG_0042.HEIC")]})
    assert response.status_code == 303
    page = ui.get("/ui/photo-consent")
    assert ("The name was added to the list. Reference faces added: 2. Only their face features are kept, "
            "never the photos.") in text_of(page)
    assert "Eileen Collins 2 form 12" in text_of(page)
    # Only features reach the database, never the photos' bytes.
    db = sqlite3.connect(config.db_path)
    blobs = [row[0] for row in db.execute("SELECT features FROM do_not_publish_faces")]
    db.close()
    assert len(blobs) == 2 and all(jpeg[400:464] not in b and iphone[400:464] not in b for b in blobs)
    # The extension's next photo of her, straight from an iPhone, is refused by name.
    other = np.ascontiguousarray(np.roll(astronaut(), 30, axis=1))
    [finding] = check_image(client, auth, heic(other), "IMG_0043.HEIC")
    assert finding["rule"] == "image.do_not_publish" and "Eileen Collins" in finding["message"]


def test_each_photo_that_cannot_be_used_is_named_with_its_reason(ui):
    two = np.concatenate([astronaut(), astronaut()[:, ::-1]], axis=1)
    response = ui.post("/ui/photo-consent/add", {"name": "Eileen Collins", "photos": [
        upload(to_bytes(coffee()), "coffee.jpg"), upload(to_bytes(two), "twins.jpg"),
        upload(b"just some notes", "notes.heic"), upload(heic(astronaut())[:2000], "cut.heic"),
        upload(to_bytes(astronaut()), "good.jpg")]})
    assert response.status_code == 422
    text = text_of(response)
    assert "Eileen Collins was added to the list." in text
    assert "coffee.jpg : No face was found. Choose a photo where this student faces the camera." in text
    assert "twins.jpg : 2 faces were found. Choose a photo that shows this student alone." in text
    assert "notes.heic : This is not a photo Social Guard can read. Use JPEG, PNG, WebP, GIF, BMP or HEIC." in text
    assert "cut.heic : The photo could not be read: the file may be damaged." in text
    assert "good.jpg : A reference face was added." in text
    assert [(e["name"], e["faces"]) for e in dnp.entries(ui.store)] == [("Eileen Collins", 1)]


def test_a_large_photo_is_taken_in_memory_never_through_a_temporary_file(ui, monkeypatch):
    import werkzeug.formparser

    def no_disk(*args, **kwargs):
        raise AssertionError("an uploaded photo was about to be spooled to disk")
    monkeypatch.setattr(werkzeug.formparser, "SpooledTemporaryFile", no_disk)
    from photo_samples import twelve_megapixels
    big = to_bytes(twelve_megapixels(astronaut()))
    assert len(big) > 1024 * 1024   # over Werkzeug's 500 KB spooling threshold and the helper's 512 KB body limit
    dnp.add(ui.store, "Eileen Collins")
    [entry] = dnp.entries(ui.store)
    assert ui.post(f"/ui/photo-consent/{entry['id']}/photos", {"photos": [upload(big, "big.jpg")]}).status_code == 303
    assert "Eileen Collins 1" in text_of(ui.get("/ui/photo-consent"))


def test_adding_photos_to_a_listed_name(ui):
    dnp.add(ui.store, "Maria Lopez")
    [entry] = dnp.entries(ui.store)
    path = f"/ui/photo-consent/{entry['id']}/photos"
    none = ui.post(path, {})
    assert none.status_code == 400 and "Choose one or more photos first." in text_of(none)
    assert ui.post(path, {"photos": [upload(heic(astronaut()), "maria.heic")]}).status_code == 303
    assert "Reference faces added: 1." in text_of(ui.get("/ui/photo-consent"))
    refused = ui.post(path, {"photos": [upload(to_bytes(landscape()), "field.png")]})
    assert refused.status_code == 422 and "field.png : No face was found." in text_of(refused)
    assert dnp.entries(ui.store)[0]["faces"] == 1
    assert ui.post("/ui/photo-consent/999/photos", {}).status_code == 303   # gone meanwhile: back to the list


def test_a_missing_name_or_too_many_photos_keeps_what_was_typed(ui):
    response = ui.post("/ui/photo-consent/add", {"name": "  ", "note": "filed in the office"})
    assert response.status_code == 400
    text = text_of(response)
    assert "Please check these fields." in text and "Type the student's full name." in text
    assert 'value="filed in the office"' in response.get_data(as_text=True)
    many = ui.post("/ui/photo-consent/add", {"name": "Ann Lee", "photos": [upload(b"x", f"{i}.jpg") for i in range(11)]})
    assert many.status_code == 400 and "Choose at most 10 photos at a time." in text_of(many)
    assert dnp.entries(ui.store) == []


def test_importing_a_names_file(ui):
    names = "# declined, fall 2026\nMaria Lopez\nEileen Collins\n\n".encode()
    response = ui.post("/ui/photo-consent/import", {"names": upload(names, "names.txt")})
    assert response.status_code == 303
    assert "Names added: 2. The list has 2." in text_of(ui.get("/ui/photo-consent"))
    again = ui.post("/ui/photo-consent/import", {"names": upload(b"Maria Lopez\nJamal Washington\n", "more.txt")})
    assert again.status_code == 303 and "Names added: 1. The list has 3." in text_of(ui.get("/ui/photo-consent"))
    for data, message in (({}, "Choose a file of names first."),
                          ({"names": upload("Mar\u00eda".encode("latin-1"), "n.txt")}, "The file is not UTF-8 text."),
                          ({"names": upload(b"# only a comment\n", "n.txt")}, "No names were found.")):
        bad = ui.post("/ui/photo-consent/import", data)
        assert bad.status_code == 400 and message in text_of(bad)
    assert len(dnp.entries(ui.store)) == 3


def test_removing_asks_first_then_forgets_the_student_and_their_faces(ui, client, auth):
    student, _ = dnp.add(ui.store, "Eileen Collins")
    dnp.add_reference_photo(ui.store, student, to_bytes(astronaut()))
    confirm = ui.get(f"/ui/photo-consent/{student['id']}/remove")
    assert confirm.status_code == 200
    text = text_of(confirm)
    assert "Remove Eileen Collins from the do-not-publish list?" in text and "Their reference face is deleted too." in text
    assert len(dnp.entries(ui.store)) == 1   # asking removes nothing
    assert check_image(client, auth, to_bytes(astronaut()))[0]["rule"] == "image.do_not_publish"
    assert ui.post(f"/ui/photo-consent/{student['id']}/remove").status_code == 303
    assert "The name was removed from the list, with its reference faces." in text_of(ui.get("/ui/photo-consent"))
    assert dnp.entries(ui.store) == [] and ui.store.do_not_publish_faces() == []
    assert check_image(client, auth, to_bytes(astronaut()))[0]["rule"] == "image.faces"
    gone = ui.post(f"/ui/photo-consent/{student['id']}/remove")
    assert "That student is no longer on the list." in text_of(ui.get(gone.headers["Location"]))


def test_changes_need_a_session_the_csrf_token_and_the_helpers_origin(ui, app, config):
    assert ui.post("/ui/photo-consent/add", {"name": "Ann Lee"}, csrf_token="forged").status_code == 403
    other = app.test_client()
    assert other.get("/ui/photo-consent", base_url=f"http://127.0.0.1:{config.port}").status_code == 401
    assert other.post("/ui/photo-consent/add", data={"name": "Ann Lee"},
                      base_url=f"http://127.0.0.1:{config.port}").status_code == 401
    assert dnp.entries(ui.store) == []


def test_too_large_an_upload_is_refused_before_it_is_read(ui):
    from helper.web import photo_consent as pc
    response = ui.post("/ui/photo-consent/add", {"name": "Ann Lee",
                                                 "photos": [upload(b"\0" * (pc.MAX_UPLOAD_BYTES + 1), "huge.jpg")]})
    assert response.status_code == 413 and "Those photos are too large" in response.get_data(as_text=True)
    assert dnp.entries(ui.store) == []


def test_in_spanish(ui):
    ui.store.set_settings({"ui_language": "es"})
    page = ui.get("/ui/photo-consent")
    assert "Consentimiento de fotos" in page.get_data(as_text=True)
    response = ui.post("/ui/photo-consent/add", {"name": "Eileen Collins",
                                                 "photos": [upload(to_bytes(coffee()), "cafe.jpg")]})
    text = text_of(response)
    assert "Se añadió a Eileen Collins a la lista." in text
    assert "cafe.jpg : No se encontró ninguna cara." in text


def photo_consent_strings() -> set[str]:
    """Every string of the page: the module's _() calls and the templates' _("...")."""
    found = set()
    source = (ROOT / "helper" / "web" / "photo_consent.py").read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_" and node.args \
                and isinstance(node.args[0], ast.Constant):
            found.add(node.args[0].value)
    pattern = re.compile(r'''_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')''')
    for name in ("photo_consent.html", "photo_consent_remove.html", "base.html"):
        text = (ROOT / "helper" / "templates" / "web" / name).read_text(encoding="utf-8")
        found.update(m.group(1) if m.group(1) is not None else m.group(2) for m in pattern.finditer(text))
    return found


def test_every_string_of_the_page_has_a_spanish_translation():
    catalog = json.loads((ROOT / "helper" / "translations" / "es.json").read_text(encoding="utf-8"))
    strings = photo_consent_strings()
    assert "Photo consent" in strings and len(strings) > 40
    assert sorted(s for s in strings if s not in catalog) == []
    for english in strings:
        assert set(re.findall(r"\{\w+\}", english)) == set(re.findall(r"\{\w+\}", catalog[english])), english


# -- a real browser: add a student with a photo, then remove them ----------------------------------------------
def test_in_a_real_browser_add_with_a_photo_then_remove(tmp_path, pw, keyring_service):
    helper = HelperProcess(tmp_path / "home", free_port(), keyring_service).start()
    browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                 args=["--no-sandbox", "--disable-gpu"])
    try:
        result = helper.cli("pages", "--port", str(helper.port))
        assert result.returncode == 0, result.stderr
        page = browser.new_context(locale="en-US").new_page()
        page.set_default_timeout(15_000)
        page.goto(result.stdout.strip().splitlines()[-1])
        page.get_by_role("link", name="Photo consent").click()
        page.wait_for_url("**/ui/photo-consent")
        assert page.locator("h1").inner_text() == "Photo consent"
        page.get_by_label("Student's full name").fill("Eileen Collins")
        page.get_by_label("Note (optional)").fill("form 12")
        page.get_by_label("Reference photos (optional)").set_input_files(files=[
            {"name": "IMG_0042.HEIC", "mimeType": "image/heic", "buffer": heic(astronaut())}])
        with page.expect_navigation():
            page.get_by_role("button", name="Add to the list").click()
        assert "Reference faces added: 1." in page.get_by_role("status").first.inner_text()
        row = page.get_by_role("row", name=re.compile("Eileen Collins"))
        assert row.get_by_role("cell").nth(0).inner_text() == "1"
        with page.expect_navigation():
            page.get_by_role("link", name="Remove Eileen Collins").click()
        assert "Remove Eileen Collins from the do-not-publish list?" in page.locator("main").inner_text()
        with page.expect_navigation():
            page.get_by_role("button", name="Yes, remove Eileen Collins").click()
        assert "was removed from the list" in page.get_by_role("status").first.inner_text()
        assert "No student is on the list." in page.locator("main").inner_text()
        listed = helper.cli("do-not-publish", "list")
        assert listed.stdout.strip() == "The do-not-publish list is empty."
    finally:
        browser.close()
        helper.stop()
