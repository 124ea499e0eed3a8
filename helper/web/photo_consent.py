"""The "Photo consent" page under /ui/photo-consent: the district's do-not-publish list (students
whose guardians declined photo consent), managed in the helper's own pages: list, add a name (with
reference photos), add photos to a listed name, import a names file, remove (after a confirmation).

The routes live on the pages blueprint (core.bp; pages.py imports this module), so the session, CSRF and
Origin checks of pages.check_session apply to them unchanged. The list's logic is
helper/photos/do_not_publish.py, shared with the `do-not-publish` command.

Reference photos stay in memory: uploads to these routes (and the settings page's roster upload)
are parsed with an in-memory stream (Werkzeug would spool a file over 500 KB to a temporary file),
each photo's face features are stored and the photo is dropped.

Flash messages name no student: Flask keeps them in the session cookie, which is signed, not
encrypted.
"""
from __future__ import annotations

import io

from flask import flash, g, redirect, render_template, request, url_for
from werkzeug.formparser import FormDataParser

from ..photos import do_not_publish as dnp
from ..photos.decode import MAX_IMAGE_BYTES, MAX_PIXELS, TOO_COSTLY, ImageError
from ..i18n import best_locale
from ..photos.worker import PhotosBusy
from ..school import roster
from .core import bp, page_error, store
from .labels import _

MAX_PHOTOS = 10                                  # reference photos in one submission
MAX_UPLOAD_BYTES = 40 * 1024 * 1024              # all of them together (the server takes no larger body)
MAX_NAMES_FILE_BYTES = 400 * 1024                # tens of thousands of names
PHOTO_ENDPOINTS = {"pages.photo_consent_add", "pages.photo_consent_photos"}
FORM_ROOM = 64 * 1024                            # the form's other fields and multipart framing
PHOTO_ACCEPT = "image/*,.heic,.heif"


class InMemoryFormDataParser(FormDataParser):
    """Uploaded files parsed into memory, never into a temporary file on disk."""

    def __init__(self, *args, **kwargs):
        kwargs["stream_factory"] = lambda *_args, **_kwargs: io.BytesIO()
        super().__init__(*args, **kwargs)


def file_upload_limits() -> dict:
    """The pages' file uploads and the body each may have (the app's default is far smaller)."""
    return {"pages.roster_import": roster.MAX_BYTES + FORM_ROOM,
            "pages.photo_consent_import": MAX_NAMES_FILE_BYTES + FORM_ROOM}


