"""Crafted photos (tests/hostile_photos.py, built here byte by byte) against the photo budget: each
is refused or reduced from its header before it can cost seconds or hundreds of megabytes, in the
engine, through /v1/check-image, on the photo-consent page and from `check-image`; the workers keep
their memory limit and timeout; real photos still get their faces and metadata."""
from __future__ import annotations

import base64
import os
import subprocess
import sys
import threading

import pytest

import hostile_photos as hp
from photo_samples import astronaut, to_bytes
from tests.support.paths import ROOT

from helper.photos import worker as photo_worker
from helper.photos import check as images, decode as photo_decode, metadata as photo_metadata

NAME_XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>'
            b'<Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Maria Lopez</rdf:li><rdf:li>Sam Lee</rdf:li></rdf:Bag>'
            b'</Iptc4xmpExt:PersonInImage><mwg-rs:Name>Jo Park</mwg-rs:Name>'
            b'<rdf:li mwg-rs:Name = "Ann Bo"/></rdf:Description></rdf:RDF></x:xmpmeta>')


@pytest.fixture(scope="module")
def workers():
    pool = photo_worker.PhotoWorkers(workers=1, queue=4)
    yield pool
    pool.close()


def decoded_cost_refused(raw: bytes):
    with pytest.raises(photo_decode.ImageError) as refused:
        images.analyze(raw)
    assert refused.value.status == 413 and "more memory or time than any real photo" in str(refused.value)


def test_a_540_byte_progressive_10000x10000_jpeg_is_refused_from_its_header():
    raw = hp.progressive_bomb()
    assert len(raw) < 1000
    header = photo_decode._open_header(raw)
    assert header.size == (10000, 10000) and photo_decode.decode_cost(raw, header) >= 600_000_000
    decoded_cost_refused(raw)


def test_a_progressive_jpeg_of_2000_empty_scans_is_refused_by_its_scan_count():
    raw = hp.many_scans(2000)
    seed_scans = photo_decode.jpeg_scan_count(hp.many_scans(0), limit=10_000)
    assert 1 <= seed_scans <= 10 and photo_decode.jpeg_scan_count(raw, limit=10_000) == seed_scans + 2000
    assert photo_decode.decode_cost(raw, photo_decode._open_header(raw)) <= photo_decode.MAX_DECODE_BYTES   # memory alone would pass
    decoded_cost_refused(raw)


def test_scans_cannot_hide_behind_a_marker_without_a_length():
    raw = hp.many_scans(200)
    sos = raw.index(b"\xff\xda", raw.index(b"\xff\xc2"))
    for marker in (b"\xff\x01", b"\xff\xd8"):   # read as a length, "FF DA" would skip 64 KB
        hidden = raw[:sos] + marker + raw[sos:]
        assert photo_decode.jpeg_scan_count(hidden, limit=10_000) == photo_decode.jpeg_scan_count(raw, limit=10_000)


def test_a_real_progressive_jpeg_passes_the_budget_and_its_scans_are_counted():
    import io

    from PIL import Image
    buf = io.BytesIO()
    Image.fromarray(astronaut()).save(buf, format="JPEG", progressive=True, exif=b"Exif\0\0" + b"\xff\xda" * 50)
    raw = buf.getvalue()
    assert 5 <= photo_decode.jpeg_scan_count(raw) <= 12   # the SOS bytes inside the EXIF segment are not scans
    assert len(images.analyze(raw).faces) == 1


@pytest.mark.parametrize("build", [hp.giant_gif, hp.giant_png], ids=["GIF", "PNG"])
def test_a_100_megapixel_gif_or_png_is_refused_from_its_header(build):
    raw = build()
    assert len(raw) < 200_000 and photo_decode._open_header(raw).size == (10000, 10000)
    decoded_cost_refused(raw)


