"""POST /v1/check-image through the real app (test client, real SQLite, real keyring) and through a
real helper process: authenticated like /v1/check, JSON with the photo in base64, a larger body
limit for this route only, the contract's output object, and nothing about the photo kept."""
from __future__ import annotations

import base64

import pytest

from helper.photos import check as I, metadata as photo_metadata
from photo_samples import astronaut, coffee, landscape, to_bytes, with_gps

# The extension origin the `auth` fixture pairs (tests/conftest.py), spelled out here: a module named
# conftest is ambiguous when the e2e tests are collected in the same run.
EXTENSION_ORIGIN = "chrome-extension://" + "abcdefghijklmnopabcdefghijklmnop"


def body(raw: bytes, **extra) -> dict:
    return {"image": base64.b64encode(raw).decode("ascii"), "site": "facebook", "surface": "post", **extra}


def test_a_photo_of_a_person_gets_the_consent_finding(client, auth):
    r = client.post("/v1/check-image", json=body(to_bytes(astronaut())), headers=auth)
    assert r.status_code == 200, r.get_json()
    [f] = r.get_json()["findings"]
    assert (f["rule"], f["category"], f["severity"], f["span"]) == ("image.faces", "image.student_photo", "warn", [0, 0])
    assert f["policy"]["section"].endswith("Images")


def test_gps_and_faces_and_the_spanish_messages(client, auth):
    r = client.post("/v1/check-image", json=body(with_gps(astronaut()), locale="es"), headers=auth)
    findings = r.get_json()["findings"]
    assert [f["category"] for f in findings] == ["image.student_photo", "image.location"]
    assert "ubicación" in findings[1]["message"]


def test_a_data_url_is_accepted_too(client, auth):
    raw = "data:image/jpeg;base64," + base64.b64encode(with_gps(coffee())).decode()
    r = client.post("/v1/check-image", json={"image": raw, "site": "x", "surface": "post"}, headers=auth)
    assert [f["category"] for f in r.get_json()["findings"]] == ["image.location"]


def test_a_clean_photo_has_no_findings(client, auth):
    r = client.post("/v1/check-image", json=body(to_bytes(landscape())), headers=auth)
    assert r.status_code == 200 and r.get_json() == {"findings": []}


def test_the_file_name_can_name_a_student_on_the_do_not_publish_list(app, client, auth):
    app.extensions["sg.store"].add_do_not_publish("Maria Lopez", photo_metadata.name_key("Maria Lopez"))
    r = client.post("/v1/check-image", json=body(to_bytes(landscape()), name="Maria_Lopez_2.jpg"), headers=auth)
    [f] = r.get_json()["findings"]
    assert f["rule"] == "image.do_not_publish" and "Maria Lopez" in f["message"]


def test_no_token_no_check(client):
    r = client.post("/v1/check-image", json=body(to_bytes(astronaut())))
    assert r.status_code == 401 and "findings" not in r.get_json()


def test_another_origin_with_the_token_is_refused(client, token):
    r = client.post("/v1/check-image", json=body(to_bytes(astronaut())),
                    headers={"Authorization": f"Bearer {token}", "Origin": "https://evil.example"})
    assert r.status_code == 403


def test_a_photo_larger_than_the_check_body_limit_is_accepted_here_only(client, auth, config):
    # About 1.5 MB of base64: over /v1/check's 512 KB limit, well under this route's.
    noisy = __import__("numpy").random.default_rng(3).integers(0, 255, (900, 900, 3), dtype="uint8")
    raw = to_bytes(noisy, quality=95)
    payload = body(raw)
    assert len(payload["image"]) > config.max_body_bytes
    assert client.post("/v1/check-image", json=payload, headers=auth).status_code == 200
    r = client.post("/v1/check", json={"text": payload["image"], "site": "x", "surface": "post"}, headers=auth)
    assert r.status_code == 413


def test_a_body_over_the_route_limit_is_413(client, auth):
    from helper.api.image import MAX_IMAGE_BODY_BYTES
    r = client.post("/v1/check-image", data=b"{" + b" " * (MAX_IMAGE_BODY_BYTES + 10) + b"}",
                    content_type="application/json", headers=auth)
    assert r.status_code == 413


