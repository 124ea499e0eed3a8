"""POST /v1/check-image: one photo in, its findings out (the contract's output object).

The body is JSON, like every other route: {"image": "<base64 of the file's bytes>", "site",
"surface", "locale"?, "name"?}. This route alone accepts a larger body (MAX_IMAGE_BODY_BYTES),
raised for this request only before the body is read. The photo is decoded in memory, in a worker
process with a memory limit and a timeout (helper/photos/worker.py), looked at and dropped: it is
never written, logged or sent anywhere, and the answer carries no pixels. Beside the findings, the
answer has "faces" when faces were found: each [x, y, w, h] as fractions (0-1) of the upright
photo's width and height, for the dialog to box them on its thumbnail. When every worker and
queue place is taken the answer is 429 with Retry-After, at once.
"""
from __future__ import annotations

import base64
import binascii

from flask import Blueprint, current_app, jsonify, request

from ..engine.core import SITES, SURFACES
from ..photos import worker as photo_worker
from ..photos.decode import MAX_IMAGE_BYTES, ImageError
from ..photos.check import check_photo, face_fractions
from ..security.guard import too_many
from ..validation import LOCALES, InputError, check_fields
from .jsonbody import json_body

bp = Blueprint("image", __name__)

# base64 makes 4 bytes of every 3, plus room for the other fields.
MAX_IMAGE_BODY_BYTES = (MAX_IMAGE_BYTES * 4) // 3 + 64 * 1024
FIELDS = {"image", "site", "surface", "locale", "name"}


@bp.errorhandler(ImageError)
def bad_image(exc):
    response = jsonify({"error": str(exc)})
    response.status_code = exc.status
    return response


@bp.errorhandler(photo_worker.PhotosBusy)
def busy(exc: photo_worker.PhotosBusy):
    return too_many(exc.retry_after, "the helper is checking other photos")


def parse_image_input(obj) -> dict:
    check_fields(obj, FIELDS, ("image", "site", "surface"),
                 "the input must be a JSON object with 'image', 'site' and 'surface'")
    if not isinstance(obj["image"], str) or not obj["image"]:
        raise InputError("'image' must be the photo's bytes in base64")
    if obj["site"] not in SITES:
        raise InputError(f"'site' must be one of {', '.join(SITES)}")
    if obj["surface"] not in SURFACES:
        raise InputError(f"'surface' must be one of {', '.join(SURFACES)}")
    locale = obj.get("locale", "en")
    if locale not in LOCALES:
        raise InputError(f"'locale' must be one of {', '.join(LOCALES)}")
    name = obj.get("name")
    if name is not None and (not isinstance(name, str) or len(name) > 255):
        raise InputError("'name' must be the file's name (at most 255 characters)")
    raw = obj["image"]
    if raw.startswith("data:"):   # a data: URL, as FileReader makes one
        raw = raw.partition(",")[2]
    if len(raw) > (MAX_IMAGE_BYTES * 4) // 3 + 4:
        raise InputError(f"the photo is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB", status=413)
    try:
        data = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise InputError("'image' is not valid base64") from None
    return {"data": data, "site": obj["site"], "surface": obj["surface"], "locale": locale, "name": name}


@bp.post("/v1/check-image")
def check_image():
    request.max_content_length = MAX_IMAGE_BODY_BYTES   # this route only; read below
    with photo_worker.shared().place():   # before the body is read: a photo refused as busy costs nothing
        parsed = parse_image_input(json_body(lone_surrogates="replace"))   # a file name cut by slice()
        checker = current_app.extensions["sg.checker"]
        analyses = []

        def analyze_and_keep(data, want_features=False):   # the boxes come from the same one look
            analysis = photo_worker.analyze(data, want_features)
            analyses.append(analysis)
            return analysis
        result = check_photo(checker.engine, parsed["data"], parsed["locale"], store=current_app.extensions["sg.store"],
                             file_name=parsed["name"], analyze_photo=analyze_and_keep)
    faces = face_fractions(analyses[0]) if analyses else []
    if faces:   # only when there are faces: an answer without people stays the contract's object alone
        result["faces"] = faces
    return jsonify(result)