def test_a_49_megapixel_gif_is_decoded_reduced_within_the_memory_budget():
    raw = hp.giant_gif(7000, 7000)
    fresh = photo_worker.PhotoWorkers(workers=1, queue=0)
    try:
        result = fresh.analyze(raw)
        assert (result.width, result.height, result.faces) == (7000, 7000, [])
        assert fresh.peak_rss < 400 * 1024 * 1024, fresh.peak_rss
    finally:
        fresh.close()


def test_a_baseline_jpeg_claiming_100_megapixels_is_decoded_at_an_eighth_of_its_size(workers):
    raw = hp.baseline_giant()
    assert photo_decode.decode_cost(raw, photo_decode._open_header(raw)) < 10 * 1024 * 1024
    result = workers.analyze(raw)
    assert (result.width, result.height, result.faces) == (10000, 10000, [])


def test_an_xmp_of_unclosed_name_tags_is_read_in_one_linear_pass():
    assert len(hp.xmp_unclosed_names()) < 2000
    for raw in (hp.xmp_unclosed_names(), hp.xmp_unclosed_names(raw_too=True)):
        xmp = photo_metadata._xmp_text(raw, photo_decode._open_header(raw))
        assert xmp.count("<mwg-rs:Name>") >= 25_000
        assert photo_metadata.read_person_names(xmp) == []
        # The scan's work: the packet's length, not its square. 25,000 unclosed tags used to take seconds.
        assert images.analyze(raw).names == []


def test_names_in_xmp_elements_lists_and_attributes_are_still_read():
    assert photo_metadata.read_person_names(NAME_XMP.decode()) == ["Maria Lopez", "Sam Lee", "Ann Bo", "Jo Park"]
    unclosed_then_good = "<mwg-rs:Name>" * 1000 + "<mwg-rs:Name>Kim Oh</mwg-rs:Name>"
    assert photo_metadata._xmp_values(unclosed_then_good, "mwg-rs:Name") == ["Kim Oh"]
    assert photo_metadata._xmp_values("<mwg-rs:NameX>no</mwg-rs:NameX>", "mwg-rs:Name") == []
    raw = to_bytes(astronaut(), xmp=NAME_XMP)
    assert images.analyze(raw).names == ["Maria Lopez", "Sam Lee", "Ann Bo", "Jo Park"]


def test_a_worker_that_runs_over_its_memory_limit_refuses_the_photo_and_keeps_working():
    # The limit counts address space, which a loaded worker holds more of than it uses: 1 MB more
    # than its loaded size leaves it some tens of MB, less than this photo's 150 MB.
    small = photo_worker.PhotoWorkers(workers=1, queue=0, memory_bytes=1024 * 1024)
    try:
        with pytest.raises(photo_decode.ImageError) as refused:
            small.analyze(hp.giant_png(7000, 7000))
        assert refused.value.status in (413, 422)
        assert len(small.analyze(to_bytes(astronaut())).faces) == 1
    finally:
        small.close()


def test_a_photo_that_runs_over_the_time_limit_is_refused_and_the_worker_replaced():
    impatient = photo_worker.PhotoWorkers(workers=1, queue=0, timeout=0.001)
    try:
        with pytest.raises(photo_decode.ImageError) as refused:
            impatient.analyze(hp.giant_gif(7000, 7000))
        assert refused.value.status == 422 and "seconds to check" in str(refused.value)
        impatient.timeout = 60
        assert len(impatient.analyze(to_bytes(astronaut())).faces) == 1
    finally:
        impatient.close()


def test_image_errors_keep_their_status_across_the_process_boundary(workers):
    with pytest.raises(photo_decode.ImageError) as refused:
        workers.analyze(b"not a photo")
    assert refused.value.status == 415
    with pytest.raises(photo_decode.ImageError) as refused:
        workers.reference_features(to_bytes(hp.np.zeros((300, 300, 3), dtype=hp.np.uint8)))
    assert refused.value.faces == 0


