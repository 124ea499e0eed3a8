"""Faces: OpenCV's bundled Haar cascades (frontal, then profile) on the grayscale working copy, and the
do-not-publish face match: LBPH (local binary pattern histograms, the method of OpenCV's
LBPHFaceRecognizer, here in numpy) against reference faces the district supplied. Only the histograms
of reference faces are stored, never the photos."""
from __future__ import annotations

import cv2
import numpy as np

from .decode import ImageError, _open_header, decode_gray

PROFILE_SIDE = 400                     # longest side of the copy the profile-face detector sees
MIN_FACE_FRACTION = 0.025              # faces under 2.5% of the longest side are not looked for
MIN_FACE_WEIGHT = 1.0                  # frontal detections scoring less are dropped (see detect_faces)

# Face matching (do-not-publish list): LBP over a FACE_SIZE square, GRID x GRID cells, uniform
# patterns (59 bins a cell), chi-square distance.
FACE_SIZE = 96
GRID = 6
MATCH_THRESHOLD = 0.45   # mean chi-square distance per cell; same face ~0.1-0.35, other faces ~0.6+
FEATURE_METHOD = "lbph-u2-r1-96-6"

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
