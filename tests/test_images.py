"""The photo checker on real images: OpenCV's bundled face detector on a real portrait
(skimage.data.astronaut()) and on pictures without faces, GPS from EXIF and XMP written by the
test, EXIF orientation, a 12-megapixel photo, the limits, the findings' shape and messages, and
the do-not-publish list (names in metadata and file names, reference faces matched locally)."""
from __future__ import annotations

import struct
import zlib

import cv2
import numpy as np
import pytest

from helper.engine import Engine
from helper.photos import check as I, decode as photo_decode, faces as photo_faces, metadata as photo_metadata
from photo_samples import (GPS_LAT, GPS_LON, astronaut, coffee, gps_exif, landscape, to_bytes,
                           twelve_megapixels, with_gps, xmp_packet)


@pytest.fixture(scope="module")
def engine(bundle):
    return Engine(bundle)


# ---- faces ----------------------------------------------------------------------------------------
def test_the_astronaut_portrait_has_one_face_where_her_face_is():
    result = I.analyze(to_bytes(astronaut()))
    assert (result.width, result.height) == (512, 512)
    [(x, y, w, h)] = result.faces
    cx, cy = x + w / 2, y + h / 2
    assert 190 < cx < 260 and 80 < cy < 150 and 60 < w < 160   # her face, not the suit or the flag


@pytest.mark.parametrize("name,rgb", [("coffee", coffee), ("landscape", landscape)])
def test_pictures_without_people_have_no_faces(name, rgb):
    assert I.analyze(to_bytes(rgb())).faces == []


def test_png_and_webp_are_read_too():
    for fmt in ("PNG", "WEBP"):
        assert len(I.analyze(to_bytes(astronaut(), fmt=fmt)).faces) == 1, fmt


def test_a_12_megapixel_photo_reports_the_face_in_its_own_coordinates():
    result = I.analyze(to_bytes(twelve_megapixels(astronaut())))
    assert (result.width, result.height) == (4032, 3024)
    [(x, y, w, h)] = result.faces
    assert w > 400 and 1000 < x + w / 2 < 3000   # scaled back from the working copy


def test_exif_orientation_is_applied_before_looking_for_faces():
    # Stored lying on its side, with Orientation 6 ("rotate 90° clockwise to view"), as phones do.
    sideways = np.ascontiguousarray(np.rot90(astronaut(), k=1))
    raw = to_bytes(sideways, exif=gps_exif(orientation=6))
    plain = photo_decode.decode_gray(to_bytes(sideways))[0]
    assert photo_faces.detect_faces(plain) == []              # as stored, the face is on its side
    result = I.analyze(raw)
    assert len(result.faces) == 1 and result.gps is not None


# ---- location ---------------------------------------------------------------------------------------
def test_gps_in_exif_written_by_the_test_is_read_back():
    lat, lon = I.analyze(with_gps(coffee())).gps
    assert lat == pytest.approx(GPS_LAT, abs=1e-4) and lon == pytest.approx(GPS_LON, abs=1e-4)


def test_southern_and_eastern_coordinates_keep_their_sign():
    lat, lon = photo_metadata.read_gps(with_gps(coffee(), -33.8568, 151.2153), photo_decode._open_header(with_gps(coffee(), -33.8568, 151.2153)))
    assert lat == pytest.approx(-33.8568, abs=1e-4) and lon == pytest.approx(151.2153, abs=1e-4)


def test_gps_in_xmp_is_read_when_exif_has_none():
    raw = to_bytes(coffee(), xmp=xmp_packet("41,30.374N", "90,31.288W"))
    lat, lon = I.analyze(raw).gps
    assert lat == pytest.approx(41.50623, abs=1e-4) and lon == pytest.approx(-90.52147, abs=1e-4)


def test_photos_without_location_and_placeholder_zeros_have_none():
    assert I.analyze(to_bytes(coffee())).gps is None
    assert I.analyze(with_gps(coffee(), 0.0, 0.0)).gps is None   # cameras without a fix write 0,0


# ---- limits -----------------------------------------------------------------------------------------------
def png_header_only(width: int, height: int) -> bytes:
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def test_a_decompression_bomb_is_refused_from_its_header():
    with pytest.raises(photo_decode.ImageError) as exc:
        I.analyze(png_header_only(20000, 20000))   # 400 megapixels claimed in a few bytes
    assert exc.value.status == 413 and "megapixels" in str(exc.value)


def test_too_many_bytes_is_refused_before_decoding():
    with pytest.raises(photo_decode.ImageError) as exc:
        I.analyze(b"\xff\xd8\xff" + b"\x00" * (photo_decode.MAX_IMAGE_BYTES + 1))
    assert exc.value.status == 413


