"""Photos: faces, location metadata and the district's do-not-publish list, for image.student_photo
and image.location findings.

Everything happens in memory: the photo's bytes are decoded here, looked at, and dropped. Nothing
is written, logged or sent anywhere. Limits are checked before any pixel is decoded: the byte size,
then from the header the pixel count and what the decoder would really allocate (decode_cost: a
progressive JPEG keeps every DCT coefficient of every component, a GIF is decoded whole) and, for a
progressive JPEG, how many scans it has (each is a full pass over the picture). So a tiny crafted
file cannot make the decoder take seconds or hundreds of megabytes. The metadata is read by
Pillow's own EXIF reader and a linear scan of the XMP packet, never a regex that can backtrack.
(helper/photo_worker.py runs all this in a child process with a memory limit and a timeout.)

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

import io
import re
import warnings
import unicodedata
from dataclasses import dataclass, field

import cv2
import numpy as np

MAX_IMAGE_BYTES = 25 * 1024 * 1024     # larger than any of the three sites accepts for a photo
MAX_PIXELS = 100_000_000               # 100 megapixels (a 108 MP phone camera is the largest common)
MAX_DECODE_BYTES = 256 * 1024 * 1024   # what the decoder may allocate (see decode_cost): a 48 MP HEIC fits
MAX_WHOLE_PIXELS = 50_000_000          # formats decoded whole, at full size (all but JPEG): about 1 s of work
MAX_JPEG_SCANS = 64                    # encoders write 1 (baseline) or about 10 (progressive)
WORK_SIDE = 800                        # longest side of the copy the frontal-face detector sees
PROFILE_SIDE = 400                     # longest side of the copy the profile-face detector sees
MIN_FACE_FRACTION = 0.025              # faces under 2.5% of the longest side are not looked for
MIN_FACE_WEIGHT = 1.0                  # frontal detections scoring less are dropped (see detect_faces)
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO", "HEIF")
FORMAT_NAMES = "JPEG, PNG, WebP, GIF, BMP or HEIC"

RULE_FACES = "image.faces"
RULE_DO_NOT_PUBLISH = "image.do_not_publish"
RULE_GPS = "image.gps"

# Face matching (do-not-publish list): LBP over a FACE_SIZE square, GRID x GRID cells, uniform
# patterns (59 bins a cell), chi-square distance.
FACE_SIZE = 96
GRID = 6
MATCH_THRESHOLD = 0.45   # mean chi-square distance per cell; same face ~0.1-0.35, other faces ~0.6+
FEATURE_METHOD = "lbph-u2-r1-96-6"

try:  # Pillow reads EXIF and XMP; without it only the XMP scan below finds GPS.
    from PIL import Image, UnidentifiedImageError
except ImportError:  # pragma: no cover - Pillow is a pinned dependency
    Image = None

try:  # HEIC/HEIF: pillow-heif adds an opener to Pillow. Thumbnails, depth maps and auxiliary images
    # are left unread: only the primary picture is looked at.
    import pillow_heif
    pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)
except ImportError:  # pragma: no cover - pillow-heif is a pinned dependency; without it HEIC is a 415
    pillow_heif = None


class ImageError(ValueError):
    """A photo that cannot be checked, with the HTTP status that fits (and, for a reference photo
    without exactly one face, how many faces it has, so a page can say so in its own language)."""

    def __init__(self, message: str, status: int = 422, faces: int | None = None):
        super().__init__(message)
        self.status = status
        self.faces = faces

    def __reduce__(self):   # keeps status and faces when the error comes back from a worker process
        return (type(self), (str(self), self.status, self.faces))


@dataclass
class Analysis:
    width: int
    height: int
    faces: list[tuple[int, int, int, int]] = field(default_factory=list)   # x, y, w, h in the original
    gps: tuple[float, float] | None = None
    names: list[str] = field(default_factory=list)      # people the photo's own metadata names
    face_features: list[np.ndarray] = field(default_factory=list, repr=False)


# ---- cascades, loaded once ------------------------------------------------------------------------
_CASCADES: dict[str, cv2.CascadeClassifier] = {}


def _cascade(name: str) -> cv2.CascadeClassifier:
    c = _CASCADES.get(name)
    if c is None:
        c = cv2.CascadeClassifier(cv2.data.haarcascades + name)
        if c.empty():
            raise RuntimeError(f"OpenCV's {name} is missing: reinstall opencv-python-headless 4.x")
        _CASCADES[name] = c
    return c


# ---- decoding ------------------------------------------------------------------------------------------
def _open_header(data: bytes):
    if Image is None:
        return None
    try:
        with warnings.catch_warnings():   # the pixel limit is checked in decode_gray, against MAX_PIXELS
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))   # reads the header only
    except Image.DecompressionBombError:
        raise ImageError(f"the photo has more than {MAX_PIXELS // 1_000_000} megapixels", 413) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ImageError(f"this is not a photo the helper can read ({FORMAT_NAMES})", 415) from None
    if img.format not in FORMATS:
        raise ImageError(f"{img.format} images are not supported: use {FORMAT_NAMES}", 415)
    return img


def _exif(header):
    """The header's EXIF as read at open. Pillow's PNG reader would decode the whole picture to look
    for an EXIF chunk after the pixels (cameras write it before them): that is left unread."""
    return Image.Image.getexif(header)


def _orientation(header) -> int:
    try:
        return int(_exif(header).get(0x0112, 1)) if header is not None else 1
    except Exception:
        return 1


def _apply_orientation(gray: np.ndarray, orientation: int) -> np.ndarray:
    ops = {2: lambda a: cv2.flip(a, 1), 3: lambda a: cv2.rotate(a, cv2.ROTATE_180), 4: lambda a: cv2.flip(a, 0),
           5: lambda a: cv2.flip(cv2.rotate(a, cv2.ROTATE_90_CLOCKWISE), 1),
           6: lambda a: cv2.rotate(a, cv2.ROTATE_90_CLOCKWISE),
           7: lambda a: cv2.flip(cv2.rotate(a, cv2.ROTATE_90_COUNTERCLOCKWISE), 1),
           8: lambda a: cv2.rotate(a, cv2.ROTATE_90_COUNTERCLOCKWISE)}
    op = ops.get(orientation)
    return op(gray) if op else gray


_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")   # a marker: not stuffing, not a restart
TOO_COSTLY = "the photo is built to need more memory or time than any real photo: it was not checked"


def jpeg_scan_count(data: bytes, limit: int = MAX_JPEG_SCANS) -> int:
    """How many scans (SOS segments) a JPEG has, counted up to limit + 1: one linear walk of the
    markers, skipping each segment by its length and the entropy-coded data by a fixed-width search."""
    scans, pos, end = 0, 2, len(data)
    while pos + 4 <= end:
        m = _JPEG_MARKER.search(data, pos)
        if m is None:
            break
        marker = data[m.start() + 1]
        if marker == 0xD9:   # end of image
            break
        if marker in (0x01, 0xD8):   # markers without a length (TEM, SOI): a length read here could skip scans
            pos = m.start() + 2
            continue
        if marker == 0xDA:
            scans += 1
            if scans > limit:
                break
        length = int.from_bytes(data[m.start() + 2:m.start() + 4], "big")
        pos = m.start() + 2 + max(length, 2)
    return scans


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def decode_cost(data: bytes, header) -> int:
    """Bytes the decoder allocates for this photo, from its header. Baseline JPEGs are decoded at a
    reduced scale, row by row; a progressive JPEG keeps 2 bytes a DCT coefficient of each component
    whatever the scale; the other formats are decoded whole (GIF by Pillow: palette and gray copy;
    WebP, BMP: colour then gray; HEIF: YUV planes, RGB and gray)."""
    width, height = header.size
    pixels = width * height
    fmt = header.format
    if fmt in ("JPEG", "MPO"):
        if not header.info.get("progressive") and not header.info.get("progression"):
            return pixels // 16   # rows of a 1/8-scale decode and the scaled copy: small
        layers = getattr(header, "layer", None) or [(None, 1, 1, 0)] * max(1, len(header.getbands()))
        h_max = max(h for _, h, _, _ in layers) or 1
        v_max = max(v for _, _, v, _ in layers) or 1
        blocks = sum(_ceil_div(_ceil_div(width * h, h_max), 8) * _ceil_div(_ceil_div(height * v, v_max), 8)
                     for _, h, v, _ in layers)
        return blocks * 64 * 2
    # Measured: OpenCV's PNG decoder holds about 3 bytes a pixel at its peak, twice that for 16-bit,
    # alpha or interlaced files; Pillow's GIF frame and its gray copy 2; HEIF 5.5.
    per_pixel = {"PNG": 3, "GIF": 2, "WEBP": 4, "BMP": 4, "HEIF": 5.5}.get(fmt, 4)
    if fmt == "PNG" and (header.mode in ("I", "I;16", "I;16B", "RGBA", "LA") or header.info.get("interlace")):
        per_pixel = 6
    return int(pixels * per_pixel)


def check_budget(data: bytes, header) -> None:
    """ImageError 413 when decoding this photo would cost more than any real photo does: more than
    MAX_PIXELS, more memory than MAX_DECODE_BYTES, more pixels decoded whole than MAX_WHOLE_PIXELS,
    or more scans than MAX_JPEG_SCANS (each a pass over the whole picture)."""
    width, height = header.size
    if width * height > MAX_PIXELS or width < 1 or height < 1:
        raise ImageError(f"the photo has more than {MAX_PIXELS // 1_000_000} megapixels", 413)
    if decode_cost(data, header) > MAX_DECODE_BYTES:
        raise ImageError(TOO_COSTLY, 413)
    if header.format not in ("JPEG", "MPO") and header.size[0] * header.size[1] > MAX_WHOLE_PIXELS:
        raise ImageError(TOO_COSTLY, 413)
    if header.format in ("JPEG", "MPO") and jpeg_scan_count(data) > MAX_JPEG_SCANS:
        raise ImageError(TOO_COSTLY, 413)


def _pillow_gray(header, work_side: int) -> np.ndarray:
    """Pillow decodes the whole frame (GIF, HEIF): the gray copy is reduced at once, so only the
    frame and its gray copy are ever held, never a third full-size array."""
    header.seek(0)
    gray = header.convert("L")
    header.im = None   # frees the decoded frame (the metadata was read before decoding)
    factor = max(1, max(gray.size) // (2 * work_side))
    if factor > 1:
        gray = gray.reduce(factor)
    return np.asarray(gray)


def decode_gray(data: bytes, header=None, work_side: int = WORK_SIDE,
                budget_checked: bool = False) -> tuple[np.ndarray, float, tuple[int, int]]:
    """(grayscale working copy, scale from original to copy, (width, height) upright original).
    The budget (check_budget) is checked first, unless the caller already did."""
    if not data:
        raise ImageError("the photo is empty", 400)
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageError(f"the photo is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB", 413)
    header = header if header is not None else _open_header(data)
    if header is not None:
        width, height = header.size
        if not budget_checked:
            check_budget(data, header)
        fmt = header.format
    else:  # pragma: no cover
        width = height = 0
        fmt = "JPEG" if data[:3] == b"\xff\xd8\xff" else ""
    flags = cv2.IMREAD_GRAYSCALE | cv2.IMREAD_IGNORE_ORIENTATION
    if fmt in ("JPEG", "MPO") and width and height:
        longest = max(width, height)
        for factor, reduced in ((8, cv2.IMREAD_REDUCED_GRAYSCALE_8), (4, cv2.IMREAD_REDUCED_GRAYSCALE_4),
                                (2, cv2.IMREAD_REDUCED_GRAYSCALE_2)):
            if longest / factor >= work_side:
                flags = reduced | cv2.IMREAD_IGNORE_ORIENTATION
                break
    gray = None
    if fmt not in ("GIF", "HEIF"):   # OpenCV reads neither GIF nor HEIF: Pillow decodes those below
        gray = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), flags)
    orientation = _orientation(header)
    if gray is None and header is not None:
        try:
            gray = _pillow_gray(header, work_side)
        except Exception:
            gray = None
    if gray is None or gray.size == 0:
        raise ImageError("the photo could not be decoded: the file may be damaged", 422)
    gray = _apply_orientation(gray, orientation)
    upright = (height, width) if orientation in (5, 6, 7, 8) else (width, height)
    if not upright[0]:
        upright = (gray.shape[1], gray.shape[0])
    longest = max(gray.shape)
    if longest > work_side:
        f = work_side / longest
        gray = cv2.resize(gray, (max(1, round(gray.shape[1] * f)), max(1, round(gray.shape[0] * f))),
                          interpolation=cv2.INTER_AREA)
    scale = gray.shape[1] / upright[0]
    return gray, scale, upright


# ---- faces ------------------------------------------------------------------------------------------------
def _overlap(a, b) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    ix = max(0, min(ax + aw, bx + bw) - max(ax, bx))
    iy = max(0, min(ay + ah, by + bh) - max(ay, by))
    inter = ix * iy
    return inter / float(min(aw * ah, bw * bh) or 1)


def detect_faces(gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Face boxes (x, y, w, h) in the working copy. Frontal faces first (OpenCV's
    haarcascade_frontalface_default); only when there are none, profiles facing either way on a
    smaller copy (haarcascade_profileface), so the common case pays for one pass."""
    eq = cv2.equalizeHist(gray)
    min_side = max(24, int(max(gray.shape) * MIN_FACE_FRACTION))
    found, _, weights = _cascade("haarcascade_frontalface_default.xml").detectMultiScale3(
        eq, scaleFactor=1.15, minNeighbors=5, minSize=(min_side, min_side), outputRejectLevels=True)
    # The last stage's weight: real faces score well above MIN_FACE_WEIGHT, face-like folds of
    # cloth or foliage that pass every stage only just.
    boxes = [tuple(int(v) for v in b) for b, w in zip(found, weights) if float(w) >= MIN_FACE_WEIGHT]
    if boxes:
        return sorted(boxes)
    f = min(1.0, PROFILE_SIDE / max(eq.shape))
    small = cv2.resize(eq, (max(1, round(eq.shape[1] * f)), max(1, round(eq.shape[0] * f))),
                       interpolation=cv2.INTER_AREA) if f < 1 else eq
    profile = _cascade("haarcascade_profileface.xml")
    width = small.shape[1]
    for flipped in (False, True):
        img = cv2.flip(small, 1) if flipped else small
        for (x, y, w, h) in profile.detectMultiScale(img, scaleFactor=1.2, minNeighbors=5, minSize=(20, 20)):
            box = (width - int(x) - int(w) if flipped else int(x), int(y), int(w), int(h))
            box = tuple(round(v / f) for v in box)
            if all(_overlap(box, other) < 0.3 for other in boxes):
                boxes.append(box)
    return sorted(boxes)


