"""Metadata of a photo: GPS from EXIF (Pillow) and XMP, and the people the photo's own XMP names (IPTC
PersonInImage, MWG and Microsoft face regions), matched by name against the do-not-publish list. Read by
Pillow's EXIF reader and a linear scan of the XMP packet, never a regex that can backtrack."""
from __future__ import annotations

import re
import unicodedata

from .decode import _exif

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