@pytest.mark.parametrize("raw,status", [(b"", 415), (b"hello, not a photo", 415), (b"GIF89a" + b"\x00" * 5, 415)])
def test_what_is_not_a_photo_is_refused_clearly(raw, status):
    with pytest.raises(photo_decode.ImageError) as exc:
        I.analyze(raw)
    assert exc.value.status == status


def test_a_truncated_jpeg_is_an_error_or_still_checked_never_a_crash():
    raw = to_bytes(astronaut())
    try:
        result = I.analyze(raw[: len(raw) // 3])
    except photo_decode.ImageError as exc:
        assert exc.status in (415, 422)
    else:
        assert result.width == 512


# ---- findings ------------------------------------------------------------------------------------------------
def test_a_photo_of_a_person_gets_the_consent_finding_with_its_citation(engine):
    result = I.check_photo(engine, to_bytes(astronaut()))
    [f] = result["findings"]
    assert f["rule"] == "image.faces" and f["category"] == "image.student_photo" and f["severity"] == "warn"
    assert "written consent" in f["message"] and f["span"] == [0, 0]
    assert f["policy"]["section"].endswith("Images") and "legal guardian" in f["policy"]["quote"]
    assert set(f) == {"rule", "category", "severity", "message", "policy", "span"}   # the contract's shape


def test_a_photo_with_gps_gets_the_location_advice(engine):
    [f] = I.check_photo(engine, with_gps(coffee()))["findings"]
    assert f["category"] == "image.location" and "Remove the location" in f["message"]


def test_both_findings_and_spanish_messages(engine):
    findings = I.check_photo(engine, with_gps(astronaut()), locale="es")["findings"]
    assert [f["category"] for f in findings] == ["image.student_photo", "image.location"]
    assert "consentimiento" in findings[0]["message"] and "ubicación" in findings[1]["message"]


def test_a_photo_without_people_or_location_has_no_findings(engine):
    assert I.check_photo(engine, to_bytes(landscape())) == {"findings": []}


# ---- the do-not-publish list ------------------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    from helper.storage.store import Store
    s = Store(tmp_path / "db.sqlite3")
    yield s
    s.close()


def test_name_keys_ignore_case_accents_and_punctuation():
    assert photo_metadata.name_key("  José  O'Neil-Núñez ") == photo_metadata.name_key("jose o neil nunez")
    listed = [{"id": 1, "name": "José Núñez"}, {"id": 2, "name": "Ana Li"}]
    assert [e["id"] for e in photo_metadata.names_mentioned(listed, ["jose_nunez_science_fair.jpg"])] == [1]
    assert photo_metadata.names_mentioned(listed, ["anali.jpg", "Diana Lin"]) == []   # whole names only


def test_a_listed_student_named_in_the_photos_metadata_is_warned_by_name(engine, store):
    store.add_do_not_publish("Maria Lopez", photo_metadata.name_key("Maria Lopez"))
    raw = to_bytes(landscape(), xmp=xmp_packet(people=["Maria López", "Someone Else"]))
    [f] = I.check_photo(engine, raw, store=store)["findings"]
    assert f["rule"] == "image.do_not_publish" and f["severity"] == "block"
    assert "Maria Lopez" in f["message"] and "{names}" not in f["message"]


def test_a_listed_student_named_in_the_file_name_is_warned_by_name(engine, store):
    store.add_do_not_publish("Maria Lopez", photo_metadata.name_key("Maria Lopez"))
    findings = I.check_photo(engine, to_bytes(astronaut()), store=store, file_name="maria-lopez-fair.jpg")["findings"]
    assert [f["rule"] for f in findings] == ["image.do_not_publish"]
    assert I.check_photo(engine, to_bytes(astronaut()), store=store, file_name="fair.jpg")["findings"][0]["rule"] == "image.faces"


def test_a_reference_face_is_matched_in_another_photo_by_name(engine, store):
    student_id, _ = store.add_do_not_publish("Eileen Collins", photo_metadata.name_key("Eileen Collins"))
    reference = photo_faces.reference_features(to_bytes(astronaut()))
    store.add_do_not_publish_face(student_id, photo_faces.FEATURE_METHOD, photo_faces.features_to_bytes(reference))
    # Another photo of her: shifted, darker, recompressed, inside a 12-megapixel frame.
    other = cv2.convertScaleAbs(np.roll(astronaut(), 40, axis=1), alpha=0.8, beta=15)
    [f] = I.check_photo(engine, to_bytes(twelve_megapixels(other), quality=70), store=store)["findings"]
    assert f["rule"] == "image.do_not_publish" and "Eileen Collins" in f["message"]
    # Only the face's features are stored: no photo bytes in the database.
    [row] = store.do_not_publish_faces()
    assert len(row["features"]) == photo_faces.GRID * photo_faces.GRID * 59 * 4 and b"JFIF" not in row["features"]


def test_other_peoples_faces_do_not_match_the_reference():
    from skimage import data
    reference = photo_faces.reference_features(to_bytes(astronaut()))
    faces = data.lfw_subset()[:100]   # 100 faces of other people (Labeled Faces in the Wild)
    refs = [{"student_id": 1, "name": "Eileen Collins", "features": reference}]
    features = [photo_faces.face_features(cv2.resize((f * 255).astype(np.uint8), (120, 120)), (0, 0, 120, 120)) for f in faces]
    assert photo_faces.match_faces(features, refs) == []
    # ...while her own face, cropped differently, does.
    gray = photo_decode.decode_gray(to_bytes(astronaut()))[0]
    [box] = photo_faces.detect_faces(gray)
    x, y, w, h = box
    assert photo_faces.match_faces([photo_faces.face_features(gray, (x + 4, y + 3, w - 6, h - 6))], refs) == [{"id": 1, "name": "Eileen Collins"}]


def test_a_reference_photo_must_show_exactly_one_face():
    with pytest.raises(photo_decode.ImageError, match="found 0 faces"):
        photo_faces.reference_features(to_bytes(coffee()))


# ---- HEIC/HEIF (what iPhones save), written by pillow-heif in the test --------------------------------------
def heic(rgb, **kwargs) -> bytes:
    raw = to_bytes(rgb, fmt="HEIF", **kwargs)
    assert raw[4:12] == b"ftypheic"   # a real HEIC file, not a JPEG with another name
    return raw


def test_a_heic_portrait_has_her_face_and_a_heic_without_people_has_none():
    result = I.analyze(heic(astronaut()))
    assert (result.width, result.height) == (512, 512)
    [(x, y, w, h)] = result.faces
    assert 190 < x + w / 2 < 260 and 80 < y + h / 2 < 150
    assert I.analyze(heic(coffee())).faces == []


def test_a_heic_photos_exif_gps_and_xmp_names_are_read():
    lat, lon = I.analyze(with_gps(coffee(), fmt="HEIF")).gps
    assert lat == pytest.approx(GPS_LAT, abs=1e-4) and lon == pytest.approx(GPS_LON, abs=1e-4)
    assert I.analyze(heic(landscape(), xmp=xmp_packet(people=["Maria López"]))).names == ["Maria López"]


def test_a_heic_gets_the_findings_a_user_sees(engine):
    findings = I.check_photo(engine, with_gps(astronaut(), fmt="HEIF"))["findings"]
    assert [(f["rule"], f["category"]) for f in findings] == [("image.faces", "image.student_photo"),
                                                             ("image.gps", "image.location")]
    assert I.check_photo(engine, heic(landscape())) == {"findings": []}


def test_a_12_megapixel_heic_reports_the_face_in_its_own_coordinates():
    result = I.analyze(heic(twelve_megapixels(astronaut()), quality=60))
    assert (result.width, result.height) == (4032, 3024)
    [(x, y, w, h)] = result.faces
    assert w > 400 and 1000 < x + w / 2 < 3000


def test_a_listed_students_face_is_matched_in_a_heic_and_a_heic_can_be_the_reference(engine, store):
    student_id, _ = store.add_do_not_publish("Eileen Collins", photo_metadata.name_key("Eileen Collins"))
    reference = photo_faces.reference_features(heic(astronaut()))
    store.add_do_not_publish_face(student_id, photo_faces.FEATURE_METHOD, photo_faces.features_to_bytes(reference))
    other = cv2.convertScaleAbs(np.roll(astronaut(), 40, axis=1), alpha=0.8, beta=15)
    [f] = I.check_photo(engine, heic(other, quality=60), store=store)["findings"]
    assert f["rule"] == "image.do_not_publish" and "Eileen Collins" in f["message"]
    # A listed name in a HEIC's file name is caught too.
    store.add_do_not_publish("Maria Lopez", photo_metadata.name_key("Maria Lopez"))
    [f] = I.check_photo(engine, heic(landscape()), store=store, file_name="IMG_0042 maria lopez.HEIC")["findings"]
    assert "Maria Lopez" in f["message"]


def test_a_damaged_heic_is_a_clear_error_never_a_crash():
    raw = heic(astronaut())
    for cut in (200, len(raw) // 2):
        with pytest.raises(photo_decode.ImageError) as exc:
            I.analyze(raw[:cut])
        assert exc.value.status in (415, 422)
