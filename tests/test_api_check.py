"""POST /v1/check and GET /v1/health through the real app (test client), real SQLite, real keyring."""
import json
import uuid

from tests.support.app_client import client_for
from tests.support.origins import EXTENSION_ORIGIN, OTHER_EXTENSION_ORIGIN


def test_health_needs_no_token_and_names_the_versions(client, bundle):
    r = client.get("/v1/health")
    assert r.status_code == 200
    body = r.get_json()
    assert body["status"] == "ok" and body["rules_version"] == bundle["version"] and body["version"]


def test_check_reports_a_phone_number_with_its_citation(client, auth):
    r = client.post("/v1/check", json={"text": "text me at 309-555-0147", "site": "x", "surface": "post"}, headers=auth)
    assert r.status_code == 200
    [finding] = r.get_json()["findings"]
    assert finding["category"] == "pii.phone" and finding["span"] == [11, 23]
    assert finding["policy"]["section"] == "Personal Safety"


def test_a_dm_surface_is_flagged_even_with_no_text(client, auth):
    r = client.post("/v1/check", json={"text": "", "site": "instagram", "surface": "dm"}, headers=auth)
    assert [f["category"] for f in r.get_json()["findings"]] == ["direct_message"]


def test_check_without_a_token_is_refused(client):
    r = client.post("/v1/check", json={"text": "hi", "site": "x", "surface": "post"})
    assert r.status_code == 401 and "findings" not in r.get_json()


def test_check_with_a_wrong_token_is_refused(client, token):
    r = client.post("/v1/check", json={"text": "hi", "site": "x", "surface": "post"},
                    headers={"Authorization": "Bearer " + token[:-2] + "xx"})
    assert r.status_code == 401


def test_a_token_used_from_another_origin_is_refused(client, token):
    r = client.post("/v1/check", json={"text": "hi", "site": "x", "surface": "post"},
                    headers={"Authorization": f"Bearer {token}", "Origin": "https://evil.example"})
    assert r.status_code == 403
    r = client.post("/v1/check", json={"text": "hi", "site": "x", "surface": "post"},
                    headers={"Authorization": f"Bearer {token}", "Origin": OTHER_EXTENSION_ORIGIN})
    assert r.status_code == 403


def test_a_rebinding_host_header_is_refused(app, config, auth):
    for host in ("evil.example", f"evil.example:{config.port}", "127.0.0.1", f"127.0.0.1:{config.port + 1}"):
        client = client_for(app, host)
        assert client.get("/v1/health").status_code == 403
        assert client.post("/v1/check", json={"text": "hi", "site": "x", "surface": "post"}, headers=auth).status_code == 403
    assert client_for(app, f"localhost:{config.port}").get("/v1/health").status_code == 200


def post_raw(client, auth, data, content_type="application/json"):
    return client.post("/v1/check", data=data, headers={**auth, "Content-Type": content_type})


def test_bad_inputs_get_clear_errors_with_the_right_status(client, auth):
    cases = [
        (b"{not json", "application/json", 400),
        (b"", "application/json", 400),
        (b'{"text": "\xff\xfe", "site": "x", "surface": "post"}', "application/json", 400),
        (json.dumps({"text": "hi", "site": "x", "surface": "post"}).encode(), "text/plain", 415),
        (json.dumps(["text"]).encode(), "application/json", 422),
        (json.dumps({"text": 5, "site": "x", "surface": "post"}).encode(), "application/json", 422),
        (json.dumps({"site": "x", "surface": "post"}).encode(), "application/json", 422),
        (json.dumps({"text": "hi", "site": "myspace", "surface": "post"}).encode(), "application/json", 422),
        (json.dumps({"text": "hi", "site": "x", "surface": "story"}).encode(), "application/json", 422),
        (json.dumps({"text": "hi", "site": "x", "surface": "post", "extra": 1}).encode(), "application/json", 422),
        (json.dumps({"text": "a" * 300_000, "site": "x", "surface": "post"}).encode(), "application/json", 413),
        (json.dumps({"text": "a" * 1_000_000, "site": "x", "surface": "post"}).encode(), "application/json", 413),
        (b"[" * 100_000 + b"]" * 100_000, "application/json", 400),
    ]
    for data, content_type, status in cases:
        r = post_raw(client, auth, data, content_type)
        assert r.status_code == status, (data[:60], r.status_code, r.get_json())
        assert isinstance(r.get_json()["error"], str) and r.get_json()["error"]


def test_an_empty_draft_is_checked_not_refused(client, auth):
    r = client.post("/v1/check", json={"text": "", "site": "x", "surface": "post"}, headers=auth)
    assert r.status_code == 200 and r.get_json() == {"findings": []}


def test_unknown_routes_and_methods_answer_json(client, auth):
    assert client.get("/v1/nothing", headers=auth).get_json()["error"]
    assert client.get("/v1/check", headers=auth).status_code == 405


def test_cors_answers_only_paired_extension_origins(client, token):
    pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}
    r = client.options("/v1/check", headers={"Origin": EXTENSION_ORIGIN, **pre})
    assert r.headers.get("Access-Control-Allow-Origin") == EXTENSION_ORIGIN
    for origin in ("https://evil.example", OTHER_EXTENSION_ORIGIN, "null"):
        r = client.options("/v1/check", headers={"Origin": origin, **pre})
        assert "Access-Control-Allow-Origin" not in r.headers, origin


def test_a_checked_draft_reaches_no_log_and_no_file(helper_process):
    """A real `serve` process: the text of checked drafts (good, bad and too-big requests) appears
    neither in what it prints nor in any file of its data folder."""
    secret = "SENTINEL" + uuid.uuid4().hex
    token = helper_process.pair()
    headers = {"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN}
    drafts = [f"Call {secret} at 309-555-0142, https://{secret}.duckdns.org/x", f"{secret} lives at 12 Elm Street"]
    for text in drafts:
        status, body = helper_process.request("POST", "/v1/check", {"text": text, "site": "x", "surface": "post"}, headers)
        assert status == 200 and body["findings"], body
    status, _ = helper_process.request("POST", "/v1/check", {"text": secret, "site": "nowhere", "surface": "post"}, headers)
    assert status in (400, 422)
    status, _ = helper_process.request("POST", "/v1/check", b'{"text": "' + secret.encode() + b'", ', headers)
    assert status == 400
    helper_process.stop()
    printed = "".join(helper_process.output)
    assert "Social Guard helper http://127.0.0.1:" in printed   # what it printed was read
    assert secret not in printed
    for path in helper_process.home.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
