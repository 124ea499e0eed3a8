"""The Firefox build passes `web-ext lint` with no errors and no warnings."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB_EXT = ROOT / "node_modules" / ".bin" / "web-ext"


@pytest.mark.skipif(not WEB_EXT.exists(), reason="npm packages not installed (python3 build.py setup)")
def test_web_ext_lint_is_clean(tmp_path):
    from buildtools.extension import build

    out = build(ROOT, tmp_path / "dist")
    run = subprocess.run([str(WEB_EXT), "lint", "--source-dir", out["firefox"], "--output=json", "--no-input"],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    report = json.loads(run.stdout)
    problems = [(m["code"], m.get("file"), m["message"]) for k in ("errors", "warnings") for m in report[k]]
    assert report["summary"]["errors"] == 0 and report["summary"]["warnings"] == 0, problems


def test_fewest_permissions(tmp_path):
    from buildtools.extension import build

    out = build(ROOT, tmp_path / "dist")
    for browser in ("chrome", "firefox"):
        manifest = json.loads((Path(out[browser]) / "manifest.json").read_text())
        assert manifest["manifest_version"] == 3
        assert manifest["permissions"] == ["storage"]
        hosts = manifest["host_permissions"]
        assert "http://127.0.0.1/*" in hosts
        assert not any(h in ("<all_urls>", "*://*/*", "https://*/*", "http://*/*") for h in hosts)
        assert all(h.startswith("https://") or h == "http://127.0.0.1/*" for h in hosts)
        assert "optional_permissions" not in manifest
    ff = json.loads((Path(out["firefox"]) / "manifest.json").read_text())
    assert ff["browser_specific_settings"]["gecko"]["id"]
    assert ff["background"]["scripts"] == ["background/service-worker.js"]
    chrome = json.loads((Path(out["chrome"]) / "manifest.json").read_text())
    assert chrome["background"]["service_worker"] == "background/service-worker.js"
    assert (Path(out["chrome"]) / "rules" / "bundle.json").is_file()
    assert Path(out["chrome_zip"]).is_file() and Path(out["firefox_zip"]).is_file()


def test_site_profiles_match_their_schema():
    jsonschema = pytest.importorskip("jsonschema")
    sites = json.loads((ROOT / "shared_rules" / "sites.json").read_text())
    schema = json.loads((ROOT / "shared_rules" / "schema" / "sites.schema.json").read_text())
    jsonschema.validate(sites, schema)
    broken = json.loads(json.dumps(sites))
    broken["profiles"]["x"]["composers"][0]["kind"] = "telepathy"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
