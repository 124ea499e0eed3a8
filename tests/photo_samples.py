"""Real photos for the photo tests, the e2e tests and bench/photo_bench.py, made in memory:
skimage.data.astronaut() (a public-domain NASA portrait with one face), skimage.data.coffee()
(a cup of coffee: no face), a generated landscape (no face), and JPEGs (or HEICs) with GPS written
into their EXIF or XMP by Pillow."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

# Moline, Illinois: 41°30'22.44" N, 90°31'17.28" W.
GPS_LAT, GPS_LON = 41.50623, -90.52147


def astronaut() -> np.ndarray:
    from skimage import data
    return data.astronaut()


def coffee() -> np.ndarray:
    from skimage import data
    return data.coffee()


def landscape(width: int = 800, height: int = 500, seed: int = 7) -> np.ndarray:
    """Sky, hills and grass: smooth gradients and noise, nothing face-like."""
    rng = np.random.default_rng(seed)
    y = np.linspace(0, 1, height)[:, None]
    x = np.linspace(0, 1, width)[None, :]
    img = np.zeros((height, width, 3), dtype=np.float32)
    img[..., 0] = 120 + 80 * y
    img[..., 1] = 170 + 40 * y
    img[..., 2] = 235 - 30 * y
    ridge = 0.55 + 0.08 * np.sin(x * 9) + 0.04 * np.sin(x * 23 + 1)
    hills = y > ridge
    img[np.broadcast_to(hills, img.shape[:2])] = (70, 120, 60)
    img += rng.normal(0, 6, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def to_bytes(rgb: np.ndarray, fmt: str = "JPEG", exif=None, xmp: bytes | None = None, quality: int = 90) -> bytes:
    """The picture as a file. fmt "HEIF" writes a real HEIC (HEVC, by pillow-heif's libheif and x265),
    the format iPhones save."""
    if fmt == "HEIF" and "HEIF" not in Image.SAVE:   # the helper's images.py registers it when imported
        import pillow_heif
        pillow_heif.register_heif_opener()
    buf = io.BytesIO()
    kwargs = {"quality": quality} if fmt in ("JPEG", "HEIF") else {}
    if exif is not None:
        kwargs["exif"] = exif
    if xmp is not None:
        kwargs["xmp"] = xmp
    Image.fromarray(rgb).save(buf, format=fmt, **kwargs)
    return buf.getvalue()


def _dms(value: float):
    value = abs(value)
    deg = int(value)
    minutes = int((value - deg) * 60)
    seconds = round(((value - deg) * 60 - minutes) * 60 * 100)
    return (IFDRational(deg, 1), IFDRational(minutes, 1), IFDRational(seconds, 100))


def gps_exif(lat: float = GPS_LAT, lon: float = GPS_LON, orientation: int | None = None):
    exif = Image.Exif()
    exif[0x010F] = "Social Guard test camera"
    if orientation:
        exif[0x0112] = orientation
    exif[0x8825] = {0: b"\x02\x03\x00\x00", 1: "N" if lat >= 0 else "S", 2: _dms(lat),
                    3: "E" if lon >= 0 else "W", 4: _dms(lon)}
    return exif


def with_gps(rgb: np.ndarray, lat: float = GPS_LAT, lon: float = GPS_LON, fmt: str = "JPEG") -> bytes:
    """A JPEG (or HEIC) carrying the position in its EXIF GPS IFD, as a phone camera writes it."""
    return to_bytes(rgb, fmt=fmt, exif=gps_exif(lat, lon))


def xmp_packet(lat: str | None = None, lon: str | None = None, people: list[str] = ()) -> bytes:
    gps = f' exif:GPSLatitude="{lat}" exif:GPSLongitude="{lon}"' if lat else ""
    persons = ""
    if people:
        items = "".join(f"<rdf:li>{p}</rdf:li>" for p in people)
        persons = f"<Iptc4xmpExt:PersonInImage><rdf:Bag>{items}</rdf:Bag></Iptc4xmpExt:PersonInImage>"
    return (f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
            f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""'
            f' xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"'
            f'{gps}>{persons}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode("utf-8")


def twelve_megapixels(rgb: np.ndarray, width: int = 4032, height: int = 3024) -> np.ndarray:
    """A 12-megapixel photo (a phone camera's 4032x3024) with the picture in it, and sensor noise."""
    import cv2
    big = cv2.resize(rgb, (height * rgb.shape[1] // rgb.shape[0], height), interpolation=cv2.INTER_CUBIC)
    canvas = np.full((height, width, 3), 128, dtype=np.uint8)
    x0 = (width - big.shape[1]) // 2
    canvas[:, x0:x0 + big.shape[1]] = big[:, :width - x0] if big.shape[1] > width else big
    noise = np.random.default_rng(1).normal(0, 4, canvas.shape)
    return np.clip(canvas + noise, 0, 255).astype(np.uint8)