# ---- face features (do-not-publish matching) ----------------------------------------------------------------
def _uniform_lut() -> np.ndarray:
    """Maps the 256 8-bit LBP codes to 59 bins: the 58 'uniform' ones (at most two 0/1 changes
    around the circle) get a bin each, every other code shares the last."""
    lut = np.full(256, 58, dtype=np.uint8)
    n = 0
    for code in range(256):
        bits = [(code >> i) & 1 for i in range(8)]
        if sum(bits[i] != bits[(i + 1) % 8] for i in range(8)) <= 2:
            lut[code] = n
            n += 1
    return lut


_LUT = _uniform_lut()
_NEIGHBOURS = ((-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1))


def face_features(gray: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The LBP histogram of one face (float32, GRID*GRID*59 values, each cell summing to 1)."""
    x, y, w, h = box
    pad = int(0.1 * w)   # a little context around the detector's box, which varies by a few pixels
    x0, y0 = max(0, x - pad), max(0, y - pad)
    crop = gray[y0:min(gray.shape[0], y + h + pad), x0:min(gray.shape[1], x + w + pad)]
    face = cv2.equalizeHist(cv2.resize(crop, (FACE_SIZE + 2, FACE_SIZE + 2), interpolation=cv2.INTER_AREA))
    face = cv2.GaussianBlur(face, (3, 3), 0)
    center = face[1:-1, 1:-1]
    code = np.zeros(center.shape, dtype=np.uint8)
    for bit, (dy, dx) in enumerate(_NEIGHBOURS):
        neighbour = face[1 + dy:face.shape[0] - 1 + dy, 1 + dx:face.shape[1] - 1 + dx]
        code |= ((neighbour >= center).astype(np.uint8) << bit)
    bins = _LUT[code]
    cell = FACE_SIZE // GRID
    hist = np.zeros((GRID, GRID, 59), dtype=np.float32)
    for gy in range(GRID):
        for gx in range(GRID):
            block = bins[gy * cell:(gy + 1) * cell, gx * cell:(gx + 1) * cell]
            hist[gy, gx] = np.bincount(block.ravel(), minlength=59)[:59]
    hist /= float(cell * cell)
    return hist.ravel()


def feature_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Chi-square distance between two face histograms, averaged over the cells."""
    s = a + b
    d = np.where(s > 0, (a - b) ** 2 / np.where(s > 0, s, 1), 0.0)
    return float(d.sum() / (GRID * GRID))


def features_to_bytes(f: np.ndarray) -> bytes:
    return np.asarray(f, dtype=np.float32).tobytes()


def features_from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype=np.float32)


