"""Photos: faces, location metadata and the district's do-not-publish list, for image.student_photo
and image.location findings.

Everything happens in memory: the photo's bytes are decoded here, looked at, and dropped. Nothing
is written, logged or sent anywhere. Limits are checked before any pixel is decoded: the byte size,
then from the header the pixel count and what the decoder would really allocate (decode_cost: a
progressive JPEG keeps every DCT coefficient of every component, a GIF is decoded whole) and, for a
progressive JPEG, how many scans it has (each is a full pass over the picture). So a tiny crafted
file cannot make the decoder take seconds or hundreds of megabytes. The metadata is read by
Pillow's own EXIF reader and a linear scan of the XMP packet, never a regex that can backtrack.
(helper/photos/worker.py runs all this in a child process with a memory limit and a timeout.)

- Faces: OpenCV's bundled Haar cascades (frontal, then profile; shipped in opencv-python-headless,
  no model download), on a grayscale copy downscaled to WORK_SIDE pixels on its longest side.
  JPEGs are decoded straight at a reduced scale (libjpeg's DCT scaling), which is what keeps a
  12-megapixel photo fast.
- Formats: what OpenCV and Pillow read, plus HEIC/HEIF (what iPhones save) through pillow-heif's
  Pillow opener; libheif applies the file's own rotation, and pillow-heif then reports EXIF
  Orientation 1, so it is never applied twice.
- Location: EXIF GPS (Pillow; pillow-heif passes a HEIC's EXIF on) and XMP exif:GPSLatitude/GPSLongitude.
- Names: people named in the photo's own XMP (IPTC PersonInImage, MWG and Microsoft face regions)
  and in its file name, matched against the do-not-publish list.
- Faces of students on the do-not-publish list: a local LBPH match (local binary pattern
  histograms, the method of OpenCV's LBPHFaceRecognizer, here in numpy) against reference faces
  the district supplied. Only the histograms of reference faces are stored, never the photos.
"""
from __future__ import annotations
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..engine.core import dedupe
from .decode import MAX_IMAGE_BYTES, WORK_SIDE, ImageError, _open_header, check_budget, decode_gray
from .faces import FEATURE_METHOD, detect_faces, face_features, features_from_bytes, match_faces
from .metadata import _xmp_text, names_mentioned, read_gps, read_person_names

RULE_FACES = "image.faces"
RULE_DO_NOT_PUBLISH = "image.do_not_publish"
RULE_GPS = "image.gps"


@dataclass
class Analysis:
    width: int
    height: int
    faces: list[tuple[int, int, int, int]] = field(default_factory=list)   # x, y, w, h in the original
    gps: tuple[float, float] | None = None
    names: list[str] = field(default_factory=list)      # people the photo's own metadata names
    face_features: list[np.ndarray] = field(default_factory=list, repr=False)



# ---- the whole check ------------------------------------------------------------------------------------------
def analyze(data: bytes, want_features: bool = False, work_side: int = WORK_SIDE) -> Analysis:
    """Faces, GPS and named people of one photo, from its bytes, in memory."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ImageError("the photo must be bytes", 400)
    data = bytes(data)
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageError(f"the photo is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB", 413)
    header = _open_header(data)
    if header is not None:
        check_budget(data, header)   # before anything is read beyond the header
    xmp = _xmp_text(data, header)   # the metadata before decoding, which may drop the header's frame
    gps, names = read_gps(data, header, xmp), read_person_names(xmp)
    gray, scale, (width, height) = decode_gray(data, header, work_side, budget_checked=header is not None)
    boxes = detect_faces(gray)
    result = Analysis(width=width, height=height, gps=gps, names=names)
    result.faces = [(round(x / scale), round(y / scale), round(w / scale), round(h / scale)) for x, y, w, h in boxes]
    if want_features:
        result.face_features = [face_features(gray, b) for b in boxes]
    return result


def image_findings(engine, analysis: Analysis, locale: str = "en", do_not_publish: list[dict] = ()) -> dict:
    """The contract's output object for a photo: image.student_photo for people (by name when on
    the do-not-publish list), image.location for GPS; messages and citations from the rules."""
    findings = []
    if do_not_publish:
        rule = engine.rule_by_id(RULE_DO_NOT_PUBLISH)
        f = engine.finding(rule, (0, 0), locale)
        names = ", ".join(sorted({e["name"] for e in do_not_publish}))
        f["message"] = f["message"].replace("{names}", names)
        findings.append(f)
    if analysis.faces or do_not_publish:
        findings.append(engine.finding(engine.rule_by_id(RULE_FACES), (0, 0), locale))
    if analysis.gps:
        findings.append(engine.finding(engine.rule_by_id(RULE_GPS), (0, 0), locale))
    return {"findings": dedupe(findings)}


def face_fractions(analysis: Analysis) -> list[list[float]]:
    """The faces as [x, y, w, h], each a fraction (0-1) of the upright photo's width or height, so
    a thumbnail of any size can draw them. Boxes only: no pixels, no names."""
    if not analysis.width or not analysis.height:
        return []

    def part(v: int, whole: int) -> float:
        return round(min(1.0, max(0.0, v / whole)), 4)
    return [[part(x, analysis.width), part(y, analysis.height), part(w, analysis.width), part(h, analysis.height)]
            for x, y, w, h in analysis.faces]


def check_photo(engine, data: bytes, locale: str = "en", store=None, file_name: str | None = None,
                analyze_photo=analyze) -> dict:
    """Analyze a photo and return its findings; with a store, also match the do-not-publish list
    (names in the photo's metadata and file name, and reference faces). analyze_photo is analyze,
    or the same run elsewhere (helper/photos/worker.py runs it in a child process)."""
    listed = store.do_not_publish() if store is not None else []
    references = [{**r, "features": features_from_bytes(r["features"])}
                  for r in store.do_not_publish_faces(FEATURE_METHOD)] if listed else []
    analysis = analyze_photo(data, want_features=bool(references))
    hits = {e["id"]: e for e in names_mentioned(listed, analysis.names + ([file_name] if file_name else []))}
    for e in match_faces(analysis.face_features, references):
        hits.setdefault(e["id"], e)
    return image_findings(engine, analysis, locale, list(hits.values()))