@pytest.mark.parametrize("payload,status,words", [
    ({"site": "x", "surface": "post"}, 422, "'image' is required"),
    ({"image": "%%%not base64%%%", "site": "x", "surface": "post"}, 422, "base64"),
    ({"image": base64.b64encode(b"plain text").decode(), "site": "x", "surface": "post"}, 415, "not a photo"),
    ({"image": "aGVsbG8=", "site": "myspace", "surface": "post"}, 422, "'site'"),
    ({"image": "aGVsbG8=", "site": "x", "surface": "post", "text": "hi"}, 422, "unknown field"),
    ({"image": "aGVsbG8=", "site": "x", "surface": "post", "locale": "fr"}, 422, "'locale'"),
    ([1, 2], 422, "JSON object"),
])
def test_bad_inputs_say_what_is_wrong(client, auth, payload, status, words):
    r = client.post("/v1/check-image", json=payload, headers=auth)
    assert r.status_code == status and words in r.get_json()["error"]


def test_json_only(client, auth):
    r = client.post("/v1/check-image", data=to_bytes(astronaut()), content_type="image/jpeg", headers=auth)
    assert r.status_code == 415


def test_the_route_is_in_the_openapi_document(client):
    doc = client.get("/v1/openapi.json").get_json()
    op = doc["paths"]["/v1/check-image"]["post"]
    assert op["security"] == [{"bearer": []}]
    schema = op["requestBody"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("CheckImageInput")
    assert set(doc["components"]["schemas"]["CheckImageInput"]["required"]) == {"image", "site", "surface"}


def test_a_real_helper_checks_a_photo_and_keeps_nothing_of_it(helper_process):
    token = helper_process.pair()
    raw = with_gps(astronaut())
    status, answer = helper_process.request("POST", "/v1/check-image", body(raw),
                                            {"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN})
    assert status == 200 and [f["rule"] for f in answer["findings"]] == ["image.faces", "image.gps"]
    # A photo over the 512 KB limit of the other routes, through waitress too.
    noisy = __import__("numpy").random.default_rng(5).integers(0, 255, (900, 900, 3), dtype="uint8")
    status, answer = helper_process.request("POST", "/v1/check-image", body(to_bytes(noisy, quality=95)),
                                            {"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN})
    assert status == 200 and answer == {"findings": []}
    helper_process.stop()
    # Nothing of the photo is in the helper's data folder or its output.
    marker = raw[200:264]
    for path in helper_process.home.rglob("*"):
        if path.is_file():
            assert marker not in path.read_bytes(), path
    assert base64.b64encode(raw)[:60].decode() not in "".join(helper_process.output)


def test_the_answer_boxes_the_faces_it_found_and_nothing_else(client, auth):
    r = client.post("/v1/check-image", json=body(to_bytes(astronaut())), headers=auth)
    answer = r.get_json()
    assert set(answer) == {"findings", "faces"}
    [(x, y, w, h)] = answer["faces"]
    # The astronaut's face is in the upper middle of the 512 x 512 portrait (about pixels 150-260 across).
    assert 0.25 < x + w / 2 < 0.6 and 0.1 < y + h / 2 < 0.4, answer["faces"]
    assert 0.1 < w < 0.4 and 0.1 < h < 0.4 and x + w <= 1 and y + h <= 1
    assert [f["rule"] for f in answer["findings"]] == ["image.faces"]   # the findings are as before


def test_a_photo_without_people_has_no_boxes(client, auth):
    r = client.post("/v1/check-image", json=body(with_gps(coffee())), headers=auth)
    answer = r.get_json()
    assert "faces" not in answer and [f["category"] for f in answer["findings"]] == ["image.location"]


def test_the_boxes_are_fractions_of_the_upright_photo(client, auth):
    # The same portrait at twice the size, stored sideways with EXIF Orientation 6 (rotate 90° to show):
    # the box is where a browser showing the photo upright draws the face.
    import io

    import numpy as np
    from PIL import Image
    upright = client.post("/v1/check-image", json=body(to_bytes(astronaut())), headers=auth).get_json()["faces"]
    sideways = Image.fromarray(np.rot90(np.repeat(np.repeat(astronaut(), 2, 0), 2, 1), k=1))
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    sideways.save(buf, "JPEG", quality=90, exif=exif)
    rotated = client.post("/v1/check-image", json=body(buf.getvalue()), headers=auth).get_json()["faces"]
    assert len(rotated) == 1 and all(abs(a - b) < 0.05 for a, b in zip(upright[0], rotated[0])), (upright, rotated)