def reference_features(data: bytes) -> np.ndarray:
    """The features of the one face in a district reference photo (ImageError if not exactly one)."""
    header = _open_header(data)
    gray, _, _ = decode_gray(data, header)
    boxes = detect_faces(gray)
    if len(boxes) != 1:
        raise ImageError(f"found {len(boxes)} faces in the reference photo: give a photo with this student's face "
                         "alone, facing the camera", 422, faces=len(boxes))
    return face_features(gray, boxes[0])


# ---- metadata ---------------------------------------------------------------------------------------------
_XMP_START, _XMP_END = b"<x:xmpmeta", b"</x:xmpmeta>"
_XMP_MAX = 512 * 1024


def _xmp_text(data: bytes, header) -> str:
    packets = []
    if header is not None:
        raw = header.info.get("xmp") or header.info.get("XML:com.adobe.xmp")
        if isinstance(raw, bytes):
            packets.append(raw[:_XMP_MAX])
        elif isinstance(raw, str):
            packets.append(raw[:_XMP_MAX].encode("utf-8", "replace"))
    start = data.find(_XMP_START)
    if start >= 0:
        end = data.find(_XMP_END, start, start + _XMP_MAX)
        if end > 0:
            packets.append(data[start:end + len(_XMP_END)])
    return "\n".join(p.decode("utf-8", "replace") for p in packets)


