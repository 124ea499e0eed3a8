"""Decoding a photo within a budget: the byte size, then from the header the pixel count and what the
decoder would really allocate (decode_cost) and, for a progressive JPEG, its scan count, all before any
pixel is decoded; then a grayscale working copy, upright (EXIF Orientation), JPEGs decoded straight at a
reduced scale. Formats: what OpenCV and Pillow read, plus HEIC/HEIF through pillow-heif's opener."""
from __future__ import annotations

import io
import re
import warnings

import cv2
import numpy as np

MAX_IMAGE_BYTES = 25 * 1024 * 1024     # larger than any of the three sites accepts for a photo
MAX_PIXELS = 100_000_000               # 100 megapixels (a 108 MP phone camera is the largest common)
MAX_DECODE_BYTES = 256 * 1024 * 1024   # what the decoder may allocate (see decode_cost): a 48 MP HEIC fits
MAX_WHOLE_PIXELS = 50_000_000          # formats decoded whole, at full size (all but JPEG): about 1 s of work
MAX_JPEG_SCANS = 64                    # encoders write 1 (baseline) or about 10 (progressive)
WORK_SIDE = 800                        # longest side of the copy the frontal-face detector sees
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO", "HEIF")
FORMAT_NAMES = "JPEG, PNG, WebP, GIF, BMP or HEIC"

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
