"""Crafted photos that cost a decoder far more than their size, built here byte by byte, for the
photo-budget tests and bench/hostile_photo_bench.py. Each is a few hundred bytes to a few hundred KB."""
from __future__ import annotations

import io
import struct
import zlib

import numpy as np
from PIL import Image


def _progressive_seed(components: int = 3) -> bytes:
    """A real 16x16 progressive JPEG from Pillow (libjpeg's progression script)."""
    mode = "RGB" if components == 3 else "L"
    buf = io.BytesIO()
    Image.new(mode, (16, 16), 128).save(buf, format="JPEG", progressive=True, quality=50,
                                        subsampling=0 if components == 3 else -1)
    return buf.getvalue()


def _with_size(jpeg: bytes, width: int, height: int) -> bytes:
    """The JPEG with its frame header (SOF2) claiming another size: the scans then cover nothing of
    it, and libjpeg fills the rest in, at the cost of the whole claimed size."""
    at = jpeg.index(b"\xff\xc2")
    return jpeg[:at + 5] + struct.pack(">HH", height, width) + jpeg[at + 9:]


def progressive_bomb(width: int = 10000, height: int = 10000) -> bytes:
    """A ~600-byte progressive 3-component JPEG whose decoder needs width*height*6 bytes of
    coefficients (600 MB at 10000x10000)."""
    return _with_size(_progressive_seed(3), width, height)


def many_scans(scans: int = 2000, width: int = 10000, height: int = 10000) -> bytes:
    """A progressive grayscale JPEG of the given size made of `scans` empty scans: each one makes
    the decoder walk every block of the picture."""
    seed = _with_size(_progressive_seed(1), width, height)
    first_sos = seed.index(b"\xff\xda")
    # An AC scan of the one component (Ss=1, Se=63), with no data: repeated, every one is a full pass.
    empty_scan = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00" + bytes([1, 63, 0])
    return seed[:first_sos] + seed[first_sos:-2] + empty_scan * scans + b"\xff\xd9"


def giant_gif(width: int = 10000, height: int = 10000) -> bytes:
    """A 100-megapixel one-colour GIF (LZW compresses it to a few hundred KB)."""
    buf = io.BytesIO()
    Image.new("P", (width, height), 0).save(buf, format="GIF")
    return buf.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def xmp_unclosed_names(repeats: int = 25000, compressed: bool = True, raw_too: bool = False) -> bytes:
    """A small PNG (about 1 KB) whose XMP packet repeats an opening <mwg-rs:Name> tag that is never
    closed: a backtracking scan retries to the end of the packet after every one."""
    packet = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>'
              + b"<mwg-rs:Name>" * repeats + b"</rdf:Description></rdf:RDF></x:xmpmeta>")
    text = zlib.compress(packet, 9) if compressed else packet
    itxt = b"XML:com.adobe.xmp\x00" + (b"\x01\x00" if compressed else b"\x00\x00") + b"\x00\x00" + text
    buf = io.BytesIO()
    Image.fromarray(np.full((8, 8, 3), 200, dtype=np.uint8)).save(buf, format="PNG")
    png = buf.getvalue()
    at = png.index(b"IDAT") - 4
    out = png[:at] + _png_chunk(b"iTXt", itxt) + png[at:]
    return out + packet if raw_too else out


def giant_png(width: int = 10000, height: int = 10000) -> bytes:
    """A 100-megapixel one-colour grayscale PNG (zlib squeezes it to about 100 KB)."""
    raw_rows = zlib.compress((b"\x00" + b"\x80" * width) * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", raw_rows) + _png_chunk(b"IEND", b"")


def baseline_giant(width: int = 10000, height: int = 10000) -> bytes:
    """A baseline (not progressive) JPEG claiming 10000x10000: decoded row by row at 1/8 scale."""
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), 128).save(buf, format="JPEG", quality=50)
    jpeg = buf.getvalue()
    at = jpeg.index(b"\xff\xc0")
    return jpeg[:at + 5] + struct.pack(">HH", height, width) + jpeg[at + 9:]