_XMP_VALUE_MAX = 200     # characters in one value
_XMP_VALUES_MAX = 1000   # values of one property


def _elements(xmp: str, tag: str, limit: int):
    """(attributes, content) of each <tag ...>content</tag>, left to right, in one linear pass:
    every search starts where the last one ended, and an element never closed ends the pass (no
    later one could close either)."""
    opening, closing = "<" + tag, "</" + tag + ">"
    pos = found = 0
    while found < limit:
        start = xmp.find(opening, pos)
        if start < 0:
            return
        after = start + len(opening)
        if after < len(xmp) and xmp[after] not in "> \t\r\n/":
            pos = after   # a longer name that starts the same, e.g. <rdf:liX>
            continue
        head_end = xmp.find(">", after, after + _XMP_VALUE_MAX + 2)
        if head_end < 0:
            pos = after
            continue
        if xmp[head_end - 1] == "/":   # <tag .../>: no content
            pos = head_end + 1
            continue
        end = xmp.find(closing, head_end + 1)
        if end < 0:
            return
        inner = xmp.rfind(opening, head_end + 1, end)   # openings never closed before this one: the last counts
        if inner >= 0:
            inner_end = xmp.find(">", inner + len(opening), end)
            if inner_end > 0:
                after, head_end = inner + len(opening), inner_end
        found += 1
        yield xmp[after:head_end], xmp[head_end + 1:end]
        pos = end + len(closing)


