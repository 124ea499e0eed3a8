"""District settings a teacher cannot loosen, on the helper's own pages (real Flask app, real SQLite,
real keyring): values from the district's managed file (helper/managed.py) are shown read-only,
"Set by your district", win over what a form sends and over the user's stored choice, and reach
the checker; a change to a value the district does not set is saved and logged in the audit log
(kind setting_changed), which the district's export forwards. English and Spanish."""
from __future__ import annotations

import json
import re

import pytest

from helper.audit import events as audit, export as audit_export
from helper.security import managed

MANAGED = {"mode": "block", "approvedChannels": ["facebook.com", "x.com", "remind.com"], "retentionDays": 400,
           "blocklist": ["not a host!"]}   # an invalid value is ignored, as Chrome ignores it


@pytest.fixture
def district_file(tmp_path, monkeypatch):
    path = tmp_path / "managed.json"
    path.write_text(json.dumps(MANAGED))
    monkeypatch.setenv(managed.ENV, str(path))
    return path


def signed_in(app, client, language="en"):
    token = app.extensions["sg.pairing"].new_login_token()
    assert client.get(f"/ui/login?token={token}").status_code == 303
    if language != "en":
        app.extensions["sg.store"].set_settings({"ui_language": language})
    page = client.get("/ui/settings").get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return page, csrf


def test_managed_values_are_read_only_and_said_so(district_file, app, client):
    assert managed.load() == {"mode": "block", "approved_channels": ["facebook.com", "x.com", "remind.com"],
                              "retention_days": 400}
    page, _csrf = signed_in(app, client)
    assert page.count("Set by your district") >= 4   # the note, mode, approved channels, retention
    assert re.search(r'<fieldset[^>]*data-managed="true" disabled', page)
    assert re.search(r'<textarea id="approved_channels"[^>]*readonly', page)
    assert not re.search(r'<textarea id="blocklist"[^>]*readonly', page)   # not set by the district
    assert re.search(r'id="retention_days"[^>]*value="400" readonly', page)
    assert app.extensions["sg.checker"].engine.settings["mode"] == "block"


def test_a_form_cannot_loosen_them_and_local_changes_are_logged(district_file, app, client, tmp_path):
    store = app.extensions["sg.store"]
    _page, csrf = signed_in(app, client)
    r = client.post("/ui/settings", headers={"Origin": f"http://127.0.0.1:{app.config['SG'].port}"},
        data={"csrf": csrf, "mode": "warn", "approved_channels": "tiktok.com", "protected_domains": "",
              "allowlist": "", "blocklist": "evil.example", "retention_days": "1"})
    assert r.status_code == 303, r.get_data(as_text=True)[:500]
    settings = app.extensions["sg.checker"].engine.settings
    assert settings["mode"] == "block"
    assert settings["approved_channels"] == ["facebook.com", "x.com", "remind.com"]
    assert "evil.example" in settings["blocklist"]          # the user's own, not the district's
    assert audit.retention_days(store) == 400
    changes = [e for e in store.query_events() if e["kind"] == "setting_changed"]
    assert {(e["rule"], e["reason"]) for e in changes} >= {("blocklist", "+evil.example")}
    assert not any(e["rule"] in ("mode", "approved_channels", "retention_days") for e in changes)
    target = tmp_path / "export.jsonl"
    audit_export.configure(store, "jsonl", str(target))
    audit_export.run(store)
    forwarded = [json.loads(line) for line in target.read_text().splitlines()]
    assert any(r["kind"] == "setting_changed" and r["rule"] == "blocklist" and r["reason"] == "+evil.example"
               for r in forwarded)


def test_spanish(district_file, app, client):
    page, _csrf = signed_in(app, client, "es")
    page = client.get("/ui/settings").get_data(as_text=True)
    assert "Establecido por su distrito" in page
    assert "viene de su distrito y no se puede cambiar aquí" in page


def test_no_file_no_lock(tmp_path, monkeypatch, app, client):
    monkeypatch.setenv(managed.ENV, str(tmp_path / "absent.json"))
    page, _csrf = signed_in(app, client)
    assert "Set by your district" not in page
