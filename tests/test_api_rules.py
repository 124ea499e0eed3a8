"""GET /v1/rules through the real app (real SQLite, real keyring): the rule bundle the helper checks
with, shipped or from an installed signed rule pack, for a paired extension's offline checks."""
from tests.support.app_client import client_for
from tests.support.origins import EXTENSION_ORIGIN
from tests.support.rule_packs import DISTRICT_RULE, PACK_VERSION, install_pack, signed_pack_with_rule

from helper.app import create_app


def test_rules_need_a_paired_browsers_token(client):
    r = client.get("/v1/rules")
    assert r.status_code == 401 and "bundle" not in r.get_json()


def test_the_shipped_rules_with_the_version_health_reports(client, auth, bundle):
    r = client.get("/v1/rules", headers=auth)
    assert r.status_code == 200
    body = r.get_json()
    assert body["version"] == body["bundle"]["version"] == client.get("/v1/health").get_json()["rules_version"]
    assert [rule["id"] for rule in body["bundle"]["rules"]] == [rule["id"] for rule in bundle["rules"]]
    assert body["bundle"]["lists"]["risky_hosts"] == bundle["lists"]["risky_hosts"]


def test_an_installed_rule_pack_is_what_the_extension_gets(tmp_path, keyring_service, config):
    signed, pub = signed_pack_with_rule(tmp_path, DISTRICT_RULE, PACK_VERSION)
    install_pack(config.home, signed, pub)
    app = create_app(config)
    try:
        client = client_for(app, f"127.0.0.1:{config.port}")
        code = app.extensions["sg.pairing"].new_code()
        token = client.post("/v1/pair", json={"code": code, "name": "t"}, headers={"Origin": EXTENSION_ORIGIN}).get_json()["token"]
        body = client.get("/v1/rules", headers={"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN}).get_json()
        assert body["version"] == PACK_VERSION
        assert body["bundle"]["rules"][-1] == DISTRICT_RULE
        # The helper's own checks use the same bundle.
        found = client.post("/v1/check", json={"text": "Update on Project Bluebird", "site": "x", "surface": "post"},
                            headers={"Authorization": f"Bearer {token}", "Origin": EXTENSION_ORIGIN}).get_json()
        assert [f["rule"] for f in found["findings"]] == ["district.project_bluebird"]
    finally:
        app.extensions["sg.store"].close()