def _attribute_values(xmp: str, prop: str, limit: int) -> list[str]:
    """Values of prop="v" (spaces allowed around '='), each found by a bounded look after the name."""
    values, pos = [], 0
    while len(values) < limit:
        at = xmp.find(prop, pos)
        if at < 0:
            break
        pos = at + len(prop)
        rest = xmp[pos:pos + 16].lstrip()
        if not rest.startswith("="):
            continue
        after_eq = rest[1:].lstrip()
        if not after_eq.startswith('"'):
            continue
        value_start = pos + (len(xmp[pos:pos + 16]) - len(after_eq)) + 1
        value_end = xmp.find('"', value_start, value_start + _XMP_VALUE_MAX + 1)
        if value_end > value_start:
            values.append(xmp[value_start:value_end])
            pos = value_end + 1
    return values


def _xmp_values(xmp: str, prop: str) -> list[str]:
    """Values of an XMP property, as an attribute (prop="v"), an element (<prop>v</prop>) or the
    items of a list inside the element (<prop><rdf:Bag><rdf:li>v</rdf:li>...)."""
    values = _attribute_values(xmp, prop, _XMP_VALUES_MAX)
    for _, content in _elements(xmp, prop, _XMP_VALUES_MAX):
        if "<" not in content:
            if 0 < len(content) <= _XMP_VALUE_MAX:
                values.append(content)
            continue
        for _, item in _elements(content, "rdf:li", _XMP_VALUES_MAX):
            if "<" not in item and 0 < len(item) <= _XMP_VALUE_MAX:
                values.append(item)
    return [v.strip() for v in values if v.strip()]