def test_more_photos_than_workers_and_queue_are_refused_at_once_as_busy():
    pool = photo_worker.PhotoWorkers(workers=1, queue=0)
    try:
        assert pool._slots.acquire(blocking=False)   # one photo in hand
        with pytest.raises(photo_worker.PhotosBusy):
            pool.analyze(to_bytes(astronaut()))
        pool._slots.release()
        assert len(pool.analyze(to_bytes(astronaut())).faces) == 1
    finally:
        pool.close()


def post_photo(client, auth, raw: bytes):
    body = {"image": base64.b64encode(raw).decode(), "site": "facebook", "surface": "post"}
    return client.post("/v1/check-image", json=body, headers=auth)


@pytest.mark.parametrize("build", [hp.progressive_bomb, hp.many_scans], ids=["progressive-bomb", "2000-scans"])
def test_the_api_refuses_crafted_jpegs_with_a_plain_413(client, auth, build):
    response = post_photo(client, auth, build())
    assert response.status_code == 413
    assert response.get_json() == {"error": "the photo is built to need more memory or time than any real photo: "
                                            "it was not checked"}


def test_the_api_answers_the_xmp_photo_and_a_real_photo(client, auth):
    assert post_photo(client, auth, hp.xmp_unclosed_names()).get_json() == {"findings": []}
    rules = [f["rule"] for f in post_photo(client, auth, to_bytes(astronaut())).get_json()["findings"]]
    assert rules == ["image.faces"]


def test_check_image_from_the_command_line_refuses_a_crafted_jpeg(tmp_path):
    path = tmp_path / "bomb.jpg"
    path.write_bytes(hp.progressive_bomb())
    env = dict(os.environ, SOCIAL_GUARD_HOME=str(tmp_path / "home"))
    result = subprocess.run([sys.executable, "-m", "helper", "check-image", str(path)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "check-image: the photo is built to need more memory or time than any real photo" in result.stderr


def test_a_busy_helper_answers_429_with_retry_after_before_reading_the_photo(client, auth, monkeypatch):
    pool = photo_worker.PhotoWorkers(workers=1, queue=0)
    monkeypatch.setattr(photo_worker, "_shared", pool)
    read = []
    monkeypatch.setattr("helper.api.image.json_body", lambda: read.append(1) or {})
    taken = threading.Event()
    release = threading.Event()

    def hold_the_only_place():
        with pool.place():
            taken.set()
            release.wait(30)
    holder = threading.Thread(target=hold_the_only_place)
    holder.start()
    try:
        assert taken.wait(30)
        response = post_photo(client, auth, to_bytes(astronaut()))
        assert response.status_code == 429 and response.headers["Retry-After"] == "2"
        assert "checking other photos" in response.get_json()["error"] and read == []
    finally:
        release.set()
        holder.join()
        pool.close()


def test_a_crafted_reference_photo_is_named_with_its_reason_on_the_photo_consent_page(app, client, config):
    import io
    import re

    from helper.photos import do_not_publish as dnp
    token = app.extensions["sg.pairing"].new_login_token()
    assert client.get(f"/ui/login?token={token}").status_code == 303
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/ui/photo-consent").get_data(as_text=True)).group(1)
    response = client.post("/ui/photo-consent/add", data={
        "name": "Ann Lee", "csrf": csrf, "photos": [(io.BytesIO(hp.progressive_bomb()), "bomb.jpg"),
                                                    (io.BytesIO(hp.many_scans()), "scans.jpg")]},
        headers={"Origin": f"http://127.0.0.1:{config.port}"}, content_type="multipart/form-data")
    assert response.status_code == 422
    text = " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())
    reason = "This file is built to need far more memory or time than any real photo, so it was not used."
    assert f"bomb.jpg : {reason}" in text and f"scans.jpg : {reason}" in text
    assert [e["faces"] for e in dnp.entries(app.extensions["sg.store"])] == [0]