@bp.before_app_request
def photo_uploads():
    """Before the pages' session check reads the form: room for photos (or a roster, a names
    file), kept in memory."""
    file_limit = file_upload_limits().get(request.endpoint)   # every request passes here: one look-up
    if file_limit is not None:
        request.max_content_length = file_limit
        request.form_data_parser_class = InMemoryFormDataParser
        return None
    if request.endpoint not in PHOTO_ENDPOINTS:
        return None
    if (request.content_length or 0) > MAX_UPLOAD_BYTES:
        g.locale = best_locale(store().get_settings().get("ui_language"), request.accept_languages)
        return page_error(413, _("Those photos are too large"), _(
            "Nothing was changed. Add at most {count} photos of up to {mb} MB together at a time.",
            count=MAX_PHOTOS, mb=MAX_UPLOAD_BYTES // (1024 * 1024)))
    request.max_content_length = MAX_UPLOAD_BYTES
    request.form_data_parser_class = InMemoryFormDataParser
    return None


def photo_problem(exc: ImageError) -> str:
    """What went wrong with one reference photo, in the page's language."""
    if exc.faces == 0:
        return _("No face was found. Choose a photo where this student faces the camera.")
    if exc.faces:
        return _("{count} faces were found. Choose a photo that shows this student alone.", count=exc.faces)
    if str(exc) == TOO_COSTLY:
        return _("This file is built to need far more memory or time than any real photo, so it was not used.")
    if exc.status == 413:
        return _("The photo is too large (at most {mb} MB and {mp} megapixels).",
                 mb=MAX_IMAGE_BYTES // (1024 * 1024), mp=MAX_PIXELS // 1_000_000)
    if exc.status == 415:
        return _("This is not a photo Social Guard can read. Use JPEG, PNG, WebP, GIF, BMP or HEIC.")
    if exc.status == 400:
        return _("The file is empty.")
    return _("The photo could not be read: the file may be damaged.")


def uploaded_photos() -> list:
    return [f for f in request.files.getlist("photos") if f and f.filename]


def add_photos(student: dict, uploads: list) -> list[dict]:
    """[{file, ok, message}] for each uploaded photo, in order."""
    results = []
    for upload in uploads:
        name = upload.filename[:120]
        data = upload.read(MAX_IMAGE_BYTES + 1)
        try:
            if len(data) > MAX_IMAGE_BYTES:
                raise ImageError("too large", 413)
            dnp.add_reference_photo(store(), student, data)
        except ImageError as exc:
            results.append({"file": name, "ok": False, "message": photo_problem(exc)})
        except PhotosBusy:
            results.append({"file": name, "ok": False, "message": _(
                "Social Guard is busy checking other photos. Add this photo again in a moment.")})
        else:
            results.append({"file": name, "ok": True, "message": _("A reference face was added.")})
    return results


def student_gone():
    """Back to the list, saying so, when a student's row was removed (another tab, the CLI)."""
    flash(_("That student is no longer on the list."), "info")
    return redirect(url_for("pages.photo_consent"), code=303)


def render_page(form: dict | None = None, errors: dict | None = None, results: list | None = None,
                results_for: str | None = None, status_code: int = 200):
    return render_template("web/photo_consent.html", title=_("Photo consent"), entries=dnp.entries(store()),
                           form=form or {}, errors=errors or {}, results=results or [], results_for=results_for,
                           max_photos=MAX_PHOTOS, accept=PHOTO_ACCEPT, name_max=dnp.NAME_MAX,
                           note_max=dnp.NOTE_MAX), status_code


def too_many_photos(uploads: list) -> str | None:
    if len(uploads) > MAX_PHOTOS:
        return _("Choose at most {count} photos at a time.", count=MAX_PHOTOS)
    return None


def after_photos(student: dict, added: bool | None, results: list[dict]):
    """A redirect when every photo was taken, else the page with each file's outcome."""
    if added is None:
        headline = _("Photos for {name}:", name=student["name"])
    elif added:
        headline = _("{name} was added to the list.", name=student["name"])
    else:
        headline = _("{name} was already on the list.", name=student["name"])
    if any(not r["ok"] for r in results):
        return render_page(results=results, results_for=headline, status_code=422)
    # The flash travels in the session cookie: it names no one (the list below shows the name).
    message = {None: "", True: _("The name was added to the list."), False: _("The name was already on the list.")}[added]
    if results:
        message += " " + _("Reference faces added: {count}. Only their face features are kept, never the photos.",
                           count=len(results))
    flash(message.strip(), "ok")
    return redirect(url_for("pages.photo_consent"), code=303)


@bp.get("/photo-consent")
def photo_consent():
    return render_page()


@bp.post("/photo-consent/add")
def photo_consent_add():
    form = {"name": request.form.get("name", "")[:1000], "note": request.form.get("note", "")[:2000]}
    errors = {}
    name = dnp.clean_name(form["name"])
    if not name:
        errors["name"] = (_("Please keep the name under {max} characters.", max=dnp.NAME_MAX)
                          if len(" ".join(form["name"].split())) > dnp.NAME_MAX else _("Type the student's full name."))
    if len(form["note"]) > dnp.NOTE_MAX:
        errors["note"] = _("Please keep the note under {max} characters.", max=dnp.NOTE_MAX)
    uploads = uploaded_photos()
    if too_many_photos(uploads):
        errors["photos"] = too_many_photos(uploads)
    if errors:
        return render_page(form=form, errors=errors, status_code=400)
    student, added = dnp.add(store(), name, form["note"])
    return after_photos(student, added, add_photos(student, uploads))


@bp.post("/photo-consent/<int:student_id>/photos")
def photo_consent_photos(student_id: int):
    student = dnp.find_by_id(store(), student_id)
    if student is None:
        return student_gone()
    uploads = uploaded_photos()
    problem = too_many_photos(uploads) or (None if uploads else _("Choose one or more photos first."))
    if problem:
        return render_page(results=[{"file": "", "ok": False, "message": problem}],
                           results_for=_("Photos for {name}:", name=student["name"]), status_code=400)
    return after_photos(student, None, add_photos(student, uploads))


@bp.post("/photo-consent/import")
def photo_consent_import():
    upload = request.files.get("names")
    problem = None
    if upload is None or not upload.filename:
        problem = _("Choose a file of names first.")
    else:
        data = upload.read(MAX_NAMES_FILE_BYTES + 1)
        if len(data) > MAX_NAMES_FILE_BYTES:
            problem = _("The file is too large.")
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                problem = _("The file is not UTF-8 text. Save it as “CSV UTF-8” or plain text and try again.")
            else:
                if not dnp.parse_names(text):
                    problem = _("No names were found. Use one full name a line.")
                else:
                    added = dnp.import_names(store(), text)
                    flash(_("Names added: {count}. The list has {total}.", count=added,
                            total=len(dnp.entries(store()))), "ok")
                    return redirect(url_for("pages.photo_consent"), code=303)
    return render_page(errors={"names": problem}, status_code=400)


@bp.get("/photo-consent/<int:student_id>/remove")
def photo_consent_confirm_remove(student_id: int):
    student = dnp.find_by_id(store(), student_id)
    if student is None:
        return student_gone()
    return render_template("web/photo_consent_remove.html", title=_("Remove from the list?"), student=student)


@bp.post("/photo-consent/<int:student_id>/remove")
def photo_consent_remove(student_id: int):
    student = dnp.find_by_id(store(), student_id)
    if student is None or not dnp.remove(store(), student["name"]):
        flash(_("That student is no longer on the list."), "info")
    else:
        flash(_("The name was removed from the list, with its reference faces."), "ok")
    return redirect(url_for("pages.photo_consent"), code=303)