_XMP_COORD = re.compile(r"^\s*(\d{1,3})(?:,(\d{1,2}(?:\.\d+)?))?(?:,(\d{1,2}(?:\.\d+)?))?\s*([NSEW])\s*$", re.I)


def _xmp_coord(value: str) -> float | None:
    """XMP GPS coordinates: 'DDD,MM.mmk' or 'DDD,MM,SSk' (k = N, S, E or W), or a signed decimal."""
    m = _XMP_COORD.match(value)
    if m:
        deg = float(m.group(1)) + float(m.group(2) or 0) / 60 + float(m.group(3) or 0) / 3600
        return -deg if m.group(4).upper() in "SW" else deg
    try:
        return float(value)
    except ValueError:
        return None


def _rational(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError, ZeroDivisionError):
        if isinstance(v, tuple) and len(v) == 2 and v[1]:
            return v[0] / v[1]
        return float("nan")


def _exif_gps(header) -> tuple[float, float] | None:
    if header is None:
        return None
    try:
        gps = _exif(header).get_ifd(0x8825)
    except Exception:
        return None
    if not gps or 2 not in gps or 4 not in gps:
        return None
    try:
        def coord(value, ref, negative):
            parts = [_rational(p) for p in (value if isinstance(value, (tuple, list)) else (value,))]
            parts += [0.0] * (3 - len(parts))
            deg = parts[0] + parts[1] / 60 + parts[2] / 3600
            ref = ref.decode("ascii", "ignore") if isinstance(ref, bytes) else str(ref or "")
            return -deg if ref.strip().upper() == negative else deg
        lat, lon = coord(gps[2], gps.get(1), "S"), coord(gps[4], gps.get(3), "W")
    except Exception:
        return None
    return (lat, lon) if _valid_coords(lat, lon) else None


def _valid_coords(lat: float | None, lon: float | None) -> bool:
    if lat is None or lon is None or lat != lat or lon != lon:
        return False
    if abs(lat) > 90 or abs(lon) > 180:
        return False
    return not (lat == 0 and lon == 0)   # 0,0 is what cameras without a fix write


def read_gps(data: bytes, header=None, xmp: str | None = None) -> tuple[float, float] | None:
    """The photo's GPS position from EXIF, or else from XMP; None when it carries none."""
    found = _exif_gps(header)
    if found:
        return found
    xmp = _xmp_text(data, header) if xmp is None else xmp
    if "GPSLatitude" in xmp:
        lats = [_xmp_coord(v) for v in _xmp_values(xmp, "exif:GPSLatitude")]
        lons = [_xmp_coord(v) for v in _xmp_values(xmp, "exif:GPSLongitude")]
        for lat, lon in zip(lats, lons):
            if _valid_coords(lat, lon):
                return (lat, lon)
    return None


PERSON_PROPERTIES = ("Iptc4xmpExt:PersonInImage", "mwg-rs:Name", "MPReg:PersonDisplayName", "MP:PersonDisplayName")


def read_person_names(xmp: str) -> list[str]:
    names: list[str] = []
    for prop in PERSON_PROPERTIES:
        for v in _xmp_values(xmp, prop):
            if v not in names:
                names.append(v)
    return names[:100]


# ---- names ---------------------------------------------------------------------------------------------------
def name_key(name: str) -> str:
    """A name as compared: accents dropped, case folded, anything but letters and digits a space."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


def names_mentioned(listed: list[dict], texts: list[str]) -> list[dict]:
    """Entries of the do-not-publish list whose full name appears, as whole words, in any text."""
    haystacks = [" " + name_key(t) + " " for t in texts if t]
    hits = []
    for entry in listed:
        key = entry.get("name_key") or name_key(entry["name"])
        if key and any(" " + key + " " in h for h in haystacks):
            hits.append(entry)
    return hits


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


def match_faces(features: list[np.ndarray], references: list[dict], threshold: float = MATCH_THRESHOLD) -> list[dict]:
    """Do-not-publish entries whose reference face is close to a face in the photo.
    references: [{"student_id", "name", "features": np.ndarray}]."""
    hits: dict[int, dict] = {}
    for f in features:
        best = None
        for ref in references:
            if ref["features"].shape != f.shape:
                continue
            d = feature_distance(f, ref["features"])
            if d <= threshold and (best is None or d < best[0]):
                best = (d, ref)
        if best is not None:
            hits.setdefault(best[1]["student_id"], {"id": best[1]["student_id"], "name": best[1]["name"]})
    return list(hits.values())


def image_findings(engine, analysis: Analysis, locale: str = "en", do_not_publish: list[dict] = ()) -> dict:
    """The contract's output object for a photo: image.student_photo for people (by name when on
    the do-not-publish list), image.location for GPS; messages and citations from the rules."""
    from .core import dedupe

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
    or the same run elsewhere (helper/photo_worker.py runs it in a child process)."""
    listed = store.do_not_publish() if store is not None else []
    references = [{**r, "features": features_from_bytes(r["features"])}
                  for r in store.do_not_publish_faces(FEATURE_METHOD)] if listed else []
    analysis = analyze_photo(data, want_features=bool(references))
    hits = {e["id"]: e for e in names_mentioned(listed, analysis.names + ([file_name] if file_name else []))}
    for e in match_faces(analysis.face_features, references):
        hits.setdefault(e["id"], e)
    return image_findings(engine, analysis, locale, list(hits.values()))
